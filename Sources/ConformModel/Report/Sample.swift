/// A specimen: a cell, module, pack, system or vehicle.
public struct Sample: Sendable {
    public enum Level: String, Sendable, Equatable, CaseIterable {
        case cell, module, pack, system, vehicle
    }

    public enum State: String, Sendable, Equatable, CaseIterable {
        case new, cycled, discharged
    }

    public var id: String
    public var level: Level?
    public var chemistry: String?
    public var model: String?
    public var serial: String?
    public var received: CivilDate?
    public var state: State?
    public var description: String?
    public var properties: [NamedQuantity] = []
    public var source: SourceLocation

    public init(id: String, source: SourceLocation) {
        self.id = id
        self.source = source
    }

    public func property(_ name: String) -> NamedQuantity? { properties.first { $0.name == name } }

    /// The rated capacity, which `I1`/`I3` currents convert through.
    public var ratedCapacity: Quantity? { property("ratedCapacity")?.quantity }
}
