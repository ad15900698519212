/// A number with a unit. Conversions stay within a dimension; anything across dimensions throws.
public struct Quantity: Sendable, Equatable, CustomStringConvertible {
    public let value: Double
    public let unit: MeasurementUnit

    public init(_ value: Double, _ unit: MeasurementUnit) {
        self.value = value
        self.unit = unit
    }

    public var dimension: Dimension { unit.dimension }

    public var description: String { "\(value) \(unit.symbol)" }

    /// The value in the dimension's base unit. `ratedCapacity` is needed (and used) only for the
    /// rate currents `I1`/`I3`.
    public func baseValue(ratedCapacity: Quantity? = nil) throws(QuantityError) -> Double {
        if let hours = unit.ratedCurrentHours {
            guard let ratedCapacity else { throw .needsRatedCapacity(unit.symbol) }
            guard ratedCapacity.dimension == .charge else {
                throw .dimensionMismatch(expected: .charge, found: ratedCapacity.dimension)
            }
            // ratedCapacity's base unit is A.h (charge); I_n = C / n h, in A.
            return value * ratedCapacity.value * ratedCapacity.unit.factor / hours
        }
        return value * unit.factor + unit.offset
    }

    /// This quantity expressed in `target`, which must be of the same dimension.
    public func converted(to target: MeasurementUnit, ratedCapacity: Quantity? = nil) throws(QuantityError) -> Quantity {
        guard target.dimension == dimension else { throw .dimensionMismatch(expected: target.dimension, found: dimension) }
        let base = try baseValue(ratedCapacity: ratedCapacity)
        if let hours = target.ratedCurrentHours {
            guard let ratedCapacity else { throw .needsRatedCapacity(target.symbol) }
            return Quantity(base * hours / (ratedCapacity.value * ratedCapacity.unit.factor), target)
        }
        return Quantity((base - target.offset) / target.factor, target)
    }

    /// Converts a *difference* (an uncertainty, a tolerance) to the base unit: the offset of
    /// °C/K does not apply to differences.
    public static func baseDifference(_ delta: Double, in unit: MeasurementUnit, ratedCapacity: Quantity? = nil) throws(QuantityError) -> Double {
        if let hours = unit.ratedCurrentHours {
            guard let ratedCapacity else { throw .needsRatedCapacity(unit.symbol) }
            return delta * ratedCapacity.value * ratedCapacity.unit.factor / hours
        }
        return delta * unit.factor
    }

    /// Compares two quantities of one dimension; across dimensions it throws, never answers.
    public func compare(to other: Quantity, ratedCapacity: Quantity? = nil) throws(QuantityError) -> Ordering {
        guard other.dimension == dimension else { throw .dimensionMismatch(expected: dimension, found: other.dimension) }
        let a = try baseValue(ratedCapacity: ratedCapacity)
        let b = try other.baseValue(ratedCapacity: ratedCapacity)
        if a < b { return .less }
        if a > b { return .greater }
        return .equal
    }

    public enum Ordering: Sendable, Equatable { case less, equal, greater }
}

public enum QuantityError: Error, Sendable, Equatable, CustomStringConvertible {
    case dimensionMismatch(expected: Dimension, found: Dimension)
    case needsRatedCapacity(String)

    public var description: String {
        switch self {
        case .dimensionMismatch(let expected, let found):
            "cannot compare or convert \(found) with \(expected)"
        case .needsRatedCapacity(let symbol):
            "\(symbol) converts to amperes only through the sample's ratedCapacity, which is missing"
        }
    }
}
