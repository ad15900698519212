import ConformFindings

/// A yes/no answer that knows how sure it is. The levels form a lattice with "unknown" (missing
/// data) in the middle: `and` takes the lowest, `or` the highest, `not` mirrors, so that a known
/// failure decides an `and` even when other data is missing, and missing data is never a pass.
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
    public var notes: [String] = []

    init(_ level: Level, evidence: [Evidence] = [], limit: Limit? = nil, found: String? = nil, missing: [String] = [], notes: [String] = []) {
        self.level = level
        self.evidence = evidence
        self.limit = limit
        self.found = found
        self.missing = missing
        self.notes = notes
    }

    /// `and` (lowest wins) or `or` (highest wins). The deciding side supplies limit and found
    /// value; evidence and notes of both sides are kept; what is missing is kept while it matters.
    static func combine(_ a: Judgement, _ b: Judgement, and: Bool) -> Judgement {
        // On a tie, the side that compared against a limit explains the answer best.
        let tie = a.level == b.level
        let pickA = tie ? (a.limit != nil || b.limit == nil) : (and ? a.level < b.level : a.level > b.level)
        var result = pickA ? a : b
        let other = pickA ? b : a
        result.evidence += other.evidence.filter { e in !result.evidence.contains(e) }
        result.notes += other.notes.filter { !result.notes.contains($0) }
        if result.level == .unknown {
            result.missing += other.missing.filter { !result.missing.contains($0) }
        }
        if result.limit == nil {
            result.limit = other.limit
            result.found = result.found ?? other.found
        }
        return result
    }

    func negated() -> Judgement {
        var result = self
        result.level = level.mirrored
        return result
    }
}
