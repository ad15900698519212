import CLibXML2

/// Reads untrusted XML with libxml2 into an `XMLTree`, safely:
/// - no network (`XML_PARSE_NONET`), no external entity, no DTD loading, no entity substitution,
///   no XInclude processing; a deny-all external entity loader behind that (`LibXMLRuntime`);
/// - any DOCTYPE is refused (`.forbidden`): one that names an external subset, declares an entity
///   or anything else is stopped at that declaration, before any expansion can happen;
/// - `XML_PARSE_HUGE` stays off (libxml2's own depth and text limits hold), plus `XMLLimits`;
/// - errors are collected per document through the parser context, never through process-global
///   handlers, so readers may run on several threads at once (one context per document).
/// The tree is built straight from SAX2 events: libxml2 builds no DOM of its own.
public struct SafeXMLReader: Sendable {
    public var limits: XMLLimits

    static let options: Int32 = Int32(
        XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_BIG_LINES.rawValue
            | XML_PARSE_NOWARNING.rawValue
    )

    public init(limits: XMLLimits = .default) {
        self.limits = limits
        LibXMLRuntime.prepare()
    }

    /// Reads `bytes`. With `expectedRoot`, a document whose root element differs fails with
    /// `.unexpectedRoot` as soon as the root's start tag is read.
    public func read(_ bytes: UnsafeRawBufferPointer, expectedRoot: XMLName? = nil) -> Result<XMLTree, XMLReadFailure> {
        if bytes.count > limits.maxBytes {
            return .failure(XMLReadFailure(kind: .limitExceeded, message: "the file is \(bytes.count) bytes, more than the \(limits.maxBytes) allowed (limit maxBytes)", line: nil))
        }
        if bytes.isEmpty {
            return .failure(XMLReadFailure(kind: .malformed, message: "the file is empty (0 bytes): Document is empty", line: 1))
        }
        guard bytes.count <= Int(Int32.max),
              let base = bytes.baseAddress?.assumingMemoryBound(to: CChar.self),
              let context = xmlCreateMemoryParserCtxt(base, Int32(bytes.count)) else {
            return .failure(XMLReadFailure(kind: .malformed, message: "libxml2 could not create a parser for this input", line: nil))
        }
        defer {
            // "For expat compatibility in SAX mode", libxml2 records an entity declaration in a
            // document of its own (`myDoc`, with a fake DTD) even under a SAX handler that builds
            // nothing, and freeing the context leaves it: about 13 KB per such file, unbounded
            // over an archive of them.
            if let document = context.pointee.myDoc {
                context.pointee.myDoc = nil
                xmlFreeDoc(document)
            }
            xmlFreeParserCtxt(context)
        }

        let builder = TreeBuilder(limits: limits, expectedRoot: expectedRoot, documentBytes: bytes.count)
        let retained = Unmanaged.passRetained(builder)
        defer { retained.release() }
        context.pointee._private = retained.toOpaque()
        if let sax = context.pointee.sax {
            sax.pointee = Self.handler
        }
        xmlCtxtUseOptions(context, Self.options)
        xmlParseDocument(context)
        context.pointee._private = nil
        builder.finish()

        if let failure = builder.failure {
            return .failure(failure)
        }
        if context.pointee.wellFormed == 0 || builder.isEmpty {
            return .failure(XMLReadFailure(kind: .malformed, message: "the document is not well-formed XML", line: nil))
        }
        return .success(builder.tree)
    }

    /// Convenience for byte arrays.
    public func read(_ bytes: [UInt8], expectedRoot: XMLName? = nil) -> Result<XMLTree, XMLReadFailure> {
        bytes.withUnsafeBytes { read($0, expectedRoot: expectedRoot) }
    }

    /// A SAX2 handler that builds no DOM and refuses every DTD construct.
    private static var handler: xmlSAXHandler {
        var sax = xmlSAXHandler()
        sax.initialized = UInt32(XML_SAX2_MAGIC)
        sax.startElementNs = saxStartElementNs
        sax.endElementNs = saxEndElementNs
        sax.characters = saxCharacters
        sax.cdataBlock = saxCharacters
        sax.internalSubset = saxInternalSubset
        sax.externalSubset = saxExternalSubset
        sax.entityDecl = saxEntityDecl
        sax.unparsedEntityDecl = saxUnparsedEntityDecl
        sax.notationDecl = saxNotationDecl
        sax.elementDecl = saxElementDecl
        sax.attributeDecl = saxAttributeDecl
        sax.serror = saxStructuredError
        return sax
    }
}
