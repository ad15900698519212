/// A condition, measurement or sample property: a named value with its unit and, where the lab
/// gave them, expanded uncertainty U (in the value's unit) and coverage factor k.
public struct NamedQuantity: Sendable {
    public var name: String
    /// nil when the value or its unit could not be read (the decoder reported why).
    public var quantity: Quantity?
    /// The number and unit as written, for messages and evidence even when unreadable.
    public var valueText: String
    public var unitText: String?
    public var uncertainty: Double?
    public var coverage: Double?
    public var at: Timestamp?
    public var source: SourceLocation

    @inlinable
    public init(name: String, quantity: Quantity?, valueText: String, unitText: String?, uncertainty: Double? = nil,
                coverage: Double? = nil, at: Timestamp? = nil, source: SourceLocation) {
        self.name = name
        self.quantity = quantity
        self.valueText = valueText
        self.unitText = unitText
        self.uncertainty = uncertainty
        self.coverage = coverage
        self.at = at
        self.source = source
    }
}
