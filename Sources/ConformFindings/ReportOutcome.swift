/// Everything `conform` says about one input file: its identity, its findings in canonical order,
/// the aggregated verdict and the lab's own claim.
public struct ReportOutcome: Sendable, Equatable {
    /// The path as given (directories expanded below what was given).
    public var path: String
    public var reportID: String?
    public var sha256: String?
    public var verdict: Verdict
    /// The lab's `<conclusion>`, as written.
    public var claimed: String?
    public var findings: [Finding]

    public init(path: String, reportID: String?, sha256: String?, claimed: String?, findings: [Finding]) {
        self.path = path
        self.reportID = reportID
        self.sha256 = sha256
        self.claimed = claimed
        // Sort small keys, then move each finding once: findings are large values.
        let keys = findings.map(Finding.SortKey.init)
        let order = keys.indices.sorted { keys[$0] < keys[$1] }
        self.findings = order.map { findings[$0] }
        self.verdict = ReportOutcome.aggregate(self.findings)
    }

    /// The worst verdict among findings of severity `error` (not-applicable does not count; a
    /// report with nothing that counts is `incomplete`: nothing was shown to be met).
    public static func aggregate(_ findings: [Finding]) -> Verdict {
        var worst: Verdict?
        for finding in findings where finding.severity == .error {
            guard let badness = finding.verdict.badness else { continue }
            if let current = worst, let currentBadness = current.badness, currentBadness >= badness { continue }
            worst = finding.verdict
        }
        return worst ?? .incomplete
    }

    /// How many findings have each verdict.
    public var counts: [Verdict: Int] {
        var counts: [Verdict: Int] = [:]
        for finding in findings { counts[finding.verdict, default: 0] += 1 }
        return counts
    }
}
