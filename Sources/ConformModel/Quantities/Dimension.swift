/// A physical dimension such as `voltage` or `resistancePerVoltage`. Dimensions are data (they
/// come from `Rules/units.yaml`), so this is a name, not an enumeration.
public struct Dimension: Sendable, Hashable, CustomStringConvertible {
    public let name: String
    public init(_ name: String) { self.name = name }
    public var description: String { name }

    public static let dimensionless = Dimension("dimensionless")
    public static let current = Dimension("current")
    public static let charge = Dimension("charge")
}
