import ConformFindings
import ConformModel

/// Type-checks parsed expressions against the vocabulary and the unit table, and compiles them.
/// Refused here, before any report is read: unknown names, comparisons or arithmetic across
/// dimensions, a report-level rule reading a test's values, a non-boolean requirement.
public struct ExpressionCompiler: Sendable {
    public let units: UnitCatalog
    public let vocabulary: Vocabulary
    /// Whether the usual forms are compiled into the nodes made for them (`notObservation`,
    /// `chain`, `compareToConstant`). Off only in the test that checks those nodes answer exactly
    /// as the plain tree does.
    var shortcuts = true
    /// The unit table's spellings for the parser, made once for every expression compiled.
    private let spellings: UnitSpellings

    public init(units: UnitCatalog, vocabulary: Vocabulary) {
        self.units = units
        self.vocabulary = vocabulary
        self.spellings = UnitSpellings(units)
    }

    /// Compiles `text`, which must be a yes/no expression (a requirement or a condition).
    public func compileCondition(_ text: String, scope: RuleScope) throws(ExpressionError) -> CompiledExpression {
        let syntax = try ExpressionParser.parse(text, units: units, spellings: spellings)
        var reads: [String] = []
        let (node, type) = try check(syntax, scope: scope, reads: &reads)
        guard type == .boolean else {
            throw ExpressionError(position: syntax.position, message: "the expression gives \(type), but a requirement or condition must give yes or no (use a comparison)")
        }
        return CompiledExpression(root: node, type: type, source: text, reads: reads)
    }

    private func check(_ syntax: Syntax, scope: RuleScope, reads: inout [String]) throws(ExpressionError) -> (ExpressionNode, ExpressionType) {
        switch syntax {
        case .number(let value, let unit, _):
            let unit = unit ?? units.baseUnits[.dimensionless] ?? MeasurementUnit(symbol: "1", dimension: .dimensionless)
            let quantity = Quantity(value, unit)
            let rate = unit.ratedCurrentHours != nil
            return (.constant(quantity, base: rate ? nil : value * unit.factor + unit.offset, delta: rate ? nil : value * unit.factor),
                    .quantity([unit.dimension]))

        case .boolean(let value, _):
            return (.boolean(value), .boolean)

        case .string(let text, _):
            return (.text(text), .string)

        case .path(let kind, let name, let position):
            if !scope.readable.contains(kind) {
                throw ExpressionError(position: position, message: "a per-\(scope.rawValue) rule cannot read \(kind.rawValue).\(name) (it may read: \(scope.readable.map { "\($0.rawValue).*" }.sorted().joined(separator: ", ")))")
            }
            reads.append("\(kind.rawValue).\(name)")
            switch kind {
            case .condition, .measurement, .property:
                let vocabularyKind: Vocabulary.Kind = kind == .condition ? .condition : kind == .measurement ? .measurement : .property
                guard let dimensions = vocabulary.dimensions(of: name, as: vocabularyKind) else {
                    throw ExpressionError(position: position, message: "'\(name)' is not a \(kind.rawValue) in the vocabulary (Rules/vocabulary.yaml)")
                }
                return (.quantityPath(kind, name, missing: "\(kind.rawValue) \(name)"), .quantity(Set(dimensions)))
            case .observation:
                guard vocabulary.knows(name, as: .observation) else {
                    throw ExpressionError(position: position, message: "'\(name)' is not an observation in the vocabulary (Rules/vocabulary.yaml)")
                }
                return (.observation(name, NodeLabels(missing: "observation \(name)", yes: "\(name) = true", no: "\(name) = false")), .boolean)
            case .sample, .test, .report:
                let fields = PathKind.fields[kind] ?? [:]
                guard let type = fields[name], let field = Field(kind, name) else {
                    throw ExpressionError(position: position, message: "\(kind.rawValue).\(name) is not a \(kind.rawValue) field (known: \(fields.keys.sorted().joined(separator: ", ")))")
                }
                return (.field(field, label: "\(kind.rawValue).\(name)"), type)
            case .event:
                guard vocabulary.knows(name, as: .event) else {
                    throw ExpressionError(position: position, message: "'\(name)' is not an event in the vocabulary (Rules/vocabulary.yaml)")
                }
                return (.event(name), .instant)
            }

        case .not(let inner, let position):
            let (node, type) = try check(inner, scope: scope, reads: &reads)
            guard type == .boolean else { throw ExpressionError(position: position, message: "'not' needs a yes/no value, not \(type)") }
            if shortcuts, case .observation(let name, let labels) = node { return (.notObservation(name, labels), .boolean) }
            return (.not(node), .boolean)

        case .negate(let inner, let position):
            let (node, type) = try check(inner, scope: scope, reads: &reads)
            guard case .quantity = type else { throw ExpressionError(position: position, message: "'-' needs a quantity, not \(type)") }
            return (.negate(node), type)

        case .binary(let op, let left, let right, let position):
            let (l, lt) = try check(left, scope: scope, reads: &reads)
            let (r, rt) = try check(right, scope: scope, reads: &reads)
            return try binary(op, l, lt, r, rt, position)

        case .call(let name, let arguments, let position):
            return try call(name, arguments, position, scope: scope, reads: &reads)
        }
    }

    private func binary(_ op: BinaryOperator, _ l: ExpressionNode, _ lt: ExpressionType, _ r: ExpressionNode, _ rt: ExpressionType,
                        _ position: ExpressionPosition) throws(ExpressionError) -> (ExpressionNode, ExpressionType) {
        switch op {
        case .and, .or:
            guard lt == .boolean, rt == .boolean else {
                throw ExpressionError(position: position, message: "'\(op.rawValue)' joins yes/no values, not \(lt == .boolean ? rt : lt)")
            }
            // A chain grows on its left (`a and b and c` is `(a and b) and c`): the links become
            // one list, evaluated in the same order and combined in the same order.
            switch l {
            case .logic(op, let first, let second) where shortcuts: return (.chain(op, [first, second, r]), .boolean)
            case .chain(op, let links): return (.chain(op, links + [r]), .boolean)
            default: return (.logic(op, l, r), .boolean)
            }
        case _ where op.isComparison:
            switch (lt, rt) {
            case (.quantity(let a), .quantity(let b)):
                guard !a.isDisjoint(with: b) else {
                    throw ExpressionError(position: position, message: "cannot compare \(lt) with \(rt)")
                }
            case (.instant, .instant):
                break
            case (.boolean, .boolean) where op == .equal || op == .notEqual:
                break
            case (.string, .string) where op == .equal || op == .notEqual:
                break
            default:
                throw ExpressionError(position: position, message: "cannot compare \(lt) with \(rt) using '\(op.rawValue)'")
            }
            // Against a constant (most limits): the constant and the limit shown, made once here.
            if shortcuts, case .constant(let quantity, let base?, let delta?) = r, case .quantity = lt {
                let constant = RuntimeQuantity(base: base, delta: delta, dimension: quantity.dimension, uncertainty: nil, written: quantity,
                                               isConstant: true, name: nil)
                return (.compareToConstant(op, l, constant: constant, limit: Limit(op: op.rawValue, value: quantity.value, unit: quantity.unit.symbol)), .boolean)
            }
            return (.compare(op, l, r), .boolean)
        case .plus, .minus:
            switch (lt, rt) {
            case (.quantity(let a), .quantity(let b)):
                let common = a.intersection(b)
                guard !common.isEmpty else { throw ExpressionError(position: position, message: "cannot \(op == .plus ? "add" : "subtract") \(rt) \(op == .plus ? "to" : "from") \(lt)") }
                return (.arithmetic(op, l, r, result: common.count == 1 ? common.first : nil), .quantity(common))
            case (.instant, .instant) where op == .minus:
                return (.arithmetic(op, l, r, result: Dimension("time")), .quantity([Dimension("time")]))
            default:
                throw ExpressionError(position: position, message: "cannot apply '\(op.rawValue)' to \(lt) and \(rt)")
            }
        default: // times, divide
            guard case .quantity(let a) = lt, case .quantity(let b) = rt else {
                throw ExpressionError(position: position, message: "cannot apply '\(op.rawValue)' to \(lt) and \(rt)")
            }
            let none: Set<Dimension> = [.dimensionless]
            if b == none { return (.arithmetic(op, l, r, result: a.count == 1 ? a.first : nil), .quantity(a)) }
            if a == none, op == .times { return (.arithmetic(op, l, r, result: b.count == 1 ? b.first : nil), .quantity(b)) }
            if op == .divide, a.count == 1, a == b { return (.arithmetic(op, l, r, result: .dimensionless), .quantity(none)) }
            if op == .times, a.count == 1, b.count == 1, let da = a.first, let db = b.first, let product = units.product(da, db) {
                return (.arithmetic(op, l, r, result: product), .quantity([product]))
            }
            throw ExpressionError(position: position, message: "cannot \(op == .times ? "multiply" : "divide") \(lt) by \(rt): only ratios of one dimension, scaling by a number and the products of units.yaml are defined")
        }
    }

    private func call(_ name: String, _ arguments: [Syntax], _ position: ExpressionPosition, scope: RuleScope,
                      reads: inout [String]) throws(ExpressionError) -> (ExpressionNode, ExpressionType) {
        switch name {
        case "within":
            guard arguments.count == 3 else { throw ExpressionError(position: position, message: "within(x, centre, tolerance) takes 3 arguments") }
            var nodes: [ExpressionNode] = []
            var common: Set<Dimension>?
            for argument in arguments {
                let (node, type) = try check(argument, scope: scope, reads: &reads)
                guard case .quantity(let dimensions) = type else {
                    throw ExpressionError(position: argument.position, message: "within() compares quantities, not \(type)")
                }
                let next = common.map { $0.intersection(dimensions) } ?? dimensions
                guard !next.isEmpty else {
                    throw ExpressionError(position: argument.position, message: "within() needs one dimension for all three arguments; \(type) does not fit")
                }
                common = next
                nodes.append(node)
            }
            return (.within(nodes[0], nodes[1], nodes[2]), .boolean)
        case "exists":
            guard arguments.count == 1, case .path(let kind, let pathName, _) = arguments[0] else {
                throw ExpressionError(position: position, message: "exists() takes one path, e.g. exists(event.fire)")
            }
            _ = try check(arguments[0], scope: scope, reads: &reads)
            let label = "\(kind.rawValue) \(pathName)"
            let labels = NodeLabels(missing: label, yes: "\(label) recorded", no: "\(label) not recorded")
            if let field = Field(kind, pathName) { return (.existsField(field, labels), .boolean) }
            return (.exists(kind, pathName, labels), .boolean)
        case "count":
            guard arguments.count == 1, case .string(let type, let argumentPosition) = arguments[0] else {
                throw ExpressionError(position: position, message: "count() takes one test type in quotes, e.g. count(\"overcharge\")")
            }
            guard vocabulary.testTypes.contains(type) else {
                throw ExpressionError(position: argumentPosition, message: "'\(type)' is not a test type in the vocabulary (Rules/vocabulary.yaml)")
            }
            reads.append("tests.\(type)")
            return (.count(type), .quantity([.dimensionless]))
        case "statement":
            guard arguments.count == 1, case .string(let kind, _) = arguments[0] else {
                throw ExpressionError(position: position, message: "statement() takes one statement kind in quotes, e.g. statement(\"resultsRelateOnlyToItemsTested\")")
            }
            reads.append("statement.\(kind)")
            return (.statement(kind), .boolean)
        case "abs":
            guard arguments.count == 1 else { throw ExpressionError(position: position, message: "abs() takes one argument") }
            let (node, type) = try check(arguments[0], scope: scope, reads: &reads)
            guard case .quantity = type else { throw ExpressionError(position: position, message: "abs() needs a quantity, not \(type)") }
            return (.absolute(node), type)
        default:
            throw ExpressionError(position: position, message: "unknown function '\(name)' (known: within, exists, count, statement, abs)")
        }
    }
}
