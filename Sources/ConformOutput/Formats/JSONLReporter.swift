import ConformFindings

/// JSON Lines exactly as `findings.md`: each report's `finding` records (canonical order), then its
/// `report` record; one `summary` record at the end. Optional fields are left out when unknown.
public struct JSONLReporter: FindingsReporter {
    private var writer = JSONWriter(capacity: 64)
    /// The rule-set fields of each rule set, written once (`"standard":…,"rulesetSha256":…`).
    private var rulesetFields: [ObjectIdentifier: [UInt8]] = [:]
    /// The last finding's rule (see `originFields`), its shared fields and its confidence's
    /// place among the status pieces (see `writeStatus`), kept apart so that the next finding
    /// of the rule reads them without copying a tuple of them.
    private var lastOrigin: FindingOrigin?
    private var lastOriginFields: [UInt8] = []
    private var lastConfidence: Int?
    /// The same for every rule of the run, by origin object (held, so that no other object can
    /// take its address while it is a key; bounded, in case origins are made per finding).
    private var originCache: [ObjectIdentifier: (origin: FindingOrigin, fields: [UInt8])] = [:]
    /// The status fields of each combination of verdict, severity, confidence and decision rule
    /// (see `writeStatus`), made when first met.
    private var statusFields: [[UInt8]] = []

    public init() {}

    public mutating func format(_ outcome: ReportOutcome) -> [UInt8] {
        // The report's own fields are the same on every finding: written once.
        var identity = JSONWriter()
        identity.beginObject()
        identity.field("kind", "finding")
        identity.field("report", outcome.path)
        identity.field("reportId", outcome.reportID)
        identity.field("reportSha256", outcome.sha256)
        identity.endObject()
        let prefix = Array(identity.bytes.dropFirst().dropLast())
        // The lines are written straight into the block handed back: the memory of a new array, of
        // about 1 KB per finding (a line is about 750 bytes), lent to the writer. Written in a
        // writer of the reporter's own, a report's few hundred KB were copied out once more. A
        // report whose lines do not fit goes on in the writer's own memory and is copied out.
        var spilled: [UInt8]?
        let block = [UInt8](unsafeUninitializedCapacity: outcome.findings.count * 1024 + 1024) { memory, initialized in
            writer = JSONWriter(writingInto: memory)
            writeLines(of: outcome, prefix: prefix)
            if writer.writes(into: memory) {
                initialized = writer.count
            } else {
                spilled = writer.bytes
                initialized = 0
            }
            // No writer that may refer to the lent memory outlives it.
            writer = JSONWriter(capacity: 64)
        }
        return spilled ?? block
    }

    private mutating func writeLines(of outcome: ReportOutcome, prefix: [UInt8]) {
        // The writer is this reporter's alone and never copied: its memory is checked once.
        writer.beginExclusiveWrites()
        defer { writer.endExclusiveWrites() }
        for finding in outcome.findings {
            write(finding, prefix: prefix)
        }
        writer.beginObject()
        writer.field("kind", "report")
        writer.field("report", outcome.path)
        writer.field("reportId", outcome.reportID)
        writer.field("reportSha256", outcome.sha256)
        writer.field("verdict", outcome.verdict.rawValue)
        writer.field("claimed", outcome.claimed)
        writer.key("counts")
        Self.writeCounts(outcome.counts, to: &writer)
        writer.endObject()
        writer.newline()
    }

    public mutating func finish(_ summary: BatchSummary) -> [UInt8] {
        Self.summaryRecord(reports: summary.reports, verdicts: summary.verdicts, rulesets: Self.rulesetsJSON(summary.rulesets))
    }

    /// The `rulesets` array of the summary record: `[{"id":…,"version":…,"sha256":…}]`.
    public static func rulesetsJSON(_ rulesets: [RuleSetIdentity]) -> [UInt8] {
        var writer = JSONWriter()
        writer.beginArray()
        for ruleset in rulesets {
            writer.beginObject()
            writer.field("id", ruleset.id)
            writer.field("version", ruleset.version)
            writer.field("sha256", ruleset.sha256)
            writer.endObject()
        }
        writer.endArray()
        return writer.bytes
    }

    /// The closing `summary` record (also written by `merge` and `db export`, from stored parts).
    public static func summaryRecord(reports: Int, verdicts: [Verdict: Int], rulesets: [UInt8]) -> [UInt8] {
        var writer = JSONWriter()
        writer.beginObject()
        writer.field("kind", "summary")
        writer.field("reports", reports)
        writer.key("verdicts")
        writeCounts(verdicts, to: &writer)
        writer.key("rulesets")
        writer.raw(rulesets)
        writer.key("tool")
        writer.beginObject()
        writer.field("name", ToolInfo.name)
        writer.field("version", ToolInfo.version)
        writer.endObject()
        writer.endObject()
        writer.newline()
        return writer.bytes
    }

    private mutating func write(_ finding: Finding, prefix: [UInt8]) {
        // Every field read in place from the finding's shared fields (a property of `Finding`
        // hands out a counted copy).
        let fields = finding.fields
        writer.beginObject(withFields: prefix)
        if lastOrigin !== fields.origin { useOrigin(fields.origin) }
        writer.fields(lastOriginFields)
        writer.field("test", fields.test)
        writer.field("sample", fields.sample)
        writeStatus(of: fields, confidence: lastConfidence)
        if fields.composer != nil {
            writer.field("message", messageOf: finding)
        } else {
            writer.field("message", fields.text)
        }
        writer.field("line", fields.line)
        if let limit = fields.limit {
            writer.key("limit")
            writer.beginObject()
            writer.field("op", limit.op)
            writer.field("value", limit.value)
            writer.field("unit", limit.unit)
            writer.endObject()
        }
        if !fields.evidence.isEmpty {
            writer.key("evidence")
            writer.evidence(fields.evidence)
        }
        writer.endObject()
        writer.newline()
    }

    /// `"verdict":…,"severity":…,"confidence":…,"decisionRule":…`: a few dozen combinations in
    /// practice, each written once and then copied as one piece (confidence and decision rule
    /// other than the usual ones are written field by field).
    private mutating func writeStatus(of fields: FindingFields, confidence: Int?) {
        let decisionRule: Int? = switch fields.decisionRule {
        case "simple": 0
        case "guarded": 1
        case nil: 2
        default: nil
        }
        guard let confidence, let decisionRule else {
            Self.writeStatusFields(of: fields, to: &writer)
            return
        }
        let slot = ((fields.verdict.ordinal * 2 + (fields.severity == .error ? 0 : 1)) * 3 + confidence) * 3 + decisionRule
        if statusFields.isEmpty { statusFields = Array(repeating: [], count: Verdict.allCases.count * 2 * 3 * 3) }
        if statusFields[slot].isEmpty {
            var status = JSONWriter()
            status.beginObject()
            Self.writeStatusFields(of: fields, to: &status)
            status.endObject()
            statusFields[slot] = Array(status.bytes.dropFirst().dropLast())
        }
        writer.fields(statusFields[slot])
    }

    private static func writeStatusFields(of fields: FindingFields, to writer: inout JSONWriter) {
        writer.field("verdict", literal: Self.literal(fields.verdict))
        writer.field("severity", literal: fields.severity == .error ? "error" : "warning")
        writer.field("confidence", fields.origin.confidence)
        writer.field("decisionRule", fields.decisionRule)
    }

    /// Makes `origin` the last finding's rule: its shared fields and its confidence's code.
    private mutating func useOrigin(_ origin: FindingOrigin) {
        lastOriginFields = originFields(of: origin)
        lastOrigin = origin
        lastConfidence = switch origin.confidence {
        case "certain": 0
        case "uncertain": 1
        case nil: 2
        default: nil
        }
    }

    /// The fields every finding of one rule shares (rule set, rule, clause, method), written once
    /// per run of findings of the rule (they come rule by rule).
    private mutating func originFields(of origin: FindingOrigin) -> [UInt8] {
        // A rule's origin is made once per run (it carries the rule's order key): its fields are
        // kept for the next report, instead of written again at each report's first finding of
        // the rule (a third of all findings).
        let shared = origin.orderKey != nil
        if shared, let known = originCache[ObjectIdentifier(origin)] {
            return known.fields
        }
        var fields = JSONWriter(capacity: 512)
        fields.beginObject()
        if let ruleset = origin.ruleset {
            fields.fields(self.fields(of: ruleset))
        }
        fields.field("rule", origin.rule)
        fields.field("clause", origin.clause)
        fields.field("method", origin.method)
        fields.endObject()
        let bytes = Array(fields.bytes.dropFirst().dropLast())
        if shared {
            if originCache.count >= 4096 { originCache.removeAll() }
            originCache[ObjectIdentifier(origin)] = (origin, bytes)
        }
        return bytes
    }

    private mutating func fields(of ruleset: RuleSetIdentity) -> [UInt8] {
        if let known = rulesetFields[ObjectIdentifier(ruleset)] { return known }
        var fields = JSONWriter(capacity: 512)
        fields.beginObject()
        fields.field("standard", ruleset.standard)
        fields.field("edition", ruleset.edition)
        fields.field("ruleset", ruleset.id)
        fields.field("rulesetVersion", ruleset.version)
        fields.field("rulesetSha256", ruleset.sha256)
        fields.endObject()
        let bytes = Array(fields.bytes.dropFirst().dropLast())
        rulesetFields[ObjectIdentifier(ruleset)] = bytes
        return bytes
    }

    /// A verdict's name as a literal (the same text as its raw value; a test holds the two together).
    static func literal(_ verdict: Verdict) -> StaticString {
        switch verdict {
        case .pass: "pass"
        case .conditionalPass: "conditional-pass"
        case .conditionalFail: "conditional-fail"
        case .fail: "fail"
        case .incomplete: "incomplete"
        case .notApplicable: "not-applicable"
        case .error: "error"
        }
    }

    private static func writeCounts(_ counts: [Verdict: Int], to writer: inout JSONWriter) {
        writer.beginObject()
        for verdict in Verdict.listingOrder {
            if let count = counts[verdict], count > 0 {
                writer.key(text: verdict.rawValue)
                writer.integer(count)
            }
        }
        writer.endObject()
    }
}
