import Foundation
import GRDB

/// Joins the stores of sharded runs (`check --shard K/N --db FILE`) into one store holding one run
/// that is exactly what an unsharded run gives: the same reports, findings and input order (each
/// shard stores its reports at their position among all the inputs).
public enum StoreMerge {
    /// Copies the latest finished run of each source into `target`, as one new finished run.
    public static func merge(_ sources: [AuditStore], into target: AuditStore, at time: String) throws(StoreError) -> RunRecord {
        var runs: [RunRecord] = []
        for source in sources {
            let run = try source.run(nil)
            if let first = runs.first, first.configuration != run.configuration || first.rulesets != run.rulesets {
                throw StoreError("\(source.path) was checked with other rule sets or options than \(sources[0].path): they cannot be merged")
            }
            runs.append(run)
        }
        guard let first = runs.first else { throw StoreError("nothing to merge: give the shards' stores") }
        var merged = RunRecord(toolVersion: first.toolVersion, configuration: first.configuration,
                               options: first.options.split(separator: "\n").filter { !$0.hasPrefix("shard=") }.joined(separator: "\n"),
                               rulesets: first.rulesets, startedAt: runs.map(\.startedAt).min() ?? time,
                               inputs: runs.reduce(0) { $0 + $1.inputs })
        merged.id = try target.beginRun(merged)
        let mergedID = merged.id
        for (source, run) in zip(sources, runs) {
            // Read one source report at a time, write it to the target: memory stays small.
            let links = try source.read("list the run's reports") { db in
                try Row.fetchAll(db, sql: "SELECT position, report FROM run_report WHERE run = ? ORDER BY position", arguments: [run.id])
                    .map { (position: $0[0] as Int, report: $0[1] as Int64) }
            }
            for group in stride(from: 0, to: links.count, by: 128) {
                let slice = links[group..<min(links.count, group + 128)]
                let copied = try source.read("read the run's reports") { db in
                    try slice.map { link -> (Int, Row, [Row], [Row]) in
                        guard let report = try Row.fetchOne(db, sql: "SELECT * FROM report WHERE id = ?", arguments: [link.report]) else {
                            throw StoreError("\(source.path) links run \(run.id) to a report it does not hold")
                        }
                        let findings = try Row.fetchAll(db, sql: "SELECT * FROM finding WHERE report = ? ORDER BY position", arguments: [link.report])
                        let blocks = try Row.fetchAll(db, sql: "SELECT * FROM report_block WHERE report = ? ORDER BY format", arguments: [link.report])
                        return (link.position, report, findings, blocks)
                    }
                }
                try target.write("store the merged reports") { db in
                    for (position, report, findings, blocks) in copied {
                        let id = try copy(report, findings + blocks, run: mergedID, db: db)
                        try db.execute(sql: "INSERT INTO run_report (run, position, report) VALUES (?, ?, ?)",
                                       arguments: [mergedID, position, id])
                    }
                    try db.execute(sql: "UPDATE run SET evaluated = evaluated + ? WHERE id = ?", arguments: [copied.count, mergedID])
                }
            }
        }
        let positions = try target.read("check the merged run") { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT position) FROM run_report WHERE run = ?", arguments: [mergedID]) ?? 0
        }
        guard positions == merged.inputs else {
            throw StoreError("the shards hold \(positions) reports for \(merged.inputs) inputs: were they all run, over the same paths?")
        }
        try target.finishRun(mergedID, at: time)
        return try target.run(mergedID)
    }

    /// Inserts a report row (and its findings and blocks) copied from another store, unless the
    /// target already holds those bytes under that configuration; the target's id.
    static func copy(_ report: Row, _ children: [Row], run: Int64, db: Database) throws -> Int64 {
        if let sha256: String = report["sha256"],
           let existing = try Int64.fetchOne(db, sql: "SELECT id FROM report WHERE configuration = ? AND path = ? AND sha256 = ?",
                                             arguments: [report["configuration"], report["path"], sha256]) {
            return existing
        }
        try insert(report, into: "report", replacing: ["id": nil, "evaluated_in": run], db: db)
        let id = db.lastInsertedRowID
        for child in children {
            try insert(child, into: child.hasColumn("bytes") ? "report_block" : "finding", replacing: ["report": id], db: db)
        }
        return id
    }

    /// Inserts `row` into `table`, column by column, with some columns replaced (nil: left out).
    static func insert(_ row: Row, into table: String, replacing: [String: Int64?], db: Database) throws {
        var columns: [String] = []
        var values: [DatabaseValue] = []
        for (column, value) in zip(row.columnNames, row.databaseValues) {
            if let replacement = replacing[column] {
                guard let replacement else { continue }
                columns.append(column)
                values.append(replacement.databaseValue)
            } else {
                columns.append(column)
                values.append(value)
            }
        }
        let sql = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(Array(repeating: "?", count: columns.count).joined(separator: ", ")))"
        try db.cachedStatement(sql: sql).execute(arguments: StatementArguments(values))
    }
}
