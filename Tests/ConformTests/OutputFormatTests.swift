import ConformBTR
import ConformCheck
import ConformFindings
import ConformOutput
import ConformRules
import ConformXML
import Foundation
import Testing

/// SARIF, JUnit and CSV from one run of the real binary over TestReports/ and hostile inputs.
@Suite("Output formats")
struct OutputFormatTests {
    struct Outputs {
        let jsonl: Data
        let sarif: Data
        let junit: Data
        let csv: Data
        let html: Data
    }

    static func produce() throws -> Outputs {
        let directory = try TestSupport.temporaryDirectory()
        defer { TestSupport.remove(directory) }
        let paths = ["TestReports", "Tests/ConformTests/Fixtures/hostile/truncated-report.xml",
                     TestSupport.corpora.appendingPathComponent("atml/teststand2019-atml5-eolt.xml").path]
        let run = try TestSupport.runConform(["check", "--format", "jsonl",
                                              "--report", "sarif=\(directory.path)/out.sarif",
                                              "--report", "junit=\(directory.path)/out.xml",
                                              "--report", "csv=\(directory.path)/out.csv",
                                              "--report", "html=\(directory.path)/out.html"] + paths)
        #expect(run.status == 1, "\(run.stderr)")
        return Outputs(jsonl: run.stdout,
                       sarif: try Data(contentsOf: directory.appendingPathComponent("out.sarif")),
                       junit: try Data(contentsOf: directory.appendingPathComponent("out.xml")),
                       csv: try Data(contentsOf: directory.appendingPathComponent("out.csv")),
                       html: try Data(contentsOf: directory.appendingPathComponent("out.html")))
    }

    /// A message composed straight into the JSONL (no string made) says exactly what `message`
    /// says, escapes included: pieces with quotes, backslashes, control characters, DEL, non-ASCII
    /// text, and small and large strings.
    @Test func aComposedMessageReadsTheSameInTheJSONL() throws {
        final class Pieces: MessageComposer {
            let pieces = ["met", ": ", "say \"no\"", " back\\slash", "\nline\tend\r", "\u{1}\u{1F}\u{7F}",
                          "Ω/V ≥ 100", "；要求", String(repeating: "long piece ", count: 12), ""]
            func compose<Sink: MessageSink>(_ finding: Finding, facts: MessageFacts, into sink: inout Sink) { for piece in pieces { sink.write(piece) } }
        }
        let composer = Pieces()
        let finding = Finding(origin: FindingOrigin(rule: "r/composed"), verdict: .pass, composer: composer, line: 1)
        #expect(finding.message == composer.pieces.joined())
        #expect(finding == Finding(rule: "r/composed", verdict: .pass, message: composer.pieces.joined(), line: 1))
        var reporter = JSONLReporter()
        let bytes = reporter.format(ReportOutcome(path: "p.xml", reportID: nil, sha256: nil, claimed: nil, findings: [finding]))
        let line = try #require(String(decoding: bytes, as: UTF8.self).split(separator: "\n").first)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["message"] as? String == finding.message)
    }

    /// A report's lines are written into a block of about 1 KB per finding; lines longer than
    /// that (long messages) outgrow it and are written on elsewhere. Either way every line reads
    /// back as its finding, and the same reporter then writes a report that fits as well.
    @Test func linesThatOutgrowTheirBlockReadBackAsTheirFindings() throws {
        func outcome(_ messages: [String], path: String) -> ReportOutcome {
            let findings = messages.enumerated().map { index, message in
                Finding(rule: "r/\(index)", verdict: .fail, message: message, line: index + 1, test: "T\(index)")
            }
            return ReportOutcome(path: path, reportID: nil, sha256: nil, claimed: nil, findings: findings)
        }
        var reporter = JSONLReporter()
        let long = (0..<3).map { String(repeating: "long message \($0) ", count: 200) }
        let short = ["short", "also short"]
        for (messages, path) in [(long, "long.xml"), (short, "short.xml"), (long, "again.xml")] {
            let bytes = reporter.format(outcome(messages, path: path))
            let records = try String(decoding: bytes, as: UTF8.self).split(separator: "\n").map { line in
                try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            }
            #expect(records.count == messages.count + 1)
            for (index, message) in messages.enumerated() {
                #expect(records[index]["message"] as? String == message)
                #expect(records[index]["rule"] as? String == "r/\(index)")
                #expect(records[index]["report"] as? String == path)
            }
            #expect(records.last?["kind"] as? String == "report")
            #expect(records.last?["report"] as? String == path)
        }
        #expect(long[0].utf8.count > 2 * 1024)
    }

    /// Findings share their rule's fields through one origin; changing them on one finding leaves
    /// the others alone, and the JSONL (which writes an origin's fields once per run of findings)
    /// writes each finding's own.
    @Test func findingsShareTheirRulesOriginAndTheJSONLWritesEachOnesFields() throws {
        final class Fixed: MessageComposer {
            func compose<Sink: MessageSink>(_ finding: Finding, facts: MessageFacts, into sink: inout Sink) { sink.write("m") }
        }
        let origin = FindingOrigin(rule: "r/a", title: "A", clause: "5.1", method: "8.1", confidence: "certain")
        let first = Finding(origin: origin, verdict: .pass, composer: Fixed(), test: "T1")
        var second = Finding(origin: origin, verdict: .fail, composer: Fixed(), test: "T2")
        second.clause = "5.2"
        second.title = "B"
        #expect(first.origin === origin && first.clause == "5.1" && first.title == "A")
        #expect(second.clause == "5.2" && second.title == "B" && second.method == "8.1" && second.rule == "r/a")
        let other = Finding(origin: FindingOrigin(rule: "r/b", clause: "6"), verdict: .pass, composer: Fixed())
        var reporter = JSONLReporter()
        let outcome = ReportOutcome(path: "p.xml", reportID: nil, sha256: nil, claimed: nil, findings: [first, first, second, other, first])
        let lines = String(decoding: reporter.format(outcome), as: UTF8.self).split(separator: "\n").dropLast()
        let objects = try lines.map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        #expect(objects.map { $0["clause"] as? String } == outcome.findings.map(\.clause))
        #expect(objects.map { $0["rule"] as? String } == outcome.findings.map(\.rule))
        #expect(objects.map { $0["method"] as? String } == outcome.findings.map(\.method))
    }

    /// Verdicts, severities, confidences and decision rules are written from literals: each reads
    /// back as the value's own name, and values outside the known ones are written as given.
    @Test func vocabularyFieldsReadBackAsTheirValues() throws {
        var findings: [Finding] = []
        for verdict in Verdict.allCases {
            for severity in [Severity.error, .warning] {
                for (confidence, decisionRule) in [("certain", "simple"), ("uncertain", "guarded"), ("other \"one\"", "custom")] {
                    findings.append(Finding(rule: "r", verdict: verdict, severity: severity, message: "m", confidence: confidence,
                                            decisionRule: decisionRule))
                }
            }
        }
        findings.append(Finding(rule: "r", verdict: .pass, message: "m"))
        var reporter = JSONLReporter()
        let lines = String(decoding: reporter.format(ReportOutcome(path: "p.xml", reportID: nil, sha256: nil, claimed: nil, findings: findings)),
                           as: UTF8.self).split(separator: "\n").dropLast()
        let objects = try lines.map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        let outcome = ReportOutcome(path: "p.xml", reportID: nil, sha256: nil, claimed: nil, findings: findings)
        #expect(objects.count == outcome.findings.count)
        for (object, finding) in zip(objects, outcome.findings) {
            #expect(object["verdict"] as? String == finding.verdict.rawValue)
            #expect(object["severity"] as? String == finding.severity.rawValue)
            #expect(object["confidence"] as? String == finding.confidence)
            #expect(object["decisionRule"] as? String == finding.decisionRule)
        }
    }

    /// Every rule finding of the sample reports, in both languages: the JSONL's message (composed
    /// into the bytes) is the finding's `message` (composed into a string), which SARIF, JUnit,
    /// CSV, HTML, text and the audit store use.
    @Test(arguments: [Language.en, .zh])
    func jsonlMessagesAreTheFindingsMessages(language: Language) throws {
        let library = try TestSupport.library()
        let checker = ReportChecker(decoder: BTRDecoder(units: library.units, vocabulary: library.vocabulary),
                                    evaluator: try RuleEngine(ruleSets: library.ruleSets, options: EngineOptions(language: language)),
                                    language: language)
        var composed = 0
        for url in try TestSupport.sampleReports() {
            let outcome = checker.check(bytes: try TestSupport.bytes(url), path: url.path)
            var reporter = JSONLReporter()
            let lines = String(decoding: reporter.format(outcome), as: UTF8.self).split(separator: "\n")
            #expect(lines.count == outcome.findings.count + 1)
            for (finding, line) in zip(outcome.findings, lines) {
                let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                #expect(object["message"] as? String == finding.message, "\(url.lastPathComponent) \(finding.rule)")
                if finding.messageComposer != nil { composed += 1 }
            }
        }
        #expect(composed > 100)
    }

    /// A worker keeps its block reporters from report to report (they cache what every report
    /// shares): the bytes of each report must be those of a fresh reporter, whatever came before.
    @Test(arguments: [OutputFormat.jsonl, .text, .csv])
    func blockReportersCarryNothingFromOneReportToTheNext(format: OutputFormat) throws {
        let library = try TestSupport.library()
        let checker = ReportChecker(decoder: BTRDecoder(units: library.units, vocabulary: library.vocabulary),
                                    evaluator: try RuleEngine(ruleSets: library.ruleSets), language: .en)
        let outcomes = try TestSupport.sampleReports().map { url in checker.check(bytes: try TestSupport.bytes(url), path: url.path) }
        #expect(outcomes.count > 10)
        var reused = format.makeReporter()
        for outcome in outcomes + outcomes.reversed() {
            var fresh = format.makeReporter()
            let (again, once) = (String(decoding: reused.format(outcome), as: UTF8.self), String(decoding: fresh.format(outcome), as: UTF8.self))
            // The first difference, not hundreds of kilobytes of both.
            let differs = zip(again.split(separator: "\n"), once.split(separator: "\n")).first { $0 != $1 }
            #expect(again == once, "\(outcome.path): \(differs.map { "\($0.0)\nagainst\n\($0.1)" } ?? "lengths differ")")
            if again != once { return }
        }
    }

    @Test func sarifValidatesAgainstTheOfficialSchema() throws {
        let outputs = try Self.produce()
        let directory = try TestSupport.temporaryDirectory()
        defer { TestSupport.remove(directory) }
        let file = directory.appendingPathComponent("out.sarif")
        try outputs.sarif.write(to: file)
        let schema = TestSupport.corpora.appendingPathComponent("sarif/sarif-schema-2.1.0.json").path
        let run = try TestSupport.run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", """
            import json, sys, jsonschema
            jsonschema.validate(json.load(open(sys.argv[2])), json.load(open(sys.argv[1])))
            """, schema, file.path])
        #expect(run.status == 0, "SARIF does not validate (python3 with jsonschema is needed): \(run.stderr.suffix(2000))")
    }

    @Test func sarifCarriesRulesArtifactsLocationsAndNotifications() throws {
        let outputs = try Self.produce()
        let sarif = try #require(try JSONSerialization.jsonObject(with: outputs.sarif) as? [String: Any])
        let run = try #require((sarif["runs"] as? [[String: Any]])?.first)
        let results = try #require(run["results"] as? [[String: Any]])
        let rules = try #require(((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        let artifacts = try #require(run["artifacts"] as? [[String: Any]])
        let jsonlFindings = String(decoding: outputs.jsonl, as: UTF8.self).split(separator: "\n").filter { $0.hasPrefix("{\"kind\":\"finding\"") }
        #expect(results.count == jsonlFindings.count, "passes are recorded unless --no-passes")
        #expect(artifacts.count == (try TestSupport.sampleReports().count) + 2)
        #expect(artifacts.allSatisfy { ($0["location"] as? [String: Any])?["uri"] != nil })
        // Each result's rule is at its ruleIndex.
        for result in results.prefix(500) {
            let index = try #require(result["ruleIndex"] as? Int)
            #expect(rules[index]["id"] as? String == result["ruleId"] as? String)
        }
        let insulation = try #require(results.first { ($0["ruleId"] as? String) == "GB38031-2025/5.2.1/insulation" && ($0["kind"] as? String) == "fail" })
        #expect(insulation["level"] as? String == "error")
        let location = try #require((insulation["locations"] as? [[String: Any]])?.first)
        let region = (location["physicalLocation"] as? [String: Any])?["region"] as? [String: Any]
        #expect((region?["startLine"] as? Int ?? 0) > 1)
        let logical = (location["logicalLocations"] as? [[String: Any]])?.first?["fullyQualifiedName"] as? String
        #expect(logical?.hasPrefix("/report/test[") == true)
        let rule = try #require(rules.first { $0["id"] as? String == "GB38031-2025/5.2.1/insulation" })
        let properties = try #require(rule["properties"] as? [String: Any])
        #expect(properties["clause"] as? String == "5.2.1")
        #expect(properties["edition"] as? String == "2025")
        #expect(properties["confidence"] as? String == "uncertain")
        // helpUri: the rule's definition, at its line of its rule file (ids of files shared by
        // several editions are written with {set}).
        var helped = 0
        for rule in rules where !(rule["id"] as? String ?? "").hasPrefix("conform/") {
            let uri = try #require(rule["helpUri"] as? String, "\(rule["id"] ?? "")")
            let url = try #require(URL(string: uri))
            #expect(url.isFileURL)
            if (rule["id"] as? String ?? "").hasSuffix("/required-tests") {
                #expect(url.lastPathComponent == "manifest.yaml" && FileManager.default.fileExists(atPath: url.path))
                continue
            }
            let line = try #require(Int(url.fragment?.dropFirst() ?? ""))
            let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            let id = try #require(rule["id"] as? String)
            let tail = id.split(separator: "/").dropFirst().joined(separator: "/")
            let written = lines[line - 1].trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
            #expect(lines[line - 1].contains("- id: ") && written.hasSuffix("/" + tail), "\(uri): \(lines[line - 1])")
            helped += 1
        }
        #expect(helped > 50)
        #expect(Set(results.compactMap { $0["kind"] as? String }).isSubset(of: ["pass", "fail", "notApplicable", "review", "open"]))
        let invocation = try #require((run["invocations"] as? [[String: Any]])?.first)
        #expect(invocation["executionSuccessful"] as? Bool == true)
        let notifications = try #require(invocation["toolExecutionNotifications"] as? [[String: Any]])
        #expect(notifications.count == 2, "one per unreadable report")
        // Fingerprints are stable from run to run.
        #expect(try Self.produce().sarif == outputs.sarif)
    }

    @Test func junitValidatesAgainstTheXSDAndMapsVerdicts() throws {
        let outputs = try Self.produce()
        let validator = try XMLSchemaValidator(schemaBytes: try TestSupport.bytes(TestSupport.corpora.appendingPathComponent("junit/JUnit.xsd")))
        #expect(validator.validate(Array(outputs.junit)) == [])
        let text = String(decoding: outputs.junit, as: UTF8.self)
        #expect(text.contains("<failure message=\"not met: insulation resistance after the vibration test is 95 Ohm/V"))
        #expect(text.contains("type=\"incomplete\""))
        #expect(text.contains("<skipped message="))
        #expect(text.contains("<error message=\"not well-formed XML"))
    }

    @Test func csvHasOneRowPerFindingOfTheJSONL() throws {
        let outputs = try Self.produce()
        let rows = Self.parseCSV(String(decoding: outputs.csv, as: UTF8.self))
        let header = try #require(rows.first)
        #expect(header == ["report", "reportId", "standard", "edition", "rule", "clause", "test", "sample", "verdict",
                           "severity", "confidence", "value", "unit", "limit", "line", "message"])
        let findings = try String(decoding: outputs.jsonl, as: UTF8.self).split(separator: "\n")
            .compactMap { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
            .filter { $0["kind"] as? String == "finding" }
        #expect(rows.count - 1 == findings.count)
        for (row, finding) in zip(rows.dropFirst(), findings) {
            #expect(row.count == header.count)
            #expect(row[0] == finding["report"] as? String)
            #expect(row[4] == finding["rule"] as? String)
            #expect(row[8] == finding["verdict"] as? String)
            #expect(row[15] == finding["message"] as? String)
        }
    }

    @Test func htmlIsOneSelfContainedPageWithGlanceTableAndFindings() throws {
        let outputs = try Self.produce()
        let html = String(decoding: outputs.html, as: UTF8.self)
        let records = try String(decoding: outputs.jsonl, as: UTF8.self).split(separator: "\n")
            .compactMap { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        let reports = records.filter { $0["kind"] as? String == "report" }
        // No request leaves the page: no external resource of any kind.
        for forbidden in ["src=", "<link", "@import", "url(", "href=\"http", "href=\"//"] {
            #expect(!html.contains(forbidden), "the page loads something: \(forbidden)")
        }
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<script>") && html.contains("<style>") && html.contains("<svg"))
        // The glance shows the same counts as the JSONL summary.
        let summary = try #require(records.last?["verdicts"] as? [String: Int])
        for (verdict, count) in summary where verdict != "not-applicable" {
            #expect(html.contains("<div class=\"tile v-\(verdict)\"><b>\(count)</b>"), "\(verdict) \(count)")
        }
        // One table row per report, in input order, and a findings section for each that does not pass.
        let rows = html.components(separatedBy: "<tr data-verdict=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        #expect(rows == reports.compactMap { $0["verdict"] as? String })
        let notPassing = reports.filter { ($0["verdict"] as? String) != "pass" }.count
        #expect(html.components(separatedBy: "<details id=\"r").count - 1 == notPassing)
        #expect(html.contains("GB38031-2025/5.2.1/insulation"))
        #expect(html.contains("insulation resistance after the vibration test is 95 Ohm/V"))
        #expect(html.contains("Rules that fail most"))
    }

    /// RFC 4180: fields separated by commas, records by CRLF, quotes doubled inside quoted fields.
    static func parseCSV(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var characters = Array(text.unicodeScalars)[...]
        while let c = characters.popFirst() {
            if quoted {
                if c == "\"" {
                    if characters.first == "\"" { field.unicodeScalars.append("\""); characters.removeFirst() } else { quoted = false }
                } else {
                    field.unicodeScalars.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                row.append(field)
                field = ""
            } else if c == "\r", characters.first == "\n" {
                characters.removeFirst()
                row.append(field)
                rows.append(row)
                row = []
                field = ""
            } else {
                field.unicodeScalars.append(c)
            }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }
}
