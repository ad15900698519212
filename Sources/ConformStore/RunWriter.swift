import ConformFindings
import Foundation
import GRDB

/// Writes one run's reports to the store as they are emitted, a few at a time, each group in one
/// transaction: after a `kill -9` the store holds whole reports only, and the run's counts agree
/// with the reports linked to it.
public final class RunWriter {
    public enum Entry {
        /// A report evaluated in this run, with the bytes printed for it in each block format.
        case evaluated(position: Int, outcome: ReportOutcome, blocks: [String: [UInt8]])
        /// A stored report reused unchanged.
        case reused(position: Int, report: Int64)
    }

    public let store: AuditStore
    public let run: Int64
    public let configuration: String
    private var pending: [Entry] = []
    private var pendingFindings = 0
    private var lastFlush = DispatchTime.now().uptimeNanoseconds

    public init(store: AuditStore, run: Int64, configuration: String) {
        self.store = store
        self.run = run
        self.configuration = configuration
    }

    /// Adds an entry; writes the group when it is large or old enough.
    public func add(_ entry: Entry) throws(StoreError) {
        pending.append(entry)
        if case .evaluated(_, let outcome, _) = entry { pendingFindings += outcome.findings.count }
        let now = DispatchTime.now().uptimeNanoseconds
        if pending.count >= 256 || pendingFindings >= 20_000 || now - lastFlush > 500_000_000 {
            try flush()
        }
    }

    /// Writes everything pending in one transaction.
    public func flush() throws(StoreError) {
        lastFlush = DispatchTime.now().uptimeNanoseconds
        guard !pending.isEmpty else { return }
        let entries = pending
        let run = self.run, configuration = self.configuration
        try store.write("store the reports") { db in
            var evaluated = 0, reused = 0
            for entry in entries {
                let report: Int64
                let position: Int
                switch entry {
                case .reused(let at, let id):
                    report = id
                    position = at
                    reused += 1
                case .evaluated(let at, let outcome, let blocks):
                    report = try Self.insert(outcome, blocks: blocks, configuration: configuration, run: run, db: db)
                    position = at
                    evaluated += 1
                }
                try db.cachedStatement(sql: "INSERT OR REPLACE INTO run_report (run, position, report) VALUES (?, ?, ?)")
                    .execute(arguments: [run, position, report])
            }
            try db.execute(sql: "UPDATE run SET evaluated = evaluated + ?, reused = reused + ? WHERE id = ?",
                           arguments: [evaluated, reused, run])
        }
        pending.removeAll(keepingCapacity: true)
        pendingFindings = 0
    }

    /// Inserts (or, with `--force`, replaces) a report, its blocks and its findings; its row id.
    static func insert(_ outcome: ReportOutcome, blocks: [String: [UInt8]], configuration: String, run: Int64, db: Database) throws -> Int64 {
        let facts = outcome.facts
        let columns: [(any DatabaseValueConvertible)?] = [
            outcome.reportID, facts.laboratory, facts.sampleModel, facts.standard, facts.edition, facts.issued,
            outcome.verdict.rawValue, outcome.claimed, outcome.findings.count, run,
        ]
        let id: Int64
        if let sha256 = outcome.sha256,
           let existing = try Int64.fetchOne(db, cachedSQL: "SELECT id FROM report WHERE configuration = ? AND path = ? AND sha256 = ?",
                                             arguments: [configuration, outcome.path, sha256]) {
            // --force: the same bytes evaluated again replace what was stored for them.
            id = existing
            try db.cachedStatement(sql: "DELETE FROM finding WHERE report = ?").execute(arguments: [id])
            try db.cachedStatement(sql: "DELETE FROM report_block WHERE report = ?").execute(arguments: [id])
            try db.cachedStatement(sql: """
                UPDATE report SET report_id = ?, laboratory = ?, sample_model = ?, standard = ?, edition = ?, issued = ?,
                    verdict = ?, claimed = ?, finding_count = ?, evaluated_in = ?
                WHERE id = ?
                """).execute(arguments: StatementArguments(columns + [id]))
        } else {
            let key: [(any DatabaseValueConvertible)?] = [configuration, outcome.path, outcome.sha256]
            try db.cachedStatement(sql: """
                INSERT INTO report (configuration, path, sha256, report_id, laboratory, sample_model, standard, edition, issued,
                    verdict, claimed, finding_count, evaluated_in)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: StatementArguments(key + columns))
            id = db.lastInsertedRowID
        }
        for format in blocks.keys.sorted() {
            try db.cachedStatement(sql: "INSERT INTO report_block (report, format, bytes) VALUES (?, ?, ?)")
                .execute(arguments: [id, format, Data(blocks[format] ?? [])])
        }
        try FindingRow.insert(outcome.findings, report: id, db: db)
        return id
    }
}

extension Int64 {
    static func fetchOne(_ db: Database, cachedSQL sql: String, arguments: StatementArguments) throws -> Int64? {
        try Int64.fetchOne(db.cachedStatement(sql: sql), arguments: arguments)
    }
}
