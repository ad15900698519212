import ConformFindings
import GRDB

/// Verdict counts of one run: reports by standard, edition, laboratory and month of issue, and
/// findings by rule. Plain GROUP BY queries (portable SQL).
public struct ArchiveSummary: Sendable {
    /// One group's count of one verdict.
    public struct Count: Sendable, Equatable {
        /// `report` (counts of reports) or `finding` (counts of findings).
        public var level: String
        public var standard: String
        public var edition: String
        public var laboratory: String
        /// `YYYY-MM` of the issue date (empty when the report gives none).
        public var month: String
        /// The rule (findings only).
        public var rule: String
        public var verdict: String
        public var count: Int
    }

    public let run: RunRecord
    /// Every (level, standard, edition, laboratory, month, rule, verdict) with its count, sorted.
    public let counts: [Count]

    public init(store: AuditStore, run id: Int64?) throws(StoreError) {
        let run = try store.run(id)
        self.run = run
        counts = try store.read("count the verdicts") { db in
            var counts: [Count] = []
            let reports = try Row.fetchCursor(db, sql: """
                SELECT COALESCE(r.standard, ''), COALESCE(r.edition, ''), COALESCE(r.laboratory, ''),
                       COALESCE(SUBSTR(r.issued, 1, 7), ''), r.verdict, COUNT(*)
                FROM run_report rr JOIN report r ON r.id = rr.report
                WHERE rr.run = ?
                GROUP BY 1, 2, 3, 4, 5
                """, arguments: [run.id])
            while let row = try reports.next() {
                counts.append(Count(level: "report", standard: row[0], edition: row[1], laboratory: row[2], month: row[3],
                                    rule: "", verdict: row[4], count: row[5]))
            }
            let findings = try Row.fetchCursor(db, sql: """
                SELECT COALESCE(f.ruleset_standard, ''), COALESCE(f.ruleset_edition, ''), COALESCE(r.laboratory, ''),
                       COALESCE(SUBSTR(r.issued, 1, 7), ''), f.rule, f.verdict, COUNT(*)
                FROM run_report rr JOIN report r ON r.id = rr.report JOIN finding f ON f.report = r.id
                WHERE rr.run = ?
                GROUP BY 1, 2, 3, 4, 5, 6
                """, arguments: [run.id])
            while let row = try findings.next() {
                counts.append(Count(level: "finding", standard: row[0], edition: row[1], laboratory: row[2], month: row[3],
                                    rule: row[4], verdict: row[5], count: row[6]))
            }
            return counts
        }.sorted { a, b in
            let x = [a.level, a.standard, a.edition, a.laboratory, a.month, a.rule, a.verdict]
            let y = [b.level, b.standard, b.edition, b.laboratory, b.month, b.rule, b.verdict]
            return x.lexicographicallyPrecedes(y) { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        }
    }

    /// Report (or finding) counts by verdict, summed over everything but `key`.
    public func table(level: String, by key: (Count) -> String) -> [(key: String, verdicts: [String: Int])] {
        var table: [String: [String: Int]] = [:]
        for count in counts where count.level == level {
            table[key(count), default: [:]][count.verdict, default: 0] += count.count
        }
        return table.map { (key: $0.key, verdicts: $0.value) }.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
    }
}
