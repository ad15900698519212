/// When something happened during a test (`thermalRunaway`, `thermalEventAlarm`, `fire`, …).
public struct Event: Sendable, Equatable {
    public var name: String
    /// nil when the time could not be read (the decoder reported it).
    public var at: Timestamp?
    public var source: SourceLocation

    public init(name: String, at: Timestamp?, source: SourceLocation) {
        self.name = name
        self.at = at
        self.source = source
    }
}
