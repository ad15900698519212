import ConformFindings

extension JSONWriter {
    /// Evidence as findings.md writes it: an array of objects with the name, the value as its JSON
    /// type (number, boolean or string), unit, uncertainty, line and XPath. The JSONL output and
    /// the audit store's `finding.evidence` column both use it.
    public mutating func evidence(_ evidence: [Evidence]) {
        beginArray()
        for item in evidence {
            beginObject()
            field("name", item.name)
            if let value = item.value {
                key("value")
                switch value {
                case .number(let number): self.number(number)
                case .boolean(let flag): boolean(flag)
                case .text(let text): string(text)
                }
            }
            field("unit", item.unit)
            field("uncertainty", item.uncertainty)
            field("line", item.line)
            field("xpath", item.xpath)
            endObject()
        }
        endArray()
    }
}
