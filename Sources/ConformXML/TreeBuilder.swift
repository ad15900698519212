import CLibXML2
import Dispatch

/// Collects SAX2 events of one parse into an `XMLTree`, enforcing `XMLLimits` and BTR-XML's
/// refusals (DOCTYPE, declarations, XInclude). One builder per document, used on one thread.
final class TreeBuilder {
    private struct OpenElement {
        let index: Int
        var text: [UInt8] = []
        /// How many children of each name so far (few names per parent: a list, not a table;
        /// names are the interned strings of `name(_:)`, so comparing them is mostly identity).
        var siblingCounts: [(name: String, count: Int)] = []

        mutating func nextPosition(of name: String) -> Int {
            for i in siblingCounts.indices where siblingCounts[i].name == name {
                siblingCounts[i].count += 1
                return siblingCounts[i].count
            }
            siblingCounts.append((name, 1))
            return 1
        }
    }

    let limits: XMLLimits
    let expectedRoot: XMLName?
    // The builder's state is touched by every SAX event. One parse runs on one thread and each
    // event's callback finishes before the next starts, so no two accesses can overlap: the
    // run-time exclusivity checks (a fifth of the builder's cost) are left out for these
    // (the compile-time checks remain).
    @exclusivity(unchecked) private(set) var elements: [XMLElement] = []
    @exclusivity(unchecked) private var stack: [OpenElement] = []
    /// The first reason the read fails, whoever found it first (libxml2 or the builder).
    @exclusivity(unchecked) private(set) var failure: XMLReadFailure?
    private(set) var diagnostics: [XMLDiagnostic] = []
    private var doctypeLine: Int?
    /// Set when the root is not the expected one: the rest is still parsed (so that a broken file
    /// is reported as broken) but nothing more is kept.
    @exclusivity(unchecked) private var foreignRoot: (name: XMLName, line: Int)?
    @exclusivity(unchecked) private var skippedDepth = 0
    /// libxml2 interns names in the context's dictionary: one Swift string per distinct pointer.
    @exclusivity(unchecked) private var names: [UnsafeRawPointer: String] = [:]
    @exclusivity(unchecked) private var recentNames = [(key: UnsafeRawPointer?, name: String)](repeating: (nil, ""), count: 128)

    private let deadline: UInt64
    @exclusivity(unchecked) private var seen = 0

    init(limits: XMLLimits, expectedRoot: XMLName?) {
        self.limits = limits
        self.expectedRoot = expectedRoot
        let now = DispatchTime.now().uptimeNanoseconds
        self.deadline = now &+ UInt64(max(0, min(limits.maxSeconds, 1e6)) * 1e9)
    }

    var tree: XMLTree { XMLTree(elements: elements) }

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

    /// The Swift string of a name libxml2 interned: a small direct-mapped cache in front of the
    /// table (a report uses a few dozen names, each thousands of times).
    func name(_ pointer: UnsafePointer<xmlChar>?) -> String? {
        guard let pointer else { return nil }
        let key = UnsafeRawPointer(pointer)
        let bits = UInt(bitPattern: key)
        let slot = Int(truncatingIfNeeded: (bits >> 3) ^ (bits >> 10)) & (recentNames.count - 1)
        if recentNames[slot].key == key { return recentNames[slot].name }
        let value: String
        if let known = names[key] {
            value = known
        } else {
            value = String(cString: pointer)
            names[key] = value
        }
        recentNames[slot] = (key, value)
        return value
    }

    func startElement(name: String, namespace: String?, attributes: [XMLAttribute], line: Int, context: xmlParserCtxtPtr) {
        seen += 1
        if seen & 255 == 0, DispatchTime.now().uptimeNanoseconds > deadline {
            stop(.limitExceeded, "reading took longer than \(limits.maxSeconds) s (limit maxSeconds)", line: line, context: context)
            return
        }
        if let doctypeLine {
            stop(.forbidden, "the document has a DOCTYPE; BTR-XML allows no DTD", line: doctypeLine, context: context)
            return
        }
        if namespace == "http://www.w3.org/2001/XInclude" || namespace == "http://www.w3.org/2003/XInclude" {
            stop(.forbidden, "XInclude element <\(name)> is not allowed; nothing outside the report is ever included", line: line, context: context)
            return
        }
        if foreignRoot != nil {
            skippedDepth += 1
            return
        }
        if stack.isEmpty, elements.isEmpty, let expectedRoot, expectedRoot != XMLName(name, namespace: namespace) {
            foreignRoot = (XMLName(name, namespace: namespace), line)
            skippedDepth = 1
            return
        }
        if stack.count >= limits.maxDepth {
            stop(.limitExceeded, "element nesting deeper than \(limits.maxDepth) levels (limit maxDepth)", line: line, context: context)
            return
        }
        if elements.count >= limits.maxElements {
            stop(.limitExceeded, "more than \(limits.maxElements) elements (limit maxElements)", line: line, context: context)
            return
        }
        let index = elements.count
        var position = 1
        if !stack.isEmpty {
            let top = stack.count - 1
            position = stack[top].nextPosition(of: name)
            elements[stack[top].index].children.append(index)
        }
        elements.append(XMLElement(
            name: name, namespace: namespace, attributes: attributes, text: "",
            line: line, parent: stack.last?.index, position: position, children: []
        ))
        stack.append(OpenElement(index: index))
    }

    func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard foreignRoot == nil, !stack.isEmpty else { return }
        stack[stack.count - 1].text.append(contentsOf: bytes)
    }

    func endElement() {
        if foreignRoot != nil {
            skippedDepth -= 1
            return
        }
        guard let open = stack.popLast() else { return }
        if elements[open.index].children.isEmpty, !open.text.isEmpty {
            elements[open.index].text = String(decoding: open.text, as: UTF8.self)
        }
    }

    func attributeTooLong(_ name: String, line: Int, context: xmlParserCtxtPtr) {
        stop(.limitExceeded, "attribute \(name) is longer than \(limits.maxAttributeLength) bytes (limit maxAttributeLength)", line: line, context: context)
    }
}
