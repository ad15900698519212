#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One verdict of one rule on one report (or one test of it), with everything needed to cite and
/// reproduce it. Output formats are built from these alone.
public struct Finding: Sendable, Equatable {
    public var rule: String
    /// The rule's title, for formats that describe rules (SARIF).
    public var title: String?
    public var verdict: Verdict
    public var severity: Severity
    public var message: String
    /// The line the finding points at, when it points at one place (tool findings).
    public var line: Int?
    public var test: String?
    public var sample: String?
    public var ruleset: RuleSetIdentity?
    public var clause: String?
    public var method: String?
    public var confidence: String?
    public var decisionRule: String?
    public var limit: Limit?
    public var evidence: [Evidence]

    public init(rule: String, verdict: Verdict, severity: Severity = .error, message: String, line: Int? = nil,
                test: String? = nil, sample: String? = nil, ruleset: RuleSetIdentity? = nil, clause: String? = nil,
                method: String? = nil, confidence: String? = nil, decisionRule: String? = nil, limit: Limit? = nil,
                evidence: [Evidence] = []) {
        self.rule = rule
        self.title = nil
        self.verdict = verdict
        self.severity = severity
        self.message = message
        self.line = line
        self.test = test
        self.sample = sample
        self.ruleset = ruleset
        self.clause = clause
        self.method = method
        self.confidence = confidence
        self.decisionRule = decisionRule
        self.limit = limit
        self.evidence = evidence
    }

    /// The line to show a person: the finding's own, else its first evidence's.
    public var primaryLine: Int? { line ?? evidence.first(where: { $0.line != nil })?.line }

    /// The deterministic order of findings.md: by rule id, then test id (report-level first);
    /// then line and message, so that equal keys never depend on evaluation order.
    public static func canonicalOrder(_ a: Finding, _ b: Finding) -> Bool {
        SortKey(a) < SortKey(b)
    }

    /// What the canonical order compares (the one definition of it), extracted once per finding.
    struct SortKey: Comparable {
        let rule: String
        let test: String?
        let line: Int
        let message: String

        init(_ finding: Finding) {
            rule = finding.rule
            test = finding.test
            line = finding.primaryLine ?? 0
            message = finding.message
        }

        static func < (a: SortKey, b: SortKey) -> Bool {
            if a.rule != b.rule { return bytesPrecede(a.rule, b.rule) }
            if a.test != b.test {
                guard let at = a.test else { return true }
                guard let bt = b.test else { return false }
                return bytesPrecede(at, bt)
            }
            if a.line != b.line { return a.line < b.line }
            return bytesPrecede(a.message, b.message)
        }
    }

    /// Byte order of UTF-8 (the same on every platform and locale).
    static func bytesPrecede(_ a: String, _ b: String) -> Bool {
        var a = a, b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                let n = min(x.count, y.count)
                if n > 0, let px = x.baseAddress, let py = y.baseAddress {
                    let c = memcmp(px, py, n)
                    if c != 0 { return c < 0 }
                }
                return x.count < y.count
            }
        }
    }
}
