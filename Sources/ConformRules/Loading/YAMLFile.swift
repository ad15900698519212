import Foundation
import Yams

/// One YAML file composed into nodes that keep their line and column, with helpers that turn
/// every shape problem into a `RulesLoadError` pointing at the offending node.
struct YAMLFile {
    let path: String
    let root: Node
    /// The file's text, for the columns of errors inside block scalars (split into lines only then:
    /// splitting every file up front cost more than parsing it).
    let source: String

    init(path: String) throws(RulesLoadError) {
        try self.init(path: path, bytes: try Self.contents(of: path))
    }

    /// The bytes of the file at `path`; a load error saying it cannot be read (and `why`, when
    /// given) otherwise.
    static func contents(of path: String, why: String? = nil) throws(RulesLoadError) -> Data {
        guard let bytes = try? Data(contentsOf: URL(fileURLWithPath: path)) else {
            throw RulesLoadError(file: path, line: nil, column: nil, message: "cannot read the file" + (why.map { " (\($0))" } ?? ""))
        }
        return bytes
    }

    /// The file's bytes, already read (a rule set's loader reads each file once, for its hash and
    /// for this).
    init(path: String, bytes: Data) throws(RulesLoadError) {
        self.path = path
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw RulesLoadError(file: path, line: nil, column: nil, message: "cannot read the file as UTF-8 text")
        }
        source = text
        do {
            // The basic resolver: every scalar stays a string, which the loaders read and check
            // themselves. Yams' default resolver matches every scalar against ICU regular
            // expressions (bool, int, float, null, timestamp, merge), most of the loading time.
            guard let node = try Yams.compose(yaml: text, .basic) else {
                throw RulesLoadError(file: path, line: 1, column: 1, message: "the file is empty")
            }
            root = node
        } catch let error as RulesLoadError {
            throw error
        } catch let error as YamlError {
            throw YAMLFile.loadError(error, path: path)
        } catch {
            throw RulesLoadError(file: path, line: nil, column: nil, message: "\(error)")
        }
    }

    static func loadError(_ error: YamlError, path: String) -> RulesLoadError {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
            let detail = context.map { "\($0.text): " } ?? ""
            return RulesLoadError(file: path, line: mark.line, column: mark.column, message: "YAML: \(detail)\(problem)")
        case let .duplicatedKeysInMapping(duplicates, context):
            return RulesLoadError(file: path, line: context.mark.line, column: context.mark.column,
                                  message: "YAML: duplicate key(s) \(duplicates.sorted().joined(separator: ", "))")
        default:
            return RulesLoadError(file: path, line: nil, column: nil, message: "YAML: \(error)")
        }
    }

    /// File line and column (1-based, in Unicode scalars, as Yams counts) of `offset` bytes into the
    /// text of the scalar `node`: on its own line for plain and quoted scalars, on the following
    /// lines for block scalars (`|`, `>`).
    func location(of offset: Int, in node: Node, text: String) -> (Int?, Int?) {
        guard let mark = node.mark, let scalar = node.scalar else { return (node.mark?.line, node.mark?.column) }
        let prefix = String(decoding: Array(text.utf8).prefix(offset), as: UTF8.self)
        let prefixLines = prefix.split(separator: "\n", omittingEmptySubsequences: false)
        let columnInLine = prefixLines.last?.unicodeScalars.count ?? 0
        switch scalar.style {
        case .literal, .folded:
            let line = mark.line + prefixLines.count
            // The block's own indentation (its first line's), which YAML strips from every line:
            // deeper lines keep their extra spaces in the scalar's text, so in `columnInLine`.
            let indentation = Self.indentation(ofLine: mark.line + 1, in: source)
            return (line, indentation + columnInLine + 1)
        case .singleQuoted, .doubleQuoted:
            return (mark.line + prefixLines.count - 1, (prefixLines.count == 1 ? mark.column + 1 : 1) + columnInLine)
        default:
            return (mark.line + prefixLines.count - 1, (prefixLines.count == 1 ? mark.column : 1) + columnInLine)
        }
    }

    /// The number of spaces that begin line `number` (1-based) of `text`.
    static func indentation(ofLine number: Int, in text: String) -> Int {
        var line = 1
        var spaces = 0
        var atStart = true
        for byte in text.utf8 {
            if line == number {
                if atStart && byte == UInt8(ascii: " ") { spaces += 1; continue }
                if byte == UInt8(ascii: "\n") { break }
                atStart = false
            } else if byte == UInt8(ascii: "\n") {
                line += 1
            }
        }
        return spaces
    }

    func error(_ message: String, at node: Node?) -> RulesLoadError {
        RulesLoadError(file: path, line: node?.mark?.line, column: node?.mark?.column, message: message)
    }

    func mapping(_ node: Node, _ what: String) throws(RulesLoadError) -> YAMLMapping {
        guard let mapping = node.mapping else { throw error("\(what) must be a mapping", at: node) }
        return YAMLMapping(mapping)
    }

    func string(_ node: Node, _ what: String) throws(RulesLoadError) -> String {
        guard let scalar = node.scalar else { throw error("\(what) must be a plain value", at: node) }
        return scalar.string
    }

    func number(_ node: Node, _ what: String) throws(RulesLoadError) -> Double {
        guard let scalar = node.scalar, let value = Double(scalar.string), value.isFinite else {
            throw error("\(what) must be a number", at: node)
        }
        return value
    }

    /// A scalar or a sequence of scalars, as a list of strings.
    func strings(_ node: Node, _ what: String) throws(RulesLoadError) -> [String] {
        if let scalar = node.scalar { return [scalar.string] }
        guard let sequence = node.sequence else { throw error("\(what) must be a name or a list of names", at: node) }
        var result: [String] = []
        for item in sequence { result.append(try string(item, what)) }
        return result
    }

    /// The value of `key` in `mapping`, or a load error naming the missing key.
    func required(_ key: String, in mapping: YAMLMapping, of node: Node) throws(RulesLoadError) -> Node {
        guard let value = mapping[key] else { throw error("missing key '\(key)'", at: node) }
        return value
    }

    /// Refuses keys that are not in `allowed` (a misspelt key must not be silently ignored).
    func checkKeys(_ mapping: YAMLMapping, allowed: Set<String>, _ what: String) throws(RulesLoadError) {
        for (key, _) in mapping {
            let name = key.scalar?.string ?? ""
            if !allowed.contains(name) {
                throw error("unknown key '\(name)' in \(what) (allowed: \(allowed.sorted().joined(separator: ", ")))", at: key)
            }
        }
    }
}
