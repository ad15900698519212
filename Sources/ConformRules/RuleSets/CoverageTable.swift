/// Which rules encode each clause of a rule set's clause table (`conform rules coverage`).
public struct CoverageTable: Sendable {
    public struct Row: Sendable {
        public let clause: ClauseCoverage
        public let rules: [String]
    }

    public let rows: [Row]
    /// Rules whose clause the table does not list.
    public let unlisted: [Rule]

    public init(_ set: RuleSet) {
        let listed = Set(set.manifest.clauses.map(\.clause))
        rows = set.manifest.clauses.map { clause in
            Row(clause: clause, rules: set.rules.filter { $0.clause == clause.clause }.map(\.id)
                + (set.manifest.requiredTestsClause == clause.clause ? ["\(set.manifest.rulePrefix)/required-tests"] : []))
        }
        unlisted = set.rules.filter { !listed.contains($0.clause) }
    }

    public var encoded: Int { rows.filter { !$0.rules.isEmpty }.count }
}
