import ConformCheck
import ConformFindings
import ConformOutput
import ConformStore

/// What a worker thread hands to the writer for one input: a fresh outcome with its bytes in the
/// block formats (rendered on the worker, off the writer's thread), or a report reused from the
/// audit store.
enum CheckedReport: Sendable {
    case checked(ReportOutcome, blocks: [String: [UInt8]])
    /// A fresh outcome whose blocks are all the writer needs: the findings are freed here, on the
    /// worker that made them (freed on the writer's thread, hundreds of small blocks per report
    /// contended for the worker's allocator lock).
    case rendered(verdict: Verdict, blocks: [String: [UInt8]])
    /// A stored report; its outcome only when an output that is not a block format needs it.
    case stored(StoredReport)
    /// The store could not be read: the run stops with this error.
    case failed(StoreError)

    var verdict: Verdict {
        switch self {
        case .checked(let outcome, _): outcome.verdict
        case .rendered(let verdict, _): verdict
        case .stored(let stored): stored.verdict
        case .failed: .error
        }
    }

    /// `printed`: the block formats this run prints; `stored`: those the audit store keeps. A fresh
    /// outcome is rendered in both; a stored report's printed blocks are read back when stored, and
    /// rendered here from its stored findings when not.
    /// `keepsOutcome`: whether the writer needs a fresh report's findings (an output that is not a
    /// block format, or the audit store), not only its blocks.
    static func make(_ input: CheckInput, checker: ReportChecker, known: KnownReports, store: AuditStore?,
                     printed: [OutputFormat], stored: [OutputFormat], needsOutcome: Bool, keepsOutcome: Bool,
                     renderers: inout BlockRenderers) -> CheckedReport {
        let fresh = OutputFormat.blockFormats.filter { printed.contains($0) || stored.contains($0) }
        var reusable: Int64?
        let outcome = checker.check(input) { path, sha256 in
            reusable = known.report(path: path, sha256: sha256)
            return reusable != nil
        }
        if let outcome {
            let blocks = renderers.render(outcome, in: fresh)
            return keepsOutcome ? .checked(outcome, blocks: blocks) : .rendered(verdict: outcome.verdict, blocks: blocks)
        }
        guard let reusable, let store else {
            return .failed(StoreError("internal: \(input.path) was neither checked nor found in the store"))
        }
        do {
            var report = try store.storedReport(reusable, formats: printed.filter(stored.contains).map(\.rawValue), outcome: needsOutcome)
            // The known reports are keyed by a hash of the path: on a collision, check it after all.
            guard report.path == input.path else {
                let outcome = checker.check(input)
                return .checked(outcome, blocks: renderers.render(outcome, in: fresh))
            }
            if let outcome = report.outcome {
                report.blocks.merge(renderers.render(outcome, in: printed.filter { !stored.contains($0) })) { kept, _ in kept }
            }
            return .stored(report)
        } catch {
            return .failed(error)
        }
    }
}
