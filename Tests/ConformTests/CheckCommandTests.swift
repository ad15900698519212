import Foundation
import Testing

/// The command line end to end: the built `conform` binary run on real files.
@Suite("conform check")
struct CheckCommandTests {
    /// Good reports, a malformed file, an empty file, a billion-laughs document, an XXE document
    /// naming /etc/passwd, and foreign XML (TestStand ATML and legacy reports).
    static var mixedBatch: [String] {
        [
            "TestReports",
            "Tests/ConformTests/Fixtures/hostile/truncated-report.xml",
            "Tests/ConformTests/Fixtures/hostile/empty.xml",
            "Tests/ConformTests/Fixtures/hostile/billion-laughs.xml",
            "Tests/ConformTests/Fixtures/hostile/xxe-etc-passwd.xml",
            TestSupport.corpora.appendingPathComponent("atml/teststand2019-atml5-eolt.xml").path,
            TestSupport.corpora.appendingPathComponent("foreign/teststand2014-legacy-ws240.xml").path,
        ]
    }

    /// A check of a directory or a list starts a second time with a larger allocator cache (see
    /// `AllocatorTuning` in the executable); that second start must change nothing the user sees:
    /// arguments, the list read from standard input, the bytes written and the exit status are
    /// those of a run that does not restart (`GLIBC_TUNABLES` already set, here to nothing).
    @Test func restartingWithATunedAllocatorChangesNothingButSpeed() throws {
        let list = Data("Tests/ConformTests/Fixtures/hostile/billion-laughs.xml\nTestReports/un38.3-rev8/cell-complete-pass.xml\n".utf8)
        let arguments = ["check", "--format", "jsonl", "--files-from", "-", "TestReports/gb38031-2025"]
        let restarted = try TestSupport.runConform(arguments, input: list)
        let plain = try TestSupport.runConform(arguments, environment: ["GLIBC_TUNABLES": ""], input: list)
        let records = try TestSupport.jsonObjects(restarted).filter { $0["kind"] as? String == "report" }
        #expect(records.count > 3)
        #expect(records.contains { ($0["report"] as? String)?.hasSuffix("billion-laughs.xml") == true })
        #expect(restarted.status == 1)
        #expect(plain.status == restarted.status)
        #expect(TestSupport.difference(restarted.stdout, plain.stdout) == nil)
    }

    #if os(Linux)
    /// The restart itself: a check of a list runs on with the tuned allocator in its environment.
    /// While conform waits for its list on standard input, the environment it was (re)started
    /// with is visible in /proc (the process keeps its id across `execv`).
    @Test func aCheckOfAListRestartsWithTheTunedAllocator() throws {
        let process = Process()
        process.executableURL = TestSupport.conformExecutable
        process.arguments = ["check", "--format", "jsonl", "--files-from", "-"]
        process.currentDirectoryURL = TestSupport.repositoryRoot
        process.environment = ProcessInfo.processInfo.environment.filter { $0.key != "GLIBC_TUNABLES" }
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Only the setting is kept (a failure message shows no other variable of the environment).
        var tunables: [Substring] = []
        let deadline = Date().addingTimeInterval(20)
        repeat {
            let bytes = FileManager.default.contents(atPath: "/proc/\(process.processIdentifier)/environ") ?? Data()
            tunables = String(decoding: bytes, as: UTF8.self).split(separator: "\0").filter { $0.hasPrefix("GLIBC_TUNABLES=") }
            if !tunables.isEmpty { break }
            Thread.sleep(forTimeInterval: 0.01)
        } while Date() < deadline
        input.fileHandleForWriting.write(Data("TestReports/gb38031-2025/pack-complete-pass.xml\n".utf8))
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        #expect(tunables == ["GLIBC_TUNABLES=glibc.malloc.tcache_count=1000"])
        #expect(process.terminationStatus == 0)
    }
    #endif

    @Test func mixedBatchGivesOneReportRecordPerInputAndErrorsForBadOnes() throws {
        let run = try TestSupport.runConform(["check", "--format", "jsonl"] + Self.mixedBatch)
        #expect(run.status == 1, "\(run.stderr)")
        let records = try TestSupport.jsonObjects(run)
        let reports = records.filter { $0["kind"] as? String == "report" }
        let samples = try TestSupport.sampleReports().count
        #expect(reports.count == samples + 6)
        var expected: [String: String] = [
            "truncated-report.xml": "conform/xml-malformed",
            "empty.xml": "conform/xml-malformed",
            "billion-laughs.xml": "conform/xml-forbidden",
            "xxe-etc-passwd.xml": "conform/xml-forbidden",
            "teststand2019-atml5-eolt.xml": "conform/not-a-report",
            "teststand2014-legacy-ws240.xml": "conform/not-a-report",
        ]
        for report in reports {
            let path = try #require(report["report"] as? String)
            let name = URL(fileURLWithPath: path).lastPathComponent
            guard let rule = expected.removeValue(forKey: name) else {
                #expect(path.hasPrefix("TestReports/"), "unexpected report \(path)")
                #expect(report["verdict"] as? String != "error", "\(path)")
                continue
            }
            #expect(report["verdict"] as? String == "error", "\(name)")
            let findings = records.filter { $0["kind"] as? String == "finding" && $0["report"] as? String == path }
            #expect(findings.count == 1, "\(name)")
            #expect(findings.first?["rule"] as? String == rule, "\(name)")
            let message = findings.first?["message"] as? String ?? ""
            #expect(message.count > 10, "\(name): a clear message")
        }
        #expect(expected.isEmpty, "no report record for \(expected.keys.sorted())")
        // Records come in the order of the inputs: findings of a report before its report record.
        let kinds = records.map { $0["kind"] as? String ?? "" }
        #expect(kinds.last == "summary")
        #expect(kinds.filter { $0 == "summary" }.count == 1)
        let summary = try #require(records.last)
        #expect(summary["reports"] as? Int == samples + 6)
    }

    @Test func nothingOfEtcPasswdReachesTheOutput() throws {
        let passwd = (try? String(contentsOfFile: "/etc/passwd", encoding: .utf8)) ?? "root:x:0:0:"
        let run = try TestSupport.runConform(["check", "--format", "jsonl"] + Self.mixedBatch)
        let text = run.stdoutText + run.stderr
        for line in passwd.split(separator: "\n").prefix(5) where line.count > 8 {
            #expect(!text.contains(line), "output contains a line of /etc/passwd")
        }
        #expect(!text.contains("root:x:0:0"))
    }

    @Test func sameInputsGiveTheSameBytes() throws {
        let first = try TestSupport.runConform(["check", "--format", "jsonl"] + Self.mixedBatch)
        let second = try TestSupport.runConform(["check", "--format", "jsonl"] + Self.mixedBatch)
        #expect(!first.stdout.isEmpty)
        #expect(TestSupport.difference(first.stdout, second.stdout) == nil)
    }

    @Test func findingsFollowTheJSONLContract() throws {
        let run = try TestSupport.runConform(["check", "--format", "jsonl", "--no-report-content", "Tests/ConformTests/Fixtures/decoder/bad-values.xml"])
        let records = try TestSupport.jsonObjects(run)
        let findings = records.filter { $0["kind"] as? String == "finding" }
        #expect(!findings.isEmpty)
        for finding in findings {
            for field in ["report", "reportId", "reportSha256", "rule", "verdict", "severity", "message"] {
                #expect(finding[field] != nil, "finding lacks \(field): \(finding)")
            }
        }
        // Sorted by rule id, then test id (report-level findings first).
        let keys: [String] = findings.map { finding in
            let rule = finding["rule"] as? String ?? ""
            let test = finding["test"] as? String ?? ""
            return rule + "\u{0}" + test
        }
        #expect(keys == keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        let report = try #require(records.first { $0["kind"] as? String == "report" })
        #expect(report["verdict"] as? String == "incomplete")
        #expect(report["reportId"] as? String == "BAD-1")
        // The SHA-256 is that of the file's bytes (compared with sha256sum's answer).
        #expect(report["reportSha256"] as? String == Self.sha256sum("Tests/ConformTests/Fixtures/decoder/bad-values.xml"))
    }

    static func sha256sum(_ path: String) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = [path]
        process.currentDirectoryURL = TestSupport.repositoryRoot
        let pipe = Pipe()
        process.standardOutput = pipe
        guard (try? process.run()) != nil else { return nil }
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return output.split(separator: " ").first.map(String.init)
    }

    @Test func everyFindingPointsAtALine() throws {
        let run = try TestSupport.runConform(["check", "--format", "jsonl", "TestReports"])
        let findings = try TestSupport.jsonObjects(run).filter { $0["kind"] as? String == "finding" }
        #expect(findings.count > 1000)
        for finding in findings {
            let evidenceLine = (finding["evidence"] as? [[String: Any]] ?? []).contains { $0["line"] != nil }
            #expect(finding["line"] != nil || evidenceLine, "\(finding["report"] ?? "") \(finding["rule"] ?? ""): no line")
        }
    }

    @Test func outputFileIsWrittenWhole() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { TestSupport.remove(directory) }
        let target = directory.appendingPathComponent("findings.jsonl")
        let run = try TestSupport.runConform(["check", "--output", target.path] + Self.mixedBatch)
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty)
        let written = try Data(contentsOf: target)
        let direct = try TestSupport.runConform(["check", "--format", "jsonl"] + Self.mixedBatch)
        #expect(written == direct.stdout, "--output defaults to JSONL and writes what stdout would show")
        // Only the target is left: no temporary file beside it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["findings.jsonl"])
    }

    @Test func outputIntoAMissingDirectoryFailsWithStatus2AndLeavesNothing() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { TestSupport.remove(directory) }
        let target = directory.appendingPathComponent("missing/findings.jsonl")
        let run = try TestSupport.runConform(["check", "--output", target.path, "TestReports"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("temporary file"))
        #expect(!FileManager.default.fileExists(atPath: target.path))
    }

    @Test func badArgumentsExitWith2() throws {
        #expect(try TestSupport.runConform(["check", "--format", "pdf", "TestReports"]).status == 2)
        #expect(try TestSupport.runConform(["check"]).status == 2)
        #expect(try TestSupport.runConform(["frobnicate"]).status == 2)
        let empty = try TestSupport.temporaryDirectory()
        defer { TestSupport.remove(empty) }
        let nothing = try TestSupport.runConform(["check", empty.path])
        #expect(nothing.status == 2)
        #expect(nothing.stderr.contains("nothing to check"))
        let unlisted = try TestSupport.runConform(["check", "--files-from", empty.appendingPathComponent("no-such-list").path])
        #expect(unlisted.status == 2)
        #expect(unlisted.stderr.contains("cannot read --files-from"))
    }

    /// The inputs are listed while the rules load; when both fail, the rules' failure is the one
    /// reported, as when the inputs were listed after the rules.
    @Test func aRuleFailureIsReportedBeforeAnInputFailure() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { TestSupport.remove(directory) }
        let rules = directory.appendingPathComponent("rules"), reports = directory.appendingPathComponent("reports")
        try FileManager.default.createDirectory(at: rules, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: reports, withIntermediateDirectories: true)
        let run = try TestSupport.runConform(["check", "--rules", rules.path, reports.path])
        #expect(run.status == 2)
        #expect(run.stderr.contains("no rule set found"))
        #expect(!run.stderr.contains("nothing to check"))
        // The same inputs with the bundled rules: the listing's own failure.
        let nothing = try TestSupport.runConform(["check", reports.path])
        #expect(nothing.status == 2)
        #expect(nothing.stderr.contains("nothing to check"))
    }

    /// An installed binary finds the rules installed beside it (`<bin>/../share/conform/Rules`),
    /// also when it is started through a symbolic link, before the source checkout's: here the
    /// installed rules lack one rule set, and the run's summary lacks it too.
    @Test func anInstalledBinaryUsesTheRulesInstalledBesideIt() throws {
        let prefix = try TestSupport.temporaryDirectory()
        defer { TestSupport.remove(prefix) }
        let bin = prefix.appendingPathComponent("bin")
        let installedRules = prefix.appendingPathComponent("share/conform/Rules")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: installedRules.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: TestSupport.conformExecutable, to: bin.appendingPathComponent("conform"))
        try FileManager.default.copyItem(at: TestSupport.rules, to: installedRules)
        try FileManager.default.removeItem(at: installedRules.appendingPathComponent("UN38.3/Rev.7+Amend.1"))
        let link = prefix.appendingPathComponent("conform-link")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: bin.appendingPathComponent("conform"))
        for executable in [bin.appendingPathComponent("conform"), link] {
            let run = try TestSupport.run(executable, ["check", "--format", "jsonl", "TestReports/gb38031-2025/cell-complete-pass.xml"])
            let summary = try #require(try TestSupport.jsonObjects(run).last)
            let ids = (summary["rulesets"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            #expect(ids.contains("UN38.3@Rev.8"), "\(executable.lastPathComponent): \(ids)")
            #expect(!ids.contains("UN38.3@Rev.7+Amend.1"), "\(executable.lastPathComponent) used other rules than those installed beside it: \(ids)")
        }
    }

    @Test func rulesThatDoNotLoadStopTheRunWithFileLineColumn() throws {
        let rules = try TestSupport.temporaryDirectory()
        defer { TestSupport.remove(rules) }
        try FileManager.default.copyItem(at: TestSupport.rules.appendingPathComponent("units.yaml"), to: rules.appendingPathComponent("units.yaml"))
        try "testTypes: [a]\nconditions:\n  soc: voltage\n  bad: [unheard]\nmeasurements: {}\nproperties: {}\nobservations: []\nevents: []\n"
            .write(to: rules.appendingPathComponent("vocabulary.yaml"), atomically: true, encoding: .utf8)
        let run = try TestSupport.runConform(["check", "TestReports"], environment: ["CONFORM_RULES": rules.path])
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty, "nothing is checked")
        #expect(run.stderr.contains("vocabulary.yaml:4:8:"), "\(run.stderr)")
        #expect(run.stderr.contains("unheard"))
    }

    @Test func textFormatShowsFileLineAndVerdict() throws {
        let run = try TestSupport.runConform(["check", "--format", "text", "--no-report-content", "Tests/ConformTests/Fixtures/decoder/bad-values.xml"])
        #expect(run.status == 1)
        #expect(run.stdoutText.contains("Tests/ConformTests/Fixtures/decoder/bad-values.xml: INCOMPLETE"))
        #expect(run.stdoutText.contains("bad-values.xml:10: incomplete [conform/unit-unknown, test T1]"))
        #expect(run.stdoutText.contains("Checked 1 report: 1 incomplete."))
    }

    @Test func missingAndUnreadablePathsGetTheirOwnReportRecord() throws {
        let run = try TestSupport.runConform(["check", "--format", "jsonl", "no/such/file.xml", "TestReports/gb38031-2025"])
        let records = try TestSupport.jsonObjects(run)
        let missing = try #require(records.first { $0["kind"] as? String == "report" })
        #expect(missing["report"] as? String == "no/such/file.xml")
        #expect(missing["verdict"] as? String == "error")
        let inDirectory = try TestSupport.sampleReports().filter { $0.path.contains("/gb38031-2025/") }.count
        #expect(records.filter { $0["kind"] as? String == "report" }.count == 1 + inDirectory)
    }
}
