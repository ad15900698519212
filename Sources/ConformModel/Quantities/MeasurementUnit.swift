/// One accepted spelling of a unit, with its conversion to the dimension's base unit:
/// `base = value × factor + offset`. `I1`/`I3` are currents that depend on the sample: they
/// carry `ratedCurrentHours` (1 or 3) and convert only through the sample's rated capacity.
public struct MeasurementUnit: Sendable, Hashable, CustomStringConvertible {
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

    public var description: String { symbol }
}
