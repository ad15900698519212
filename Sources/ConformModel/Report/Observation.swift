/// What was seen, yes or no (`true` = it happened).
public struct Observation: Sendable, Equatable {
    public var name: String
    /// nil when the value was neither `true` nor `false` (the decoder reported it).
    public var value: Bool?
    public var at: Timestamp?
    public var source: SourceLocation

    public init(name: String, value: Bool?, at: Timestamp?, source: SourceLocation) {
        self.name = name
        self.value = value
        self.at = at
        self.source = source
    }
}
