/// The controlled vocabulary of BTR-XML: test types, and for each named value its kind and the
/// dimensions it may be given in. Data, loaded from `Rules/vocabulary.yaml`; rule files are
/// checked against it when they load, and the decoder checks each value's unit against it.
public struct Vocabulary: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case condition, measurement, property, observation, event
    }

    public let testTypes: Set<String>
    /// For conditions, measurements and properties: the dimensions each name may be given in.
    public let quantities: [Kind: [String: [Dimension]]]
    /// Names of observations and events.
    public let flags: [Kind: Set<String>]

    /// `quantities` of each kind, for lookups (the decoder asks for every value it reads; a
    /// lookup in a table of tables copied the inner table each time).
    private let conditions: NameTable<[Dimension]>
    private let measurements: NameTable<[Dimension]>
    private let properties: NameTable<[Dimension]>

    public init(testTypes: Set<String>, quantities: [Kind: [String: [Dimension]]], flags: [Kind: Set<String>]) {
        self.testTypes = testTypes
        self.quantities = quantities
        self.flags = flags
        func table(_ kind: Kind) -> NameTable<[Dimension]> { NameTable((quantities[kind] ?? [:]).map { ($0.key, $0.value) }) }
        conditions = table(.condition)
        measurements = table(.measurement)
        properties = table(.property)
    }

    /// The dimensions `name` may have as a `kind`, or nil if the vocabulary does not know it.
    public func dimensions(of name: String, as kind: Kind) -> [Dimension]? {
        switch kind {
        case .condition: conditions[name]
        case .measurement: measurements[name]
        case .property: properties[name]
        case .observation, .event: nil
        }
    }

    /// The vocabulary's own string for a quantity name whose UTF-8 bytes are exactly `bytes` (see
    /// `NameTable.entry(matching:)`), and the dimensions it allows; nil for a name it does not know.
    public func quantity(matching bytes: UnsafeBufferPointer<UInt8>, as kind: Kind) -> (name: String, dimensions: [Dimension])? {
        let entry = switch kind {
        case .condition: conditions.entry(matching: bytes)
        case .measurement: measurements.entry(matching: bytes)
        case .property: properties.entry(matching: bytes)
        case .observation, .event: nil as (key: String, value: [Dimension])?
        }
        return entry.map { ($0.key, $0.value) }
    }

    /// Whether `name`, as a `kind`, may be given in `dimension`; nil when the vocabulary does not
    /// know the name. (Asked for every value decoded: answered where the dimensions are kept.)
    public func allows(_ dimension: Dimension, for name: String, as kind: Kind) -> Bool? {
        func found(_ allowed: [Dimension]) -> Bool { allowed.contains { $0 == dimension } }
        // Each table asked where it is (a table in a variable is a copy: three arrays counted).
        switch kind {
        case .condition: return conditions.withValue(of: name, found)
        case .measurement: return measurements.withValue(of: name, found)
        case .property: return properties.withValue(of: name, found)
        case .observation, .event: return nil
        }
    }

    /// Keeps the vocabulary's dimensions until the process ends, uncounted (see `ProcessLifetime`;
    /// `keep` is for tests).
    public func keepForProcessLifetime(_ keep: (AnyObject) -> Void = ProcessLifetime.keep) {
        for table in quantities.values {
            for dimensions in table.values {
                for dimension in dimensions { keep(dimension) }
            }
        }
    }

    public func knows(_ name: String, as kind: Kind) -> Bool {
        switch kind {
        case .condition, .measurement, .property: quantities[kind]?[name] != nil
        case .observation, .event: flags[kind]?.contains(name) ?? false
        }
    }
}
