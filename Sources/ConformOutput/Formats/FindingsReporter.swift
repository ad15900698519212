import ConformFindings

/// One output format. Reporters see findings only (never reports or rules), so every format of
/// one run says the same thing. Outcomes arrive in the deterministic order of `findings.md`.
public protocol FindingsReporter {
    /// Bytes for one report's outcome (its findings and its report record).
    mutating func format(_ outcome: ReportOutcome) -> [UInt8]
    /// Bytes closing the batch.
    mutating func finish(_ summary: BatchSummary) -> [UInt8]
}

public enum OutputFormat: String, CaseIterable, Sendable {
    case text
    case jsonl

    public func makeReporter() -> any FindingsReporter {
        switch self {
        case .text: TextReporter()
        case .jsonl: JSONLReporter()
        }
    }
}
