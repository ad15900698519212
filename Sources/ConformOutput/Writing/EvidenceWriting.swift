import ConformFindings
import ConformModel

extension JSONWriter {
    /// Evidence as findings.md writes it: an array of objects with the name, the value as its JSON
    /// type (number, boolean or string), unit, uncertainty, line and XPath. The JSONL output and
    /// the audit store's `finding.evidence` column both use it.
    public mutating func evidence(_ evidence: [Evidence]) {
        beginArray()
        // Read in place through the array's memory, field by field: a loop over the values copied
        // every item first, and a field read through the array's subscript was a counted copy.
        evidence.withUnsafeBufferPointer { items in
            for index in items.indices {
                beginObject()
                field("name", items[index].name)
                switch items[index].value {
                // Each with its key in one write where it can be.
                case .number(let number)?: field("value", number)
                case .boolean(let flag)?: key("value"); boolean(flag)
                case .text(let text)?: field("value", text)
                case nil: break
                }
                field("unit", items[index].unit)
                field("uncertainty", items[index].uncertainty)
                field("line", items[index].line)
                if let path = items[index].path {
                    key("xpath")
                    xpath(path)
                }
                endObject()
            }
        }
        endArray()
    }
}
