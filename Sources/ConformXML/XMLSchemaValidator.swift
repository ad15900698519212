import CLibXML2

/// Validates documents against a W3C XML Schema with libxml2's XSD validator.
/// The schema is compiled once; `validate` may be called from several threads (each call uses its
/// own parser and validation contexts; a compiled `xmlSchema` is read-only).
public final class XMLSchemaValidator: @unchecked Sendable {
    private let schema: xmlSchemaPtr

    /// Compiles the schema in `bytes`. Imports and includes are not followed (no loader reaches
    /// outside the process); a schema that needs them fails to compile.
    public init(schemaBytes bytes: [UInt8]) throws(XMLReadFailure) {
        LibXMLRuntime.prepare()
        let collector = DiagnosticCollector()
        let compiled: xmlSchemaPtr? = bytes.withUnsafeBufferPointer { buffer -> xmlSchemaPtr? in
            guard let base = buffer.baseAddress else { return nil }
            return base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { chars -> xmlSchemaPtr? in
                guard let parser = xmlSchemaNewMemParserCtxt(chars, Int32(buffer.count)) else { return nil }
                defer { xmlSchemaFreeParserCtxt(parser) }
                let retained = Unmanaged.passRetained(collector)
                defer { retained.release() }
                xmlSchemaSetParserStructuredErrors(parser, collectDiagnostic, retained.toOpaque())
                return xmlSchemaParse(parser)
            }
        }
        guard let compiled else {
            let first = collector.diagnostics.first
            throw XMLReadFailure(kind: .malformed, message: "the XML Schema does not compile: \(first?.message ?? "unknown error")", line: first?.line)
        }
        schema = compiled
    }

    deinit { xmlSchemaFree(schema) }

    /// Every error the validator reports for `bytes` (empty when valid). The document is parsed
    /// with the same safe options as `SafeXMLReader`; a document with a DTD is refused.
    public func validate(_ bytes: [UInt8]) -> [XMLDiagnostic] {
        let collector = DiagnosticCollector()
        let retained = Unmanaged.passRetained(collector)
        defer { retained.release() }
        return bytes.withUnsafeBufferPointer { buffer -> [XMLDiagnostic] in
            guard let base = buffer.baseAddress, let parser = xmlNewParserCtxt() else {
                return [XMLDiagnostic(level: .fatal, message: "cannot create a parser", line: nil)]
            }
            defer { xmlFreeParserCtxt(parser) }
            parser.pointee._private = retained.toOpaque()
            parser.pointee.sax?.pointee.serror = collectParserDiagnostic
            let document = base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                xmlCtxtReadMemory(parser, $0, Int32(buffer.count), nil, nil, SafeXMLReader.options)
            }
            guard let document else {
                return collector.diagnostics.isEmpty
                    ? [XMLDiagnostic(level: .fatal, message: "the document is not well-formed XML", line: nil)]
                    : collector.diagnostics
            }
            defer { xmlFreeDoc(document) }
            if document.pointee.intSubset != nil {
                return [XMLDiagnostic(level: .fatal, message: "the document has a DOCTYPE; BTR-XML allows no DTD", line: nil)]
            }
            guard let validation = xmlSchemaNewValidCtxt(schema) else {
                return [XMLDiagnostic(level: .fatal, message: "cannot create a validation context", line: nil)]
            }
            defer { xmlSchemaFreeValidCtxt(validation) }
            xmlSchemaSetValidStructuredErrors(validation, collectDiagnostic, retained.toOpaque())
            let status = xmlSchemaValidateDoc(validation, document)
            if status != 0 && collector.diagnostics.isEmpty {
                return [XMLDiagnostic(level: .error, message: "the document is not valid (libxml2 status \(status))", line: nil)]
            }
            return collector.diagnostics.filter { $0.level != .warning }
        }
    }
}

private final class DiagnosticCollector {
    var diagnostics: [XMLDiagnostic] = []

    func add(_ error: xmlErrorPtr) {
        diagnostics.append(XMLDiagnostic(error))
    }
}

/// Schema parser and validator errors: `userData` is the collector.
private func collectDiagnostic(_ userData: UnsafeMutableRawPointer?, _ error: xmlErrorPtr?) {
    guard let userData, let error else { return }
    Unmanaged<DiagnosticCollector>.fromOpaque(userData).takeUnretainedValue().add(error)
}

/// Document parser errors: `userData` is the parser context; its `_private` is the collector.
private func collectParserDiagnostic(_ userData: UnsafeMutableRawPointer?, _ error: xmlErrorPtr?) {
    guard let context = userData?.assumingMemoryBound(to: xmlParserCtxt.self),
          let opaque = context.pointee._private, let error else { return }
    Unmanaged<DiagnosticCollector>.fromOpaque(opaque).takeUnretainedValue().add(error)
}
