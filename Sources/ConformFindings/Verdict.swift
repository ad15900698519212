/// The seven verdicts of `findings.md`.
public enum Verdict: String, Sendable, CaseIterable, Hashable {
    case pass
    case conditionalPass = "conditional-pass"
    case conditionalFail = "conditional-fail"
    case fail
    case incomplete
    case notApplicable = "not-applicable"
    case error

    /// How bad a verdict is when a report's verdict is aggregated:
    /// error > fail > conditional-fail > incomplete > conditional-pass > pass;
    /// not-applicable does not count (nil).
    public var badness: Int? {
        switch self {
        case .pass: 0
        case .conditionalPass: 1
        case .incomplete: 2
        case .conditionalFail: 3
        case .fail: 4
        case .error: 5
        case .notApplicable: nil
        }
    }

    /// The verdict's place in `allCases`, for tallies without hashing.
    public var ordinal: Int {
        switch self {
        case .pass: 0
        case .conditionalPass: 1
        case .conditionalFail: 2
        case .fail: 3
        case .incomplete: 4
        case .notApplicable: 5
        case .error: 6
        }
    }

    /// Exit status 0 needs every report to be one of these.
    public var isAcceptable: Bool { self == .pass || self == .conditionalPass }

    /// The order verdicts are listed in (counts, summaries): the order of findings.md's table.
    public static let listingOrder: [Verdict] = [.pass, .conditionalPass, .conditionalFail, .fail, .incomplete, .notApplicable, .error]
}

/// `error`: a requirement; `warning`: advice, which is reported but does not decide a report's
/// verdict.
public enum Severity: String, Sendable, Hashable {
    case error
    case warning
}
