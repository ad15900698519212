/// One accepted spelling of a unit, with its conversion to the dimension's base unit:
/// `base = value × factor + offset`. `I1`/`I3` are currents that depend on the sample: they
/// carry `ratedCurrentHours` (1 or 3) and convert only through the sample's rated capacity.
///
/// A shared, immutable object: the unit catalogue makes one per spelling and every quantity
/// refers to it, so a quantity is a number and one reference, and comparing units of the
/// catalogue is comparing identities.
public final class MeasurementUnit: Sendable, Hashable, CustomStringConvertible {
    public let symbol: String
    public let dimension: Dimension
    public let factor: Double
    public let offset: Double
    /// For rate currents (`I1` = rated capacity / 1 h, `I3` = rated capacity / 3 h).
    public let ratedCurrentHours: Double?

    public init(symbol: String, dimension: Dimension, factor: Double = 1, offset: Double = 0, ratedCurrentHours: Double? = nil) {
        self.symbol = symbol
        self.dimension = dimension
        self.factor = factor
        self.offset = offset
        self.ratedCurrentHours = ratedCurrentHours
    }

    public static func == (a: MeasurementUnit, b: MeasurementUnit) -> Bool {
        a === b || (a.symbol == b.symbol && a.dimension == b.dimension && a.factor == b.factor && a.offset == b.offset
            && a.ratedCurrentHours == b.ratedCurrentHours)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(symbol)
        hasher.combine(dimension)
    }

    public var description: String { symbol }
}
