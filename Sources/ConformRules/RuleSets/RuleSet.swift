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

    /// `GB38031@2025`: code without spaces, then the edition.
    public var id: String { "\(StandardClaim.normalize(standard).replacingOccurrences(of: " ", with: ""))@\(edition)" }
}

/// One edition of one standard, as encoded in `Rules/<STANDARD>/<EDITION>/`.
public struct RuleSet: Sendable {
    public let manifest: RuleSetManifest
    public let rules: [Rule]
    public let directory: String
    /// SHA-256 over the rule set's files (names and bytes, in name order).
    public let sha256: String

    public var identity: RuleSetIdentity {
        RuleSetIdentity(id: manifest.id, standard: manifest.standard, edition: manifest.edition, version: manifest.version, sha256: sha256)
    }

    /// Whether a report's `<standard code edition>` names this rule set.
    public func matches(code: String, edition: String) -> Bool {
        StandardClaim.normalize(code) == StandardClaim.normalize(manifest.standard)
            && edition.lowercased() == manifest.edition.lowercased()
    }
}
