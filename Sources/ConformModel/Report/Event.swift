/// When something happened during a test (`thermalRunaway`, `thermalEventAlarm`, `fire`, …).
/// (Constant fields, made once: see `NamedQuantity`.)
public struct Event: Sendable, Equatable {
    public let name: String
    /// nil when the time could not be read (the decoder reported it).
    public let at: Timestamp?
    public let source: SourceLocation

    public init(name: String, at: Timestamp?, source: SourceLocation) {
        self.name = name
        self.at = at
        self.source = source
    }
}
