import ConformModel

/// Parses the rule expression language (rules.md):
///
///     expr    := or
///     or      := and ('or' and)*
///     and     := not ('and' not)*
///     not     := 'not' not | compare
///     compare := sum (('<' | '<=' | '>' | '>=' | '==' | '!=') sum)?
///     sum     := product (('+' | '-') product)*
///     product := unary (('*' | '/') unary)*
///     unary   := '-' unary | primary
///     primary := NUMBER UNIT? | 'true' | 'false' | STRING | KIND '.' NAME | NAME '(' args ')' | '(' expr ')'
///
/// A unit follows its number after white space and is the longest spelling of the unit table that
/// ends at a word boundary (`100 Ohm/V`, `5 min`, `57 Cel`, `90 %`). KIND is one of condition,
/// measurement, property, observation, event.
struct ExpressionParser {
    private let bytes: [UInt8]
    private var index = 0
    private let units: UnitCatalog
    /// Unit spellings, longest first, as bytes.
    private let spellings: UnitSpellings

    init(_ text: String, units: UnitCatalog, spellings: UnitSpellings) {
        self.bytes = Array(text.utf8)
        self.units = units
        self.spellings = spellings
    }

    /// `spellings`: the unit table's, made once by the caller for all its expressions (made per
    /// expression, they were two hundred small arrays sorted every time).
    static func parse(_ text: String, units: UnitCatalog, spellings: UnitSpellings) throws(ExpressionError) -> Syntax {
        var parser = ExpressionParser(text, units: units, spellings: spellings)
        let syntax = try parser.parseOr()
        parser.skipSpace()
        if parser.index < parser.bytes.count {
            throw ExpressionError(position: ExpressionPosition(offset: parser.index), message: "unexpected '\(parser.rest(8))'")
        }
        return syntax
    }

    // MARK: grammar

    private mutating func parseOr() throws(ExpressionError) -> Syntax {
        var left = try parseAnd()
        while let position = keyword("or") {
            left = .binary(.or, left, try parseAnd(), position)
        }
        return left
    }

    private mutating func parseAnd() throws(ExpressionError) -> Syntax {
        var left = try parseNot()
        while let position = keyword("and") {
            left = .binary(.and, left, try parseNot(), position)
        }
        return left
    }

    private mutating func parseNot() throws(ExpressionError) -> Syntax {
        if let position = keyword("not") {
            return .not(try parseNot(), position)
        }
        return try parseCompare()
    }

    private mutating func parseCompare() throws(ExpressionError) -> Syntax {
        let left = try parseSum()
        skipSpace()
        let position = here
        for op in [BinaryOperator.lessOrEqual, .greaterOrEqual, .equal, .notEqual, .less, .greater] where symbol(op.rawValue) {
            return .binary(op, left, try parseSum(), position)
        }
        return left
    }

    private mutating func parseSum() throws(ExpressionError) -> Syntax {
        var left = try parseProduct()
        while true {
            skipSpace()
            let position = here
            if symbol("+") { left = .binary(.plus, left, try parseProduct(), position) }
            else if symbol("-") { left = .binary(.minus, left, try parseProduct(), position) }
            else { return left }
        }
    }

    private mutating func parseProduct() throws(ExpressionError) -> Syntax {
        var left = try parseUnary()
        while true {
            skipSpace()
            let position = here
            if symbol("*") { left = .binary(.times, left, try parseUnary(), position) }
            else if symbol("/") { left = .binary(.divide, left, try parseUnary(), position) }
            else { return left }
        }
    }

    private mutating func parseUnary() throws(ExpressionError) -> Syntax {
        skipSpace()
        let position = here
        if symbol("-") {
            // A minus sign before a number is part of the literal: -40 Cel is 233.15 K, not -313.15 K.
            if case .number(let value, let unit, _) = try parseUnary() {
                return .number(-value, unit: unit, position)
            }
            index = position.offset + 1
            return .negate(try parseUnary(), position)
        }
        return try parsePrimary()
    }

    private mutating func parsePrimary() throws(ExpressionError) -> Syntax {
        skipSpace()
        let position = here
        guard let byte = peek() else { throw ExpressionError(position: position, message: "the expression ends too early") }
        if byte == UInt8(ascii: "(") {
            index += 1
            let inner = try parseOr()
            skipSpace()
            guard symbol(")") else { throw ExpressionError(position: here, message: "expected ')'") }
            return inner
        }
        if isDigit(byte) || (byte == UInt8(ascii: ".") && peek(1).map(isDigit) == true) {
            return try parseNumber()
        }
        if byte == UInt8(ascii: "\"") {
            index += 1
            let start = index
            while let b = peek(), b != UInt8(ascii: "\"") { index += 1 }
            guard peek() != nil else { throw ExpressionError(position: position, message: "unterminated string") }
            let text = String(decoding: bytes[start..<index], as: UTF8.self)
            index += 1
            return .string(text, position)
        }
        guard isIdentifierStart(byte) else { throw ExpressionError(position: position, message: "unexpected '\(rest(8))'") }
        let name = identifier()
        switch name {
        case "true": return .boolean(true, position)
        case "false": return .boolean(false, position)
        case "and", "or", "not": throw ExpressionError(position: position, message: "'\(name)' needs an operand before it")
        default: break
        }
        if let kind = PathKind(rawValue: name) {
            guard symbol("."), let next = peek(), isIdentifierStart(next) else {
                throw ExpressionError(position: here, message: "expected a name after '\(name).'")
            }
            return .path(kind, identifier(), position)
        }
        skipSpace()
        guard symbol("(") else {
            throw ExpressionError(position: position, message: "unknown name '\(name)': a path is condition.NAME, measurement.NAME, property.NAME, observation.NAME, event.NAME or sample.FIELD")
        }
        var arguments: [Syntax] = []
        skipSpace()
        if !symbol(")") {
            repeat {
                arguments.append(try parseOr())
                skipSpace()
            } while symbol(",")
            guard symbol(")") else { throw ExpressionError(position: here, message: "expected ',' or ')' in the arguments of \(name)") }
        }
        return .call(name, arguments, position)
    }

    private mutating func parseNumber() throws(ExpressionError) -> Syntax {
        let position = here
        let start = index
        while let b = peek(), isDigit(b) || b == UInt8(ascii: ".") { index += 1 }
        if let b = peek(), b == UInt8(ascii: "e") || b == UInt8(ascii: "E"),
           let next = peek(1), isDigit(next) || ((next == UInt8(ascii: "+") || next == UInt8(ascii: "-")) && peek(2).map(isDigit) == true) {
            index += 2
            while let b = peek(), isDigit(b) { index += 1 }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        guard let value = NumberText.parse(text) else { throw ExpressionError(position: position, message: "'\(text)' is not a number") }
        // A unit: after optional spaces, the longest spelling that ends at a word boundary.
        let afterNumber = index
        skipSpace()
        for (spelling, unit) in spellings.entries where matches(spelling) {
            let end = index + spelling.count
            if end < bytes.count, isIdentifierPart(bytes[end]) { continue }
            index = end
            return .number(value, unit: unit, position)
        }
        index = afterNumber
        return .number(value, unit: nil, position)
    }

    // MARK: lexing helpers

    private var here: ExpressionPosition { ExpressionPosition(offset: index) }

    private func peek(_ ahead: Int = 0) -> UInt8? {
        index + ahead < bytes.count ? bytes[index + ahead] : nil
    }

    private mutating func skipSpace() {
        while let b = peek(), b == 0x20 || b == 0x09 || b == 0x0a || b == 0x0d { index += 1 }
    }

    private func matches(_ spelling: [UInt8]) -> Bool {
        guard index + spelling.count <= bytes.count else { return false }
        for (i, byte) in spelling.enumerated() where bytes[index + i] != byte { return false }
        return true
    }

    private mutating func symbol(_ text: String) -> Bool {
        skipSpace()
        let utf8 = Array(text.utf8)
        guard matches(utf8) else { return false }
        index += utf8.count
        return true
    }

    private mutating func keyword(_ word: String) -> ExpressionPosition? {
        skipSpace()
        let utf8 = Array(word.utf8)
        guard matches(utf8) else { return nil }
        let end = index + utf8.count
        if end < bytes.count, isIdentifierPart(bytes[end]) { return nil }
        let position = here
        index = end
        return position
    }

    private mutating func identifier() -> String {
        let start = index
        while let b = peek(), isIdentifierPart(b) { index += 1 }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    private func rest(_ count: Int) -> String {
        String(decoding: bytes[index..<min(bytes.count, index + count)], as: UTF8.self)
    }

    private func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
    private func isIdentifierStart(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z")) || b == UInt8(ascii: "_")
    }
    private func isIdentifierPart(_ b: UInt8) -> Bool { isIdentifierStart(b) || isDigit(b) }
}

/// The spellings of a unit table as bytes, longest first (a unit after a number is the longest
/// spelling that matches).
struct UnitSpellings: Sendable {
    let entries: [(bytes: [UInt8], unit: MeasurementUnit)]

    init(_ units: UnitCatalog) {
        entries = units.units.values.map { (Array($0.symbol.utf8), $0) }.sorted { $0.bytes.count > $1.bytes.count }
    }
}
