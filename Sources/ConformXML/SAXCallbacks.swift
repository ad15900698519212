import CLibXML2

// The SAX2 callbacks of `SafeXMLReader`. libxml2 passes the parser context as `ctx` (its
// `userData` is the context itself); the context's `_private` holds the `TreeBuilder`.
// None of these keep libxml2 state beyond the call, and none touch process-global state.

@inline(__always)
private func context(_ ctx: UnsafeMutableRawPointer?) -> xmlParserCtxtPtr? {
    ctx?.assumingMemoryBound(to: xmlParserCtxt.self)
}

@inline(__always)
private func builder(_ context: xmlParserCtxtPtr) -> TreeBuilder? {
    guard let opaque = context.pointee._private else { return nil }
    return Unmanaged<TreeBuilder>.fromOpaque(opaque).takeUnretainedValue()
}

/// The builder lent to `body`, without counting it up and down: the reader holds it (retained in
/// `_private`) for the whole parse. For the callbacks of every element and text (`builder(_:)`'s
/// strong reference cost two atomic counts each, about two thousand per report).
@inline(__always)
private func withBuilder(_ ctx: UnsafeMutableRawPointer?, _ body: (xmlParserCtxtPtr, TreeBuilder) -> Void) {
    guard let context = context(ctx), let opaque = context.pointee._private else { return }
    Unmanaged<TreeBuilder>.fromOpaque(opaque)._withUnsafeGuaranteedRef { body(context, $0) }
}

/// The line of the `<` that opened the tag being reported. libxml2 reports a start tag once it
/// has read its attributes, so its own line is the tag's last line. `<` cannot occur inside an
/// attribute value, so the nearest `<` before the cursor opens this tag.
private func tagStartLine(_ context: xmlParserCtxtPtr) -> Int {
    guard let input = context.pointee.input else { return 0 }
    let line = Int(input.pointee.line)
    guard let base = input.pointee.base, var cursor = input.pointee.cur else { return line }
    var newlines = 0
    // Eight bytes at a time while none of them is `<` or a line feed (most tags sit on one line),
    // then byte by byte.
    let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
    func hasByte(_ word: UInt64, _ byte: UInt8) -> Bool {
        let x = word ^ (ones &* UInt64(byte))
        return (x &- ones) & ~x & highs != 0
    }
    while cursor - base >= 8 {
        let word = UnsafeRawPointer(cursor - 8).loadUnaligned(as: UInt64.self)
        if hasByte(word, UInt8(ascii: "<")) || hasByte(word, UInt8(ascii: "\n")) { break }
        cursor -= 8
    }
    while cursor > base {
        cursor -= 1
        let byte = cursor.pointee
        if byte == UInt8(ascii: "<") { return max(1, line - newlines) }
        if byte == UInt8(ascii: "\n") { newlines += 1 }
    }
    return line
}

private func currentLine(_ context: xmlParserCtxtPtr) -> Int {
    Int(context.pointee.input?.pointee.line ?? 0)
}

func saxStartElementNs(
    _ ctx: UnsafeMutableRawPointer?,
    _ localname: UnsafePointer<xmlChar>?,
    _ prefix: UnsafePointer<xmlChar>?,
    _ uri: UnsafePointer<xmlChar>?,
    _ namespaceCount: Int32,
    _ namespaces: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?,
    _ attributeCount: Int32,
    _ defaultedCount: Int32,
    _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
) {
    withBuilder(ctx) { context, builder in
        guard let name = builder.name(localname) else { return }
        builder.startElement(name: name, namespace: builder.name(uri), attributes: attributes,
                             attributeCount: Int(max(0, attributeCount)), line: tagStartLine(context), context: context)
    }
}

func saxEndElementNs(
    _ ctx: UnsafeMutableRawPointer?, _ localname: UnsafePointer<xmlChar>?,
    _ prefix: UnsafePointer<xmlChar>?, _ uri: UnsafePointer<xmlChar>?
) {
    withBuilder(ctx) { _, builder in builder.endElement() }
}

func saxCharacters(_ ctx: UnsafeMutableRawPointer?, _ characters: UnsafePointer<xmlChar>?, _ length: Int32) {
    guard let characters, length > 0 else { return }
    withBuilder(ctx) { _, builder in builder.characters(UnsafeBufferPointer(start: characters, count: Int(length))) }
}

func saxInternalSubset(
    _ ctx: UnsafeMutableRawPointer?, _ name: UnsafePointer<xmlChar>?,
    _ externalID: UnsafePointer<xmlChar>?, _ systemID: UnsafePointer<xmlChar>?
) {
    guard let context = context(ctx), let builder = builder(context) else { return }
    builder.doctype(externalID: externalID != nil, systemID: systemID != nil, line: currentLine(context), context: context)
}

func saxExternalSubset(
    _ ctx: UnsafeMutableRawPointer?, _ name: UnsafePointer<xmlChar>?,
    _ externalID: UnsafePointer<xmlChar>?, _ systemID: UnsafePointer<xmlChar>?
) {
    guard let context = context(ctx), let builder = builder(context) else { return }
    if externalID != nil || systemID != nil {
        builder.doctype(externalID: externalID != nil, systemID: systemID != nil, line: currentLine(context), context: context)
    }
}

func saxEntityDecl(
    _ ctx: UnsafeMutableRawPointer?, _ name: UnsafePointer<xmlChar>?, _ type: Int32,
    _ publicID: UnsafePointer<xmlChar>?, _ systemID: UnsafePointer<xmlChar>?, _ content: UnsafeMutablePointer<xmlChar>?
) {
    guard let context = context(ctx), let builder = builder(context) else { return }
    let entity = name.map { String(cString: $0) } ?? "?"
    // The system identifier is never echoed: it may name a local file, and nothing is read from it.
    let what = (publicID != nil || systemID != nil) ? "the external entity '\(entity)'" : "the entity '\(entity)'"
    builder.declaration(what, line: currentLine(context), context: context)
}

func saxUnparsedEntityDecl(
    _ ctx: UnsafeMutableRawPointer?, _ name: UnsafePointer<xmlChar>?,
    _ publicID: UnsafePointer<xmlChar>?, _ systemID: UnsafePointer<xmlChar>?, _ notation: UnsafePointer<xmlChar>?
) {
    guard let context = context(ctx), let builder = builder(context) else { return }
    builder.declaration("the unparsed entity '\(name.map { String(cString: $0) } ?? "?")'", line: currentLine(context), context: context)
}

func saxNotationDecl(
    _ ctx: UnsafeMutableRawPointer?, _ name: UnsafePointer<xmlChar>?,
    _ publicID: UnsafePointer<xmlChar>?, _ systemID: UnsafePointer<xmlChar>?
) {
    guard let context = context(ctx), let builder = builder(context) else { return }
    builder.declaration("a notation", line: currentLine(context), context: context)
}

func saxElementDecl(
    _ ctx: UnsafeMutableRawPointer?, _ name: UnsafePointer<xmlChar>?, _ type: Int32, _ content: xmlElementContentPtr?
) {
    guard let context = context(ctx), let builder = builder(context) else { return }
    builder.declaration("an element type", line: currentLine(context), context: context)
}

func saxAttributeDecl(
    _ ctx: UnsafeMutableRawPointer?, _ element: UnsafePointer<xmlChar>?, _ fullname: UnsafePointer<xmlChar>?,
    _ type: Int32, _ def: Int32, _ defaultValue: UnsafePointer<xmlChar>?, _ tree: xmlEnumerationPtr?
) {
    // libxml2 hands the enumeration over to the callback, which owns it.
    if let tree { xmlFreeEnumeration(tree) }
    guard let context = context(ctx), let builder = builder(context) else { return }
    builder.declaration("attribute defaults (ATTLIST)", line: currentLine(context), context: context)
}

func saxStructuredError(_ userData: UnsafeMutableRawPointer?, _ error: xmlErrorPtr?) {
    guard let context = context(userData), let builder = builder(context), let error else { return }
    builder.record(XMLDiagnostic(error))
}

extension XMLDiagnostic {
    /// libxml2's error as a diagnostic: its level, its message (without the trailing newline), its line.
    init(_ error: xmlErrorPtr) {
        switch error.pointee.level {
        case XML_ERR_WARNING: level = .warning
        case XML_ERR_ERROR: level = .error
        default: level = .fatal
        }
        var text = error.pointee.message.map { String(cString: $0) } ?? "libxml2 error \(error.pointee.code)"
        while text.last?.isWhitespace == true { text.removeLast() }
        message = text
        line = error.pointee.line > 0 ? Int(error.pointee.line) : nil
    }
}
