import ConformCheck
import ConformFindings
import ConformOutput
import ConformStore

/// What a worker thread hands to the writer for one input: a fresh outcome with its bytes in the
/// block formats (rendered on the worker, off the writer's thread), or a report reused from the
/// audit store.
enum CheckedReport: Sendable {
    case checked(ReportOutcome, blocks: [String: [UInt8]])
    /// A stored report; its outcome only when an output that is not a block format needs it.
    case stored(StoredReport)
    /// The store could not be read: the run stops with this error.
    case failed(StoreError)

    var verdict: Verdict {
        switch self {
        case .checked(let outcome, _): outcome.verdict
        case .stored(let stored): stored.verdict
        case .failed: .error
        }
    }

    static func make(_ input: CheckInput, checker: ReportChecker, known: KnownReports, store: AuditStore?,
                     blockFormats: [OutputFormat], needsOutcome: Bool) -> CheckedReport {
        var reusable: Int64?
        let outcome = checker.check(input) { path, sha256 in
            reusable = known.report(path: path, sha256: sha256)
            return reusable != nil
        }
        if let outcome {
            var blocks: [String: [UInt8]] = [:]
            for format in blockFormats {
                var reporter = format.makeReporter()
                blocks[format.rawValue] = reporter.format(outcome)
            }
            return .checked(outcome, blocks: blocks)
        }
        guard let reusable, let store else {
            return .failed(StoreError("internal: \(input.path) was neither checked nor found in the store"))
        }
        do {
            return .stored(try store.storedReport(reusable, formats: blockFormats.map(\.rawValue), outcome: needsOutcome))
        } catch {
            return .failed(error)
        }
    }
}
