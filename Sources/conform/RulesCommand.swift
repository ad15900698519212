import ArgumentParser
import ConformCheck
import ConformFindings
import ConformOutput
import ConformRules

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List, lint, test and explain the rule sets.",
        subcommands: [RulesList.self, RulesLint.self, RulesTest.self, RulesExplain.self, RulesCoverage.self]
    )
}

enum ListFormat: String, ExpressibleByArgument {
    case text, json
}

struct RulesList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Every rule set and rule, with clause, method, severity, confidence and examples.")

    @OptionGroup var rulesOptions: RulesOptions
    @Option(help: "text or json.") var format: ListFormat = .text

    func run() throws {
        let library = try rulesOptions.load()
        switch format {
        case .json:
            var writer = JSONWriter()
            writer.beginObject()
            writer.key("rulesets")
            writer.beginArray()
            for set in library.ruleSets {
                writer.beginObject()
                writer.field("id", set.manifest.id)
                writer.field("standard", set.manifest.standard)
                writer.field("edition", set.manifest.edition)
                writer.field("version", set.manifest.version)
                writer.field("sha256", set.sha256)
                writer.field("rules", set.rules.count)
                writer.endObject()
            }
            writer.endArray()
            writer.key("rules")
            writer.beginArray()
            for set in library.ruleSets {
                for rule in set.rules {
                    writer.beginObject()
                    writer.field("id", rule.id)
                    writer.field("standard", set.manifest.standard)
                    writer.field("edition", set.manifest.edition)
                    writer.field("clause", rule.clause)
                    writer.field("method", rule.method)
                    writer.field("severity", rule.severity.rawValue)
                    writer.field("confidence", rule.confidence.rawValue)
                    writer.field("examples", rule.examples.count)
                    writer.field("title", rule.title.en)
                    writer.endObject()
                }
            }
            writer.endArray()
            writer.endObject()
            writer.newline()
            try DescriptorSink(descriptor: 1).write(writer.bytes)
        case .text:
            var text = ""
            for set in library.ruleSets {
                text += "\(set.manifest.id)  \(set.manifest.title.en)  version \(set.manifest.version)  \(set.rules.count) rules\n"
                for rule in set.rules {
                    let method = rule.method.map { " method \($0)" } ?? ""
                    text += "  \(rule.id)  clause \(rule.clause)\(method)  \(rule.severity.rawValue)  \(rule.confidence.rawValue)  \(rule.examples.count) examples\n"
                }
            }
            let total = library.ruleSets.reduce(0) { $0 + $1.rules.count }
            text += "\(library.ruleSets.count) rule sets, \(total) rules\n"
            try DescriptorSink(descriptor: 1).write(Array(text.utf8))
        }
    }
}

struct RulesLint: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Load every rule file (syntax, types, units, vocabulary, unique ids) and report rules without passing and failing examples.")

    @OptionGroup var rulesOptions: RulesOptions

    func run() throws {
        let library = try rulesOptions.load()
        _ = try exitOnFailure { () throws(RuleEngine.SetupError) in try RuleEngine(ruleSets: library.ruleSets) }
        var problems: [String] = []
        for set in library.ruleSets {
            for rule in set.rules {
                let verdicts = Set(rule.examples.map(\.verdict))
                if !verdicts.contains(where: { $0.isAcceptable }) {
                    problems.append("\(rule.file):\(rule.line): \(rule.id) has no passing example")
                }
                if !verdicts.contains(where: { $0 == .fail || $0 == .conditionalFail }) {
                    problems.append("\(rule.file):\(rule.line): \(rule.id) has no failing example")
                }
                // Rule files carry English and Chinese (--lang zh): every title, message and
                // uncertainty in both, and a message's placeholders the same in both.
                let place = "\(rule.file):\(rule.line): \(rule.id)"
                if rule.title.zh == nil { problems.append("\(place) has no Chinese title (title.zh)") }
                if let message = rule.message, message.zh == nil { problems.append("\(place) has no Chinese message (message.zh)") }
                if let uncertainty = rule.uncertainty, uncertainty.zh == nil { problems.append("\(place) has no Chinese uncertainty (uncertainty.zh)") }
                if let en = rule.template, let zh = rule.zhTemplate, en.placeholders != zh.placeholders {
                    problems.append("\(place): message.zh has other placeholders than message.en")
                }
                let prefix = "\(set.manifest.rulePrefix)/"
                if !rule.id.hasPrefix(prefix) {
                    problems.append("\(rule.file):\(rule.line): \(rule.id) should start with \(prefix)")
                }
            }
        }
        let total = library.ruleSets.reduce(0) { $0 + $1.rules.count }
        FileHandleOutput.standardOutput(problems.map { $0 + "\n" }.joined() + "\(library.ruleSets.count) rule sets, \(total) rules: \(problems.count) problems\n")
        if !problems.isEmpty { throw ExitCode(1) }
    }
}

struct RulesTest: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "test", abstract: "Run every rule's examples through the decoder and the engine; print each mismatch.")

    @OptionGroup var rulesOptions: RulesOptions
    @Argument(help: "Only this rule id.") var rule: String?

    func run() throws {
        let library = try rulesOptions.load()
        let summary = RuleExampleRunner(library: library).run(only: rule)
        var text = summary.failures.map { "\($0)\n" }.joined()
        text += "\(summary.examples - summary.failures.count) passed, \(summary.failures.count) failed (\(summary.rules) rules, \(summary.examples) examples)\n"
        FileHandleOutput.standardOutput(text)
        if !summary.failures.isEmpty || summary.rules == 0 { throw ExitCode(1) }
    }
}

struct RulesExplain: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "explain", abstract: "Everything about one rule: where it comes from, what it checks, its examples.")

    @OptionGroup var rulesOptions: RulesOptions
    @Argument(help: "The rule id, e.g. GB38031-2025/5.2.1/insulation.") var ruleID: String

    func run() throws {
        let library = try rulesOptions.load()
        for set in library.ruleSets {
            guard let rule = set.rules.first(where: { $0.id == ruleID }) else { continue }
            var lines = [
                rule.id,
                "  \(rule.title.en)" + (rule.title.zh.map { " / \($0)" } ?? ""),
                "  standard:   \(set.manifest.standard) \(set.manifest.edition) (rule set \(set.manifest.id), version \(set.manifest.version))",
                "  clause:     \(rule.clause)" + (rule.method.map { ", method \($0)" } ?? ""),
                "  severity:   \(rule.severity.rawValue)",
                "  confidence: \(rule.confidence.rawValue)" + (rule.uncertainty.map { ": \($0.en)" + ($0.zh.map { " / \($0)" } ?? "") } ?? ""),
            ]
            if let source = rule.source { lines.append("  source:     \(source)") }
            lines.append("  scope:      per \(rule.scope.rawValue)" + (rule.testTypes.isEmpty ? "" : ", tests of type \(rule.testTypes.sorted().joined(separator: ", "))"))
            if !rule.levels.isEmpty { lines.append("  levels:     \(rule.levels.map(\.rawValue).sorted().joined(separator: ", "))") }
            if let when = rule.when { lines.append("  applies when: \(when.source)") }
            if let exempt = rule.exempt { lines.append("  exempt when:  \(exempt.source)") }
            lines.append("  requires:   \(rule.require.source)")
            lines.append("  reads:      \(Array(Set(rule.require.reads + (rule.when?.reads ?? []) + (rule.exempt?.reads ?? []))).sorted().joined(separator: ", "))")
            lines.append("  defined at: \(rule.file):\(rule.line)")
            for example in rule.examples {
                lines.append("  example '\(example.name)': \(example.verdict.rawValue)" + (example.decisionRule.map { " (decision rule \($0.rawValue))" } ?? ""))
            }
            FileHandleOutput.standardOutput(lines.joined(separator: "\n") + "\n")
            return
        }
        FileHandleOutput.standardError("conform: no rule \(ruleID)\n")
        throw ExitCode(2)
    }
}

struct RulesCoverage: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coverage",
        abstract: "For each rule set, every clause the facts files name: the rules that encode it, or why none does.")

    @OptionGroup var rulesOptions: RulesOptions

    func run() throws {
        let library = try rulesOptions.load()
        var text = ""
        var gaps = 0
        for set in library.ruleSets {
            let table = CoverageTable(set)
            text += "\(set.manifest.id)  \(set.manifest.title.en)\n"
            for row in table.rows {
                let status: String
                if !row.rules.isEmpty {
                    status = row.rules.joined(separator: ", ")
                } else if let reason = row.clause.notEncoded {
                    status = "not encoded: \(reason)"
                } else {
                    status = "NOT ENCODED, no reason given"
                    gaps += 1
                }
                text += "  \(row.clause.clause.padding(toLength: 12, withPad: " ", startingAt: 0)) \(row.clause.title)\n      \(status)\n"
            }
            for rule in table.unlisted {
                text += "  (clause \(rule.clause) is not in the manifest's clause table: \(rule.id))\n"
                gaps += 1
            }
            text += "  \(table.encoded) of \(table.rows.count) clauses encoded\n\n"
        }
        FileHandleOutput.standardOutput(text)
        if gaps > 0 { throw ExitCode(1) }
    }
}
