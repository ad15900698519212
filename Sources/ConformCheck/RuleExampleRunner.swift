import ConformBTR
import ConformFindings
import ConformModel
import ConformRules

/// Runs every rule's examples (SwiftLint's habit: a rule without working examples cannot land).
/// Each example is a BTR-XML fragment wrapped into a report of the rule's rule set, decoded by the
/// real decoder and judged by the real engine; the rule's findings must all have the example's
/// verdict.
public struct RuleExampleRunner: Sendable {
    public let library: RulesLibrary

    public struct Failure: Sendable, CustomStringConvertible {
        public let rule: String
        public let example: String
        public let file: String
        public let line: Int
        public let problem: String
        public var description: String { "\(file):\(line): \(rule), example '\(example)': \(problem)" }
    }

    public struct Summary: Sendable {
        public var rules = 0
        public var examples = 0
        public var failures: [Failure] = []
    }

    public init(library: RulesLibrary) {
        self.library = library
    }

    public func run(only ruleID: String? = nil) -> Summary {
        var summary = Summary()
        let decoder = BTRDecoder(units: library.units, vocabulary: library.vocabulary)
        for set in library.ruleSets {
            for rule in set.rules where ruleID == nil || rule.id == ruleID {
                summary.rules += 1
                for example in rule.examples {
                    summary.examples += 1
                    if let problem = check(example, of: rule, in: set, decoder: decoder) {
                        summary.failures.append(Failure(rule: rule.id, example: example.name, file: rule.file, line: example.line, problem: problem))
                    }
                }
            }
        }
        return summary
    }

    /// The report an example stands for.
    public static func document(for example: RuleExample, of rule: Rule, in set: RuleSet) -> String {
        var header = ""
        if !example.report.contains("<standard") {
            let amendment = set.manifest.amendment.map { " amendment=\"\($0)\"" } ?? ""
            header += "  <standard code=\"\(set.manifest.standard)\" edition=\"\(set.manifest.edition)\"\(amendment)/>\n"
        }
        if !example.report.contains("<sample") {
            let level = rule.levels.map(\.rawValue).sorted().first ?? "pack"
            header += "  <sample id=\"S1\" level=\"\(level)\"/>\n"
        }
        let issued = set.manifest.effective.map { "\($0)" } ?? "2025-01-01"
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <report xmlns="\(BTRDecoder.namespace)" id="EXAMPLE" issued="\(issued)">
            \(header)\(example.report)
            </report>
            """
    }

    private func check(_ example: RuleExample, of rule: Rule, in set: RuleSet, decoder: BTRDecoder) -> String? {
        let document = Self.document(for: example, of: rule, in: set)
        switch decoder.decode(Array(document.utf8)) {
        case .unreadable(let finding):
            return "the example is not a readable report: \(finding.message)"
        case .report(let report, let decodeFindings):
            if let problem = decodeFindings.first(where: { $0.severity == .error }) {
                return "the example has an unreadable value: \(problem.message)"
            }
            let engine: RuleEngine
            do {
                engine = try RuleEngine(ruleSets: [set], options: EngineOptions(decisionRule: example.decisionRule))
            } catch {
                return "\(error)"
            }
            let findings = engine.evaluate(report).filter { $0.rule == rule.id }
            guard !findings.isEmpty else { return "expected \(example.verdict.rawValue), but the rule gave no finding" }
            let wrong = findings.filter { $0.verdict != example.verdict }
            guard wrong.isEmpty else {
                return "expected \(example.verdict.rawValue), got " + wrong.map { "\($0.verdict.rawValue) (\($0.message))" }.joined(separator: "; ")
            }
            return nil
        }
    }
}
