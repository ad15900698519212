import ConformFindings
import ConformModel

/// A checked expression, ready to evaluate: names are resolved, types and dimensions are known,
/// and nothing is parsed again. Evaluating it walks this small tree once.
/// (Immutable and shared: a rule's expressions are read for every test it runs on, and a copy of
/// a struct of four references counted each of them up and down.)
public final class CompiledExpression: Sendable {
    let root: ExpressionNode
    public let type: ExpressionType
    /// The text it was compiled from (for `rules explain`).
    public let source: String
    /// Every value the expression reads, as `kind.name` (for `rules explain` and lint).
    public let reads: [String]
    /// How many distinct values it reads, at least one and at most eight: the room its
    /// evaluation makes for evidence at once.
    let expectedReads: Int

    init(root: ExpressionNode, type: ExpressionType, source: String, reads: [String]) {
        self.root = root
        self.type = type
        self.source = source
        self.reads = reads
        expectedReads = min(max(Set(reads).count, 1), 8)
    }
}

extension CompiledExpression {
    /// The limits its comparisons with a constant were compiled with (for messages made ahead).
    var limits: [Limit] {
        var result: [Limit] = []
        root.collectLimits(into: &result)
        return result
    }
}

extension ExpressionNode {
    func collectLimits(into result: inout [Limit]) {
        switch self {
        case .compareToConstant(_, let left, _, let limit):
            result.append(limit)
            left.collectLimits(into: &result)
        case .not(let inner), .negate(let inner), .absolute(let inner):
            inner.collectLimits(into: &result)
        case .logic(_, let left, let right), .compare(_, let left, let right), .arithmetic(_, let left, let right, _):
            left.collectLimits(into: &result)
            right.collectLimits(into: &result)
        case .chain(_, let links):
            for link in links { link.collectLimits(into: &result) }
        case .within(let x, let centre, let tolerance):
            for node in [x, centre, tolerance] { node.collectLimits(into: &result) }
        case .constant, .boolean, .text, .field, .statement, .quantityPath, .observation, .event, .exists, .existsField, .count,
             .notObservation:
            break
        }
    }
}

/// Text an evaluation would otherwise build again and again, built once at compile time (and
/// shared: taking it out of a node is one reference count, not three).
final class NodeLabels: Sendable {
    /// `observation fire`, `test.start`, …: what a missing value is called.
    let missing: String
    /// `fire = true` / `fire = false`, or `… recorded` / `… not recorded` for exists().
    let yes: String
    let no: String

    init(missing: String, yes: String, no: String) {
        self.missing = missing
        self.yes = yes
        self.no = no
    }
}

indirect enum ExpressionNode: Sendable {
    /// A constant; `base`/`delta` are precomputed unless the unit is a rate current (I1, I3).
    case constant(Quantity, base: Double?, delta: Double?)
    case boolean(Bool)
    case text(String)
    case field(Field, label: String)
    case statement(String)
    /// `condition.x`, `measurement.x`, `property.x`; `missing` is what a missing one is called.
    case quantityPath(PathKind, String, missing: String)
    case observation(String, NodeLabels)
    case event(String)
    case exists(PathKind, String, NodeLabels)
    /// `exists(sample.model)`: whether the field has a value.
    case existsField(Field, NodeLabels)
    case count(String)
    case not(ExpressionNode)
    /// `not observation.x`, in one node (requirements list the hazards that must not occur).
    case notObservation(String, NodeLabels)
    case logic(BinaryOperator, ExpressionNode, ExpressionNode)
    /// `a and b and c …` (or `or`): a chain of one operator, combined left to right exactly as
    /// the nested `logic` nodes it replaces, without a node and a truth value per link.
    case chain(BinaryOperator, [ExpressionNode])
    case compare(BinaryOperator, ExpressionNode, ExpressionNode)
    /// `x op constant`: the constant's value and the limit a finding shows are made at compile time.
    case compareToConstant(BinaryOperator, ExpressionNode, constant: RuntimeQuantity, limit: Limit)
    case arithmetic(BinaryOperator, ExpressionNode, ExpressionNode, result: Dimension?)
    case negate(ExpressionNode)
    case absolute(ExpressionNode)
    case within(ExpressionNode, ExpressionNode, ExpressionNode)
}
