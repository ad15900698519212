import ConformModel

/// A value from the report that a finding rests on, with where it was found.
///
/// Its fields are constants. With variable fields, a struct of this shape (an optional value
/// that holds a reference: here the path; in a named quantity its quantity and time) was made
/// twice by Swift 6.3's optimizer in every initializer, one copy counted up and the other down
/// again: about ten reference counts per value, for the hundreds made per report (the model's
/// named quantities, observations, events and series are constants for the same reason).
public struct Evidence: Sendable, Equatable {
    public enum Value: Sendable, Equatable {
        case number(Double)
        case boolean(Bool)
        case text(String)
    }

    public let name: String
    public let value: Value?
    public let unit: String?
    public let uncertainty: Double?
    public let line: Int?
    /// Where the value is, as an XPath: kept as the report's place (its outline and element) and
    /// written out only when shown.
    public let path: DocumentPath?
    /// `path` written out.
    public var xpath: String? { path?.text }

    public init(name: String, value: Value?, unit: String? = nil, uncertainty: Double? = nil, line: Int?, xpath: String?) {
        self.init(name: name, value: value, unit: unit, uncertainty: uncertainty, line: line, path: xpath.map { DocumentPath($0) })
    }

    /// (Inlinable: made where it is used, an evidence was copied once more on its way out.)
    @inlinable
    public init(name: String, value: Value?, unit: String? = nil, uncertainty: Double? = nil, line: Int?, path: DocumentPath?) {
        self.name = name
        self.value = value
        self.unit = unit
        self.uncertainty = uncertainty
        self.line = line
        self.path = path
    }
}

/// What a value was compared with: `op` is one of `<`, `<=`, `>`, `>=`, `==`, `!=`, `within`.
/// Immutable and shared: a rule's limit is made once when it is compiled, and every finding and
/// intermediate answer refers to it (a copy is one reference count, not one per string).
public final class Limit: Sendable, Equatable {
    public let op: String
    public let value: Double
    public let unit: String?

    public init(op: String, value: Double, unit: String?) {
        self.op = op
        self.value = value
        self.unit = unit
    }

    public static func == (a: Limit, b: Limit) -> Bool {
        a === b || (a.op == b.op && a.value == b.value && a.unit == b.unit)
    }
}

/// The rule set a finding comes from: `GB38031@2025`, its encoding version and the SHA-256 of its
/// rule files. One shared, immutable instance per rule set: findings refer to it, not copy it.
public final class RuleSetIdentity: Sendable, Equatable, Hashable {
    public let id: String
    public let standard: String
    public let edition: String
    public let version: String
    public let sha256: String

    public static func == (a: RuleSetIdentity, b: RuleSetIdentity) -> Bool {
        a === b || (a.id == b.id && a.version == b.version && a.sha256 == b.sha256 && a.standard == b.standard && a.edition == b.edition)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(sha256)
    }

    public init(id: String, standard: String, edition: String, version: String, sha256: String) {
        self.id = id
        self.standard = standard
        self.edition = edition
        self.version = version
        self.sha256 = sha256
    }
}
