import ConformFindings
import ConformModel

/// What a rule set says about itself (rules.md, "What a rule set is").
public struct RuleSetManifest: Sendable {
    public let standard: String
    public let edition: String
    public let amendment: String?
    public let title: LocalizedText
    public let version: String
    public let published: CivilDate?
    public let effective: CivilDate?
    /// From when the edition is mandatory for new type approvals.
    public let newTypesFrom: CivilDate?
    /// From when it is mandatory for types already approved under the previous edition.
    public let approvedTypesFrom: CivilDate?
    /// From when this edition is no longer accepted for new type approvals (its successor's date).
    public let withdrawnForNewTypes: CivilDate?
    public let supersedes: String?
    public let supersededBy: String?
    public let sources: [String]
    public let notes: [String]
    /// Tests a report must hold for each sample level it describes (a report that lacks one is
    /// not a pass: it is incomplete and names the missing tests).
    public let requiredTests: [Sample.Level: [RequiredTest]]
    public let requiredTestsClause: String?
    /// Checked against every report, whatever it claims (report content, ISO/IEC 17025).
    public let everyReport: Bool
    /// Every clause the facts files name for this edition, with its title, and for a clause no
    /// rule encodes, why (`conform rules coverage`).
    public let clauses: [ClauseCoverage]
    /// Rule files shared with other editions, relative to the rule set's directory.
    public let includes: [String]

    /// `GB38031@2025`: code without spaces, then the edition.
    public var id: String { "\(StandardClaim.normalize(standard))@\(editionLabel)" }

    /// The edition with its amendment: `2025`, `Rev.7+Amend.1`.
    public var editionLabel: String { amendment.map { "\(edition)+\($0)" } ?? edition }

    /// The prefix of this rule set's rule ids: `GB38031-2025`, `UN38.3-Rev.8`.
    /// (Plain Swift, not Foundation's replacingOccurrences, which goes through ICU's regex engine on
    /// Linux: this is read for every report.)
    public var rulePrefix: String { "\(String(StandardClaim.normalize(standard).filter { $0 != "/" }))-\(editionLabel)" }
}

/// One edition of one standard, as encoded in `Rules/<STANDARD>/<EDITION>/`.
public struct RuleSet: Sendable {
    public let manifest: RuleSetManifest
    public let rules: [Rule]
    public let directory: String
    /// SHA-256 over the rule set's files (names and bytes, in name order).
    public let sha256: String

    public let identity: RuleSetIdentity

    public init(manifest: RuleSetManifest, rules: [Rule], directory: String, sha256: String) {
        self.manifest = manifest
        self.rules = rules
        self.directory = directory
        self.sha256 = sha256
        self.identity = RuleSetIdentity(id: manifest.id, standard: manifest.standard, edition: manifest.editionLabel,
                                        version: manifest.version, sha256: sha256)
    }

    /// Whether a report's `<standard code edition amendment>` names this rule set: same code
    /// (without spaces and case), same edition, same amendment (none when the rule set has none).
    public func matches(code: String, edition: String, amendment: String?) -> Bool {
        StandardClaim.sameCode(code, manifest.standard)
            && edition.lowercased() == manifest.edition.lowercased()
            && (amendment?.lowercased() ?? "") == (manifest.amendment?.lowercased() ?? "")
    }

    /// Whether `--standard CODE@EDITION` names this rule set (`UN 38.3@Rev.7+Amend.1`).
    public func matches(code: String, editionLabel: String) -> Bool {
        StandardClaim.sameCode(code, manifest.standard)
            && editionLabel.lowercased() == manifest.editionLabel.lowercased()
    }
}

/// One clause of a standard in the coverage table.
public struct ClauseCoverage: Sendable {
    public let clause: String
    public let title: String
    /// Why no rule encodes it (nil when rules do).
    public let notEncoded: String?
}

/// A test a rule set requires of a sample level: any one of `alternatives` (`impact|crush`), unless
/// `exempt` holds for every sample of that level (evaluated per sample, as the data shows).
public struct RequiredTest: Sendable {
    public let alternatives: [String]
    public let exempt: CompiledExpression?
}
