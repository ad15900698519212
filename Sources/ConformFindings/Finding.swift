#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One verdict of one rule on one report (or one test of it), with everything needed to cite and
/// reproduce it. Output formats are built from these alone.
///
/// A value with one reference inside: a report has hundreds of findings, and they are appended,
/// sorted, kept and written; copying one costs one retain instead of one per string field. The
/// fields live in a private storage object that is copied only when a shared finding is changed.
public struct Finding: Sendable, Equatable {
    private var storage: Storage

    /// The rule's id, title, clause, method, confidence and rule set, shared by its findings.
    public var origin: FindingOrigin { storage.fields.origin }
    public var rule: String { get { storage.fields.origin.rule } set { mutable.fields.origin = origin.with(rule: newValue) } }
    /// The rule's title, for formats that describe rules (SARIF).
    public var title: String? { get { storage.fields.origin.title } set { mutable.fields.origin = origin.with(title: .some(newValue)) } }
    public var verdict: Verdict { get { storage.fields.verdict } set { mutable.fields.verdict = newValue } }
    public var severity: Severity { get { storage.fields.severity } set { mutable.fields.severity = newValue } }
    /// What a person reads. A rule's finding keeps its message as the facts it is made of (see
    /// `messageComposer`) and puts it into words here, when asked.
    public var message: String {
        get {
            switch storage.fields.message {
            case .text(let text):
                return text
            case .composed(let composer):
                var sink = StringSink()
                composer.compose(self, into: &sink)
                return sink.text
            }
        }
        set { mutable.fields.message = .text(newValue) }
    }
    /// The message's composer, when it is kept as facts: output formats have it write the message
    /// straight into their bytes (`compose(finding, into:)`) instead of asking for `message`.
    public var messageComposer: (any MessageComposer)? {
        if case .composed(let composer) = storage.fields.message { return composer }
        return nil
    }
    /// The facts a composed message is made of (nil for a message written out).
    public var messageFacts: MessageFacts? { storage.fields.facts }
    /// The line the finding points at, when it points at one place (tool findings).
    public var line: Int? { get { storage.fields.line } set { mutable.fields.line = newValue } }
    public var test: String? { get { storage.fields.test } set { mutable.fields.test = newValue } }
    public var sample: String? { get { storage.fields.sample } set { mutable.fields.sample = newValue } }
    public var ruleset: RuleSetIdentity? {
        get { storage.fields.origin.ruleset }
        set { mutable.fields.origin = origin.with(ruleset: .some(newValue)) }
    }
    public var clause: String? { get { storage.fields.origin.clause } set { mutable.fields.origin = origin.with(clause: .some(newValue)) } }
    public var method: String? { get { storage.fields.origin.method } set { mutable.fields.origin = origin.with(method: .some(newValue)) } }
    public var confidence: String? {
        get { storage.fields.origin.confidence }
        set { mutable.fields.origin = origin.with(confidence: .some(newValue)) }
    }
    public var decisionRule: String? { get { storage.fields.decisionRule } set { mutable.fields.decisionRule = newValue } }
    public var limit: Limit? { get { storage.fields.limit } set { mutable.fields.limit = newValue } }
    public var evidence: [Evidence] { get { storage.fields.evidence } set { mutable.fields.evidence = newValue } }

    public init(rule: String, verdict: Verdict, severity: Severity = .error, message: String, line: Int? = nil,
                test: String? = nil, sample: String? = nil, ruleset: RuleSetIdentity? = nil, clause: String? = nil,
                method: String? = nil, confidence: String? = nil, decisionRule: String? = nil, limit: Limit? = nil,
                evidence: [Evidence] = []) {
        let origin = FindingOrigin(rule: rule, ruleset: ruleset, clause: clause, method: method, confidence: confidence)
        storage = Storage(Fields(origin: origin, verdict: verdict, severity: severity, message: .text(message), facts: nil, line: line,
                                 test: test, sample: sample, decisionRule: decisionRule, limit: limit, evidence: evidence))
    }

    /// A rule's finding: what the rule's findings share comes from `origin`, and the message is
    /// composed from `facts` by the rule's `composer` when it is written (see `messageComposer`).
    /// One object per finding: the composer is the rule's, shared.
    public init(origin: FindingOrigin, verdict: Verdict, severity: Severity = .error, composer: any MessageComposer,
                facts: consuming MessageFacts = MessageFacts(), line: Int? = nil, test: String? = nil, sample: String? = nil,
                decisionRule: String? = nil, limit: Limit? = nil, evidence: consuming [Evidence] = []) {
        storage = Storage(Fields(origin: origin, verdict: verdict, severity: severity, message: .composed(composer), facts: facts,
                                 line: line, test: test, sample: sample, decisionRule: decisionRule, limit: limit, evidence: evidence))
    }

    /// Equal fields and equal message text (composed messages by the same composer from equal
    /// facts are the same words without composing them).
    public static func == (a: Finding, b: Finding) -> Bool {
        if a.storage === b.storage { return true }
        let x = a.storage.fields, y = b.storage.fields
        guard x.origin == y.origin, x.verdict == y.verdict, x.severity == y.severity, x.line == y.line, x.test == y.test,
              x.sample == y.sample, x.decisionRule == y.decisionRule, x.limit == y.limit, x.evidence == y.evidence else {
            return false
        }
        if case .composed(let p) = x.message, case .composed(let q) = y.message, p === q, x.facts == y.facts { return true }
        return a.message == b.message
    }

    /// The storage, copied first if another finding shares it.
    private var mutable: Storage {
        mutating get {
            if !isKnownUniquelyReferenced(&storage) { storage = Storage(storage.fields) }
            return storage
        }
    }

    private struct Fields {
        var origin: FindingOrigin, verdict: Verdict, severity: Severity, message: FindingMessageText, facts: MessageFacts?, line: Int?
        var test: String?, sample: String?, decisionRule: String?, limit: Limit?, evidence: [Evidence]
    }

    /// Changed only while uniquely referenced (see `mutable`); shared copies are never written, so
    /// sharing them across threads is safe.
    private final class Storage: @unchecked Sendable {
        var fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    /// The line to show a person: the finding's own, else its first evidence's.
    public var primaryLine: Int? { line ?? evidence.first(where: { $0.line != nil })?.line }

    /// The deterministic order of findings.md: by rule id, then test id (report-level first);
    /// then line and message, so that equal keys never depend on evaluation order.
    public static func canonicalOrder(_ a: Finding, _ b: Finding) -> Bool {
        SortKey(a) < SortKey(b)
    }

    /// What the canonical order compares (the one definition of it; `ReportOutcome` sorts by
    /// integer keys in the same order, and a test holds the two together), extracted once per finding.
    struct SortKey: Comparable {
        let rule: String
        let test: String?
        let line: Int
        /// For the message, put into words only when everything before it ties.
        let finding: Finding

        init(_ finding: Finding) {
            rule = finding.rule
            test = finding.test
            line = finding.primaryLine ?? 0
            self.finding = finding
        }

        static func < (a: SortKey, b: SortKey) -> Bool {
            if a.rule != b.rule { return bytesPrecede(a.rule, b.rule) }
            if a.test != b.test {
                guard let at = a.test else { return true }
                guard let bt = b.test else { return false }
                return bytesPrecede(at, bt)
            }
            if a.line != b.line { return a.line < b.line }
            return bytesPrecede(a.finding.message, b.finding.message)
        }

        static func == (a: SortKey, b: SortKey) -> Bool {
            a.rule == b.rule && a.test == b.test && a.line == b.line && a.finding.message == b.finding.message
        }
    }

    /// Byte order of UTF-8 (the same on every platform and locale).
    static func bytesPrecede(_ a: String, _ b: String) -> Bool {
        func precede(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Bool {
            let n = min(x.count, y.count)
            if n > 0, let px = x.baseAddress, let py = y.baseAddress {
                let c = memcmp(px, py, n)
                if c != 0 { return c < 0 }
            }
            return x.count < y.count
        }
        // Native strings lend their bytes without a copy; others are made contiguous first.
        if let answer = a.utf8.withContiguousStorageIfAvailable({ x in b.utf8.withContiguousStorageIfAvailable { y in precede(x, y) } }),
           let answer {
            return answer
        }
        var a = a, b = b
        return a.withUTF8 { x in b.withUTF8 { y in precede(x, y) } }
    }
}
