import ConformBTR
import ConformFindings
import ConformModel
import ConformRules

/// "Which of these reports would fail the new edition, and why?" Each report is read once and
/// judged twice: under the editions it declares, and under the target edition instead.
public struct EditionImpact: Sendable {
    public struct Assessment: Sendable {
        public let path: String
        public let reportID: String?
        /// The editions the report declares, as `CODE@EDITION`.
        public let declared: [String]
        /// nil when the report cannot be compared (unreadable, or it claims another standard).
        public let before: Verdict?
        public let after: Verdict?
        /// The target edition's findings that are not met, for reports whose verdict changes.
        public let responsible: [Finding]
        public let note: String?

        public var changed: Bool { before != nil && after != nil && before != after }
    }

    public let decoder: BTRDecoder
    public let current: RuleEngine
    public let target: RuleEngine
    public let targetSet: RuleSet

    public init(decoder: BTRDecoder, ruleSets: [RuleSet], to standard: (code: String, edition: String), options: EngineOptions) throws {
        self.decoder = decoder
        self.current = try RuleEngine(ruleSets: ruleSets, options: options)
        var forced = options
        forced.standard = standard
        self.target = try RuleEngine(ruleSets: ruleSets, options: forced)
        guard let set = ruleSets.first(where: { !$0.manifest.everyReport && $0.matches(code: standard.code, editionLabel: standard.edition) }) else {
            throw RuleEngine.SetupError.unknownStandard("\(standard.code)@\(standard.edition)", known: ruleSets.map(\.manifest.id))
        }
        self.targetSet = set
    }

    public func assess(_ input: CheckInput) -> Assessment {
        let bytes: [UInt8]
        switch input {
        case .unreadable(let path, let reason):
            return Assessment(path: path, reportID: nil, declared: [], before: nil, after: nil, responsible: [], note: reason)
        case .file(let path):
            do {
                bytes = try ReportFile.read(path, maxBytes: decoder.reader.limits.maxBytes)
            } catch {
                return Assessment(path: path, reportID: nil, declared: [], before: nil, after: nil, responsible: [], note: "cannot be read")
            }
        }
        guard case .report(let report, let decodeFindings) = decoder.decode(bytes) else {
            return Assessment(path: input.path, reportID: nil, declared: [], before: nil, after: nil, responsible: [], note: "not a readable BTR-XML report")
        }
        let declared = report.standards.map { "\($0.code)@\($0.edition)\($0.amendment.map { "+\($0)" } ?? "")" }
        let code = StandardClaim.normalize(targetSet.manifest.standard)
        guard report.standards.contains(where: { $0.normalizedCode == code }) else {
            return Assessment(path: input.path, reportID: report.id, declared: declared, before: nil, after: nil, responsible: [],
                              note: "claims another standard")
        }
        let before = ReportOutcome.aggregate(decodeFindings + current.evaluate(report))
        let afterFindings = decodeFindings + target.evaluate(report)
        let after = ReportOutcome.aggregate(afterFindings)
        let responsible = before == after ? [] : afterFindings.filter {
            $0.severity == .error && $0.ruleset?.id == targetSet.manifest.id
                && ($0.verdict == .fail || $0.verdict == .conditionalFail || $0.verdict == .incomplete)
        }.sorted(by: Finding.canonicalOrder)
        return Assessment(path: input.path, reportID: report.id, declared: declared, before: before, after: after,
                          responsible: responsible, note: nil)
    }
}
