/// A specimen: a cell, module, pack, system or vehicle.
public struct Sample: Sendable {
    public enum Level: String, Sendable, Equatable, CaseIterable {
        case cell, module, pack, system, vehicle
    }

    public enum State: String, Sendable, Equatable, CaseIterable {
        case new, cycled, discharged
    }

    public var id: String { get { storage.value.id } _modify { yield &storage.value.id } }
    public var level: Level? { get { storage.value.level } _modify { yield &storage.value.level } }
    public var chemistry: String? { get { storage.value.chemistry } _modify { yield &storage.value.chemistry } }
    public var model: String? { get { storage.value.model } _modify { yield &storage.value.model } }
    public var serial: String? { get { storage.value.serial } _modify { yield &storage.value.serial } }
    public var received: CivilDate? { get { storage.value.received } _modify { yield &storage.value.received } }
    public var state: State? { get { storage.value.state } _modify { yield &storage.value.state } }
    public var description: String? { get { storage.value.description } _modify { yield &storage.value.description } }
    public var properties: [NamedQuantity] { get { storage.value.properties } _modify { yield &storage.value.properties } }
    public var source: SourceLocation { get { storage.value.source } _modify { yield &storage.value.source } }

    public init(id: String, source: SourceLocation) {
        storage = CopyOnWrite(Fields(id: id, source: source))
    }

    /// A sample with all its parts at once (see `TestRun`'s initializer of all parts).
    public init(id: String, source: SourceLocation, level: Level?, chemistry: String?, model: String?, serial: String?,
                received: CivilDate?, state: State?, description: String?, properties: [NamedQuantity]) {
        storage = CopyOnWrite(Fields(id: id, level: level, chemistry: chemistry, model: model, serial: serial, received: received,
                                     state: state, description: description, properties: properties, source: source))
    }

    public func property(_ name: String) -> NamedQuantity? { properties.firstIndex(named: name).map { properties[$0] } }

    /// The rated capacity, which `I1`/`I3` currents convert through.
    public var ratedCapacity: Quantity? {
        // Read in place: `property(_:)` copies the whole named quantity.
        let properties = properties
        for index in properties.indices where properties[index].name == "ratedCapacity" { return properties[index].quantity }
        return nil
    }

    private var storage: CopyOnWrite<Fields>

    private struct Fields {
        var id: String
        var level: Level?
        var chemistry: String?
        var model: String?
        var serial: String?
        var received: CivilDate?
        var state: State?
        var description: String?
        var properties: [NamedQuantity] = []
        var source: SourceLocation
    }
}
