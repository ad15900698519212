import ConformFindings

/// One output format. Reporters see findings only (never reports or rules), so every format of
/// one run says the same thing. Outcomes arrive in the deterministic order of `findings.md`.
public protocol FindingsReporter {
    /// Bytes that open the output (before any report).
    mutating func start() -> [UInt8]
    /// Bytes for one report's outcome (its findings and its report record).
    mutating func format(_ outcome: ReportOutcome) -> [UInt8]
    /// Bytes closing the batch.
    mutating func finish(_ summary: BatchSummary) -> [UInt8]
}

extension FindingsReporter {
    public mutating func start() -> [UInt8] { [] }
}

public enum OutputFormat: String, CaseIterable, Sendable {
    case text
    case jsonl
    case sarif
    case junit
    case csv
    case html

    /// The formats whose bytes for a report depend on that report's outcome alone (no state across
    /// reports): they are rendered on the worker threads, and an audit store may keep them so that
    /// a reused report costs no rendering.
    public static let blockFormats: [OutputFormat] = [.jsonl, .text, .csv]

    public func makeReporter(passes: Bool = true, helpURIs: [String: String] = [:], language: Language = .en) -> any FindingsReporter {
        switch self {
        case .text: TextReporter(language: language)
        case .jsonl: JSONLReporter()
        case .sarif: SARIFReporter(passes: passes, helpURIs: helpURIs)
        case .junit: JUnitReporter()
        case .csv: CSVReporter()
        case .html: HTMLReporter()
        }
    }
}
