/// Why the audit store could not do what was asked, in words for the person at the terminal.
public struct StoreError: Error, CustomStringConvertible, Sendable {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
