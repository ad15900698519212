import ConformFindings
import Foundation
import GRDB

/// An audit store: a SQLite database (through GRDB) of runs, reports and findings, behind one
/// serial connection (SQLite's rollback journal: it wrote the first run faster here than WAL,
/// which writes every page twice). Every committed transaction survives a `kill -9`: the database
/// is always consistent, and a killed run's committed reports are reused by the next run.
public final class AuditStore: Sendable {
    public let path: String
    let database: DatabaseQueue

    public init(path: String) throws(StoreError) {
        self.path = path
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.label = "conform-store"
        // Another conform writing the same store (two runs at once): wait for it, do not fail.
        configuration.busyMode = .timeout(60)
        configuration.prepareDatabase { db in
            // synchronous=NORMAL: a killed process loses nothing committed; only a power cut may
            // lose the last transactions, never consistency.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // A group of reports (tens of megabytes) fits the page cache: no spill mid-transaction.
            try db.execute(sql: "PRAGMA cache_size = -65536")
        }
        do {
            database = try DatabaseQueue(path: path, configuration: configuration)
            try StoreSchema.prepare(database)
        } catch {
            throw StoreError("cannot open the audit store \(path): \(Self.describe(error))")
        }
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "\(error)" }
        return "\(error)"
    }

    /// Runs `body` in a write transaction, with errors in words.
    func write<T>(_ what: String, _ body: (Database) throws -> T) throws(StoreError) -> T {
        try access("cannot \(what) in \(path)") { try database.write(body) }
    }

    func read<T>(_ what: String, _ body: (Database) throws -> T) throws(StoreError) -> T {
        try access("cannot \(what) from \(path)") { try database.read(body) }
    }

    private func access<T>(_ failure: @autoclosure () -> String, _ body: () throws -> T) throws(StoreError) -> T {
        do {
            return try body()
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError("\(failure()): \(Self.describe(error))")
        }
    }

    /// SQLite's `PRAGMA integrity_check`: `ok`, or what is wrong.
    public func integrityCheck() throws(StoreError) -> String {
        try read("check the integrity") { db in
            try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "\n")
        }
    }

    // MARK: Runs

    /// Records the start of a run; its id.
    public func beginRun(_ run: RunRecord) throws(StoreError) -> Int64 {
        try write("record the run") { db in
            try db.execute(sql: """
                INSERT INTO run (tool_version, configuration, options, rulesets, started_at, inputs)
                VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [run.toolVersion, run.configuration, run.options, run.rulesets, run.startedAt, run.inputs])
            return db.lastInsertedRowID
        }
    }

    public func finishRun(_ id: Int64, at time: String) throws(StoreError) {
        try write("finish the run") { db in
            try db.execute(sql: "UPDATE run SET finished_at = ? WHERE id = ?", arguments: [time, id])
        }
    }

    public func runs() throws(StoreError) -> [RunRecord] {
        try read("list the runs") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM run ORDER BY id").map(Self.run)
        }
    }

    /// The run a summary or export is about: `id`, or else the latest finished run.
    public func run(_ id: Int64?) throws(StoreError) -> RunRecord {
        let found = try read("find the run") { db -> RunRecord? in
            if let id {
                return try Row.fetchOne(db, sql: "SELECT * FROM run WHERE id = ?", arguments: [id]).map(Self.run)
            }
            return try Row.fetchOne(db, sql: "SELECT * FROM run WHERE finished_at IS NOT NULL ORDER BY id DESC LIMIT 1").map(Self.run)
        }
        guard let found else {
            throw StoreError(id.map { "\(path) holds no run \($0)" } ?? "\(path) holds no finished run")
        }
        return found
    }

    static func run(_ row: Row) -> RunRecord {
        RunRecord(id: row["id"], toolVersion: row["tool_version"], configuration: row["configuration"], options: row["options"],
                  rulesets: row["rulesets"], startedAt: row["started_at"], finishedAt: row["finished_at"], inputs: row["inputs"],
                  evaluated: row["evaluated"], reused: row["reused"])
    }

    // MARK: Reports

    /// The reports stored under `configuration`: path → the latest report row with its hash.
    public func knownReports(configuration: String) throws(StoreError) -> KnownReports {
        try read("read the stored reports") { db in
            var known = KnownReports()
            let rows = try Row.fetchCursor(db, sql: """
                SELECT path, sha256, id FROM report WHERE configuration = ? AND sha256 IS NOT NULL ORDER BY id
                """, arguments: [configuration])
            while let row = try rows.next() {
                known.add(path: row[0], sha256: row[1], report: row[2])
            }
            return known
        }
    }

    /// A stored report's verdict and its blocks in `formats`, and its whole outcome when asked for.
    public func storedReport(_ id: Int64, formats: [String], outcome wantsOutcome: Bool) throws(StoreError) -> StoredReport {
        try read("read a stored report") { db in
            guard let row = try Row.fetchOne(db.cachedStatement(sql: """
                SELECT path, sha256, report_id, verdict, claimed, laboratory, sample_model, standard, edition, issued
                FROM report WHERE id = ?
                """), arguments: [id]) else {
                throw StoreError("\(path) lost report \(id) while it was being read")
            }
            let storedPath: String = row[0]
            guard let verdict = Verdict(rawValue: row[3]) else { throw StoreError("report \(id) in \(path) has an unknown verdict") }
            var blocks: [String: [UInt8]] = [:]
            for format in formats {
                let statement = try db.cachedStatement(sql: "SELECT bytes FROM report_block WHERE report = ? AND format = ?")
                try statement.setArguments([id, format])
                let row = RawStatement(statement, db)
                guard try row.step(), let bytes = row.bytes(0) else {
                    throw StoreError("report \(id) in \(path) has no stored \(format) output")
                }
                blocks[format] = bytes
                _ = try row.step()  // to SQLITE_DONE, which resets the cached statement
            }
            var outcome: ReportOutcome?
            if wantsOutcome {
                var identities: [String: RuleSetIdentity] = [:]
                let findings = try FindingRow.findings(report: id, db: db, identities: &identities)
                outcome = ReportOutcome(path: row[0], reportID: row[2], sha256: row[1], claimed: row[4], findings: findings,
                                        facts: ReportFacts(laboratory: row[5], sampleModel: row[6], standard: row[7], edition: row[8], issued: row[9]))
            }
            return StoredReport(id: id, path: storedPath, verdict: verdict, blocks: blocks, outcome: outcome)
        }
    }

    /// The paths of a run's reports, in input order.
    public func paths(ofRun run: Int64) throws(StoreError) -> [String] {
        try read("read the run's reports") { db in
            try String.fetchAll(db, sql: """
                SELECT r.path FROM run_report rr JOIN report r ON r.id = rr.report WHERE rr.run = ? ORDER BY rr.position
                """, arguments: [run])
        }
    }

    /// A run's reports in input order: their blocks in `format`, and their verdicts.
    public func blocks(ofRun run: Int64, format: String, _ body: ([UInt8], Verdict) throws -> Void) throws(StoreError) {
        try read("read the run's reports") { db in
            let rows = try Row.fetchCursor(db, sql: """
                SELECT b.bytes, r.verdict FROM run_report rr JOIN report r ON r.id = rr.report
                LEFT JOIN report_block b ON b.report = r.id AND b.format = ?
                WHERE rr.run = ? ORDER BY rr.position
                """, arguments: [format, run])
            while let row = try rows.next() {
                guard let data: Data = row[0] else { throw StoreError("a report of run \(run) has no stored \(format) output") }
                try body([UInt8](data), Verdict(rawValue: row[1]) ?? .error)
            }
        }
    }
}

/// A report as stored: what a reused report contributes to a run's outputs.
public struct StoredReport: Sendable {
    public let id: Int64
    /// The path it was stored under (its blocks name it).
    public let path: String
    public let verdict: Verdict
    /// The bytes printed for it, by format.
    public var blocks: [String: [UInt8]]
    public let outcome: ReportOutcome?
}
