import ConformModel

/// The static type of an expression, known when the rule file loads.
public enum ExpressionType: Sendable, Equatable, CustomStringConvertible {
    /// A quantity of one of these dimensions (several when the vocabulary allows several).
    case quantity(Set<Dimension>)
    case boolean
    /// A point in time (an event).
    case instant
    case string

    public var description: String {
        switch self {
        case .quantity(let dimensions): dimensions.map(\.name).sorted().joined(separator: " or ")
        case .boolean: "a yes/no value"
        case .instant: "a time (event)"
        case .string: "a string"
        }
    }
}

/// Where a rule is evaluated: once per test (it may read the test's conditions, measurements,
/// observations, events and its sample's properties) or once per report.
public enum RuleScope: String, Sendable, CaseIterable {
    case test
    /// Once per sample: reads the sample, its properties and the report.
    case sample
    case report

    /// The paths a rule of this scope may read.
    var readable: Set<PathKind> {
        switch self {
        case .test: Set(PathKind.allCases)
        case .sample: [.sample, .property, .report]
        case .report: [.report]
        }
    }
}
