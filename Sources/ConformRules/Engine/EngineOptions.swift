import Foundation
import ConformFindings
import ConformModel

/// How a run judges reports.
public struct EngineOptions: Sendable {
    /// `--standard "CODE@EDITION"`: check every report against this edition instead of the ones it
    /// declares (the regulator's what-if).
    public var standard: (code: String, edition: String)?
    /// `--decision-rule`: overrides the report's `<decisionRule>` (default simple).
    public var decisionRule: DecisionRuleKind?
    /// `--as-of DATE`: the date editions are judged current at, instead of each report's issue date.
    public var asOf: CivilDate?
    /// Whether rule sets that apply to every report (report content, ISO/IEC 17025 7.8.2.1) run;
    /// `--no-report-content` turns them off.
    public var reportContent: Bool
    /// `--lang`: the language of findings' messages.
    public var language: Language

    public init(standard: (code: String, edition: String)? = nil, decisionRule: DecisionRuleKind? = nil, asOf: CivilDate? = nil,
                reportContent: Bool = true, language: Language = .en) {
        self.language = language
        self.standard = standard
        self.decisionRule = decisionRule
        self.asOf = asOf
        self.reportContent = reportContent
    }

    /// Parses `GB 38031@2025`.
    public static func parseStandard(_ text: String) -> (code: String, edition: String)? {
        guard let at = text.lastIndex(of: "@") else { return nil }
        let code = text[..<at].trimmingCharacters(in: .whitespaces)
        let edition = text[text.index(after: at)...].trimmingCharacters(in: .whitespaces)
        guard !code.isEmpty, !edition.isEmpty else { return nil }
        return (code, edition)
    }
}
