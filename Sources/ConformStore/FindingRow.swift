import ConformFindings
import ConformOutput
import GRDB

/// A finding as a row of the `finding` table, and back. Every field survives the round trip, so a
/// reused report gives every output format exactly what its first evaluation gave.
enum FindingRow {
    static let insertSQL = """
        INSERT INTO finding (report, position, rule, title, verdict, severity, message, line, test, sample,
            ruleset, ruleset_standard, ruleset_edition, ruleset_version, ruleset_sha256, clause, method,
            confidence, decision_rule, limit_op, limit_value, limit_unit, evidence)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    static let selectSQL = """
        SELECT rule, title, verdict, severity, message, line, test, sample, ruleset, ruleset_standard,
            ruleset_edition, ruleset_version, ruleset_sha256, clause, method, confidence, decision_rule,
            limit_op, limit_value, limit_unit, evidence
        FROM finding WHERE report = ? ORDER BY position
        """

    /// Inserts every finding of a report, in canonical order.
    static func insert(_ findings: [Finding], report: Int64, db: Database) throws {
        var insert = RawStatement(try db.cachedStatement(sql: insertSQL), db)
        for position in findings.indices {
            try bind(findings[position], report: report, position: position, to: &insert)
            try insert.execute()
        }
    }

    private static func bind(_ finding: borrowing Finding, report: Int64, position: Int, to insert: inout RawStatement) throws {
        insert.bind(report)
        insert.bind(position)
        insert.bind(finding.rule)
        insert.bind(finding.title)
        insert.bind(finding.verdict.rawValue)
        insert.bind(finding.severity.rawValue)
        insert.bind(finding.message)
        insert.bind(finding.line)
        insert.bind(finding.test)
        insert.bind(finding.sample)
        insert.bind(finding.ruleset?.id)
        insert.bind(finding.ruleset?.standard)
        insert.bind(finding.ruleset?.edition)
        insert.bind(finding.ruleset?.version)
        insert.bind(finding.ruleset?.sha256)
        insert.bind(finding.clause)
        insert.bind(finding.method)
        insert.bind(finding.confidence)
        insert.bind(finding.decisionRule)
        insert.bind(finding.limit?.op)
        insert.bind(finding.limit?.value)
        insert.bind(finding.limit?.unit)
        insert.bind(EvidenceJSON.encode(finding.evidence))
    }

    /// A report's findings, in canonical order; rule-set identities are shared through `identities`.
    static func findings(report: Int64, db: Database, identities: inout [String: RuleSetIdentity]) throws -> [Finding] {
        let statement = try db.cachedStatement(sql: selectSQL)
        try statement.setArguments([report])
        let row = RawStatement(statement, db)
        var findings: [Finding] = []
        while try row.step() {
            guard let verdict = row.string(2).flatMap(Verdict.init(rawValue:)), let severity = row.string(3).flatMap(Severity.init(rawValue:)),
                  let rule = row.string(0), let message = row.string(4) else {
                throw StoreError("report \(report) has a finding with no rule or message, or an unknown verdict or severity")
            }
            var ruleset: RuleSetIdentity?
            if let id = row.string(8) {
                let version = row.string(11) ?? "", sha256 = row.string(12) ?? ""
                let key = id + "\u{0}" + version + "\u{0}" + sha256
                if let known = identities[key] {
                    ruleset = known
                } else {
                    let identity = RuleSetIdentity(id: id, standard: row.string(9) ?? "", edition: row.string(10) ?? "", version: version, sha256: sha256)
                    identities[key] = identity
                    ruleset = identity
                }
            }
            var limit: Limit?
            if let op = row.string(17), let value = row.double(18) {
                limit = Limit(op: op, value: value, unit: row.string(19))
            }
            var finding = Finding(rule: rule, verdict: verdict, severity: severity, message: message, line: row.int(5),
                                  test: row.string(6), sample: row.string(7), ruleset: ruleset, clause: row.string(13),
                                  method: row.string(14), confidence: row.string(15), decisionRule: row.string(16), limit: limit,
                                  evidence: try EvidenceJSON.decode(row.string(20)))
            finding.title = row.string(1)
            findings.append(finding)
        }
        return findings
    }
}
