/// A physical dimension such as `voltage` or `resistancePerVoltage`. Dimensions are data (they
/// come from `Rules/units.yaml`), so this is a name, not an enumeration. A shared, immutable
/// object: a value that carries its dimension carries one reference, and dimensions from the
/// same catalogue compare by identity before their names.
public final class Dimension: Sendable, Hashable, CustomStringConvertible {
    public let name: String
    public init(_ name: String) { self.name = name }
    public var description: String { name }

    public static func == (a: Dimension, b: Dimension) -> Bool { a === b || a.name == b.name }
    public func hash(into hasher: inout Hasher) { hasher.combine(name) }

    public static let dimensionless = Dimension("dimensionless")
    public static let current = Dimension("current")
    public static let charge = Dimension("charge")
}
