/// What was seen, yes or no (`true` = it happened).
/// (Constant fields: with variable ones Swift 6.3 made each new value twice and counted the
/// copy's references up and down; see `Evidence`.)
public struct Observation: Sendable, Equatable {
    public let name: String
    /// nil when the value was neither `true` nor `false` (the decoder reported it).
    public let value: Bool?
    public let at: Timestamp?
    public let source: SourceLocation

    public init(name: String, value: Bool?, at: Timestamp?, source: SourceLocation) {
        self.name = name
        self.value = value
        self.at = at
        self.source = source
    }
}
