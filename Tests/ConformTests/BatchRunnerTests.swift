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

    /// `--jobs 2` is two threads that check: the calling thread checks inputs between emitting
    /// outcomes, besides one worker (a third thread that only emitted took a core from a worker at
    /// nearly every outcome). Each input is worked on once, and emitted once, in order.
    @Test func theCallingThreadChecksInputsToo() throws {
        let caller = pthread_self()
        let seen = Seen()
        var emitted: [Int] = []
        try BatchRunner(checker: try checker(), jobs: 2).map(count: 20, work: { index in
            // Long enough that the worker cannot take the whole window before the caller asks.
            Thread.sleep(forTimeInterval: 0.002)
            seen.add(thread: pthread_self(), index: index)
            return index * 10
        }, emit: { index, item in
            #expect(item == index * 10)
            emitted.append(index)
        })
        let (threads, worked) = seen.contents
        #expect(threads.count == 2)
        #expect(threads.contains { pthread_equal($0, caller) != 0 })
        #expect(worked.sorted() == Array(0..<20))
        #expect(emitted == Array(0..<20))
    }

    /// The threads that worked and the inputs they worked on, under a lock (an `NSLock`, which the
    /// thread sanitizer sees; it does not see the futex under `Synchronization.Mutex`).
    final class Seen: @unchecked Sendable {
        private let lock = NSLock()
        private var threads: [pthread_t] = []
        private var indices: [Int] = []

        func add(thread: pthread_t, index: Int) {
            lock.lock()
            defer { lock.unlock() }
            if !threads.contains(where: { pthread_equal($0, thread) != 0 }) { threads.append(thread) }
            indices.append(index)
        }

        var contents: (threads: [pthread_t], indices: [Int]) {
            lock.lock()
            defer { lock.unlock() }
            return (threads, indices)
        }
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
