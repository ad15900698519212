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
/// fields live in one immutable object, `fields`, which formats read in place (a property of it
/// lends its value; the properties below hand out a copy, counted). Changing a field makes a new one.
public struct Finding: Sendable, Equatable {
    /// Everything the finding says, shared and immutable.
    public private(set) var fields: FindingFields

    /// The rule's id, title, clause, method, confidence and rule set, shared by its findings.
    public var origin: FindingOrigin { fields.origin }
    public var rule: String { get { fields.origin.rule } set { change { $0.origin = $0.origin.with(rule: newValue) } } }
    /// The rule's title, for formats that describe rules (SARIF).
    public var title: String? { get { fields.origin.title } set { change { $0.origin = $0.origin.with(title: .some(newValue)) } } }
    public var verdict: Verdict { get { fields.verdict } set { change { $0.verdict = newValue } } }
    public var severity: Severity { get { fields.severity } set { change { $0.severity = newValue } } }
    /// What a person reads. A rule's finding keeps its message as the facts it is made of (see
    /// `messageComposer`) and puts it into words here, when asked.
    public var message: String {
        get {
            var sink = StringSink()
            writeMessage(into: &sink)
            return sink.text
        }
        set { change { $0.composer = nil; $0.facts = MessageFacts(); $0.text = newValue } }
    }
    /// The message's composer, when it is kept as facts (see `writeMessage`).
    public var messageComposer: (any MessageComposer)? { fields.composer }
    /// The line the finding points at, when it points at one place (tool findings).
    public var line: Int? { get { fields.line } set { change { $0.line = newValue } } }
    public var test: String? { get { fields.test } set { change { $0.test = newValue } } }
    public var sample: String? { get { fields.sample } set { change { $0.sample = newValue } } }
    public var ruleset: RuleSetIdentity? {
        get { fields.origin.ruleset }
        set { change { $0.origin = $0.origin.with(ruleset: .some(newValue)) } }
    }
    public var clause: String? { get { fields.origin.clause } set { change { $0.origin = $0.origin.with(clause: .some(newValue)) } } }
    public var method: String? { get { fields.origin.method } set { change { $0.origin = $0.origin.with(method: .some(newValue)) } } }
    public var confidence: String? {
        get { fields.origin.confidence }
        set { change { $0.origin = $0.origin.with(confidence: .some(newValue)) } }
    }
    public var decisionRule: String? { get { fields.decisionRule } set { change { $0.decisionRule = newValue } } }
    public var limit: Limit? { get { fields.limit } set { change { $0.limit = newValue } } }
    public var evidence: [Evidence] { get { fields.evidence } set { change { $0.evidence = newValue } } }

    public init(rule: String, verdict: Verdict, severity: Severity = .error, message: String, line: Int? = nil,
                test: String? = nil, sample: String? = nil, ruleset: RuleSetIdentity? = nil, clause: String? = nil,
                method: String? = nil, confidence: String? = nil, decisionRule: String? = nil, limit: Limit? = nil,
                evidence: [Evidence] = []) {
        let origin = FindingOrigin(rule: rule, ruleset: ruleset, clause: clause, method: method, confidence: confidence)
        fields = FindingFields(origin: origin, verdict: verdict, severity: severity, text: message, composer: nil, facts: MessageFacts(),
                               line: line, test: test, sample: sample, decisionRule: decisionRule, limit: limit, evidence: evidence)
    }

    /// A rule's finding: what the rule's findings share comes from `origin`, and the message is
    /// composed from `facts` by the rule's `composer` when it is written (see `writeMessage`).
    /// One object per finding: the composer is the rule's, shared.
    public init(origin: FindingOrigin, verdict: Verdict, severity: Severity = .error, composer: any MessageComposer,
                facts: consuming MessageFacts = MessageFacts(), line: Int? = nil, test: String? = nil, sample: String? = nil,
                decisionRule: String? = nil, limit: Limit? = nil, evidence: consuming [Evidence] = []) {
        fields = FindingFields(origin: origin, verdict: verdict, severity: severity, text: "", composer: composer, facts: facts,
                               line: line, test: test, sample: sample, decisionRule: decisionRule, limit: limit, evidence: evidence)
    }

    /// Writes the message into `sink`: composed piece by piece by the rule's composer (an output
    /// format gives a sink that writes into its bytes, and no string of the message is made), or
    /// the text written out.
    public func writeMessage<Sink: MessageSink>(into sink: inout Sink) {
        if let composer = fields.composer {
            composer.compose(self, facts: fields.facts, into: &sink)
        } else {
            sink.write(fields.text)
        }
    }

    /// Equal fields and equal message text (composed messages by the same composer from equal
    /// facts are the same words without composing them).
    public static func == (a: Finding, b: Finding) -> Bool {
        let x = a.fields, y = b.fields
        if x === y { return true }
        guard x.origin == y.origin, x.verdict == y.verdict, x.severity == y.severity, x.line == y.line, x.test == y.test,
              x.sample == y.sample, x.decisionRule == y.decisionRule, x.limit == y.limit, x.evidence == y.evidence else {
            return false
        }
        if let p = x.composer, let q = y.composer, p === q, x.facts == y.facts { return true }
        return a.message == b.message
    }

    /// Changes a copy of the fields and keeps the copy (fields are shared, never written).
    private mutating func change(_ update: (inout FindingFields.Draft) -> Void) {
        var draft = FindingFields.Draft(fields)
        update(&draft)
        fields = FindingFields(draft)
    }

    /// The line to show a person: the finding's own, else its first evidence's.
    public var primaryLine: Int? { fields.primaryLine }

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
