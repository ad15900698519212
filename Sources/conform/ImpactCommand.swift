import ArgumentParser
import ConformBTR
import ConformCheck
import ConformFindings
import ConformModel
import ConformOutput
import ConformRules
import ConformStore

struct ImpactCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "impact",
        abstract: "Re-judge reports against another edition and list every report whose verdict changes, with the rules responsible.",
        discussion: """
            The regulator's question: which archived GB 38031-2020 reports would fail the 2025 edition, and why? \
            Reports that claim another standard, or cannot be read, are counted but not compared. \
            Exit status 0 when the comparison ran (whatever it found), 2 when it could not run.
            """
    )

    @Argument(help: "Report files or directories.")
    var paths: [String] = []

    @Option(help: ArgumentHelp("The edition to re-judge against.", valueName: "CODE@EDITION"))
    var to: String

    @Option(help: ArgumentHelp("Also the paths listed in FILE (- for standard input).", valueName: "FILE"))
    var filesFrom: String?

    @Option(help: ArgumentHelp("Re-judge the reports of this audit store's latest finished run (read again from their paths).", valueName: "FILE"))
    var db: String?

    @Option(help: "Language of the rules' messages: en or zh.")
    var lang: Language = .en

    @Option(help: "text or jsonl.")
    var format: ImpactFormat = .text

    @OptionGroup var rulesOptions: RulesOptions

    enum ImpactFormat: String, ExpressibleByArgument { case text, jsonl }

    func validate() throws {
        guard EngineOptions.parseStandard(to) != nil else { throw ValidationError("--to takes CODE@EDITION, e.g. \"GB 38031@2025\"") }
        if paths.isEmpty && filesFrom == nil && db == nil { throw ValidationError("give report files or directories, --files-from FILE or --db FILE") }
    }

    func run() throws {
        let library = try rulesOptions.load()
        let impact = try exitOnFailure {
            try EditionImpact(decoder: BTRDecoder(units: library.units, vocabulary: library.vocabulary),
                              ruleSets: library.ruleSets, to: EngineOptions.parseStandard(to) ?? ("", ""),
                              options: EngineOptions(reportContent: false, language: lang))
        }
        guard var listed = try? InputList.paths(paths, filesFrom: filesFrom) else {
            FileHandleOutput.standardError("conform: cannot read --files-from \(filesFrom ?? "")\n")
            throw ExitCode(2)
        }
        if let db {
            let store = try DBCommand.open(db)
            listed += try exitOnFailure { () throws(StoreError) in try store.paths(ofRun: store.run(nil).id) }
        }
        let inputs = InputExpansion.expand(listed)
        var compared = 0, skipped = 0
        var changes: [EditionImpact.Assessment] = []
        var byRule: [String: Int] = [:]
        for input in inputs {
            let assessment = impact.assess(input)
            guard assessment.before != nil else { skipped += 1; continue }
            compared += 1
            guard assessment.changed else { continue }
            changes.append(assessment)
            for rule in Set(assessment.responsible.map(\.rule)) { byRule[rule, default: 0] += 1 }
        }
        let target = impact.targetSet.manifest.id
        let ranked = byRule.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        switch format {
        case .jsonl:
            var writer = JSONWriter()
            for change in changes {
                writer.beginObject()
                writer.field("kind", "impact")
                writer.field("report", change.path)
                writer.field("reportId", change.reportID)
                writer.key("declared")
                writer.beginArray()
                for edition in change.declared { writer.string(edition) }
                writer.endArray()
                writer.field("to", target)
                writer.field("from", change.before?.rawValue)
                writer.field("verdict", change.after?.rawValue)
                writer.key("rules")
                writer.beginArray()
                for finding in change.responsible {
                    writer.beginObject()
                    writer.field("rule", finding.rule)
                    writer.field("clause", finding.clause)
                    writer.field("test", finding.test)
                    writer.field("verdict", finding.verdict.rawValue)
                    writer.field("message", finding.message)
                    writer.endObject()
                }
                writer.endArray()
                writer.endObject()
                writer.newline()
            }
            writer.beginObject()
            writer.field("kind", "impactSummary")
            writer.field("to", target)
            writer.field("reports", inputs.count)
            writer.field("compared", compared)
            writer.field("notCompared", skipped)
            writer.field("changed", changes.count)
            writer.key("byRule")
            writer.beginObject()
            for (rule, count) in ranked {
                writer.key(text: rule)
                writer.integer(count)
            }
            writer.endObject()
            writer.endObject()
            writer.newline()
            try DescriptorSink(descriptor: 1).write(writer.bytes)
        case .text:
            var text = "Re-judged against \(target): \(inputs.count) reports, \(compared) compared, \(skipped) not compared (other standards or unreadable).\n"
            text += "\(changes.count) change their verdict:\n"
            for change in changes {
                text += "  \(change.path)\(change.reportID.map { " (\($0))" } ?? ""): \(change.before?.rawValue ?? "?") under \(change.declared.joined(separator: ", ")) -> \(change.after?.rawValue ?? "?") under \(target)\n"
                for finding in change.responsible {
                    text += "      \(finding.verdict.rawValue) [\(finding.rule)\(finding.clause.map { ", clause \($0)" } ?? "")\(finding.test.map { ", test \($0)" } ?? "")] \(finding.message)\n"
                }
            }
            if !ranked.isEmpty {
                text += "Reports changed, by responsible rule:\n"
                for (rule, count) in ranked { text += "  \(count)  \(rule)\n" }
            }
            FileHandleOutput.standardOutput(text)
        }
    }
}
