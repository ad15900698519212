import ConformBTR
import ConformCheck
import ConformFindings
import ConformRules
import Foundation
import Testing

@Suite("Batch runner")
struct BatchRunnerTests {
    func checker() throws -> ReportChecker {
        let library = try TestSupport.library()
        return ReportChecker(decoder: BTRDecoder(units: library.units, vocabulary: library.vocabulary),
                             evaluator: try RuleEngine(ruleSets: library.ruleSets))
    }

    /// Outcomes come back in input order, identical to a sequential run, with a window smaller
    /// than the batch (so workers wait for the writer).
    @Test(arguments: [(2, 2), (2, 3), (4, 4)])
    func parallelRunsGiveTheSequentialOutcomesInOrder(jobs: Int, window: Int) throws {
        let inputs = InputExpansion.expand([TestSupport.testReports.path, TestSupport.corpora.appendingPathComponent("libxml2/errors").path])
        #expect(inputs.count > 40)
        let checker = try checker()
        var sequential: [ReportOutcome] = []
        try BatchRunner(checker: checker, jobs: 1).run(inputs) { _, outcome in sequential.append(outcome) }
        var parallel: [ReportOutcome] = []
        var indices: [Int] = []
        try BatchRunner(checker: checker, jobs: jobs, window: window).run(inputs) { index, outcome in
            indices.append(index)
            parallel.append(outcome)
        }
        #expect(indices == Array(inputs.indices))
        #expect(parallel == sequential)
    }

    @Test func anEmitErrorStopsTheBatch() throws {
        struct Stop: Error {}
        let inputs = InputExpansion.expand([TestSupport.testReports.path])
        var seen = 0
        #expect(throws: Stop.self) {
            try BatchRunner(checker: try checker(), jobs: 2, window: 2).run(inputs) { _, _ in
                seen += 1
                if seen == 3 { throw Stop() }
            }
        }
        #expect(seen == 3)
    }

    @Test func jsonlIsIdenticalForOneAndTwoJobs() throws {
        let arguments = ["check", "--format", "jsonl", "TestReports", TestSupport.corpora.appendingPathComponent("libxml2").path]
        let one = try TestSupport.runConform(arguments + ["--jobs", "1"])
        let two = try TestSupport.runConform(arguments + ["--jobs", "2"])
        #expect(one.stdout.count > 100_000)
        #expect(TestSupport.difference(one.stdout, two.stdout) == nil)
    }

    @Test func filesFromKeepsTheListedOrderAndReadsStandardInputToo() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { TestSupport.remove(directory) }
        let list = directory.appendingPathComponent("list.txt")
        let files = ["TestReports/un38.3-rev8/cell-complete-pass.xml", "", "TestReports/gb38031-2025/pack-complete-pass.xml"]
        try files.joined(separator: "\n").write(to: list, atomically: true, encoding: .utf8)
        let run = try TestSupport.runConform(["check", "--format", "jsonl", "--files-from", list.path])
        let reports = try TestSupport.jsonObjects(run).filter { $0["kind"] as? String == "report" }.compactMap { $0["report"] as? String }
        #expect(reports == ["TestReports/un38.3-rev8/cell-complete-pass.xml", "TestReports/gb38031-2025/pack-complete-pass.xml"])
        #expect(run.status == 0)
        let fromStandardInput = try TestSupport.runConform(["check", "--format", "jsonl", "--files-from", "-"],
                                                           input: Data(files.joined(separator: "\n").utf8))
        #expect(TestSupport.difference(fromStandardInput.stdout, run.stdout) == nil)
    }
}
