/// One battery test report (BTR-XML 1, `report-format.md`), decoded. Values that could not be
/// read are absent here and reported as findings by the decoder; nothing is silently zero.
public struct Report: Sendable {
    public var id: String? { get { storage.value.id } _modify { yield &storage.value.id } }
    public var issued: CivilDate? { get { storage.value.issued } _modify { yield &storage.value.issued } }
    public var language: String? { get { storage.value.language } _modify { yield &storage.value.language } }
    public var title: String? { get { storage.value.title } _modify { yield &storage.value.title } }
    public var laboratory: Party? { get { storage.value.laboratory } _modify { yield &storage.value.laboratory } }
    public var customer: Party? { get { storage.value.customer } _modify { yield &storage.value.customer } }
    public var manufacturer: Party? { get { storage.value.manufacturer } _modify { yield &storage.value.manufacturer } }
    public var standards: [StandardClaim] { get { storage.value.standards } _modify { yield &storage.value.standards } }
    public var decisionRule: DecisionRuleKind? { get { storage.value.decisionRule } _modify { yield &storage.value.decisionRule } }
    public var deviations: String? { get { storage.value.deviations } _modify { yield &storage.value.deviations } }
    public var externalProviders: [ExternalProvider] { get { storage.value.externalProviders } _modify { yield &storage.value.externalProviders } }
    public var samples: [Sample] { get { storage.value.samples } _modify { yield &storage.value.samples } }
    public var tests: [TestRun] { get { storage.value.tests } _modify { yield &storage.value.tests } }
    /// The lab's own overall verdict (a claim to check, never trusted).
    public var conclusion: ClaimedVerdict? { get { storage.value.conclusion } _modify { yield &storage.value.conclusion } }
    public var statements: [Statement] { get { storage.value.statements } _modify { yield &storage.value.statements } }
    public var signatories: [Signatory] { get { storage.value.signatories } _modify { yield &storage.value.signatories } }
    public var location: SourceLocation { get { storage.value.location } _modify { yield &storage.value.location } }

    public init(location: SourceLocation) {
        storage = CopyOnWrite(Fields(location: location))
    }

    public func sample(id: String) -> Sample? { samples.first { $0.id == id } }

    private var storage: CopyOnWrite<Fields>

    private struct Fields {
        var id: String?
        var issued: CivilDate?
        var language: String?
        var title: String?
        var laboratory: Party?
        var customer: Party?
        var manufacturer: Party?
        var standards: [StandardClaim] = []
        var decisionRule: DecisionRuleKind?
        var deviations: String?
        var externalProviders: [ExternalProvider] = []
        var samples: [Sample] = []
        var tests: [TestRun] = []
        var conclusion: ClaimedVerdict?
        var statements: [Statement] = []
        var signatories: [Signatory] = []
        var location: SourceLocation
    }
}

/// A laboratory, customer or manufacturer.
public struct Party: Sendable, Equatable {
    public var name: String?
    public var address: String?
    public var location: String?
    public var phone: String?
    public var email: String?
    public var website: String?
    public var accreditation: String?
    public var source: SourceLocation

    public init(source: SourceLocation) { self.source = source }

    /// A party with all its fields at once (as the decoder reads them).
    public init(name: String?, address: String?, location: String?, phone: String?, email: String?, website: String?,
                accreditation: String?, source: SourceLocation) {
        (self.name, self.address, self.location, self.phone) = (name, address, location, phone)
        (self.email, self.website, self.accreditation, self.source) = (email, website, accreditation, source)
    }
}

/// A standard the report claims to test against.
/// (Constant fields, made once: see `NamedQuantity`.)
public struct StandardClaim: Sendable, Equatable {
    public let code: String
    public let edition: String
    public let amendment: String?
    public let source: SourceLocation

    public init(code: String, edition: String, amendment: String?, source: SourceLocation) {
        self.code = code
        self.edition = edition
        self.amendment = amendment
        self.source = source
    }

    /// Codes compare without spaces and case: `GB 38031` = `GB38031`.
    public var normalizedCode: String { StandardClaim.normalize(code) }

    /// Whether two codes are the same once normalized (`normalize(a) == normalize(b)`), compared
    /// byte by byte without making either (the engine asks for every test of every rule set).
    public static func sameCode(_ a: String, _ b: String) -> Bool {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0a || byte == 0x0d }
        func upper(_ byte: UInt8) -> UInt8 { byte >= 0x61 && byte <= 0x7a ? byte - 0x20 : byte }
        var x = a.utf8.makeIterator(), y = b.utf8.makeIterator()
        while true {
            var p = x.next()
            while let byte = p, isSpace(byte) { p = x.next() }
            var q = y.next()
            while let byte = q, isSpace(byte) { q = y.next() }
            guard let first = p, let second = q else { return p == nil && q == nil }
            // Not ASCII: the general (slower) path.
            if first >= 0x80 || second >= 0x80 { return normalize(a) == normalize(b) }
            if upper(first) != upper(second) { return false }
        }
    }

    public static func normalize(_ code: String) -> String {
        var ascii: [UInt8] = []
        ascii.reserveCapacity(code.utf8.count)
        for byte in code.utf8 {
            if byte >= 0x80 {
                // Not ASCII: the general (slower) path.
                return String(code.unicodeScalars.filter { !$0.properties.isWhitespace }.map { Character($0) }).uppercased()
            }
            if byte == 0x20 || byte == 0x09 || byte == 0x0a || byte == 0x0d { continue }
            ascii.append(byte >= 0x61 && byte <= 0x7a ? byte - 0x20 : byte)
        }
        return String(decoding: ascii, as: UTF8.self)
    }
}

public enum DecisionRuleKind: String, Sendable, Equatable, CaseIterable {
    case simple
    case guarded
}

public struct ExternalProvider: Sendable, Equatable {
    public var name: String?
    public var tests: [String]
    public var source: SourceLocation

    public init(name: String?, tests: [String], source: SourceLocation) {
        self.name = name
        self.tests = tests
        self.source = source
    }
}

/// The lab's claimed verdict, as written (`pass`, `fail`, or for a test `not-tested`).
public struct ClaimedVerdict: Sendable, Equatable {
    public enum Value: String, Sendable, Equatable {
        case pass
        case fail
        case notTested = "not-tested"
    }
    public var value: Value
    public var source: SourceLocation

    public init(value: Value, source: SourceLocation) {
        self.value = value
        self.source = source
    }
}

public struct Statement: Sendable, Equatable {
    public var kind: String
    public var source: SourceLocation

    public init(kind: String, source: SourceLocation) {
        self.kind = kind
        self.source = source
    }
}

public struct Signatory: Sendable, Equatable {
    public var name: String
    public var title: String
    public var date: CivilDate?
    public var source: SourceLocation

    public init(name: String, title: String, date: CivilDate?, source: SourceLocation) {
        self.name = name
        self.title = title
        self.date = date
        self.source = source
    }
}
