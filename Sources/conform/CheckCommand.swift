import ArgumentParser
import ConformBTR
import ConformCheck
import ConformFindings
import ConformModel
import ConformOutput
import ConformRules
import ConformStore
import ConformXML
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension OutputFormat: ExpressibleByArgument {}
extension DecisionRuleKind: ExpressibleByArgument {}
extension Language: ExpressibleByArgument {}

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check reports and print one verdict per report with its findings.",
        discussion: """
            Directories are searched recursively for *.xml files, in sorted path order; files named \
            explicitly are checked whatever their extension. Every input gets exactly one report \
            record, however broken it is; one bad file never stops the batch.
            """
    )

    @Argument(help: "Report files or directories.")
    var paths: [String] = []

    @Option(help: ArgumentHelp("Also check the paths listed in FILE, one per line (- for standard input).", valueName: "FILE"))
    var filesFrom: String?

    @Option(help: "Worker threads (default: every core).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: ArgumentHelp("Check only share K of N of the inputs (by a hash of each path); `conform merge` joins the shards' JSONL.", valueName: "K/N"))
    var shard: String?

    @Flag(help: "No progress line on standard error.")
    var quiet = false

    @Option(help: "Output format: text (the default on a terminal) or jsonl (the default otherwise, and with --output).")
    var format: OutputFormat?

    @Option(help: "Write the output to FILE, atomically (complete or not at all).")
    var output: String?

    @Option(name: .customLong("report"), help: ArgumentHelp(
        "Also write FORMAT (text, jsonl, sarif, junit, csv) to FILE, atomically, from the same run. Repeatable.", valueName: "FORMAT=FILE"))
    var reports: [ReportRequest] = []

    @Flag(help: "Leave passing findings out of SARIF.")
    var noPasses = false

    @Option(help: ArgumentHelp("SARIF helpUri of each rule: URI + the rule file's path below Rules/ + #L<line> (default: the file:// URI of the rule file).", valueName: "URI"))
    var helpBaseURI: String?

    @Option(help: ArgumentHelp("Record the run in this audit store (SQLite), and reuse its findings for reports whose bytes, rule sets and options are unchanged.", valueName: "FILE"))
    var db: String?

    @Flag(help: "With --db: evaluate every report again, even when stored findings could be reused.")
    var force = false

    @OptionGroup var rulesOptions: RulesOptions

    @Option(help: ArgumentHelp("Check every report against this edition instead of the ones it declares.", valueName: "CODE@EDITION"))
    var standard: String?

    @Option(help: "Decision rule for every report (overrides the report's <decisionRule>; default simple).")
    var decisionRule: DecisionRuleKind?

    @Option(help: ArgumentHelp("Judge whether editions are current as of this date instead of each report's issue date.", valueName: "YYYY-MM-DD"))
    var asOf: String?

    @Flag(help: "Do not check report content (ISO/IEC 17025 7.8.2.1), which applies to every report by default.")
    var noReportContent = false

    @Option(help: "Language of the findings' messages: en or zh.")
    var lang: Language = .en

    @Option(help: "Largest report accepted, in bytes.")
    var maxFileSize: Int = XMLLimits.default.maxBytes

    @Option(help: "Deepest element nesting accepted.")
    var maxDepth: Int = XMLLimits.default.maxDepth

    @Option(help: "Most <test> elements accepted in one report.")
    var maxTests: Int = BTRDecoder.defaultMaxTests

    @Option(help: "Longest time, in seconds, spent reading one file.")
    var maxSeconds: Double = XMLLimits.default.maxSeconds

    func validate() throws {
        if paths.isEmpty && filesFrom == nil { throw ValidationError("give report files or directories, or --files-from FILE") }
        guard jobs > 0 else { throw ValidationError("--jobs must be positive") }
        if let shard, Shard(shard) == nil { throw ValidationError("--shard takes K/N with 1 <= K <= N, e.g. 2/4") }
        if let standard, EngineOptions.parseStandard(standard) == nil {
            throw ValidationError("--standard takes CODE@EDITION, e.g. \"GB 38031@2025\"")
        }
        if let asOf, CivilDate(parsing: asOf) == nil { throw ValidationError("--as-of takes a date YYYY-MM-DD") }
        guard maxFileSize > 0 else { throw ValidationError("--max-file-size must be positive") }
        guard maxDepth > 0 else { throw ValidationError("--max-depth must be positive") }
        guard maxTests > 0 else { throw ValidationError("--max-tests must be positive") }
        guard maxSeconds > 0 else { throw ValidationError("--max-seconds must be positive") }
        if force && db == nil { throw ValidationError("--force goes with --db FILE") }
    }

    /// The options that change findings, for the audit store (and the shard, which does not).
    func findingOptions() -> [(String, String)] {
        [
            ("standard", standard ?? ""), ("decision-rule", decisionRule?.rawValue ?? ""), ("as-of", asOf ?? ""),
            ("report-content", noReportContent ? "no" : "yes"), ("lang", lang.rawValue), ("max-file-size", String(maxFileSize)),
            ("max-depth", String(maxDepth)), ("max-tests", String(maxTests)), ("max-seconds", String(maxSeconds)),
            ("shard", shard ?? ""),
        ]
    }

    func run() throws {
        // The inputs are listed (a `stat` of every path, waiting on the file system) on a thread
        // of their own while the rules load (on the processors): listed after the rules, 4,000
        // paths held back the first report (the whole run took 23 ms longer, interleaved runs).
        // Their errors are reported after the rules' own, as before.
        let listing = InputListing(paths: paths, filesFrom: filesFrom, shard: shard)
        let library = try rulesOptions.load()
        let checker = try makeChecker(library)
        let (inputs, positions) = try listing.inputs()
        SignalCleanup.start(total: inputs.count)
        let outputs = try openOutputs(library)
        defer { SignalCleanup.release() }
        var recorder: StoreRecorder?
        if let db {
            recorder = try exitOnFailure { () throws(StoreError) in
                try StoreRecorder(path: db, configuration: RunConfiguration(library: library, options: findingOptions()),
                                  inputs: inputs.count, force: force)
            }
        }
        let summary = try exitOnFailure {
            try runBatch(inputs, positions: positions, checker: checker, outputs: outputs, recorder: recorder,
                         summary: BatchSummary(rulesets: library.ruleSets.map(\.identity)))
        }
        if let recorder, !quiet {
            FileHandleOutput.standardError("conform: run \(recorder.writer.run) stored in \(recorder.store.path): \(recorder.evaluated) evaluated, \(recorder.reused) reused\n")
        }
        throw ExitCode(summary.exitStatus)
    }

    /// The engine and the decoder for this run's options.
    private func makeChecker(_ library: RulesLibrary) throws -> ReportChecker {
        let engine = try exitOnFailure { () throws(RuleEngine.SetupError) in
            try RuleEngine(ruleSets: library.ruleSets, options: EngineOptions(
                standard: standard.flatMap(EngineOptions.parseStandard), decisionRule: decisionRule, asOf: asOf.flatMap(CivilDate.init(parsing:)),
                reportContent: !noReportContent, language: lang))
        }
        // What every report reads, kept until the process ends anyway: made immortal, so that the
        // worker threads do not count references to it (see ProcessLifetime).
        engine.keepForProcessLifetime()
        library.units.keepForProcessLifetime()
        library.vocabulary.keepForProcessLifetime()
        var limits = XMLLimits.default
        limits.maxBytes = maxFileSize
        limits.maxDepth = maxDepth
        limits.maxSeconds = maxSeconds
        return ReportChecker(
            decoder: BTRDecoder(units: library.units, vocabulary: library.vocabulary, limits: limits, maxTests: maxTests),
            evaluator: engine,
            language: lang
        )
    }

    /// The main output, then every --report FORMAT=FILE: all from the same outcomes; files atomic.
    private func openOutputs(_ library: RulesLibrary) throws -> [Output] {
        let chosenFormat = format ?? ((output == nil && isatty(1) == 1) ? .text : .jsonl)
        // Only SARIF writes rule help URIs; working them out (a standardized file URL per rule)
        // was a twentieth of the start-up of every run.
        let sarif = chosenFormat == .sarif || reports.contains { $0.format == .sarif }
        let helpURIs = sarif ? RuleHelp.uris(library, base: helpBaseURI) : [:]
        func makeOutput(_ format: OutputFormat, _ sink: any OutputSink) -> Output {
            Output(format: format, passes: !noPasses, helpURIs: helpURIs, language: lang, sink: sink)
        }
        func atomicFile(_ path: String) throws -> AtomicFileSink {
            let file = try AtomicFileSink(path: path)
            SignalCleanup.protect(temporaryFile: file.temporaryPath)
            return file
        }
        return try exitOnFailure {
            let main: any OutputSink = try output.map(atomicFile) ?? DescriptorSink(descriptor: 1)
            var outputs = [makeOutput(chosenFormat, main)]
            for request in reports { outputs.append(makeOutput(request.format, try atomicFile(request.path))) }
            return outputs
        }
    }

    /// Checks (or reuses) every input on the worker threads and writes each outcome to every
    /// output, and to the store, in input order; the batch's summary.
    private func runBatch(_ inputs: InputSet, positions: [Int]?, checker: ReportChecker, outputs: [Output],
                          recorder: StoreRecorder?, summary initial: BatchSummary) throws -> BatchSummary {
        var summary = initial
        let known = recorder?.known ?? .none
        let store = recorder?.store
        // Block formats are rendered on the workers (all of them when a store keeps them); the
        // other formats need each report's outcome, which a reused report reads from the store.
        let printed = OutputFormat.blockFormats.filter { format in outputs.contains { $0.format == format } }
        let stored = recorder != nil ? StoreRecorder.storedFormats : []
        // A reused report's findings are read back only for an output whose blocks are not stored.
        let needsOutcome = outputs.contains { !stored.contains($0.format) }
        // A fresh report's findings are needed here only by the store or a format made from them.
        let keepsOutcome = recorder != nil || outputs.contains { !OutputFormat.blockFormats.contains($0.format) }
        let language = lang
        var progress = ProgressLine(total: inputs.count, quiet: quiet)
        defer { progress.finish() }
        for output in outputs { output.add(output.reporter.start()) }
        // Each worker renders with reporters of its own, kept from report to report (what they
        // cache, such as the JSON of each rule's shared fields, is then made once per run).
        let work: @Sendable (inout BlockRenderers, Int) -> CheckedReport = { renderers, index in
            CheckedReport.make(inputs[index], checker: checker, known: known, store: store,
                               printed: printed, stored: stored, needsOutcome: needsOutcome, keepsOutcome: keepsOutcome,
                               renderers: &renderers)
        }
        try BatchRunner(checker: checker, jobs: jobs).map(count: inputs.count, local: { BlockRenderers(language: language) },
                                                          work: work) { index, item in
            let blocks: [String: [UInt8]]
            let outcome: ReportOutcome?
            switch item {
            case .checked(let checked, let rendered):
                (blocks, outcome) = (rendered, checked)
                try recorder?.add(.evaluated(position: positions?[index] ?? index, outcome: checked, blocks: rendered))
            case .rendered(_, let rendered):
                (blocks, outcome) = (rendered, nil)
            case .stored(let stored):
                (blocks, outcome) = (stored.blocks, stored.outcome)
                try recorder?.add(.reused(position: positions?[index] ?? index, report: stored.id))
            case .failed(let error):
                throw error
            }
            for output in outputs {
                if let block = blocks[output.format.rawValue] {
                    try output.add(block, flushAt: 1 << 16)
                } else if let outcome {
                    try output.add(output.reporter.format(outcome), flushAt: 1 << 16)
                }
            }
            summary.add(item.verdict)
            SignalCleanup.reportsDone += 1
            progress.add(item.verdict)
        }
        try recorder?.finish()
        for output in outputs {
            try output.add(output.reporter.finish(summary), flushAt: 0)
            try output.sink.finish()
        }
        return summary
    }
}
