// Measures what evaluating one rule on one test (or sample, or report) costs: the decoded sample
// reports of TestReports/ are judged by every loaded rule set again and again, and the time is
// divided by the number of rule evaluations (findings). Decoding is outside the timed loop.
//
//   swift run -c release conform-rule-benchmark [ROUNDS]
import ConformBTR
import ConformFindings
import ConformModel
import ConformOutput
import ConformRules
import Dispatch
import Foundation

let rounds = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 200
let library = try RulesLibrary.loadBundled()
let engine = try RuleEngine(ruleSets: library.ruleSets)
let decoder = BTRDecoder(units: library.units, vocabulary: library.vocabulary)
// As `conform check` does: what every report reads is kept for the process, uncounted.
engine.keepForProcessLifetime()
library.units.keepForProcessLifetime()
library.vocabulary.keepForProcessLifetime()
let directory = URL(fileURLWithPath: RulesDirectory.sourceCheckoutRules).deletingLastPathComponent().appendingPathComponent("TestReports")
var reports: [Report] = []
let files = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL }.filter { $0.pathExtension == "xml" } ?? []
var documents: [[UInt8]] = []
for url in files.sorted(by: { $0.path < $1.path }) {
    documents.append(Array(try Data(contentsOf: url)))
    if case .report(let report, _) = decoder.decode(documents[documents.count - 1]) { reports.append(report) }
}

/// Nanoseconds per report of `body` over `count` samples, `rounds` times.
func perReport(_ rounds: Int, _ count: Int, _ body: (Int) -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    for _ in 0..<rounds { for i in 0..<count { body(i) } }
    return Double(DispatchTime.now().uptimeNanoseconds - start) / Double(rounds * count)
}
var evaluations = 0
var checksum = 0
let start = DispatchTime.now().uptimeNanoseconds
for _ in 0..<rounds {
    for report in reports {
        let findings = engine.evaluate(report)
        evaluations += findings.count
        // Counted in place (a filtered copy of the findings was timed with the engine).
        for index in findings.indices where findings[index].verdict == .pass { checksum &+= 1 }
    }
}
let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start)
let tests = reports.reduce(0) { $0 + $1.tests.count } * rounds
print("reports: \(reports.count) x \(rounds) rounds, \(tests) tests, \(evaluations) rule evaluations (checksum \(checksum))")
print(String(format: "%.0f ns per rule evaluation (all rule sets, messages and evidence included); %.1f µs per report", elapsed / Double(evaluations), elapsed / Double(reports.count * rounds) / 1000))

// Where a report's time goes, phase by phase (one core).
let phaseRounds = max(1, rounds / 4)
let decodeNs = perReport(phaseRounds, reports.count) { i in _ = decoder.decode(documents[i]) }
let findingsOf = reports.map { engine.evaluate($0) }
let evaluateNs = perReport(phaseRounds, reports.count) { i in _ = engine.evaluate(reports[i]) }
let outcomes = findingsOf.enumerated().map { ReportOutcome(path: "r\($0.offset).xml", reportID: "X", sha256: nil, claimed: "pass", findings: $0.element) }
let outcomeNs = perReport(phaseRounds, reports.count) { i in
    _ = ReportOutcome(path: "r.xml", reportID: "X", sha256: nil, claimed: "pass", findings: findingsOf[i], ruleOrder: engine.ruleOrder)
}
var jsonl = JSONLReporter()
var bytes = 0
let jsonNs = perReport(phaseRounds, reports.count) { i in bytes += jsonl.format(outcomes[i]).count }
print(String(format: "per report: decode %.0f µs, evaluate %.0f µs, sort and aggregate %.0f µs, JSONL %.0f µs (%d bytes)",
             decodeNs / 1000, evaluateNs / 1000, outcomeNs / 1000, jsonNs / 1000, bytes / (phaseRounds * reports.count)))

// The expressions alone: every per-test rule's requirement judged on every test it applies to,
// without building findings (messages, evidence arrays, sorting).
var pairs: [(CompiledExpression, EvaluationContext)] = []
for report in reports {
    for test in report.tests {
        let context = EvaluationContext(report: report, test: test, sample: report.sample(id: test.sampleID), decisionRule: .simple)
        for set in library.ruleSets {
            for rule in set.rules where rule.scope == .test && (rule.testTypes.contains(test.type) || rule.testTypes.contains("*")) {
                pairs.append((rule.require, context))
            }
        }
    }
}
var passes = 0
let judgeStart = DispatchTime.now().uptimeNanoseconds
for _ in 0..<phaseRounds {
    for (expression, context) in pairs where expression.judge(in: context).level == .pass { passes += 1 }
}
let judgeNs = Double(DispatchTime.now().uptimeNanoseconds - judgeStart) / Double(phaseRounds * pairs.count)
print(String(format: "requirement expressions alone: %.0f ns per rule per test (%d rule-test pairs, %d passes)", judgeNs, pairs.count, passes / phaseRounds))
