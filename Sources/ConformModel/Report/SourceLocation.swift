/// Where a fact came from in its report: a line and an XPath. Plain values: the model does not
/// know that the report was XML, only where a person should look.
public struct SourceLocation: Sendable, Hashable {
    public let line: Int
    public let xpath: String

    public init(line: Int, xpath: String) {
        self.line = line
        self.xpath = xpath
    }
}
