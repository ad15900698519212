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

    init(tree: XMLTree, units: UnitCatalog, vocabulary: Vocabulary) {
        self.tree = tree
        self.units = units
        self.vocabulary = vocabulary
    }

    func location(_ index: Int) -> SourceLocation {
        SourceLocation(line: tree[index].line, xpath: tree.xpath(of: index))
    }

    // MARK: findings

    /// A value or element that cannot be read: the data behind it is missing, so whatever rests on
    /// it is incomplete.
    mutating func unreadable(_ message: String, at index: Int, name: String? = nil, raw: String? = nil,
                             unit: String? = nil, rule: ToolRule = .schema, test: String? = nil) {
        let place = location(index)
        let evidenceName = tree[index].attribute("name") ?? name ?? tree[index].name
        let evidence = Evidence(name: evidenceName, value: raw.map { .text($0) }, unit: unit,
                                line: place.line, xpath: place.xpath)
        findings.append(Finding(rule: rule.rawValue, verdict: .incomplete, message: message, line: place.line,
                                test: test, evidence: [evidence]))
    }

    /// Something that departs from the format but hides no data (an unknown element, a second
    /// `<title>`): reported as a warning, which does not decide the report's verdict.
    mutating func departure(_ message: String, at index: Int) {
        let place = location(index)
        findings.append(Finding(rule: ToolRule.schema.rawValue, verdict: .fail, severity: .warning, message: message,
                                line: place.line, evidence: [Evidence(name: tree[index].name, value: nil, line: place.line, xpath: place.xpath)]))
    }

    /// `<measurement name="insulationResistance">`, or `<report>`: how messages name an element.
    func describe(_ index: Int) -> String {
        if let name = tree[index].attribute("name") { return "<\(tree[index].name) name=\"\(name)\">" }
        return "<\(tree[index].name)>"
    }

    // MARK: attributes

    func trimmed(_ text: String) -> String {
        var scalars = Substring(text)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }

    /// A required attribute; absent or empty is a finding.
    mutating func required(_ attribute: String, of index: Int, test: String? = nil) -> String? {
        guard let value = tree[index].attribute(attribute), !trimmed(value).isEmpty else {
            unreadable("\(describe(index)) lacks its required attribute '\(attribute)'", at: index, name: attribute, test: test)
            return nil
        }
        return value
    }

    mutating func number(_ text: String, attribute: String, of index: Int, test: String?) -> Double? {
        if let value = NumberText.parse(trimmed(text)) { return value }
        unreadable("\(attribute)=\"\(text)\" of \(describe(index)) is not a number (BTR-XML writes decimals with '.' and an optional exponent)",
                   at: index, name: attribute, raw: text, test: test)
        return nil
    }

    mutating func optionalNumber(_ attribute: String, of index: Int, test: String?, positive: Bool = false) -> Double? {
        guard let text = tree[index].attribute(attribute) else { return nil }
        guard let value = number(text, attribute: attribute, of: index, test: test) else { return nil }
        if value < 0 || (positive && value == 0) {
            unreadable("\(attribute)=\"\(text)\" of \(describe(index)) must be \(positive ? "greater than zero" : "zero or more")",
                       at: index, name: attribute, raw: text, test: test)
            return nil
        }
        return value
    }

    mutating func date(_ attribute: String, of index: Int, required: Bool = false) -> CivilDate? {
        guard let text = required ? self.required(attribute, of: index) : tree[index].attribute(attribute) else { return nil }
        if let date = CivilDate(parsing: trimmed(text)) { return date }
        unreadable("\(attribute)=\"\(text)\" of \(describe(index)) is not a date YYYY-MM-DD", at: index, name: attribute, raw: text)
        return nil
    }

    mutating func timestamp(_ attribute: String, of index: Int, required: Bool = false, test: String?) -> Timestamp? {
        guard let text = required ? self.required(attribute, of: index, test: test) : tree[index].attribute(attribute) else { return nil }
        if let timestamp = Timestamp(parsing: trimmed(text)) { return timestamp }
        unreadable("\(attribute)=\"\(text)\" of \(describe(index)) is not an ISO 8601 date-time with a UTC offset (e.g. 2025-08-10T09:00:00+08:00)",
                   at: index, name: attribute, raw: text, test: test)
        return nil
    }

    /// An attribute restricted to the raw values of `E`.
    mutating func choice<E: RawRepresentable & CaseIterable>(_ attribute: String, of index: Int, as _: E.Type, required: Bool = false,
                                                           test: String? = nil) -> E? where E.RawValue == String {
        guard let text = required ? self.required(attribute, of: index, test: test) : tree[index].attribute(attribute) else { return nil }
        if let value = E(rawValue: trimmed(text)) { return value }
        let allowed = E.allCases.map(\.rawValue).joined(separator: ", ")
        unreadable("\(attribute)=\"\(text)\" of \(describe(index)) is not one of: \(allowed)", at: index, name: attribute, raw: text, test: test)
        return nil
    }

    mutating func boolean(_ attribute: String, of index: Int, test: String?) -> Bool? {
        guard let text = required(attribute, of: index, test: test) else { return nil }
        switch trimmed(text) {
        case "true": return true
        case "false": return false
        default:
            unreadable("\(attribute)=\"\(text)\" of \(describe(index)) must be true or false", at: index, name: attribute, raw: text, test: test)
            return nil
        }
    }

    // MARK: units and quantities

    mutating func unit(_ text: String, of index: Int, name: String, test: String?) -> MeasurementUnit? {
        if let unit = units.unit(trimmed(text)) { return unit }
        unreadable("unknown unit '\(text)' for \(name) (see the unit table of report-format.md)", at: index, name: name, unit: text,
                   rule: .unitUnknown, test: test)
        return nil
    }

    /// A `<condition>`, `<measurement>` or `<property>`: value, unit (required for a number),
    /// uncertainty, coverage and, for measurements, `at`. The unit's dimension is checked against
    /// the vocabulary when the name is in it.
    mutating func namedQuantity(_ index: Int, kind: Vocabulary.Kind, test: String?) -> NamedQuantity? {
        guard let name = required("name", of: index, test: test) else { return nil }
        let valueText = tree[index].attribute("value") ?? ""
        let unitText = tree[index].attribute("unit")
        let source = location(index)
        var quantity: Quantity?
        let value = required("value", of: index, test: test).flatMap { number($0, attribute: "value", of: index, test: test) }
        if let value {
            if let unitText {
                if let unit = unit(unitText, of: index, name: name, test: test) {
                    if let allowed = vocabulary.dimensions(of: name, as: kind), !allowed.contains(unit.dimension) {
                        let expected = allowed.map(\.name).joined(separator: " or ")
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
        let uncertainty = optionalNumber("uncertainty", of: index, test: test)
        let coverage = optionalNumber("coverage", of: index, test: test, positive: true)
        let at = kind == .property ? nil : timestamp("at", of: index, test: test)
        return NamedQuantity(name: name, quantity: quantity, valueText: valueText, unitText: unitText,
                             uncertainty: uncertainty, coverage: coverage, at: at, source: source)
    }
}
