import ConformModel

/// A place inside one expression's text (0-based UTF-8 offset), mapped to file:line:column by
/// the loader.
public struct ExpressionPosition: Sendable, Equatable {
    public let offset: Int
}

/// What a path in an expression reads.
public enum PathKind: String, Sendable, CaseIterable {
    case condition, measurement, property, observation, event
    /// `sample.level`, `sample.received`, …: the sample of the test (or of a per-sample rule).
    case sample
    /// `test.start`, `test.clause`, …: the test a per-test rule runs on.
    case test
    /// `report.issued`, `report.laboratoryName`, …: the report itself.
    case report

    /// The fields of `sample`, `test` and `report`, with their types (dates are instants at 00:00
    /// UTC of the date; `startDate`/`endDate` are a test's local calendar dates, so that dates
    /// compare day by day whatever the time zone).
    static let fields: [PathKind: [String: ExpressionType]] = {
        func table<F: RawRepresentable & CaseIterable>(_: F.Type, _ instants: Set<String>) -> [String: ExpressionType] where F.RawValue == String {
            Dictionary(uniqueKeysWithValues: F.allCases.map { ($0.rawValue, instants.contains($0.rawValue) ? .instant : .string) })
        }
        return [
            .sample: table(SampleField.self, ["received"]),
            .test: table(TestField.self, ["start", "end", "startDate", "endDate"]),
            .report: table(ReportField.self, ["issued"]),
        ]
    }()
}

/// A field of `sample`, `test` or `report`, resolved when the expression is compiled, so that
/// evaluating it is a switch on a number, not a comparison of names.
enum Field: Sendable {
    case sample(SampleField)
    case test(TestField)
    case report(ReportField)

    init?(_ kind: PathKind, _ name: String) {
        switch kind {
        case .sample: guard let field = SampleField(rawValue: name) else { return nil }; self = .sample(field)
        case .test: guard let field = TestField(rawValue: name) else { return nil }; self = .test(field)
        case .report: guard let field = ReportField(rawValue: name) else { return nil }; self = .report(field)
        default: return nil
        }
    }
}

enum SampleField: String, Sendable, CaseIterable {
    case id, level, state, chemistry, model, serial, description, received
}

enum TestField: String, Sendable, CaseIterable {
    case id, type, result, clause, standard, start, end, startDate, endDate
}

enum ReportField: String, Sendable, CaseIterable {
    case id, issued, title, language
    case laboratoryName, laboratoryAddress, laboratoryLocation, laboratoryPhone, laboratoryEmail, laboratoryWebsite, laboratoryAccreditation
    case customerName, customerAddress, customerPhone, customerEmail
    case manufacturerName, manufacturerAddress, manufacturerPhone, manufacturerEmail, manufacturerWebsite
    case deviations, decisionRule, conclusion, signatoryName, signatoryTitle
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
