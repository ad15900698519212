import ConformStore
import Foundation
import Testing

/// `check --db FILE`: reuse of unchanged reports, crash safety, summaries, exports and merges.
@Suite("Audit store")
struct AuditStoreTests {
    /// "evaluated N, reused M" from the run's closing line on standard error.
    static func counts(_ run: TestSupport.Run) -> (evaluated: Int, reused: Int)? {
        guard let line = run.stderr.split(separator: "\n").last(where: { $0.contains(" stored in ") }) else { return nil }
        let numbers = line.split(separator: ":").last?.split(separator: ",").compactMap { part in
            part.split(separator: " ").first.flatMap { Int($0) }
        } ?? []
        return numbers.count == 2 ? (numbers[0], numbers[1]) : nil
    }

    static func read(_ url: URL) throws -> Data { try Data(contentsOf: url) }

    @Test func knownReportsMatchPathAndBytes() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { TestSupport.remove(directory) }
        let store = directory.appendingPathComponent("audit.sqlite").path
        let sample = "TestReports/gb38031-2025/cell-complete-pass.xml"
        _ = try TestSupport.runConform(["check", "--quiet", "--db", store, sample])
        let opened = try AuditStore(path: store)
        let run = try opened.run(nil)
        let known = try opened.knownReports(configuration: run.configuration)
        #expect(known.count == 1)
        let sha = try #require(try TestSupport.jsonObjects(try TestSupport.runConform(["check", "--format", "jsonl", sample]))
            .first { $0["kind"] as? String == "report" }?["reportSha256"] as? String)
        let id = try #require(known.report(path: sample, sha256: sha))
        #expect(try opened.storedReport(id, formats: ["jsonl"], outcome: false).path == sample)
        #expect(known.report(path: sample, sha256: String(repeating: "0", count: 64)) == nil)
        #expect(known.report(path: sample + "x", sha256: sha) == nil)
        #expect(known.report(path: sample, sha256: "not a hash") == nil)
        #expect(try opened.knownReports(configuration: "another").count == 0)
    }

    @Test func aSecondRunReusesEveryReportAndPrintsTheSameInEveryFormat() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { TestSupport.remove(directory) }
        let store = directory.appendingPathComponent("audit.sqlite").path
        let formats = ["jsonl", "text", "sarif", "junit", "csv", "html"]
        func check(_ name: String, _ extra: [String]) throws -> TestSupport.Run {
            let reports = formats.dropFirst().flatMap { ["--report", "\($0)=\(directory.path)/\(name).\($0)"] }
            return try TestSupport.runConform(["check", "--output", "\(directory.path)/\(name).jsonl"] + reports + extra + ["TestReports"])
        }
        let plain = try check("plain", [])
        let first = try check("first", ["--db", store])
        let second = try check("second", ["--db", store])
        let forced = try check("forced", ["--db", store, "--force"])
        #expect(Self.counts(first)?.evaluated == 18 && Self.counts(first)?.reused == 0, "\(first.stderr)")
        #expect(Self.counts(second)?.evaluated == 0 && Self.counts(second)?.reused == 18, "\(second.stderr)")
        #expect(Self.counts(forced)?.evaluated == 18 && Self.counts(forced)?.reused == 0, "\(forced.stderr)")
        #expect(plain.status == 1 && first.status == 1 && second.status == 1 && forced.status == 1)
        for format in formats {
            let expected = try Self.read(directory.appendingPathComponent("plain.\(format)"))
            #expect(!expected.isEmpty)
            for name in ["first", "second", "forced"] {
                #expect(TestSupport.difference(try Self.read(directory.appendingPathComponent("\(name).\(format)")), expected) == nil, "\(name).\(format)")
            }
        }
        // The stored run exports exactly what check printed.
        let export = try TestSupport.runConform(["db", "export", "--format", "jsonl", store])
        #expect(TestSupport.difference(export.stdout, try Self.read(directory.appendingPathComponent("plain.jsonl"))) == nil)
    }

    @Test func changedBytesOrOptionsAreEvaluatedAgain() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { TestSupport.remove(directory) }
        let archive = directory.appendingPathComponent("archive")
        try FileManager.default.copyItem(at: TestSupport.testReports.appendingPathComponent("gb38031-2025"), to: archive)
        let store = directory.appendingPathComponent("audit.sqlite").path
        let total = try FileManager.default.contentsOfDirectory(atPath: archive.path).filter { $0.hasSuffix(".xml") }.count
        let first = try TestSupport.runConform(["check", "--db", store, archive.path])
        #expect(Self.counts(first)?.evaluated == total)

        // One report edited: its insulation reading falls below 100 Ω/V.
        let edited = archive.appendingPathComponent("pack-complete-pass.xml")
        let text = try String(contentsOf: edited, encoding: .utf8)
        let failing = text.replacingOccurrences(of: #"name="insulationResistance" value="\d+""#, with: #"name="insulationResistance" value="42""#,
                                                options: .regularExpression)
        #expect(failing != text)
        try failing.write(to: edited, atomically: true, encoding: .utf8)
        let second = try TestSupport.runConform(["check", "--db", store, archive.path])
        #expect(Self.counts(second)?.evaluated == 1 && Self.counts(second)?.reused == total - 1, "\(second.stderr)")
        let fresh = try TestSupport.runConform(["check", "--format", "jsonl", archive.path])
        #expect(TestSupport.difference(second.stdout, fresh.stdout) == nil)
        let record = try TestSupport.jsonObjects(fresh).first { $0["kind"] as? String == "report" && $0["report"] as? String == edited.path }
        #expect(record?["verdict"] as? String == "fail", "the edit makes the report fail, and the store did not hide it")

        // Another decision rule is another configuration: nothing is reused.
        let guarded = try TestSupport.runConform(["check", "--db", store, "--decision-rule", "guarded", archive.path])
        #expect(Self.counts(guarded)?.evaluated == total, "\(guarded.stderr)")
        let unstored = try TestSupport.runConform(["check", "--decision-rule", "guarded", archive.path])
        #expect(TestSupport.difference(guarded.stdout, unstored.stdout) == nil)
    }

    /// Six `kill -9` at random moments, then a full run: the store is intact and the findings are
    /// those of an uninterrupted run.
    @Test func killNineLeavesAConsistentStore() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { TestSupport.remove(directory) }
        let archive = directory.appendingPathComponent("archive")
        let generator = try TestSupport.run(URL(fileURLWithPath: "/usr/bin/env"),
                                            ["python3", "Benchmarks/generate_reports.py", "archive", "400", archive.path])
        try #require(generator.status == 0, "\(generator.stderr)")
        let store = directory.appendingPathComponent("audit.sqlite").path
        // The uninterrupted run, timed: the kills land between a tenth and nine tenths of it
        // (a run with --db takes longer still), whatever the speed of the machine.
        let started = Date()
        let uninterrupted = try TestSupport.runConform(["check", "--format", "jsonl", archive.path])
        let duration = Date().timeIntervalSince(started)
        var generator64 = SystemRandomNumberGenerator()
        var killed = 0, attempts = 0
        // Later runs reuse what earlier ones committed and finish sooner: a run that ends before its
        // kill shortens the window for the next one.
        var window = duration * 0.9
        // A kill can land after the run has recorded its end (while it exits): that run was not
        // killed mid-run, and the store says so.
        func finishedRuns() throws -> Int {
            guard FileManager.default.fileExists(atPath: store) else { return 0 }
            return try AuditStore(path: store).runs().filter { $0.finishedAt != nil }.count
        }
        while killed < 6 && attempts < 40 {
            attempts += 1
            let finishedBefore = try finishedRuns()
            let process = Process()
            process.executableURL = TestSupport.conformExecutable
            process.arguments = ["check", "--quiet", "--db", store, archive.path]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            Thread.sleep(forTimeInterval: Double.random(in: 0.01...max(0.02, window), using: &generator64))
            let wasRunning = process.isRunning
            if wasRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
            if wasRunning, try finishedRuns() == finishedBefore {
                killed += 1
            } else {
                window /= 2
            }
        }
        #expect(killed == 6, "six runs really killed mid-run (\(killed) in \(attempts) attempts)")
        let opened = try AuditStore(path: store)
        #expect(try opened.integrityCheck() == "ok")
        // A run killed before it opened the store left no trace; every other killed run is unfinished.
        let runs = try opened.runs()
        #expect(runs.filter { $0.finishedAt != nil }.count == attempts - killed)

        let full = try TestSupport.runConform(["check", "--db", store, archive.path])
        #expect(TestSupport.difference(full.stdout, uninterrupted.stdout) == nil)
        #expect(full.status == uninterrupted.status)
        #expect((Self.counts(full)?.reused ?? 0) > 0, "the killed runs' committed reports are reused: \(full.stderr)")
        #expect(try AuditStore(path: store).integrityCheck() == "ok")
        let export = try TestSupport.runConform(["db", "export", "--format", "jsonl", store])
        #expect(TestSupport.difference(export.stdout, uninterrupted.stdout) == nil)
    }

    /// Two runs writing one store at once: the second waits for the first's transactions instead
    /// of failing with "database is locked".
    @Test func twoRunsAtOnceShareAStore() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { TestSupport.remove(directory) }
        let store = directory.appendingPathComponent("audit.sqlite").path
        let other = Process()
        other.executableURL = TestSupport.conformExecutable
        other.arguments = ["check", "--quiet", "--db", store, "--output", directory.appendingPathComponent("other.jsonl").path, "TestReports"]
        other.currentDirectoryURL = TestSupport.repositoryRoot
        other.standardError = FileHandle.nullDevice
        try other.run()
        let this = try TestSupport.runConform(["check", "--quiet", "--db", store, "TestReports"])
        other.waitUntilExit()
        #expect(this.status == 1 && other.terminationStatus == 1, "\(this.stderr)")
        #expect(TestSupport.difference(this.stdout, try Self.read(directory.appendingPathComponent("other.jsonl"))) == nil)
        #expect(try AuditStore(path: store).runs().filter { $0.finishedAt != nil }.count == 2)
    }

    @Test func fourShardStoresMergeIntoOneRun() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { TestSupport.remove(directory) }
        let paths = ["TestReports", TestSupport.corpora.appendingPathComponent("libxml2/errors").path]
        let whole = directory.appendingPathComponent("whole.sqlite").path
        let one = try TestSupport.runConform(["check", "--format", "jsonl", "--db", whole] + paths)
        var shards: [String] = []
        for k in 1...4 {
            let store = directory.appendingPathComponent("shard-\(k).sqlite").path
            let run = try TestSupport.runConform(["check", "--format", "jsonl", "--shard", "\(k)/4", "--db", store] + paths)
            #expect(run.status != 2, "\(run.stderr)")
            shards.append(store)
        }
        let merged = directory.appendingPathComponent("merged.sqlite").path
        let merge = try TestSupport.runConform(["db", "merge", "--into", merged] + shards)
        #expect(merge.status == 0, "\(merge.stderr)")
        let export = try TestSupport.runConform(["db", "export", "--format", "jsonl", merged])
        #expect(TestSupport.difference(export.stdout, one.stdout) == nil)
        for command in [["db", "summary"], ["db", "export", "--format", "csv"]] {
            let a = try TestSupport.runConform(command + [whole]), b = try TestSupport.runConform(command + [merged])
            #expect(a.status == 0 && !a.stdout.isEmpty)
            // The run number and start time differ; everything after the first line is the same.
            #expect(a.lines.dropFirst() == b.lines.dropFirst(), "\(command)")
        }
        // Shards of different configurations do not merge.
        let other = directory.appendingPathComponent("other.sqlite").path
        _ = try TestSupport.runConform(["check", "--decision-rule", "guarded", "--db", other, "TestReports"])
        let refused = try TestSupport.runConform(["db", "merge", "--into", directory.appendingPathComponent("bad.sqlite").path, shards[0], other])
        #expect(refused.status == 2 && refused.stderr.contains("cannot be merged"))
    }

    @Test func summaryAndExportCountVerdictsByStandardLabMonthAndRule() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { TestSupport.remove(directory) }
        let store = directory.appendingPathComponent("audit.sqlite").path
        let run = try TestSupport.runConform(["check", "--format", "jsonl", "--db", store, "TestReports"])
        let records = try TestSupport.jsonObjects(run)
        let reports = records.filter { $0["kind"] as? String == "report" }
        let csv = try TestSupport.runConform(["db", "export", "--format", "csv", store])
        let rows = csv.stdoutText.split(separator: "\r\n").map(String.init)
        #expect(rows.first == "level,standard,edition,laboratory,month,rule,verdict,count")
        func count(_ row: String) -> Int { Int(row.split(separator: ",").last ?? "") ?? -1 }
        let reportRows = rows.filter { $0.hasPrefix("report,") }
        #expect(reportRows.map(count).reduce(0, +) == reports.count)
        // Findings per rule and verdict, from the JSONL of the same run.
        var expected: [String: Int] = [:]
        for record in records where record["kind"] as? String == "finding" {
            expected["\(record["rule"] ?? "")|\(record["verdict"] ?? "")", default: 0] += 1
        }
        var found: [String: Int] = [:]
        for row in rows where row.hasPrefix("finding,") {
            let fields = row.split(separator: ",", omittingEmptySubsequences: false)
            // Laboratory names may hold a quoted comma: rule and verdict are the 3rd and 2nd from the end.
            found["\(fields[fields.count - 3])|\(fields[fields.count - 2])", default: 0] += count(row)
        }
        #expect(found == expected)
        let fails = reports.filter { $0["verdict"] as? String == "fail" }.count
        let summary = try TestSupport.runConform(["db", "summary", store])
        #expect(summary.stdoutText.contains("\(reports.count) reports: ") && summary.stdoutText.contains(" \(fails) fail"))
        #expect(summary.stdoutText.contains("Reports by laboratory:\n  EuroLab Transport Testing GmbH: "))
        #expect(summary.stdoutText.contains("Reports by month of issue:\n"))
        #expect(summary.stdoutText.contains("GB38031-2025/5.2.1/insulation: "))
        let missing = try TestSupport.runConform(["db", "summary", directory.appendingPathComponent("none.sqlite").path])
        #expect(missing.status == 2 && missing.stderr.contains("no audit store"))
    }
}
