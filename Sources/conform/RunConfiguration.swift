import ConformCheck
import ConformFindings
import ConformOutput
import ConformRules
import Foundation

/// Everything a verdict depends on besides the report's bytes: the tool, the rule sets (with
/// their hashes), the unit table and vocabulary, and the options that change findings. Its
/// SHA-256 (`fingerprint`) decides whether an audit store's findings may be reused.
struct RunConfiguration {
    /// `name=value` lines: what the run was asked for (stored with the run, readable).
    let options: String
    /// The rule sets as the JSONL summary writes them.
    let rulesets: String
    let fingerprint: String

    init(library: RulesLibrary, options: [(String, String)]) {
        self.options = options.map { "\($0.0)=\($0.1)" }.joined(separator: "\n")
        rulesets = String(decoding: JSONLReporter.rulesetsJSON(library.ruleSets.map(\.identity)), as: UTF8.self)
        var hashed = "tool=\(ToolInfo.name) \(ToolInfo.version)\nrulesets=\(rulesets)\n"
        for file in ["units.yaml", "vocabulary.yaml"] {
            let bytes = FileManager.default.contents(atPath: library.directory + "/" + file).map { [UInt8]($0) } ?? []
            hashed += "\(file)=\(bytes.withUnsafeBytes(ReportHash.sha256))\n"
        }
        // The shard does not change any report's findings: shards share one configuration.
        hashed += options.filter { $0.0 != "shard" }.map { "\($0.0)=\($0.1)\n" }.joined()
        fingerprint = Array(hashed.utf8).withUnsafeBytes(ReportHash.sha256)
    }
}
