import ConformFindings
import ConformOutput
import ConformStore
import Foundation

/// `check --db FILE`: opens the store, records the run, knows which reports it may reuse, and
/// writes each report as it is emitted.
final class StoreRecorder {
    let store: AuditStore
    let writer: RunWriter
    let known: KnownReports
    /// The block formats kept with each report: what `check` prints by default (text at a terminal,
    /// JSONL otherwise). Other formats of a reused report are built from its stored findings.
    static let storedFormats: [OutputFormat] = [.jsonl, .text]
    private(set) var evaluated = 0
    private(set) var reused = 0

    init(path: String, configuration: RunConfiguration, inputs: Int, force: Bool) throws(StoreError) {
        store = try AuditStore(path: path)
        known = force ? .none : try store.knownReports(configuration: configuration.fingerprint)
        let run = try store.beginRun(RunRecord(toolVersion: ToolInfo.version, configuration: configuration.fingerprint,
                                               options: configuration.options, rulesets: configuration.rulesets,
                                               startedAt: Self.now(), inputs: inputs))
        writer = RunWriter(store: store, run: run, configuration: configuration.fingerprint)
    }

    func add(_ entry: RunWriter.Entry) throws(StoreError) {
        switch entry {
        case .evaluated: evaluated += 1
        case .reused: reused += 1
        }
        try writer.add(entry)
    }

    func finish() throws(StoreError) {
        try writer.flush()
        try store.finishRun(writer.run, at: Self.now())
    }

    static func now() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date())
    }
}
