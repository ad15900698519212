/// A condition, measurement or sample property: a named value with its unit and, where the lab
/// gave them, expanded uncertainty U (in the value's unit) and coverage factor k.
/// (Constant fields: with variable ones Swift 6.3 made each new value twice and counted the
/// copy's references up and down; see `Evidence`.)
public struct NamedQuantity: Sendable {
    public let name: String
    /// nil when the value or its unit could not be read (the decoder reported why).
    public let quantity: Quantity?
    /// The number and unit as written, for messages and evidence even when unreadable.
    public let valueText: String
    public let unitText: String?
    public let uncertainty: Double?
    public let coverage: Double?
    public let at: Timestamp?
    public let source: SourceLocation

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
