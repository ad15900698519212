/// One run of one test procedure on one specimen (`<test>`).
public struct TestRun: Sendable {
    public var id: String { get { storage.value.id } _modify { yield &storage.value.id } }
    public var type: String { get { storage.value.type } _modify { yield &storage.value.type } }
    public var sampleID: String { get { storage.value.sampleID } _modify { yield &storage.value.sampleID } }
    /// The standard this test claims; defaults to the report's only `<standard>`.
    public var standard: String? { get { storage.value.standard } _modify { yield &storage.value.standard } }
    public var clause: String? { get { storage.value.clause } _modify { yield &storage.value.clause } }
    public var start: Timestamp? { get { storage.value.start } _modify { yield &storage.value.start } }
    public var end: Timestamp? { get { storage.value.end } _modify { yield &storage.value.end } }
    public var conditions: [NamedQuantity] { get { storage.value.conditions } _modify { yield &storage.value.conditions } }
    public var measurements: [NamedQuantity] { get { storage.value.measurements } _modify { yield &storage.value.measurements } }
    public var observations: [Observation] { get { storage.value.observations } _modify { yield &storage.value.observations } }
    public var events: [Event] { get { storage.value.events } _modify { yield &storage.value.events } }
    public var series: [Series] { get { storage.value.series } _modify { yield &storage.value.series } }
    /// The lab's own verdict for this test (a claim to check).
    public var result: ClaimedVerdict? { get { storage.value.result } _modify { yield &storage.value.result } }
    public var remarks: [String] { get { storage.value.remarks } _modify { yield &storage.value.remarks } }
    public var source: SourceLocation { get { storage.value.source } _modify { yield &storage.value.source } }

    public init(id: String, type: String, sampleID: String, source: SourceLocation) {
        storage = CopyOnWrite(Fields(id: id, type: type, sampleID: sampleID, source: source))
    }

    /// A test with all its parts at once (a decoder's way: each part changed through its
    /// property is a call through an accessor coroutine, whose frame is allocated on the heap).
    public init(id: String, type: String, sampleID: String, source: SourceLocation, standard: String?, clause: String?,
                start: Timestamp?, end: Timestamp?, conditions: [NamedQuantity], measurements: [NamedQuantity],
                observations: [Observation], events: [Event], series: [Series], result: ClaimedVerdict?, remarks: [String]) {
        storage = CopyOnWrite(Fields(id: id, type: type, sampleID: sampleID, standard: standard, clause: clause, start: start, end: end,
                                     conditions: conditions, measurements: measurements, observations: observations, events: events,
                                     series: series, result: result, remarks: remarks, source: source))
    }

    public func condition(_ name: String) -> NamedQuantity? { conditions.firstIndex(named: name).map { conditions[$0] } }
    public func measurement(_ name: String) -> NamedQuantity? { measurements.firstIndex(named: name).map { measurements[$0] } }
    public func observation(_ name: String) -> Observation? { observations.firstIndex(named: name).map { observations[$0] } }
    public func events(named name: String) -> [Event] { events.filter { $0.name == name } }

    private var storage: CopyOnWrite<Fields>

    private struct Fields {
        var id: String
        var type: String
        var sampleID: String
        var standard: String?
        var clause: String?
        var start: Timestamp?
        var end: Timestamp?
        var conditions: [NamedQuantity] = []
        var measurements: [NamedQuantity] = []
        var observations: [Observation] = []
        var events: [Event] = []
        var series: [Series] = []
        var result: ClaimedVerdict?
        var remarks: [String] = []
        var source: SourceLocation
    }
}
