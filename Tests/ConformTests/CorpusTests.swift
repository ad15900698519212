import ConformBTR
import ConformCheck
import ConformFindings
import ConformRules
import ConformXML
import Foundation
import Testing

/// Real files nobody here wrote, read in place from ../shared/corpora: the W3C XML Conformance
/// Test Suite and libxml2's malicious and ill-formed inputs. Every file gets exactly one outcome,
/// an error with a message (none of them is a BTR-XML report); nothing crashes, and nothing outside
/// the input is ever requested.
@Suite("Real corpora")
struct CorpusTests {
    static func regularFiles(under directory: URL) -> [URL] {
        let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey])
        var files: [URL] = []
        while let url = enumerator?.nextObject() as? URL {
            if (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true { files.append(url) }
        }
        return files.sorted { $0.path < $1.path }
    }

    func checker() throws -> ReportChecker {
        let library = try TestSupport.library()
        return ReportChecker(decoder: BTRDecoder(units: library.units, vocabulary: library.vocabulary),
                             evaluator: try RuleEngine(ruleSets: library.ruleSets))
    }

    @Test(arguments: ["xmlconf", "libxml2/errors", "libxml2/recurse"])
    func everyFileGetsOneErrorWithAMessage(corpus: String) throws {
        let directory = TestSupport.corpora.appendingPathComponent(corpus)
        let files = Self.regularFiles(under: directory)
        try #require(!files.isEmpty, "\(directory.path) is missing: the corpora live in ../shared/corpora")
        let checker = try checker()
        let attemptsBefore = LibXMLRuntime.externalLoadAttempts
        var byRule: [String: Int] = [:]
        for file in files {
            let outcome = checker.check(.file(file.path))
            #expect(outcome.verdict == .error, "\(file.path): \(outcome.verdict)")
            #expect(outcome.findings.count == 1, "\(file.path)")
            let finding = try #require(outcome.findings.first)
            #expect(finding.message.count > 5, "\(file.path): no clear message")
            byRule[finding.rule, default: 0] += 1
        }
        let total = byRule.values.reduce(0, +)
        #expect(total == files.count)
        #expect(LibXMLRuntime.externalLoadAttempts == attemptsBefore, "something outside an input was requested")
        let counts = byRule.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        print("corpus \(corpus): read \(files.count) files, \(total) outcomes: \(counts)")
    }

    /// The suite's own index: every not-well-formed test case is an error (read through the index,
    /// resolving the nested xml:base of the flattened file).
    @Test func notWellFormedCasesOfTheIndexAreErrors() throws {
        let root = TestSupport.corpora.appendingPathComponent("xmlconf")
        let index = try String(contentsOf: root.appendingPathComponent("xmlconf-flattened.xml"), encoding: .utf8)
        let tag = try NSRegularExpression(pattern: "<(/?)TESTCASES\\b([^>]*)>|<TEST\\b([^>]*)>")
        let attribute = { (name: String, text: String) -> String? in
            guard let range = text.range(of: "\(name)=\""), let end = text[range.upperBound...].firstIndex(of: "\"") else { return nil }
            return String(text[range.upperBound..<end])
        }
        var bases: [String] = []
        var notWellFormed: [URL] = []
        let ns = index as NSString
        for match in tag.matches(in: index, range: NSRange(location: 0, length: ns.length)) {
            if match.range(at: 2).location != NSNotFound {
                if ns.substring(with: match.range(at: 1)) == "/" { bases.removeLast() } else {
                    bases.append(attribute("xml:base", ns.substring(with: match.range(at: 2))) ?? "")
                }
            } else if match.range(at: 3).location != NSNotFound {
                let test = ns.substring(with: match.range(at: 3))
                guard attribute("TYPE", test) == "not-wf", let uri = attribute("URI", test) else { continue }
                notWellFormed.append(root.appendingPathComponent(bases.joined() + uri))
            }
        }
        #expect(notWellFormed.count > 900)
        let checker = try checker()
        for file in notWellFormed {
            #expect(FileManager.default.fileExists(atPath: file.path), "\(file.path)")
            #expect(checker.check(.file(file.path)).verdict == .error, "\(file.path)")
        }
        print("corpus xmlconf: \(notWellFormed.count) not-well-formed cases of the index, all errors")
    }

    /// Inputs the fuzzer found (and seeds), kept so that every fix stays fixed.
    @Test func fuzzRegressionFilesEachGiveOneOutcome() throws {
        let directory = TestSupport.repositoryRoot.appendingPathComponent("Tests/Fuzz/regressions")
        let files = Self.regularFiles(under: directory)
        #expect(!files.isEmpty)
        let checker = try checker()
        for file in files {
            let outcome = checker.check(.file(file.path))
            #expect(!outcome.findings.isEmpty, "\(file.lastPathComponent)")
            #expect(outcome.verdict != .pass, "\(file.lastPathComponent) is hostile or broken and must not pass")
        }
        print("fuzz regressions: \(files.count) files replayed")
    }

    @Test func theWholeSuiteInOneBatchGivesOneRecordPerFile() throws {
        let directory = TestSupport.corpora.appendingPathComponent("xmlconf")
        let xmlFiles = Self.regularFiles(under: directory).filter { $0.pathExtension.lowercased() == "xml" }
        let run = try TestSupport.runConform(["check", "--format", "jsonl", directory.path])
        #expect(run.status == 1)
        let reports = run.lines.filter { $0.hasPrefix("{\"kind\":\"report\"") }
        #expect(reports.count == xmlFiles.count)
        #expect(run.lines.last?.hasPrefix("{\"kind\":\"summary\",\"reports\":\(xmlFiles.count),") == true)
        print("corpus xmlconf batch: \(reports.count) report records for \(xmlFiles.count) *.xml files")
    }
}
