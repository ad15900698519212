/// Where the pieces of a finding's message go as it is composed: into a `String`, or (in an output
/// format) straight into the output's bytes, so that no message string is made per finding.
public protocol MessageSink {
    mutating func write(_ text: String)
}

/// How a rule's findings are put into words: one per rule, shared by all its findings, each of
/// which carries its own facts. Immutable, so shared freely; composing a finding's message twice
/// gives the same words.
public protocol MessageComposer: AnyObject, Sendable {
    func compose<Sink: MessageSink>(_ finding: Finding, facts: MessageFacts, into sink: inout Sink)
}

/// Composes into a `String`.
public struct StringSink: MessageSink {
    public private(set) var text = ""

    public init() {}

    public mutating func write(_ text: String) { self.text += text }
}
