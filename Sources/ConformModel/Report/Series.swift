/// Sampled data: whitespace-separated numbers in one unit, optionally at a fixed interval.
public struct Series: Sendable {
    public var name: String
    public var unit: MeasurementUnit?
    public var unitText: String
    public var start: Timestamp?
    /// Seconds between samples.
    public var interval: Double?
    public var values: [Double]
    public var source: SourceLocation

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
