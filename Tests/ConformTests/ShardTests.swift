import ConformCheck
import Foundation
import Testing

@Suite("Shards")
struct ShardTests {
    @Test func fourShardsMergedEqualOneRun() throws {
        let paths = ["TestReports", TestSupport.corpora.appendingPathComponent("libxml2/errors").path]
        let whole = try TestSupport.runConform(["check", "--format", "jsonl"] + paths)
        let directory = try TestSupport.temporaryDirectory()
        defer { TestSupport.remove(directory) }
        var from: [String] = []
        var covered = 0
        for k in 1...4 {
            let run = try TestSupport.runConform(["check", "--format", "jsonl", "--shard", "\(k)/4"] + paths)
            let file = directory.appendingPathComponent("shard-\(k).jsonl")
            try run.stdout.write(to: file)
            from += ["--from", file.path]
            covered += run.lines.filter { $0.hasPrefix("{\"kind\":\"report\"") }.count
        }
        #expect(covered == whole.lines.filter { $0.hasPrefix("{\"kind\":\"report\"") }.count, "every input in exactly one shard")
        let merged = try TestSupport.runConform(["merge"] + from + paths)
        #expect(merged.status == whole.status)
        #expect(TestSupport.difference(merged.stdout, whole.stdout) == nil)
    }

    /// A shard may hold nothing (a small batch split four ways): it is still a run, and writes its
    /// outputs where it was told to.
    @Test func anEmptyShardWritesItsOutputs() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { TestSupport.remove(directory) }
        var reports = 0
        for k in 1...4 {
            let file = directory.appendingPathComponent("shard-\(k).jsonl")
            let run = try TestSupport.runConform(["check", "--shard", "\(k)/4", "--output", file.path,
                                                  "--report", "csv=\(directory.path)/shard-\(k).csv",
                                                  "TestReports/gb38031-2025/cell-complete-pass.xml"])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout.isEmpty)
            let lines = String(decoding: try Data(contentsOf: file), as: UTF8.self).split(separator: "\n")
            #expect(lines.last?.hasPrefix("{\"kind\":\"summary\"") == true)
            reports += lines.filter { $0.hasPrefix("{\"kind\":\"report\"") }.count
            #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("shard-\(k).csv").path))
        }
        #expect(reports == 1)
    }

    @Test func shardsAreDeterministicAndDisjoint() {
        let paths = (0..<1000).map { "archive/\($0 / 100)/report-\($0).xml" }
        let shards = (1...3).compactMap { Shard("\($0)/3") }
        #expect(shards.count == 3)
        for path in paths {
            #expect(shards.filter { $0.contains(path) }.count == 1)
        }
        let sizes = shards.map { shard in paths.filter(shard.contains).count }
        #expect(sizes.allSatisfy { $0 > 250 }, "\(sizes)")
        #expect(Shard("0/3") == nil && Shard("4/3") == nil && Shard("1/0") == nil && Shard("x") == nil)
    }
}
