/// One battery test report (BTR-XML 1, `report-format.md`), decoded. Values that could not be
/// read are absent here and reported as findings by the decoder; nothing is silently zero.
public struct Report: Sendable {
    public var id: String?
    public var issued: CivilDate?
    public var language: String?
    public var title: String?
    public var laboratory: Party?
    public var customer: Party?
    public var manufacturer: Party?
    public var standards: [StandardClaim] = []
    public var decisionRule: DecisionRuleKind?
    public var deviations: String?
    public var externalProviders: [ExternalProvider] = []
    public var samples: [Sample] = []
    public var tests: [TestRun] = []
    /// The lab's own overall verdict (a claim to check, never trusted).
    public var conclusion: ClaimedVerdict?
    public var statements: [Statement] = []
    public var signatories: [Signatory] = []
    public var location: SourceLocation

    public init(location: SourceLocation) {
        self.location = location
    }

    public func sample(id: String) -> Sample? { samples.first { $0.id == id } }
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
}

/// A standard the report claims to test against.
public struct StandardClaim: Sendable, Equatable {
    public var code: String
    public var edition: String
    public var amendment: String?
    public var source: SourceLocation

    public init(code: String, edition: String, amendment: String?, source: SourceLocation) {
        self.code = code
        self.edition = edition
        self.amendment = amendment
        self.source = source
    }

    /// Codes compare without spaces and case: `GB 38031` = `GB38031`.
    public var normalizedCode: String { StandardClaim.normalize(code) }

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
