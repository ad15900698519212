/// The tool's own finding ids (`findings.md`, "Tool-level findings"), and the ones this project
/// adds: `conform/io-error` (the file could not be read from disk) and `conform/limit-exceeded`
/// (a resource limit was breached).
public enum ToolRule: String, Sendable, CaseIterable {
    case xmlMalformed = "conform/xml-malformed"
    case xmlForbidden = "conform/xml-forbidden"
    case notAReport = "conform/not-a-report"
    case schema = "conform/schema"
    case unitUnknown = "conform/unit-unknown"
    case standardUnknown = "conform/standard-unknown"
    case editionSuperseded = "conform/edition-superseded"
    case claimMismatch = "conform/claim-mismatch"
    case ioError = "conform/io-error"
    case limitExceeded = "conform/limit-exceeded"
}
