import CLibXML2
import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Collects SAX2 events of one parse into an `XMLTree`, enforcing `XMLLimits` and BTR-XML's
/// refusals (DOCTYPE, declarations, XInclude). One builder per document, used on one thread.
final class TreeBuilder {
    private struct OpenElement {
        let index: Int
        /// Where this element's entries in `siblingCounts` start: an open element's entries are
        /// always the last ones while it is the innermost, so the counts need no list of their own.
        let countsStart: Int
        var lastChild = -1
    }

    let limits: XMLLimits
    let expectedRoot: XMLName?
    // The builder's state is touched by every SAX event. One parse runs on one thread and each
    // event's callback finishes before the next starts, so no two accesses can overlap: the
    // run-time exclusivity checks (a fifth of the builder's cost) are left out for these
    // (the compile-time checks remain).
    @exclusivity(unchecked) private var nodes: [XMLTree.Node] = []
    @exclusivity(unchecked) private var attributes: [XMLTree.Attribute] = []
    /// Attribute values and leaf texts, one after another (see `XMLTree`).
    @exclusivity(unchecked) private var bytes = ByteStore()
    /// The character data of the innermost open element so far (kept only if it stays a leaf).
    @exclusivity(unchecked) private var pendingText = ByteStore()
    @exclusivity(unchecked) private var stack: [OpenElement] = []
    /// For each open element, how many children of each name it has so far (few names per
    /// parent: a short list; see `OpenElement.countsStart`).
    @exclusivity(unchecked) private var siblingCounts: [(name: Int32, count: Int)] = []
    /// The first reason the read fails, whoever found it first (libxml2 or the builder).
    @exclusivity(unchecked) private(set) var failure: XMLReadFailure?
    private(set) var diagnostics: [XMLDiagnostic] = []
    private var doctypeLine: Int?
    /// Set when the root is not the expected one: the rest is still parsed (so that a broken file
    /// is reported as broken) but nothing more is kept.
    @exclusivity(unchecked) private var foreignRoot: (name: XMLName, line: Int)?
    @exclusivity(unchecked) private var skippedDepth = 0
    /// libxml2 interns names in the context's dictionary: one entry of `names` per distinct pointer.
    @exclusivity(unchecked) private var names: [String] = []
    /// Whether each entry of `names`, as a namespace, is XInclude's.
    @exclusivity(unchecked) private var isXInclude: [Bool] = []
    /// The index in `names` of each interned pointer, probed linearly from the pointer's hash;
    /// kept at most half full (a `Dictionary` hashed every pointer with SipHash).
    @exclusivity(unchecked) private var nameSlots = [(key: UnsafeRawPointer?, id: Int32)](repeating: (nil, 0), count: 128)

    private let deadline: UInt64
    @exclusivity(unchecked) private var seen = 0

    /// `documentBytes`, the size of the document, sizes the element, attribute and value storage
    /// for a typical report up front (grown by appending, each was copied again at every doubling:
    /// about ten copies per report). BTR-XML reports run to about 70 bytes per element and 25
    /// per attribute, a third of them attribute values and text. The hints stop at a document of
    /// a megabyte (about 3 MB reserved): a larger one grows from there as before.
    init(limits: XMLLimits, expectedRoot: XMLName?, documentBytes: Int = 0) {
        self.limits = limits
        self.expectedRoot = expectedRoot
        let hint = min(max(documentBytes, 0), 1 << 20)
        nodes.reserveCapacity(hint / 64)
        attributes.reserveCapacity(hint / 20)
        bytes = ByteStore(capacity: hint / 2)
        let now = DispatchTime.now().uptimeNanoseconds
        self.deadline = now &+ UInt64(max(0, min(limits.maxSeconds, 1e6)) * 1e9)
    }

    var tree: XMLTree { XMLTree(storage: XMLTree.Storage(names: names, nodes: nodes, attributes: attributes, bytes: bytes.array)) }
    var isEmpty: Bool { nodes.isEmpty }

    /// Called after the parse: a foreign root is the failure when nothing else went wrong.
    func finish() {
        if failure == nil, let foreignRoot, let expectedRoot {
            let found = foreignRoot.name
            let place = found.namespace.map { "in namespace \($0)" } ?? "in no namespace"
            failure = XMLReadFailure(kind: .unexpectedRoot(found),
                                     message: "the root element is <\(found.localName)> \(place); expected <\(expectedRoot.localName)> in namespace \(expectedRoot.namespace ?? "(none)")",
                                     line: foreignRoot.line)
        }
    }

    // MARK: failures

    /// Records the failure (if none yet) and halts the parser.
    func stop(_ kind: XMLReadFailure.Kind, _ message: String, line: Int?, context: xmlParserCtxtPtr) {
        if failure == nil {
            failure = XMLReadFailure(kind: kind, message: message, line: line)
        }
        xmlStopParser(context)
    }

    func record(_ diagnostic: XMLDiagnostic) {
        diagnostics.append(diagnostic)
        if failure == nil, diagnostic.level != .warning {
            failure = XMLReadFailure(kind: .malformed, message: diagnostic.message, line: diagnostic.line)
        }
    }

    // MARK: DOCTYPE and declarations

    func doctype(externalID: Bool, systemID: Bool, line: Int, context: xmlParserCtxtPtr) {
        if externalID || systemID {
            stop(.forbidden, "the DOCTYPE names an external DTD subset; BTR-XML allows no DTD and nothing outside the report is ever loaded", line: line, context: context)
        } else {
            doctypeLine = line
        }
    }

    func declaration(_ what: String, line: Int, context: xmlParserCtxtPtr) {
        stop(.forbidden, "the DOCTYPE declares \(what); BTR-XML allows no DTD, no entity beyond the five predefined ones", line: line, context: context)
    }

    // MARK: elements

    /// The index in `names` of a name libxml2 interned (a report uses a few dozen names, each
    /// thousands of times).
    func name(_ pointer: UnsafePointer<xmlChar>?) -> Int32? {
        guard let pointer else { return nil }
        let key = UnsafeRawPointer(pointer)
        var slot = Self.slot(of: key, in: nameSlots.count)
        while let found = nameSlots[slot].key {
            if found == key { return nameSlots[slot].id }
            slot = (slot + 1) & (nameSlots.count - 1)
        }
        let id = Int32(names.count)
        let text = String(cString: pointer)
        names.append(text)
        isXInclude.append(text == "http://www.w3.org/2001/XInclude" || text == "http://www.w3.org/2003/XInclude")
        nameSlots[slot] = (key, id)
        if names.count * 2 > nameSlots.count { growNameSlots() }
        return id
    }

    private static func slot(of key: UnsafeRawPointer, in count: Int) -> Int {
        let bits = UInt(bitPattern: key)
        return Int(truncatingIfNeeded: (bits >> 3) ^ (bits >> 11)) & (count - 1)
    }

    private func growNameSlots() {
        let count = nameSlots.count * 2
        var grown = [(key: UnsafeRawPointer?, id: Int32)](repeating: (nil, 0), count: count)
        for entry in nameSlots {
            guard let key = entry.key else { continue }
            var slot = Self.slot(of: key, in: count)
            while grown[slot].key != nil { slot = (slot + 1) & (count - 1) }
            grown[slot] = entry
        }
        nameSlots = grown
    }

    func string(of name: Int32) -> String { names[Int(name)] }

    /// One start tag. `attributes` is libxml2's SAX2 array: five pointers per attribute (local
    /// name, prefix, URI, value start, value end).
    func startElement(name: Int32, namespace: Int32?, attributes raw: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?,
                      attributeCount: Int, line: Int, context: xmlParserCtxtPtr) {
        // Lengths first, before anything else about the element (the name only for the message).
        if let raw {
            for i in 0..<attributeCount {
                guard let start = raw[5 * i + 3], let end = raw[5 * i + 4], end - start > limits.maxAttributeLength,
                      let attributeName = self.name(raw[5 * i]) else { continue }
                attributeTooLong(string(of: attributeName), line: line, context: context)
                return
            }
        }
        seen += 1
        if seen & 255 == 0, DispatchTime.now().uptimeNanoseconds > deadline {
            stop(.limitExceeded, "reading took longer than \(limits.maxSeconds) s (limit maxSeconds)", line: line, context: context)
            return
        }
        if let doctypeLine {
            stop(.forbidden, "the document has a DOCTYPE; BTR-XML allows no DTD", line: doctypeLine, context: context)
            return
        }
        if let namespace, isXInclude[Int(namespace)] {
            stop(.forbidden, "XInclude element <\(string(of: name))> is not allowed; nothing outside the report is ever included", line: line, context: context)
            return
        }
        if foreignRoot != nil {
            skippedDepth += 1
            return
        }
        if stack.isEmpty, nodes.isEmpty, let expectedRoot {
            let found = XMLName(string(of: name), namespace: namespace.map(string(of:)))
            if found != expectedRoot {
                foreignRoot = (found, line)
                skippedDepth = 1
                return
            }
        }
        if stack.count >= limits.maxDepth {
            stop(.limitExceeded, "element nesting deeper than \(limits.maxDepth) levels (limit maxDepth)", line: line, context: context)
            return
        }
        if nodes.count >= limits.maxElements {
            stop(.limitExceeded, "more than \(limits.maxElements) elements (limit maxElements)", line: line, context: context)
            return
        }
        let index = nodes.count
        let firstAttribute = attributes.count
        if let raw {
            for i in 0..<attributeCount {
                guard let attributeName = self.name(raw[5 * i]), let start = raw[5 * i + 3], let end = raw[5 * i + 4] else { continue }
                let valueStart = bytes.count
                appendAttributeValue(start, end)
                attributes.append(XMLTree.Attribute(name: attributeName, namespace: self.name(raw[5 * i + 2]) ?? -1,
                                                    start: valueStart, count: bytes.count - valueStart))
            }
        }
        var parent = -1
        var position = 1
        if !stack.isEmpty {
            let top = stack.count - 1
            parent = stack[top].index
            var i = stack[top].countsStart
            while i < siblingCounts.count, siblingCounts[i].name != name { i += 1 }
            if i < siblingCounts.count {
                siblingCounts[i].count += 1
                position = siblingCounts[i].count
            } else {
                siblingCounts.append((name, 1))
            }
            let previous = stack[top].lastChild
            if previous >= 0 { nodes[previous].nextSibling = index } else { nodes[parent].firstChild = index }
            stack[top].lastChild = index
        }
        nodes.append(XMLTree.Node(name: name, namespace: namespace ?? -1, parent: parent, position: position, line: line,
                                  firstAttribute: firstAttribute, attributeCount: attributes.count - firstAttribute))
        stack.append(OpenElement(index: index, countsStart: siblingCounts.count))
        pendingText.removeAll()
    }

    /// Without `XML_PARSE_NOENT`, libxml2 hands attribute values over with every `&` written as
    /// `&#38;` (for SAX2's own re-parse). Nothing else in the value can start with `&`.
    private func appendAttributeValue(_ start: UnsafePointer<xmlChar>, _ end: UnsafePointer<xmlChar>) {
        let value = UnsafeBufferPointer(start: start, count: end - start)
        // (`memchr`: the byte loop of `contains` was most of the cost of a short value.)
        guard value.count > 0, memchr(start, Int32(UInt8(ascii: "&")), value.count) != nil else {
            bytes.append(value)
            return
        }
        let escaped: [UInt8] = Array("&#38;".utf8)
        var i = 0
        while i < value.count {
            if value[i] == UInt8(ascii: "&"), i + 5 <= value.count, value[i..<(i + 5)].elementsEqual(escaped) {
                bytes.append(UInt8(ascii: "&"))
                i += 5
            } else {
                bytes.append(value[i])
                i += 1
            }
        }
    }

    func characters(_ text: UnsafeBufferPointer<UInt8>) {
        guard foreignRoot == nil, !stack.isEmpty else { return }
        pendingText.append(text)
    }

    func endElement() {
        if foreignRoot != nil {
            skippedDepth -= 1
            return
        }
        guard let open = stack.popLast() else { return }
        // Only a leaf keeps its text: the text of an element with children is its layout.
        if nodes[open.index].firstChild < 0, !pendingText.isEmpty {
            nodes[open.index].textStart = bytes.count
            nodes[open.index].textCount = pendingText.count
            bytes.append(contentsOf: pendingText)
        }
        pendingText.removeAll()
        siblingCounts.removeSubrange(open.countsStart...)
    }

    func attributeTooLong(_ name: String, line: Int, context: xmlParserCtxtPtr) {
        stop(.limitExceeded, "attribute \(name) is longer than \(limits.maxAttributeLength) bytes (limit maxAttributeLength)", line: line, context: context)
    }
}
