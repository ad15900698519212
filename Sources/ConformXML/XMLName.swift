/// An expanded XML name: local name and namespace URI (nil when the element is in no namespace).
public struct XMLName: Sendable, Hashable, CustomStringConvertible {
    public let localName: String
    public let namespace: String?

    public init(_ localName: String, namespace: String?) {
        self.localName = localName
        self.namespace = namespace
    }

    /// `{urn:x}name`, or `name` when there is no namespace.
    public var description: String {
        guard let namespace else { return localName }
        return "{\(namespace)}\(localName)"
    }
}
