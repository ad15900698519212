import GRDB

/// The tables of an audit store. Plain SQL with portable types (INTEGER, TEXT, REAL, BLOB) and
/// standard constraints, so that the same schema can move to PostgreSQL (BIGINT, TEXT, DOUBLE
/// PRECISION, BYTEA) without changing its shape.
///
/// - `run`: one row per `conform check --db` run: tool version, configuration fingerprint (tool,
///   rule sets, options), the options and rule sets as written, when it started and finished
///   (NULL: interrupted).
/// - `report`: one row per evaluated (configuration, path, bytes): the report's facts, verdict and
///   how many findings it has.
/// - `report_block`: the bytes `check` printed for a report in each format that renders reports
///   one by one (JSONL, text): reused verbatim when nothing changed.
/// - `finding`: every finding of a report, in canonical order, with every traceability field;
///   evidence as a JSON array.
/// - `run_report`: which reports make up a run, at their position among the run's inputs (the
///   position in the unsharded input list, so that shards merge into one run's order).
enum StoreSchema {
    /// The schema's version, kept in SQLite's `user_version`.
    static let version = 1

    /// Creates the tables of an empty store, in one immediate transaction: two runs that open a
    /// new store at once take turns (the second waits, then finds the tables made), instead of
    /// both creating them.
    static func prepare(_ writer: some DatabaseWriter) throws {
        try writer.writeWithoutTransaction { db in
            try db.inTransaction(.immediate) {
                let found = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
                if found == version { return .commit }
                guard found == 0 else {
                    throw StoreError("the store has schema version \(found); this conform knows version \(version)")
                }
                try db.execute(sql: tables)
                try db.execute(sql: "PRAGMA user_version = \(version)")
                return .commit
            }
        }
    }

    static let tables = """
                CREATE TABLE run (
                    id INTEGER PRIMARY KEY,
                    tool_version TEXT NOT NULL,
                    configuration TEXT NOT NULL,
                    options TEXT NOT NULL,
                    rulesets TEXT NOT NULL,
                    started_at TEXT NOT NULL,
                    finished_at TEXT,
                    inputs INTEGER NOT NULL,
                    evaluated INTEGER NOT NULL DEFAULT 0,
                    reused INTEGER NOT NULL DEFAULT 0
                );
                CREATE TABLE report (
                    id INTEGER PRIMARY KEY,
                    configuration TEXT NOT NULL,
                    path TEXT NOT NULL,
                    sha256 TEXT,
                    report_id TEXT,
                    laboratory TEXT,
                    sample_model TEXT,
                    standard TEXT,
                    edition TEXT,
                    issued TEXT,
                    verdict TEXT NOT NULL,
                    claimed TEXT,
                    finding_count INTEGER NOT NULL,
                    evaluated_in INTEGER NOT NULL REFERENCES run(id),
                    UNIQUE (configuration, path, sha256)
                );
                CREATE TABLE finding (
                    report INTEGER NOT NULL REFERENCES report(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    rule TEXT NOT NULL,
                    title TEXT,
                    verdict TEXT NOT NULL,
                    severity TEXT NOT NULL,
                    message TEXT NOT NULL,
                    line INTEGER,
                    test TEXT,
                    sample TEXT,
                    ruleset TEXT,
                    ruleset_standard TEXT,
                    ruleset_edition TEXT,
                    ruleset_version TEXT,
                    ruleset_sha256 TEXT,
                    clause TEXT,
                    method TEXT,
                    confidence TEXT,
                    decision_rule TEXT,
                    limit_op TEXT,
                    limit_value REAL,
                    limit_unit TEXT,
                    evidence TEXT,
                    PRIMARY KEY (report, position)
                );
                CREATE TABLE report_block (
                    report INTEGER NOT NULL REFERENCES report(id) ON DELETE CASCADE,
                    format TEXT NOT NULL,
                    bytes BLOB NOT NULL,
                    PRIMARY KEY (report, format)
                );
                CREATE TABLE run_report (
                    run INTEGER NOT NULL REFERENCES run(id),
                    position INTEGER NOT NULL,
                    report INTEGER NOT NULL REFERENCES report(id),
                    PRIMARY KEY (run, position)
                );
                CREATE INDEX run_report_report ON run_report (report);
                """
}
