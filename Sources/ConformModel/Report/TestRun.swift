/// One run of one test procedure on one specimen (`<test>`).
public struct TestRun: Sendable {
    public var id: String
    public var type: String
    public var sampleID: String
    /// The standard this test claims; defaults to the report's only `<standard>`.
    public var standard: String?
    public var clause: String?
    public var start: Timestamp?
    public var end: Timestamp?
    public var conditions: [NamedQuantity] = []
    public var measurements: [NamedQuantity] = []
    public var observations: [Observation] = []
    public var events: [Event] = []
    public var series: [Series] = []
    /// The lab's own verdict for this test (a claim to check).
    public var result: ClaimedVerdict?
    public var remarks: [String] = []
    public var source: SourceLocation

    public init(id: String, type: String, sampleID: String, source: SourceLocation) {
        self.id = id
        self.type = type
        self.sampleID = sampleID
        self.source = source
    }

    public func condition(_ name: String) -> NamedQuantity? { conditions.first { $0.name == name } }
    public func measurement(_ name: String) -> NamedQuantity? { measurements.first { $0.name == name } }
    public func observation(_ name: String) -> Observation? { observations.first { $0.name == name } }
    public func events(named name: String) -> [Event] { events.filter { $0.name == name } }
}
