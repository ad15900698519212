/// What a rule's finding says beyond its verdict, test, sample and limit: the value found, what
/// was missing, how it was decided, and why the rule did not apply. The rule's `MessageComposer`
/// puts these into words when the message is written, so a finding carries its facts, not text.
public struct MessageFacts: Sendable, Equatable {
    /// The value that was compared, in the limit's unit.
    public var found: String?
    /// What was missing or unreadable (an incomplete finding).
    public var missing: [String]
    /// Remarks on how it was decided.
    public var notes: [JudgementNote]
    /// Why the rule does not apply, when it does not (the message is then only that).
    public var reason: String?

    public init(found: String? = nil, missing: [String] = [], notes: [JudgementNote] = [], reason: String? = nil) {
        self.found = found
        self.missing = missing
        self.notes = notes
        self.reason = reason
    }
}
