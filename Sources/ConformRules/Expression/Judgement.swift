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

/// A remark on how a judgement was reached, put into words (in the run's language) only when a
/// message is made: evaluations that pass without a message pay for one string at most.
public enum JudgementNote: Sendable, Equatable {
    /// The guarded decision rule met a value without an uncertainty, and decided as simple.
    case decidedAsSimple(value: String?)
    /// What `within(x, centre, tolerance)` required, e.g. `150 J ± 3 J`.
    case required(String)

    public func text(_ language: Language) -> String {
        switch (self, language) {
        case (.decidedAsSimple(let value), .en): "no uncertainty was given for \(value ?? "the value"), so the guarded rule decided as simple"
        case (.decidedAsSimple(let value), .zh): "\(value ?? "该数值")未给出不确定度，因此保护带判定规则按简单判定规则判定"
        case (.required(let range), .en): "required: \(range)"
        case (.required(let range), .zh): "要求：\(range)"
        }
    }
}
