/// Where the pieces of a finding's message go as it is composed: into a `String`, or (in an output
/// format) straight into the output's bytes, so that no message string is made per finding.
public protocol MessageSink {
    mutating func write(_ text: String)
}

/// A message kept as the facts it is made of, and put into words when it is written. Immutable,
/// so shared freely; composing it twice gives the same words.
public protocol MessageComposer: AnyObject, Sendable {
    func compose<Sink: MessageSink>(into sink: inout Sink)
}

/// Composes into a `String`.
public struct StringSink: MessageSink {
    public private(set) var text = ""

    public init() {}

    public mutating func write(_ text: String) { self.text += text }
}

/// A finding's message: written out, or to be composed.
enum FindingMessageText: Equatable, Sendable {
    case text(String)
    case composed(any MessageComposer)

    var text: String {
        switch self {
        case .text(let text):
            return text
        case .composed(let composer):
            var sink = StringSink()
            composer.compose(into: &sink)
            return sink.text
        }
    }

    static func == (a: FindingMessageText, b: FindingMessageText) -> Bool {
        if case .composed(let x) = a, case .composed(let y) = b, x === y { return true }
        return a.text == b.text
    }
}
