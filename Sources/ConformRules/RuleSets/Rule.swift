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

    /// The text in `language` (English where the rule file gives no Chinese).
    public func text(_ language: Language) -> String {
        language == .zh ? zh ?? en : en
    }
}

/// A message template (`insulation resistance is {found}; at least {limit} is required`), split
/// once at load into literal text and placeholders.
public struct MessageTemplate: Sendable, Equatable {
    public enum Part: Sendable, Equatable {
        case text(String)
        case found, limit, test, sample
    }

    public let parts: [Part]
    public let source: String

    public init(_ source: String) {
        self.source = source
        var parts: [Part] = []
        var rest = Substring(source)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            let name = rest[rest.index(after: open)..<close]
            let part: Part?
            switch name {
            case "found": part = .found
            case "limit": part = .limit
            case "test": part = .test
            case "sample": part = .sample
            default: part = nil
            }
            guard let part else {
                parts.append(.text(String(rest[...open])))
                rest = rest[rest.index(after: open)...]
                continue
            }
            if open > rest.startIndex { parts.append(.text(String(rest[..<open]))) }
            parts.append(part)
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { parts.append(.text(String(rest))) }
        self.parts = parts
    }

    /// The placeholders used, in order (for checking that two languages say the same).
    public var placeholders: [String] {
        parts.compactMap { part in
            switch part {
            case .text: nil
            case .found: "found"
            case .limit: "limit"
            case .test: "test"
            case .sample: "sample"
            }
        }
    }

    func render(found: String, limit: Limit?, test: String?, sample: String?, into sink: inout some MessageSink) {
        for part in parts {
            switch part {
            case .text(let literal): sink.write(literal)
            case .found: sink.write(found)
            case .limit: if let limit { RuleMessages.limitText(limit, into: &sink) }
            case .test: sink.write(test ?? "")
            case .sample: sink.write(sample ?? "")
            }
        }
    }
}

extension Rule {
    /// The message template in `language`, if the rule has one.
    public func template(_ language: Language) -> MessageTemplate? {
        language == .zh ? zhTemplate ?? template : template
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
public final class Rule: Sendable {
    public let id: String
    public let clause: String
    public let method: String?
    public let title: LocalizedText
    public let message: LocalizedText?
    /// `message.en`, compiled.
    public let template: MessageTemplate?
    /// `message.zh`, compiled.
    public let zhTemplate: MessageTemplate?
    public let severity: Severity
    public let confidence: Confidence
    /// Why the rule is uncertain (required when it is).
    public let uncertainty: LocalizedText?
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

    public init(id: String, clause: String, method: String?, title: LocalizedText, message: LocalizedText?, severity: Severity, confidence: Confidence, uncertainty: LocalizedText?, source: String?, scope: RuleScope, levels: Set<Sample.Level>, testTypes: Set<String>, when: CompiledExpression?, exempt: CompiledExpression?, require: CompiledExpression, examples: [RuleExample], file: String, line: Int) {
        self.id = id
        self.clause = clause
        self.method = method
        self.title = title
        self.message = message
        self.template = message.map { MessageTemplate($0.en) }
        self.zhTemplate = message?.zh.map(MessageTemplate.init)
        self.severity = severity
        self.confidence = confidence
        self.uncertainty = uncertainty
        self.source = source
        self.scope = scope
        self.levels = levels
        self.testTypes = testTypes
        self.when = when
        self.exempt = exempt
        self.require = require
        self.examples = examples
        self.file = file
        self.line = line
    }
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
