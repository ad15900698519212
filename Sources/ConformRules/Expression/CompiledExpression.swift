import ConformModel

/// A checked expression, ready to evaluate: names are resolved, types and dimensions are known,
/// and nothing is parsed again. Evaluating it walks this small tree once.
public struct CompiledExpression: Sendable {
    let root: ExpressionNode
    public let type: ExpressionType
    /// The text it was compiled from (for `rules explain`).
    public let source: String
    /// Every value the expression reads, as `kind.name` (for `rules explain` and lint).
    public let reads: [String]
}

indirect enum ExpressionNode: Sendable {
    case constant(Quantity)
    case boolean(Bool)
    case text(String)
    case field(PathKind, String)
    case statement(String)
    case quantityPath(PathKind, String)
    case observation(String)
    case event(String)
    case exists(PathKind, String)
    case count(String)
    case not(ExpressionNode)
    case logic(BinaryOperator, ExpressionNode, ExpressionNode)
    case compare(BinaryOperator, ExpressionNode, ExpressionNode)
    case arithmetic(BinaryOperator, ExpressionNode, ExpressionNode, result: Dimension?)
    case negate(ExpressionNode)
    case absolute(ExpressionNode)
    case within(ExpressionNode, ExpressionNode, ExpressionNode)
}
