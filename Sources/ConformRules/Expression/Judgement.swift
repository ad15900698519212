import ConformFindings

/// A rule's answer, and what it rests on. The levels form a lattice with "unknown" (missing data)
/// in the middle: `and` takes the lowest, `or` the highest, `not` mirrors (see `Truth`), so that a
/// known failure decides an `and` even when other data is missing, and missing data is never a pass.
public struct Judgement: Sendable {
    public enum Level: Int, Sendable, Comparable {
        case fail = 0, conditionalFail, unknown, conditionalPass, pass

        public static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }

        var mirrored: Level { Level(rawValue: 4 - rawValue) ?? .unknown }

        public var verdict: Verdict {
            switch self {
            case .pass: .pass
            case .conditionalPass: .conditionalPass
            case .unknown: .incomplete
            case .conditionalFail: .conditionalFail
            case .fail: .fail
            }
        }
    }

    public var level: Level
    public var evidence: [Evidence] = []
    /// The limit of the comparison that decided the answer.
    public var limit: Limit?
    /// The value that was compared, in the limit's unit (for messages).
    public var found: String?
    /// What was missing or unreadable, when the answer is unknown.
    public var missing: [String] = []
    /// Remarks on how it was decided (e.g. guarded rule without an uncertainty).
    public var notes: [JudgementNote] = []

    init(_ level: Level, evidence: [Evidence] = [], limit: Limit? = nil, found: String? = nil, missing: [String] = [], notes: [JudgementNote] = []) {
        self.level = level
        self.evidence = evidence
        self.limit = limit
        self.found = found
        self.missing = missing
        self.notes = notes
    }

}
