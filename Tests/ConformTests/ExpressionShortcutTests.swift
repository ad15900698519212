import ConformBTR
import ConformCheck
import ConformFindings
import ConformModel
@testable import ConformRules
import Foundation
import Testing

/// The compiler turns the usual forms into nodes of their own (`not observation.x`, chains of
/// `and`/`or`, comparisons with a constant). Those nodes must answer exactly as the plain tree
/// they replace: same level, found value, limit, evidence (in order), missing data and notes.
@Suite("Expression shortcuts")
struct ExpressionShortcutTests {
    /// Every expression of every rule, compiled both ways, judged on every test, sample and report
    /// of the sample reports and of every rule's examples (passing, failing and incomplete ones),
    /// under both decision rules.
    @Test func shortcutNodesAnswerAsThePlainTreeDoes() throws {
        let library = try TestSupport.library()
        var plain = library.compiler
        plain.shortcuts = false
        let decoder = BTRDecoder(units: library.units, vocabulary: library.vocabulary)

        var documents = try TestSupport.sampleReports().map { try Data(contentsOf: $0) }.map { [UInt8]($0) }
        for set in library.ruleSets {
            for rule in set.rules {
                for example in rule.examples {
                    documents.append(Array(RuleExampleRunner.document(for: example, of: rule, in: set).utf8))
                }
            }
        }
        let reports = documents.compactMap { document -> Report? in
            if case .report(let report, _) = decoder.decode(document) { return report }
            return nil
        }
        #expect(reports.count > 400, "\(reports.count) reports")

        var pairs: [(scope: RuleScope, fast: CompiledExpression, plain: CompiledExpression)] = []
        for set in library.ruleSets {
            for rule in set.rules {
                for expression in [rule.require, rule.when, rule.exempt].compactMap({ $0 }) {
                    pairs.append((rule.scope, expression, try plain.compileCondition(expression.source, scope: rule.scope)))
                }
            }
        }
        // The shortcuts are there to be compared (a test of nothing would pass as well).
        let shapes = pairs.map { String(describing: $0.fast.root) }
        for shape in ["notObservation", "chain", "compareToConstant"] {
            #expect(shapes.contains { $0.contains(shape) }, "no rule compiles to \(shape)")
            #expect(!pairs.contains { String(describing: $0.plain.root).contains(shape) }, "\(shape) made with shortcuts off")
        }

        var judged = 0
        var levels: Set<Int> = []
        for report in reports {
            for decisionRule in [DecisionRuleKind.simple, .guarded] {
                var contexts: [(RuleScope, EvaluationContext)] = [(.report, EvaluationContext(report: report, test: nil, sample: report.samples.first, decisionRule: decisionRule))]
                for sample in report.samples {
                    contexts.append((.sample, EvaluationContext(report: report, test: nil, sample: sample, decisionRule: decisionRule)))
                }
                for test in report.tests {
                    contexts.append((.test, EvaluationContext(report: report, test: test, sample: report.sample(id: test.sampleID), decisionRule: decisionRule)))
                }
                for (scope, context) in contexts {
                    for pair in pairs where pair.scope == scope {
                        let a = pair.fast.judge(in: context)
                        let b = pair.plain.judge(in: context)
                        judged += 1
                        levels.insert(a.level.rawValue)
                        let same = a.level == b.level && a.found == b.found && a.limit == b.limit && a.evidence == b.evidence
                            && a.missing == b.missing && a.notes == b.notes
                        #expect(same, "\(pair.fast.source) in report \(report.id ?? "?"): \(a) against \(b)")
                        if !same { return }
                    }
                }
            }
        }
        #expect(judged > 10_000, "\(judged) judgements")
        #expect(levels.count == 5, "levels seen: \(levels.sorted())")
    }
}
