/// What every finding of one rule shares: the rule's id and title, the clause and method it
/// encodes, how sure it is, and its rule set. One shared, immutable instance per rule (made once
/// per run): a finding refers to it instead of copying six strings, and an output format can
/// write the shared part once per rule.
public final class FindingOrigin: Sendable, Equatable {
    public let rule: String
    /// The rule's title, for formats that describe rules (SARIF).
    public let title: String?
    public let ruleset: RuleSetIdentity?
    public let clause: String?
    public let method: String?
    public let confidence: String?
    /// The rule id's place in the run's rule order, when it was worked out once for the rule (the
    /// findings of a report are sorted by it).
    public let orderKey: RuleOrder.Key?

    public init(rule: String, title: String? = nil, ruleset: RuleSetIdentity? = nil, clause: String? = nil, method: String? = nil,
                confidence: String? = nil, orderKey: RuleOrder.Key? = nil) {
        self.rule = rule
        self.title = title
        self.ruleset = ruleset
        self.clause = clause
        self.method = method
        self.confidence = confidence
        self.orderKey = orderKey
    }

    /// The same origin with one thing changed (a finding's fields can be set one by one); a new
    /// rule id drops the order key.
    func with(rule: String? = nil, title: String?? = nil, ruleset: RuleSetIdentity?? = nil, clause: String?? = nil,
              method: String?? = nil, confidence: String?? = nil) -> FindingOrigin {
        FindingOrigin(rule: rule ?? self.rule, title: title ?? self.title, ruleset: ruleset ?? self.ruleset,
                      clause: clause ?? self.clause, method: method ?? self.method, confidence: confidence ?? self.confidence,
                      orderKey: rule == nil ? orderKey : nil)
    }

    /// The order key, derived from the rule id, takes no part.
    public static func == (a: FindingOrigin, b: FindingOrigin) -> Bool {
        a === b || (a.rule == b.rule && a.title == b.title && a.ruleset == b.ruleset && a.clause == b.clause && a.method == b.method
            && a.confidence == b.confidence)
    }
}
