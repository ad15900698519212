import ConformFindings
import ConformModel

extension JSONWriter {
    /// Evidence as findings.md writes it: an array of objects with the name, the value as its JSON
    /// type (number, boolean or string), unit, uncertainty, line and XPath. The JSONL output and
    /// the audit store's `finding.evidence` column both use it.
    public mutating func evidence(_ evidence: [Evidence]) {
        beginArray()
        // Read in place, field by field (a loop over the values copied every item first).
        for index in evidence.indices {
            beginObject()
            field("name", evidence[index].name)
            if let value = evidence[index].value {
                // Each with its key in one write where it can be.
                switch value {
                case .number(let number): field("value", number)
                case .boolean(let flag): key("value"); boolean(flag)
                case .text(let text): field("value", text)
                }
            }
            field("unit", evidence[index].unit)
            field("uncertainty", evidence[index].uncertainty)
            field("line", evidence[index].line)
            if let path = evidence[index].path {
                key("xpath")
                xpath(path)
            }
            endObject()
        }
        endArray()
    }
}
