import ConformFindings

/// SARIF 2.1.0 (findings.md, "Other formats"): one run; rules in `tool.driver.rules` with clause,
/// edition and confidence in their properties; a result per finding with `kind` and `level`, the
/// file and line, the XPath as a logical location and a stable partial fingerprint; artifacts with
/// their SHA-256; a notification per unreadable report. Results are streamed; the rules, artifacts
/// and invocation follow them in the same run object.
public struct SARIFReporter: FindingsReporter {
    private let passes: Bool
    /// Each rule's `helpUri`: where its definition (clause, sources, examples) can be read.
    private let helpURIs: [String: String]
    private var writer = JSONWriter()
    private var wroteResult = false
    private var ruleIndex: [String: Int] = [:]
    private var rules: [Finding] = []
    private var artifacts: [(path: String, sha256: String?)] = []
    private var notifications: [(path: String, message: String, line: Int?)] = []

    public init(passes: Bool = true, helpURIs: [String: String] = [:]) {
        self.passes = passes
        self.helpURIs = helpURIs
    }

    public mutating func start() -> [UInt8] {
        Array(#"{"$schema":"https://json.schemastore.org/sarif-2.1.0.json","version":"2.1.0","runs":[{"results":["#.utf8)
    }

    public mutating func format(_ outcome: ReportOutcome) -> [UInt8] {
        writer.removeAll()
        let artifact = artifacts.count
        artifacts.append((outcome.path, outcome.sha256))
        if outcome.verdict == .error, let cause = outcome.findings.first {
            notifications.append((outcome.path, cause.message, cause.primaryLine))
        }
        var bytes: [UInt8] = []
        for finding in outcome.findings where passes || finding.verdict != .pass {
            writer.removeAll()
            writeResult(finding, outcome: outcome, artifact: artifact)
            if wroteResult { bytes.append(UInt8(ascii: ",")) }
            wroteResult = true
            bytes += writer.bytes
        }
        return bytes
    }

    public mutating func finish(_ summary: BatchSummary) -> [UInt8] {
        writer.removeAll()
        writer.beginObject()
        writer.key("tool")
        writer.beginObject()
        writer.key("driver")
        writer.beginObject()
        writer.field("name", ToolInfo.name)
        writer.field("version", ToolInfo.version)
        writer.field("semanticVersion", ToolInfo.version)
        writer.key("rules")
        writer.beginArray()
        for rule in rules { writeRule(rule) }
        writer.endArray()
        writer.endObject()
        writer.endObject()
        writer.key("artifacts")
        writer.beginArray()
        for artifact in artifacts {
            writer.beginObject()
            writer.key("location")
            writer.beginObject()
            writer.field("uri", Self.uri(artifact.path))
            writer.endObject()
            if let sha = artifact.sha256 {
                writer.key("hashes")
                writer.beginObject()
                writer.field("sha-256", sha)
                writer.endObject()
            }
            writer.endObject()
        }
        writer.endArray()
        writer.key("invocations")
        writer.beginArray()
        writer.beginObject()
        writer.key("executionSuccessful")
        writer.boolean(true)
        writer.key("toolExecutionNotifications")
        writer.beginArray()
        for notification in notifications {
            writer.beginObject()
            writer.field("level", "error")
            writer.key("message")
            writer.beginObject()
            writer.field("text", "\(notification.path): \(notification.message)")
            writer.endObject()
            writer.key("locations")
            writer.beginArray()
            writePhysicalLocation(notification.path, artifact: nil, line: notification.line)
            writer.endArray()
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
        writer.endArray()
        writer.endObject()
        // The run object opened in start() continues after its results.
        var bytes = Array("],".utf8)
        bytes += writer.bytes.dropFirst().dropLast()
        bytes += Array("}]}\n".utf8)
        return bytes
    }

    // MARK: pieces

    private mutating func index(of finding: Finding) -> Int {
        if let known = ruleIndex[finding.rule] { return known }
        ruleIndex[finding.rule] = rules.count
        rules.append(finding)
        return rules.count - 1
    }

    private mutating func writeResult(_ finding: Finding, outcome: ReportOutcome, artifact: Int) {
        let (kind, level) = Self.kindAndLevel(finding)
        writer.beginObject()
        writer.field("ruleId", finding.rule)
        writer.field("ruleIndex", index(of: finding))
        writer.field("kind", kind)
        writer.field("level", level)
        writer.key("message")
        writer.beginObject()
        writer.field("text", finding.message)
        writer.endObject()
        writer.key("locations")
        writer.beginArray()
        writer.beginObject()
        writer.key("physicalLocation")
        writePhysicalLocationBody(outcome.path, artifact: artifact, line: finding.primaryLine)
        if let xpath = finding.evidence.first(where: { $0.xpath != nil })?.xpath {
            writer.key("logicalLocations")
            writer.beginArray()
            writer.beginObject()
            writer.field("fullyQualifiedName", xpath)
            writer.field("kind", "element")
            writer.endObject()
            writer.endArray()
        }
        writer.endObject()
        writer.endArray()
        writer.key("partialFingerprints")
        writer.beginObject()
        writer.field("conformFinding/v1", Self.fingerprint(finding, outcome: outcome))
        writer.endObject()
        writer.key("properties")
        writer.beginObject()
        writer.field("verdict", finding.verdict.rawValue)
        writer.field("severity", finding.severity.rawValue)
        writer.field("reportId", outcome.reportID)
        writer.field("test", finding.test)
        writer.field("sample", finding.sample)
        writer.field("ruleset", finding.ruleset?.id)
        writer.field("rulesetVersion", finding.ruleset?.version)
        writer.field("rulesetSha256", finding.ruleset?.sha256)
        writer.field("clause", finding.clause)
        writer.field("confidence", finding.confidence)
        writer.field("decisionRule", finding.decisionRule)
        if let limit = finding.limit {
            writer.field("limit", "\(limit.op) \(NumberFormatting.text(limit.value))\(limit.unit.map { " \($0)" } ?? "")")
        }
        writer.endObject()
        writer.endObject()
    }

    private mutating func writeRule(_ finding: Finding) {
        writer.beginObject()
        writer.field("id", finding.rule)
        writer.field("name", finding.rule)
        writer.key("shortDescription")
        writer.beginObject()
        writer.field("text", finding.title ?? finding.rule)
        writer.endObject()
        writer.key("fullDescription")
        writer.beginObject()
        var full = finding.title ?? finding.rule
        if let set = finding.ruleset { full += " (\(set.standard) \(set.edition)" + (finding.clause.map { ", clause \($0)" } ?? "") + ")" }
        writer.field("text", full)
        writer.endObject()
        writer.field("helpUri", helpURIs[finding.rule])
        writer.key("properties")
        writer.beginObject()
        writer.field("standard", finding.ruleset?.standard)
        writer.field("edition", finding.ruleset?.edition)
        writer.field("ruleset", finding.ruleset?.id)
        writer.field("clause", finding.clause)
        writer.field("method", finding.method)
        writer.field("confidence", finding.confidence)
        writer.endObject()
        writer.endObject()
    }

    private mutating func writePhysicalLocation(_ path: String, artifact: Int?, line: Int?) {
        writer.beginObject()
        writer.key("physicalLocation")
        writePhysicalLocationBody(path, artifact: artifact, line: line)
        writer.endObject()
    }

    private mutating func writePhysicalLocationBody(_ path: String, artifact: Int?, line: Int?) {
        writer.beginObject()
        writer.key("artifactLocation")
        writer.beginObject()
        writer.field("uri", Self.uri(path))
        writer.field("index", artifact)
        writer.endObject()
        if let line, line > 0 {
            writer.key("region")
            writer.beginObject()
            writer.field("startLine", line)
            writer.endObject()
        }
        writer.endObject()
    }

    /// SARIF's kind and level: only a failing kind carries a level other than none.
    static func kindAndLevel(_ finding: Finding) -> (String, String) {
        let failing = finding.severity == .warning ? "warning" : "error"
        switch finding.verdict {
        case .pass: return ("pass", "none")
        case .conditionalPass: return ("review", "none")
        case .conditionalFail: return ("fail", "warning")
        case .fail, .error: return ("fail", failing)
        case .incomplete: return ("open", "none")
        case .notApplicable: return ("notApplicable", "none")
        }
    }

    /// A path as a URI reference: bytes outside the unreserved set and "/" percent-encoded.
    static func uri(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"), UInt8(ascii: "+"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".unicodeScalars)
                out += "%"
                out.unicodeScalars.append(hex[Int(byte >> 4)])
                out.unicodeScalars.append(hex[Int(byte & 0xf)])
            }
        }
        return out
    }

    /// Stable across runs and machines: FNV-1a (64 bit) of what identifies the finding.
    static func fingerprint(_ finding: Finding, outcome: ReportOutcome) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        let key = [finding.rule, outcome.reportID ?? outcome.path, finding.test ?? "", finding.sample ?? "",
                   finding.evidence.first?.xpath ?? ""].joined(separator: "\u{1F}")
        for byte in key.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
