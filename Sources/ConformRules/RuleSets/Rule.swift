import ConformFindings
import ConformModel

/// Text in English and, where the rule file gives it, Chinese.
public struct LocalizedText: Sendable, Equatable {
    public let en: String
    public let zh: String?

    public init(en: String, zh: String? = nil) {
        self.en = en
        self.zh = zh
    }
}

/// How sure the encoded fact is (rules.md, "Faithfulness").
public enum Confidence: String, Sendable, CaseIterable {
    /// Read in the standard's text, or in a source quoting it.
    case certain
    /// From a secondary source, inference or memory: every finding carries the mark.
    case uncertain
}

/// One requirement of one edition of a standard, compiled.
public struct Rule: Sendable {
    public let id: String
    public let clause: String
    public let method: String?
    public let title: LocalizedText
    public let message: LocalizedText?
    public let severity: Severity
    public let confidence: Confidence
    /// Why the rule is uncertain (required when it is).
    public let uncertainty: String?
    /// Which source(s) of the facts file the numbers come from.
    public let source: String?
    public let scope: RuleScope
    /// Sample levels the rule applies to (empty: all).
    public let levels: Set<Sample.Level>
    /// Test types a per-test rule runs on (`*`: every test).
    public let testTypes: Set<String>

    func runs(on type: String) -> Bool { testTypes.contains(type) || testTypes.contains("*") }
    /// Further applicability: the rule applies only where this holds.
    public let when: CompiledExpression?
    /// An exemption: where this holds (as the data shows), the rule does not apply.
    public let exempt: CompiledExpression?
    public let require: CompiledExpression
    public let examples: [RuleExample]
    /// Where the rule is defined.
    public let file: String
    public let line: Int
}

/// A report fragment that a rule must judge as `verdict` (run by `conform rules test` and by the
/// test suite). `report` holds the children of a `<report>` element as BTR-XML; the harness adds
/// the root, the rule set's `<standard>` and, when absent, a sample `S1` of the rule's first level.
public struct RuleExample: Sendable {
    public let name: String
    public let verdict: Verdict
    public let decisionRule: DecisionRuleKind?
    public let report: String
    public let line: Int
}
