/// One verdict of one rule on one report (or one test of it), with everything needed to cite and
/// reproduce it. Output formats are built from these alone.
public struct Finding: Sendable, Equatable {
    public var rule: String
    public var verdict: Verdict
    public var severity: Severity
    public var message: String
    /// The line the finding points at, when it points at one place (tool findings).
    public var line: Int?
    public var test: String?
    public var sample: String?
    public var ruleset: RuleSetIdentity?
    public var clause: String?
    public var method: String?
    public var confidence: String?
    public var decisionRule: String?
    public var limit: Limit?
    public var evidence: [Evidence]

    public init(rule: String, verdict: Verdict, severity: Severity = .error, message: String, line: Int? = nil,
                test: String? = nil, sample: String? = nil, ruleset: RuleSetIdentity? = nil, clause: String? = nil,
                method: String? = nil, confidence: String? = nil, decisionRule: String? = nil, limit: Limit? = nil,
                evidence: [Evidence] = []) {
        self.rule = rule
        self.verdict = verdict
        self.severity = severity
        self.message = message
        self.line = line
        self.test = test
        self.sample = sample
        self.ruleset = ruleset
        self.clause = clause
        self.method = method
        self.confidence = confidence
        self.decisionRule = decisionRule
        self.limit = limit
        self.evidence = evidence
    }

    /// The line to show a person: the finding's own, else its first evidence's.
    public var primaryLine: Int? { line ?? evidence.first(where: { $0.line != nil })?.line }

    /// The deterministic order of findings.md: by rule id, then test id (report-level first);
    /// then line and message, so that equal keys never depend on evaluation order.
    public static func canonicalOrder(_ a: Finding, _ b: Finding) -> Bool {
        if a.rule != b.rule { return a.rule.utf8.lexicographicallyPrecedes(b.rule.utf8) }
        if a.test != b.test {
            guard let at = a.test else { return true }
            guard let bt = b.test else { return false }
            return at.utf8.lexicographicallyPrecedes(bt.utf8)
        }
        let al = a.primaryLine ?? 0, bl = b.primaryLine ?? 0
        if al != bl { return al < bl }
        return a.message.utf8.lexicographicallyPrecedes(b.message.utf8)
    }
}
