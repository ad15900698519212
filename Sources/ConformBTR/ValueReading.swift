import ConformFindings
import ConformModel
import ConformXML

/// Reading one element's attributes as typed values. Each failure adds a `conform/schema` (or
/// `conform/unit-unknown`) finding with the element's line and XPath and yields nil: never a crash,
/// never a silent zero.
struct ValueReading {
    let tree: XMLTree
    let units: UnitCatalog
    let vocabulary: Vocabulary
    private(set) var findings: [Finding] = []
    /// The report's elements, for the paths of its values (written out only when shown).
    let outline: DocumentOutline
    /// Which BTR-XML attribute each of the document's names is (see `BTRAttribute`).
    private let attributeCodes: [UInt8]

    init(tree: XMLTree, units: UnitCatalog, vocabulary: Vocabulary) {
        self.tree = tree
        self.units = units
        self.vocabulary = vocabulary
        attributeCodes = BTRAttribute.table(for: tree.names)
        let columns = tree.outline()
        outline = DocumentOutline(names: columns.names, parents: columns.parents, nameIndices: columns.nameIndices,
                                  positions: columns.positions)
    }

    func location(_ index: Int) -> SourceLocation {
        SourceLocation(line: tree.line(of: index), path: DocumentPath(outline: outline, element: index))
    }

    // MARK: findings

    /// A value or element that cannot be read: the data behind it is missing, so whatever rests on
    /// it is incomplete.
    mutating func unreadable(_ message: String, at index: Int, name: String? = nil, raw: String? = nil,
                             unit: String? = nil, rule: ToolRule = .schema, test: String? = nil) {
        let place = location(index)
        let evidenceName = attribute(.name, of: index) ?? name ?? tree.name(of: index)
        let evidence = Evidence(name: evidenceName, value: raw.map { .text($0) }, unit: unit,
                                line: place.line, path: place.path)
        findings.append(Finding(rule: rule.rawValue, verdict: .incomplete, message: message, line: place.line,
                                test: test, evidence: [evidence]))
    }

    /// Something that departs from the format but hides no data (an unknown element, a second
    /// `<title>`): reported as a warning, which does not decide the report's verdict.
    mutating func departure(_ message: String, at index: Int) {
        let place = location(index)
        findings.append(Finding(rule: ToolRule.schema.rawValue, verdict: .fail, severity: .warning, message: message,
                                line: place.line, evidence: [Evidence(name: tree.name(of: index), value: nil, line: place.line, path: place.path)]))
    }

    /// `<measurement name="insulationResistance">`, or `<report>`: how messages name an element.
    func describe(_ index: Int) -> String {
        if let name = attribute(.name, of: index) { return "<\(tree.name(of: index)) name=\"\(name)\">" }
        return "<\(tree.name(of: index))>"
    }

    // MARK: attributes

    /// The value of the un-namespaced attribute `attribute` of element `index`, if present.
    func attribute(_ attribute: BTRAttribute, of index: Int) -> String? {
        tree.attribute(coded: attribute.rawValue, in: attributeCodes, of: index)
    }

    func withAttributeBytes<Result>(_ attribute: BTRAttribute, of index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result? {
        tree.withAttribute(coded: attribute.rawValue, in: attributeCodes, of: index, body)
    }

    /// XML white space: space, tab, LF, CR.
    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0a || byte == 0x0d }

    /// Whether the text begins or ends with XML white space (few values do: those that do not are
    /// read as they are, lent, where a trimmed copy would be counted up and down).
    static func hasSpaceAtEnds(_ text: borrowing String) -> Bool {
        // The ends looked at through the string's own bytes (the generic `last` of the UTF-8
        // view cost a hundred instructions, on every attribute read).
        func spaced(_ first: UInt8?, _ last: UInt8?) -> Bool { (first.map(isSpace) ?? false) || (last.map(isSpace) ?? false) }
        let utf8 = text.utf8
        return utf8.withContiguousStorageIfAvailable { spaced($0.first, $0.last) } ?? spaced(utf8.first, utf8.last)
    }

    /// `body` of the text without surrounding white space: of the text itself, lent, when it has
    /// none (nearly every value), else of a trimmed copy.
    @inline(__always)
    static func withTrimmed<Result>(_ text: borrowing String, _ body: (borrowing String) -> Result) -> Result {
        hasSpaceAtEnds(text) ? body(trimmed(copy text)) : body(text)
    }

    /// Whether the text is empty or white space only.
    static func isBlank(_ text: borrowing String) -> Bool {
        let utf8 = text.utf8
        return utf8.withContiguousStorageIfAvailable { $0.allSatisfy(isSpace) } ?? utf8.allSatisfy(isSpace)
    }

    /// The text without leading and trailing XML white space (space, tab, CR, LF); the string
    /// itself, uncopied, when there is none.
    /// (Static: passed as a function, a method of the reading copied the whole reading first.
    /// Consuming: a text handed over is handed back, not counted again.)
    static func trimmed(_ text: consuming String) -> String {
        if !hasSpaceAtEnds(text) { return text }
        let utf8 = text.utf8
        var start = utf8.startIndex, end = utf8.endIndex
        while start < end, isSpace(utf8[start]) { start = utf8.index(after: start) }
        while end > start, isSpace(utf8[utf8.index(before: end)]) { end = utf8.index(before: end) }
        return String(text[start..<end])
    }

    /// A required attribute; absent or empty is a finding.
    mutating func required(_ attribute: BTRAttribute, of index: Int, test: String? = nil) -> String? {
        required(attribute, self.attribute(attribute, of: index), of: index, test: test)
    }

    /// The same, for a value already read.
    mutating func required(_ attribute: BTRAttribute, _ value: String?, of index: Int, test: String? = nil) -> String? {
        guard let value, !Self.isBlank(value) else {
            unreadable("\(describe(index)) lacks its required attribute '\(attribute.name)'", at: index, name: attribute.name, test: test)
            return nil
        }
        return value
    }

    mutating func number(_ text: String, attribute: BTRAttribute, of index: Int, test: String?) -> Double? {
        if let value = Self.withTrimmed(text, { NumberText.parse($0) }) { return value }
        unreadable("\(attribute.name)=\"\(text)\" of \(describe(index)) is not a number (BTR-XML writes decimals with '.' and an optional exponent)",
                   at: index, name: attribute.name, raw: text, test: test)
        return nil
    }

    mutating func optionalNumber(_ attribute: BTRAttribute, of index: Int, test: String?, positive: Bool = false) -> Double? {
        guard let text = self.attribute(attribute, of: index) else { return nil }
        guard let value = number(text, attribute: attribute, of: index, test: test) else { return nil }
        if value < 0 || (positive && value == 0) {
            unreadable("\(attribute.name)=\"\(text)\" of \(describe(index)) must be \(positive ? "greater than zero" : "zero or more")",
                       at: index, name: attribute.name, raw: text, test: test)
            return nil
        }
        return value
    }

    mutating func date(_ attribute: BTRAttribute, of index: Int, required: Bool = false) -> CivilDate? {
        guard let text = required ? self.required(attribute, of: index) : self.attribute(attribute, of: index) else { return nil }
        if let date = Self.withTrimmed(text, { CivilDate(parsing: $0) }) { return date }
        unreadable("\(attribute.name)=\"\(text)\" of \(describe(index)) is not a date YYYY-MM-DD", at: index, name: attribute.name, raw: text)
        return nil
    }

    mutating func timestamp(_ attribute: BTRAttribute, of index: Int, required: Bool = false, test: String?) -> Timestamp? {
        guard let text = required ? self.required(attribute, of: index, test: test) : self.attribute(attribute, of: index) else { return nil }
        if let timestamp = Self.withTrimmed(text, { Timestamp(parsing: $0) }) { return timestamp }
        unreadable("\(attribute.name)=\"\(text)\" of \(describe(index)) is not an ISO 8601 date-time with a UTC offset (e.g. 2025-08-10T09:00:00+08:00)",
                   at: index, name: attribute.name, raw: text, test: test)
        return nil
    }

    /// An attribute restricted to the raw values of `E`.
    mutating func choice<E: RawRepresentable & CaseIterable>(_ attribute: BTRAttribute, of index: Int, as _: E.Type, required: Bool = false,
                                                           test: String? = nil) -> E? where E.RawValue == String {
        guard let text = required ? self.required(attribute, of: index, test: test) : self.attribute(attribute, of: index) else { return nil }
        if let value = Self.withTrimmed(text, { E(rawValue: copy $0) }) { return value }
        let allowed = E.allCases.map(\.rawValue).joined(separator: ", ")
        unreadable("\(attribute.name)=\"\(text)\" of \(describe(index)) is not one of: \(allowed)", at: index, name: attribute.name, raw: text, test: test)
        return nil
    }

    mutating func boolean(_ attribute: BTRAttribute, of index: Int, test: String?) -> Bool? {
        guard let text = required(attribute, of: index, test: test) else { return nil }
        switch Self.trimmed(text) {
        case "true": return true
        case "false": return false
        default:
            unreadable("\(attribute.name)=\"\(text)\" of \(describe(index)) must be true or false", at: index, name: attribute.name, raw: text, test: test)
            return nil
        }
    }

    // MARK: units and quantities

    mutating func unit(_ text: String, of index: Int, name: String, test: String?) -> MeasurementUnit? {
        if let unit = Self.withTrimmed(text, { units.unit($0) }) { return unit }
        unreadable("unknown unit '\(text)' for \(name) (see the unit table of report-format.md)", at: index, name: name, unit: text,
                   rule: .unitUnknown, test: test)
        return nil
    }

    /// A `<condition>`, `<measurement>` or `<property>`: value, unit (required for a number),
    /// uncertainty, coverage and, for measurements, `at`. The unit's dimension is checked against
    /// the vocabulary when the name is in it. Appended to `list` when it has a name (made in place
    /// there: returned, each value was made aside and copied, all its texts counted up and down).
    mutating func appendNamedQuantity(_ index: Int, kind: Vocabulary.Kind, test: String?, to list: inout [NamedQuantity]) {
        // A name the vocabulary knows and a unit the catalogue spells exactly so (nearly all) are
        // taken as their own strings, found by the attribute's bytes: no string is made and checked
        // per value, and the unit is not looked up again. Any other is read as before.
        let known = withAttributeBytes(.name, of: index) { vocabulary.quantity(matching: $0, as: kind) } ?? nil
        guard let name = known?.name ?? required(.name, of: index, test: test) else { return }
        let written = attribute(.value, of: index)
        let valueText = written ?? ""
        let catalogued = withAttributeBytes(.unit, of: index) { units.unit(matching: $0) } ?? nil
        let unitText = catalogued?.spelling ?? attribute(.unit, of: index)
        let source = location(index)
        var quantity: Quantity?
        let value = required(.value, written, of: index, test: test).flatMap { number($0, attribute: .value, of: index, test: test) }
        if let value {
            if let unitText {
                if let unit = catalogued?.unit ?? unit(unitText, of: index, name: name, test: test) {
                    // The dimensions of a known name are at hand: not looked up again.
                    let allowed = known.map { $0.dimensions.contains { $0 == unit.dimension } } ?? vocabulary.allows(unit.dimension, for: name, as: kind)
                    if allowed == false {
                        let expected = (vocabulary.dimensions(of: name, as: kind) ?? []).map(\.name).joined(separator: " or ")
                        unreadable("\(name) is given in \(unit.symbol) (\(unit.dimension)); the vocabulary expects \(expected)",
                                   at: index, name: name, raw: valueText, unit: unitText, test: test)
                    } else {
                        quantity = Quantity(value, unit)
                    }
                }
            } else {
                unreadable("\(name) = \(valueText) has no unit (every number carries its unit; use unit=\"1\" for counts and ratios)",
                           at: index, name: name, raw: valueText, test: test)
            }
        }
        let uncertainty = optionalNumber(.uncertainty, of: index, test: test)
        let coverage = optionalNumber(.coverage, of: index, test: test, positive: true)
        let at = kind == .property ? nil : timestamp(.at, of: index, test: test)
        list.append(NamedQuantity(name: name, quantity: quantity, valueText: valueText, unitText: unitText,
                                  uncertainty: uncertainty, coverage: coverage, at: at, source: source))
    }
}
