/// Where a fact came from in its report: a line and an XPath. Plain values: the model does not
/// know that the report was XML, only where a person should look.
public struct SourceLocation: Sendable, Hashable {
    public let line: Int
    /// The path, as text or as an element of the report's outline (written out when asked).
    public let path: DocumentPath

    public var xpath: String { path.text }

    public init(line: Int, xpath: String) {
        self.line = line
        path = DocumentPath(xpath)
    }

    public init(line: Int, path: DocumentPath) {
        self.line = line
        self.path = path
    }
}
