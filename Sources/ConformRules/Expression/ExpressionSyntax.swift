import ConformModel

/// A place inside one expression's text (0-based UTF-8 offset), mapped to file:line:column by
/// the loader.
public struct ExpressionPosition: Sendable, Equatable {
    public let offset: Int
}

/// What a path in an expression reads.
public enum PathKind: String, Sendable, CaseIterable {
    case condition, measurement, property, observation, event
    /// `sample.level`, `sample.state`, `sample.chemistry`, `sample.model`: the test's sample.
    case sample

    static let sampleFields: Set<String> = ["level", "state", "chemistry", "model"]
}

/// The parsed, not yet checked, form of an expression.
indirect enum Syntax {
    case number(Double, unit: MeasurementUnit?, ExpressionPosition)
    case boolean(Bool, ExpressionPosition)
    case string(String, ExpressionPosition)
    case path(PathKind, String, ExpressionPosition)
    case not(Syntax, ExpressionPosition)
    case negate(Syntax, ExpressionPosition)
    case binary(BinaryOperator, Syntax, Syntax, ExpressionPosition)
    case call(String, [Syntax], ExpressionPosition)

    var position: ExpressionPosition {
        switch self {
        case .number(_, _, let p), .boolean(_, let p), .string(_, let p), .path(_, _, let p), .not(_, let p),
             .negate(_, let p), .binary(_, _, _, let p), .call(_, _, let p): p
        }
    }
}

enum BinaryOperator: String, Sendable {
    case and, or
    case less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">=", equal = "==", notEqual = "!="
    case plus = "+", minus = "-", times = "*", divide = "/"

    var isComparison: Bool {
        switch self {
        case .less, .lessOrEqual, .greater, .greaterOrEqual, .equal, .notEqual: true
        default: false
        }
    }

    /// The same comparison with its operands swapped (`5 < x` is `x > 5`).
    var mirrored: BinaryOperator {
        switch self {
        case .less: .greater
        case .lessOrEqual: .greaterOrEqual
        case .greater: .less
        case .greaterOrEqual: .lessOrEqual
        default: self
        }
    }
}

/// An expression that could not be parsed or checked: where, and why.
public struct ExpressionError: Error, Sendable, Equatable {
    public let position: ExpressionPosition
    public let message: String
}
