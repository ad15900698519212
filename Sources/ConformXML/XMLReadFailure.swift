/// Why a document could not be read. Each carries a message for people and, where known, a line.
public struct XMLReadFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// Not well-formed XML (or not namespace-well-formed); the message is libxml2's own.
        case malformed
        /// A construct BTR-XML refuses: a DOCTYPE, any declaration in it, XInclude.
        case forbidden
        /// One of `XMLLimits` was exceeded.
        case limitExceeded
        /// Well-formed so far, but the root element is not the one the caller expects.
        case unexpectedRoot(XMLName)
    }

    public let kind: Kind
    public let message: String
    public let line: Int?

    public init(kind: Kind, message: String, line: Int?) {
        self.kind = kind
        self.message = message
        self.line = line
    }

    public var description: String {
        if let line { return "line \(line): \(message)" }
        return message
    }
}

/// A diagnostic libxml2 reported while reading or validating (warnings included).
public struct XMLDiagnostic: Sendable, Equatable, CustomStringConvertible {
    public enum Level: Sendable, Equatable { case warning, error, fatal }
    public let level: Level
    public let message: String
    public let line: Int?

    public var description: String {
        if let line { return "line \(line): \(message)" }
        return message
    }
}
