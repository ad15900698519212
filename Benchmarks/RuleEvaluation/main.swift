// Measures what evaluating one rule on one test (or sample, or report) costs: the decoded sample
// reports of TestReports/ are judged by every loaded rule set again and again, and the time is
// divided by the number of rule evaluations (findings). Decoding is outside the timed loop.
//
//   swift run -c release conform-rule-benchmark [ROUNDS]
import ConformBTR
import ConformFindings
import ConformModel
import ConformRules
import Dispatch
import Foundation

let rounds = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 200
let library = try RulesLibrary.loadBundled()
let engine = try RuleEngine(ruleSets: library.ruleSets)
let decoder = BTRDecoder(units: library.units, vocabulary: library.vocabulary)
let directory = URL(fileURLWithPath: RulesDirectory.sourceCheckoutRules).deletingLastPathComponent().appendingPathComponent("TestReports")
var reports: [Report] = []
let files = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL }.filter { $0.pathExtension == "xml" } ?? []
for url in files.sorted(by: { $0.path < $1.path }) {
    if case .report(let report, _) = decoder.decode(Array(try Data(contentsOf: url))) { reports.append(report) }
}
var evaluations = 0
var checksum = 0
let start = DispatchTime.now().uptimeNanoseconds
for _ in 0..<rounds {
    for report in reports {
        let findings = engine.evaluate(report)
        evaluations += findings.count
        checksum &+= findings.filter { $0.verdict == .pass }.count
    }
}
let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start)
let tests = reports.reduce(0) { $0 + $1.tests.count } * rounds
print("reports: \(reports.count) x \(rounds) rounds, \(tests) tests, \(evaluations) rule evaluations (checksum \(checksum))")
print(String(format: "%.0f ns per rule evaluation (all rule sets, messages and evidence included); %.1f µs per report", elapsed / Double(evaluations), elapsed / Double(reports.count * rounds) / 1000))
