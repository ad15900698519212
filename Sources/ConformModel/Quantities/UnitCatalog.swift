/// Every unit spelling that reports may use, keyed by spelling, and each dimension's base unit.
/// Built from `Rules/units.yaml` (see `ConformRules.VocabularyLoader`).
public struct UnitCatalog: Sendable {
    public let units: [String: MeasurementUnit]
    /// The base unit of each dimension (factor 1, offset 0).
    public let baseUnits: [Dimension: MeasurementUnit]
    /// Products of two dimensions that give a third (`mass × acceleration = force`), either order.
    public let products: [[Dimension]: Dimension]

    public enum BuildError: Error, Equatable, CustomStringConvertible {
        case duplicateSpelling(String)
        case missingBaseUnit(Dimension)
        public var description: String {
            switch self {
            case .duplicateSpelling(let s): "unit spelling '\(s)' is defined twice"
            case .missingBaseUnit(let d): "dimension '\(d)' has no base unit (factor 1, offset 0)"
            }
        }
    }

    public init(units list: [MeasurementUnit], baseSymbols: [Dimension: String], products: [(Dimension, Dimension, Dimension)] = []) throws(BuildError) {
        var units: [String: MeasurementUnit] = [:]
        for unit in list {
            if units[unit.symbol] != nil { throw .duplicateSpelling(unit.symbol) }
            units[unit.symbol] = unit
        }
        var bases: [Dimension: MeasurementUnit] = [:]
        for (dimension, symbol) in baseSymbols {
            guard let unit = units[symbol], unit.dimension == dimension, unit.factor == 1, unit.offset == 0,
                  unit.ratedCurrentHours == nil else { throw .missingBaseUnit(dimension) }
            bases[dimension] = unit
        }
        for unit in list where bases[unit.dimension] == nil { throw .missingBaseUnit(unit.dimension) }
        self.units = units
        self.table = NameTable(units.map { ($0.key, $0.value) })
        self.baseUnits = bases
        var table: [[Dimension]: Dimension] = [:]
        for (a, b, c) in products {
            table[[a, b]] = c
            table[[b, a]] = c
        }
        self.products = table
    }

    /// The dimension of `a × b`, when the table defines it.
    public func product(_ a: Dimension, _ b: Dimension) -> Dimension? { products[[a, b]] }

    public func unit(_ spelling: String) -> MeasurementUnit? { table[spelling] }

    /// The catalogue's own spelling and unit for a spelling whose UTF-8 bytes are exactly `bytes`
    /// (see `NameTable.entry(matching:)`); nil for any other.
    public func unit(matching bytes: UnsafeBufferPointer<UInt8>) -> (spelling: String, unit: MeasurementUnit)? {
        table.entry(matching: bytes).map { ($0.key, $0.value) }
    }

    /// Keeps every unit and dimension of the catalogue until the process ends, uncounted (see
    /// `ProcessLifetime`): every value read refers to them. (`keep` is for tests, which see what
    /// would be kept without keeping it.)
    public func keepForProcessLifetime(_ keep: (AnyObject) -> Void = ProcessLifetime.keep) {
        for unit in units.values {
            keep(unit)
            keep(unit.dimension)
        }
        for (dimension, unit) in baseUnits {
            keep(dimension)
            keep(unit)
        }
    }

    /// `units` for lookups (see `NameTable`).
    private let table: NameTable<MeasurementUnit>

}
