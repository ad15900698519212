import CLibXML2
import Synchronization

/// Process-wide libxml2 set-up, done once before the first parse (thread-safe: a `static let`).
///
/// - `xmlInitParser()` so that worker threads never race to initialise libxml2;
/// - a deny-all external entity loader: a second wall behind the parser options, so that no
///   document, DTD or entity outside the input is ever opened, whatever another part of the
///   process sets as a global default;
/// - structured error handlers for errors that bypass the parser context (I/O, out of memory), so
///   that libxml2 never writes to stderr on its own. Per-document errors go through the context.
///
/// `xmlCleanupParser()` is deliberately never called: it is only safe at process exit.
public enum LibXMLRuntime {
    private static let prepared: Bool = {
        xmlInitParser()
        xmlSetExternalEntityLoader(refuseExternalEntity)
        xmlSetStructuredErrorFunc(nil, discardGlobalError)
        xmlThrDefSetStructuredErrorFunc(nil, discardGlobalError)
        return true
    }()

    /// Idempotent; call it early on the main thread (every reader also calls it).
    public static func prepare() {
        _ = prepared
    }

    /// How many times libxml2 asked to load anything outside the input (a DTD, an entity, an
    /// XInclude) since the process started. Every such request is refused; with every DOCTYPE
    /// stopped at its first declaration, none should even be made.
    public static var externalLoadAttempts: Int { loadAttemptCount() }

    /// The libxml2 version this process runs with, e.g. `20914`.
    public static var libxml2Version: String {
        String(cString: conform_libxml_version())
    }
}

private let loadAttempts = Atomic<Int>(0)

private func refuseExternalEntity(
    _ url: UnsafePointer<CChar>?, _ id: UnsafePointer<CChar>?, _ context: xmlParserCtxtPtr?
) -> xmlParserInputPtr? {
    loadAttempts.add(1, ordering: .relaxed)
    return nil
}

private func discardGlobalError(_ userData: UnsafeMutableRawPointer?, _ error: xmlErrorPtr?) {}

private func loadAttemptCount() -> Int { loadAttempts.load(ordering: .relaxed) }
