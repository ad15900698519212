/// Sampled data: whitespace-separated numbers in one unit, optionally at a fixed interval.
/// (Constant fields, made once: see `NamedQuantity`.)
public struct Series: Sendable {
    public let name: String
    public let unit: MeasurementUnit?
    public let unitText: String
    public let start: Timestamp?
    /// Seconds between samples.
    public let interval: Double?
    public let values: [Double]
    public let source: SourceLocation

    public init(name: String, unit: MeasurementUnit?, unitText: String, start: Timestamp?, interval: Double?, values: [Double], source: SourceLocation) {
        self.name = name
        self.unit = unit
        self.unitText = unitText
        self.start = start
        self.interval = interval
        self.values = values
        self.source = source
    }
}
