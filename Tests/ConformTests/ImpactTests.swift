import Foundation
import Testing

@Suite("Edition impact")
struct ImpactTests {
    @Test func archivedReportsRejudgedAgainstTheNewEdition() throws {
        let run = try TestSupport.runConform(["impact", "--to", "GB 38031@2025", "--format", "jsonl", "TestReports"])
        #expect(run.status == 0, "\(run.stderr)")
        let records = try TestSupport.jsonObjects(run)
        let summary = try #require(records.last)
        #expect(summary["kind"] as? String == "impactSummary")
        #expect(summary["reports"] as? Int == (try TestSupport.sampleReports().count))
        let gbReports = try TestSupport.sampleReports().filter { $0.path.contains("/gb38031-") || $0.path.contains("/iso17025/") }.count
        #expect(summary["compared"] as? Int == gbReports, "every report that claims GB 38031 is compared; UN 38.3 ones are not")
        let changes = records.filter { $0["kind"] as? String == "impact" }
        let fire = try #require(changes.first { ($0["report"] as? String)?.hasSuffix("pack-thermal-propagation-alarm-18min.xml") == true })
        #expect(fire["from"] as? String == "pass")
        #expect(fire["verdict"] as? String == "fail")
        let rules = (fire["rules"] as? [[String: Any]] ?? []).compactMap { $0["rule"] as? String }
        #expect(rules.contains("GB38031-2025/5.2.7b/no-fire-explosion"))
        let cell = try #require(changes.first { ($0["report"] as? String)?.hasSuffix("gb38031-2020/cell-complete-pass.xml") == true })
        #expect(cell["verdict"] as? String == "incomplete")
        let message = ((cell["rules"] as? [[String: Any]])?.first?["message"] as? String) ?? ""
        #expect(message.contains("fast-charge-cycling"), "2025 added the fast-charge cycling test: \(message)")
        // Reports already judged under 2025 do not change.
        #expect(!changes.contains { ($0["report"] as? String)?.contains("/gb38031-2025/") == true })
        let byRule = try #require(summary["byRule"] as? [String: Int])
        #expect(byRule["GB38031-2025/5.2.7b/no-fire-explosion"] == 1)
        #expect(try TestSupport.runConform(["impact", "--to", "GB 38031@1999", "TestReports"]).status == 2)
    }

    /// The regulator's archive in an audit store: `impact --db` re-judges the reports of its
    /// latest run, exactly as naming their paths does.
    @Test func impactOverAStoreEqualsImpactOverThePaths() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { TestSupport.remove(directory) }
        let store = directory.appendingPathComponent("audit.sqlite").path
        _ = try TestSupport.runConform(["check", "--quiet", "--db", store, "TestReports"])
        let fromStore = try TestSupport.runConform(["impact", "--to", "GB 38031@2025", "--format", "jsonl", "--db", store])
        let fromPaths = try TestSupport.runConform(["impact", "--to", "GB 38031@2025", "--format", "jsonl", "TestReports"])
        #expect(fromStore.status == 0, "\(fromStore.stderr)")
        #expect(TestSupport.difference(fromStore.stdout, fromPaths.stdout) == nil)
        #expect(fromStore.stdoutText.contains("pack-thermal-propagation-alarm-18min.xml"))
    }
}
