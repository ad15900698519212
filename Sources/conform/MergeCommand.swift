import ArgumentParser
import ConformCheck
import ConformFindings
import ConformOutput
import Foundation

/// Reassembles the JSONL outputs of `check --shard K/N` runs into exactly what one run over the
/// same paths gives: each report's records in the order of the inputs, one summary at the end.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge the JSONL outputs of sharded runs into the output of one run.",
        discussion: "conform merge --from shard-1.jsonl --from shard-2.jsonl ... PATH...   (the PATHs the shards were run with)"
    )

    @Option(name: .customLong("from"), help: ArgumentHelp("The JSONL output of one `conform check --shard K/N --format jsonl` run. Repeatable.", valueName: "FILE"))
    var shards: [String] = []

    @Argument(help: "The paths every shard was run with.")
    var paths: [String] = []

    func run() throws {
        guard !shards.isEmpty, !paths.isEmpty else {
            FileHandleOutput.standardError("conform: give the shard outputs (--from FILE) and the paths they were run with\n")
            throw ExitCode(2)
        }
        var blocks: [String: [[Substring]]] = [:]
        var rulesets: String?
        for shard in shards {
            guard let data = FileManager.default.contents(atPath: shard) else {
                FileHandleOutput.standardError("conform: cannot read \(shard)\n")
                throw ExitCode(2)
            }
            let text = String(decoding: data, as: UTF8.self)
            var pending: [Substring] = []
            for line in text.split(separator: "\n") {
                guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                      let kind = object["kind"] as? String else {
                    FileHandleOutput.standardError("conform: \(shard) is not conform JSONL\n")
                    throw ExitCode(2)
                }
                switch kind {
                case "finding":
                    pending.append(line)
                case "report":
                    pending.append(line)
                    blocks[object["report"] as? String ?? "", default: []].append(pending)
                    pending = []
                case "summary":
                    let sets = Self.slice(line, key: "\"rulesets\":", until: ",\"tool\":")
                    if let rulesets, rulesets != sets {
                        FileHandleOutput.standardError("conform: the shards were checked with different rule sets\n")
                        throw ExitCode(2)
                    }
                    rulesets = sets
                default:
                    continue
                }
            }
        }
        var output: [UInt8] = []
        var counts: [Verdict: Int] = [:]
        var reports = 0
        for input in InputExpansion.expand(paths) {
            guard var list = blocks[input.path], !list.isEmpty else {
                FileHandleOutput.standardError("conform: no shard holds \(input.path)\n")
                throw ExitCode(2)
            }
            let block = list.removeFirst()
            blocks[input.path] = list
            for line in block {
                output += Array(line.utf8)
                output.append(UInt8(ascii: "\n"))
            }
            if let report = block.last, let object = try? JSONSerialization.jsonObject(with: Data(report.utf8)) as? [String: Any],
               let verdict = (object["verdict"] as? String).flatMap(Verdict.init(rawValue:)) {
                counts[verdict, default: 0] += 1
            }
            reports += 1
        }
        if blocks.values.contains(where: { !$0.isEmpty }) {
            FileHandleOutput.standardError("conform: the shards hold reports that the paths do not name\n")
            throw ExitCode(2)
        }
        // Rule sets exactly as the shards wrote them.
        let summary = JSONLReporter.summaryRecord(reports: reports, verdicts: counts, rulesets: Array((rulesets ?? "[]").utf8))
        try DescriptorSink(descriptor: 1).write(output + summary)
        let failing = counts.contains { !$0.key.isAcceptable && $0.value > 0 }
        throw ExitCode(failing ? 1 : 0)
    }

    static func slice(_ line: Substring, key: String, until end: String) -> String? {
        guard let start = line.range(of: key), let stop = line.range(of: end, range: start.upperBound..<line.endIndex) else { return nil }
        return String(line[start.upperBound..<stop.lowerBound])
    }
}
