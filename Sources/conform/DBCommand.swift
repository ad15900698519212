import ArgumentParser
import ConformFindings
import ConformOutput
import ConformStore
import Foundation

/// `conform db …`: what an audit store (`check --db FILE`) holds.
struct DBCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Summarise, export and merge audit stores written by `conform check --db FILE`.",
        subcommands: [DBRuns.self, DBSummary.self, DBExport.self, DBMerge.self]
    )

    /// Opens a store that must already exist (these commands never create one).
    static func open(_ path: String) throws -> AuditStore {
        guard FileManager.default.fileExists(atPath: path) else {
            FileHandleOutput.standardError("conform: no audit store at \(path)\n")
            throw ExitCode(2)
        }
        return try exitOnFailure { () throws(StoreError) in try AuditStore(path: path) }
    }
}

struct DBRuns: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "runs", abstract: "List the runs a store holds.")

    @Argument(help: "The audit store.") var store: String

    func run() throws {
        let store = try DBCommand.open(store)
        let runs = try exitOnFailure { () throws(StoreError) in try store.runs() }
        var text = ""
        for run in runs {
            let state = run.finishedAt.map { "finished \($0)" } ?? "not finished"
            text += "run \(run.id): started \(run.startedAt), \(state); \(run.inputs) inputs, \(run.evaluated) evaluated, \(run.reused) reused; conform \(run.toolVersion)\n"
        }
        FileHandleOutput.standardOutput(text.isEmpty ? "no runs\n" : text)
    }
}

struct DBSummary: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "Verdict counts of a run: reports by standard and edition, laboratory and month of issue; findings by rule.",
        discussion: "The latest finished run unless --run N."
    )

    @Argument(help: "The audit store.") var store: String
    @Option(name: .customLong("run"), help: "The run (see `conform db runs`).") var runID: Int64?

    func run() throws {
        let store = try DBCommand.open(store)
        let summary = try exitOnFailure { () throws(StoreError) in try ArchiveSummary(store: store, run: runID) }
        let record = summary.run
        var text = "Run \(record.id) (\(record.startedAt)\(record.finishedAt == nil ? ", not finished" : "")): "
        let reports = summary.table(level: "report") { _ in "all" }.first?.verdicts ?? [:]
        text += "\(reports.values.reduce(0, +)) reports: \(Self.counts(reports))\n"
        let byEdition: (ArchiveSummary.Count) -> String = { $0.standard.isEmpty ? "(none declared)" : $0.standard + " " + $0.edition }
        let byLaboratory: (ArchiveSummary.Count) -> String = { $0.laboratory.isEmpty ? "(unnamed)" : $0.laboratory }
        let byMonth: (ArchiveSummary.Count) -> String = { $0.month.isEmpty ? "(no issue date)" : $0.month }
        let sections = [("Reports by standard and edition", byEdition), ("Reports by laboratory", byLaboratory), ("Reports by month of issue", byMonth)]
        for (title, key) in sections {
            text += "\n\(title):\n"
            for row in summary.table(level: "report", by: key) { text += "  \(row.key): \(Self.counts(row.verdicts))\n" }
        }
        // Rules by how many findings did not pass, most first; rules that always passed are left out.
        var rules: [(rule: String, verdicts: [String: Int], notPassing: Int)] = []
        for row in summary.table(level: "finding", by: { $0.rule }) {
            let notPassing = row.verdicts.filter { !Self.passing($0.key) }.values.reduce(0, +)
            if notPassing > 0 { rules.append((row.key, row.verdicts, notPassing)) }
        }
        rules.sort { $0.notPassing != $1.notPassing ? $0.notPassing > $1.notPassing : $0.rule.utf8.lexicographicallyPrecedes($1.rule.utf8) }
        text += "\nRules with findings that are not pass (\(rules.count)):\n"
        for rule in rules { text += "  \(rule.rule): \(Self.counts(rule.verdicts))\n" }
        FileHandleOutput.standardOutput(text)
    }

    static func passing(_ verdict: String) -> Bool {
        verdict == Verdict.pass.rawValue || verdict == Verdict.notApplicable.rawValue
    }

    static func counts(_ verdicts: [String: Int]) -> String {
        Verdict.listingOrder.compactMap { verdict in verdicts[verdict.rawValue].map { "\($0) \(verdict.rawValue)" } }.joined(separator: ", ")
    }
}

struct DBExport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a run: verdict counts as CSV, or the run's JSONL exactly as `check` printed it.",
        discussion: """
            csv: one row per (level, standard, edition, laboratory, month, rule, verdict) with its count; level \
            `report` counts reports (by the standard they declare), level `finding` counts findings (by the \
            rule's standard). A pivot table sums them any way. jsonl: the run's findings and report records in \
            input order and its summary record. The latest finished run unless --run N.
            """
    )

    enum Format: String, ExpressibleByArgument { case csv, jsonl }

    @Argument(help: "The audit store.") var store: String
    @Option(help: "csv or jsonl.") var format: Format = .csv
    @Option(name: .customLong("run"), help: "The run (see `conform db runs`).") var runID: Int64?

    func run() throws {
        let store = try DBCommand.open(store)
        let sink = DescriptorSink(descriptor: 1)
        switch format {
        case .csv:
            let summary = try exitOnFailure { () throws(StoreError) in try ArchiveSummary(store: store, run: runID) }
            var text = "level,standard,edition,laboratory,month,rule,verdict,count\r\n"
            for count in summary.counts {
                text += [count.level, count.standard, count.edition, count.laboratory, count.month, count.rule, count.verdict, String(count.count)]
                    .map(CSVReporter.field).joined(separator: ",") + "\r\n"
            }
            try sink.write(Array(text.utf8))
        case .jsonl:
            let record = try exitOnFailure { () throws(StoreError) in try store.run(runID) }
            var pending: [UInt8] = []
            var verdicts: [Verdict: Int] = [:]
            var reports = 0
            var writeError: (any Error)?
            try exitOnFailure { () throws(StoreError) in
                try store.blocks(ofRun: record.id, format: OutputFormat.jsonl.rawValue) { block, verdict in
                    pending += block
                    verdicts[verdict, default: 0] += 1
                    reports += 1
                    if pending.count > 1 << 16, writeError == nil {
                        do { try sink.write(pending) } catch { writeError = error }
                        pending.removeAll(keepingCapacity: true)
                    }
                }
            }
            if let writeError { throw writeError }
            pending += JSONLReporter.summaryRecord(reports: reports, verdicts: verdicts, rulesets: Array(record.rulesets.utf8))
            try sink.write(pending)
        }
    }
}

struct DBMerge: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge the stores of sharded runs (`check --shard K/N --db FILE`) into one store holding one run.",
        discussion: "The latest finished run of each shard is copied; the merged run is what one unsharded run gives."
    )

    @Option(help: ArgumentHelp("The store to merge into (created if missing).", valueName: "FILE")) var into: String
    @Argument(help: "The shards' stores.") var shards: [String]

    func run() throws {
        let sources = try shards.map(DBCommand.open)
        let target = try exitOnFailure { () throws(StoreError) in try AuditStore(path: into) }
        let run = try exitOnFailure { () throws(StoreError) in try StoreMerge.merge(sources, into: target, at: StoreRecorder.now()) }
        FileHandleOutput.standardOutput("merged \(sources.count) stores into run \(run.id) of \(into): \(run.inputs) reports\n")
    }
}
