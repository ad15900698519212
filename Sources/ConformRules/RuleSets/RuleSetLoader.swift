import ConformFindings
import ConformModel
import Crypto
import Foundation
import Yams

/// Loads every rule set below a rules directory (`<dir>/<STANDARD>/<EDITION>/manifest.yaml` and
/// the other `*.yaml` files beside it), compiling every expression. Anything wrong stops the load
/// with file:line:column.
public struct RuleSetLoader: Sendable {
    public let compiler: ExpressionCompiler

    public init(compiler: ExpressionCompiler) {
        self.compiler = compiler
    }

    public func loadAll(in directory: String) throws(RulesLoadError) -> [RuleSet] {
        let fm = FileManager.default
        var editions: [String] = []
        let standards = ((try? fm.contentsOfDirectory(atPath: directory)) ?? []).sorted()
        for standard in standards where !standard.hasPrefix(".") {
            let standardPath = directory + "/" + standard
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: standardPath, isDirectory: &isDirectory), isDirectory.boolValue else { continue }
            for edition in ((try? fm.contentsOfDirectory(atPath: standardPath)) ?? []).sorted() where !edition.hasPrefix(".") {
                let editionPath = standardPath + "/" + edition
                if fm.fileExists(atPath: editionPath + "/manifest.yaml") { editions.append(editionPath) }
            }
        }
        // The rule sets load side by side, one per core (start-up is most of a short run's time);
        // the result, and the error when one does not load, are those of loading them in order.
        let loaded = LoadedRuleSets(count: editions.count)
        let (loader, paths) = (self, editions)
        DispatchQueue.concurrentPerform(iterations: paths.count) { index in
            let result: Result<RuleSet, RulesLoadError>
            do throws(RulesLoadError) {
                result = .success(try loader.load(directory: paths[index]))
            } catch {
                result = .failure(error)
            }
            loaded.set(index, result)
        }
        var result: [RuleSet] = []
        for outcome in loaded.all() {
            switch outcome {
            case .success(let set): result.append(set)
            case .failure(let error): throw error
            case nil: break
            }
        }
        return result
    }

    public func load(directory: String) throws(RulesLoadError) -> RuleSet {
        let fm = FileManager.default
        let files = ((try? fm.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
        let manifestPath = directory + "/manifest.yaml"
        let manifestBytes = try YAMLFile.contents(of: manifestPath)
        let manifest = try loadManifest(try YAMLFile(path: manifestPath, bytes: manifestBytes))
        // Worked out once for the rule set's ids (`{set}` in files shared by editions).
        let prefix = manifest.rulePrefix
        var rules: [Rule] = []
        var hashed = Data()
        let included = manifest.includes.map { directory + "/" + $0 }
        for path in files.map({ directory + "/" + $0 }) + included {
            let name = path.hasPrefix(directory + "/") ? String(path.dropFirst(directory.count + 1)) : path
            // Read once: hashed as read, and parsed from the same bytes.
            let bytes = name == "manifest.yaml" ? manifestBytes : try YAMLFile.contents(of: path, why: "named by the manifest's include")
            hashed.append(Data(name.utf8))
            hashed.append(0)
            hashed.append(bytes)
            hashed.append(0)
            if name == "manifest.yaml" { continue }
            rules += try loadRules(try YAMLFile(path: path, bytes: bytes), manifest: manifest, prefix: prefix)
        }
        if rules.isEmpty {
            throw RulesLoadError(file: directory, line: nil, column: nil, message: "the rule set \(manifest.id) has no rules")
        }
        let digest = Hexadecimal.lowercase(SHA256.hash(data: hashed))
        return RuleSet(manifest: manifest, rules: rules, directory: directory, sha256: digest)
    }

    // MARK: manifest

    private func loadManifest(_ file: YAMLFile) throws(RulesLoadError) -> RuleSetManifest {
        let root = try file.mapping(file.root, "the manifest")
        try file.checkKeys(root, allowed: ["standard", "edition", "amendment", "title", "version", "published", "effective", "transition",
                                         "supersedes", "supersededBy", "sources", "notes", "requiredTests", "requiredTestsClause",
                                         "everyReport", "include", "clauses"], "the manifest")
        var clauses: [ClauseCoverage] = []
        if let node = root["clauses"] {
            for (key, value) in try file.mapping(node, "clauses") {
                let clause = try file.string(key, "a clause")
                if value.scalar != nil {
                    clauses.append(ClauseCoverage(clause: clause, title: try file.string(value, "the title of \(clause)"), notEncoded: nil))
                    continue
                }
                let fields = try file.mapping(value, "clause \(clause)")
                try file.checkKeys(fields, allowed: ["title", "notEncoded"], "clause \(clause)")
                clauses.append(ClauseCoverage(
                    clause: clause, title: try file.string(try file.required("title", in: fields, of: value), "title"),
                    notEncoded: try fields["notEncoded"].map { n throws(RulesLoadError) in try file.string(n, "notEncoded") }))
            }
        }
        var requiredTests: [Sample.Level: [RequiredTest]] = [:]
        if let node = root["requiredTests"] {
            for (key, value) in try file.mapping(node, "requiredTests") {
                let levelName = try file.string(key, "a sample level")
                guard let level = Sample.Level(rawValue: levelName) else { throw file.error("unknown sample level '\(levelName)'", at: key) }
                guard let entries = value.sequence else { throw file.error("the required tests of \(levelName) must be a list", at: value) }
                var list: [RequiredTest] = []
                for entry in entries {
                    var name: String
                    var exempt: CompiledExpression?
                    if entry.scalar != nil {
                        name = try file.string(entry, "a required test")
                    } else {
                        let fields = try file.mapping(entry, "a required test")
                        try file.checkKeys(fields, allowed: ["test", "exempt"], "a required test")
                        name = try file.string(try file.required("test", in: fields, of: entry), "test")
                        exempt = try fields["exempt"].map { n throws(RulesLoadError) in try compile(file, n, scope: .sample) }
                    }
                    let alternatives = name.split(separator: "|").map(String.init)
                    for type in alternatives where !compiler.vocabulary.testTypes.contains(type) {
                        throw file.error("'\(type)' is not a test type in the vocabulary (Rules/vocabulary.yaml)", at: entry)
                    }
                    list.append(RequiredTest(alternatives: alternatives, exempt: exempt))
                }
                requiredTests[level] = list
            }
        }
        var everyReport = false
        if let node = root["everyReport"] {
            switch node.scalar?.string {
            case "true": everyReport = true
            case "false": everyReport = false
            default: throw file.error("everyReport must be true or false", at: node)
            }
        }
        var transition: YAMLMapping?
        if let node = root["transition"] {
            let fields = try file.mapping(node, "transition")
            transition = fields
            try file.checkKeys(fields, allowed: ["newTypes", "approvedTypes", "withdrawnForNewTypes", "note"], "transition")
        }
        let version = try file.string(try file.required("version", in: root, of: file.root), "version")
        let parts = version.split(separator: ".")
        if parts.count != 3 || parts.contains(where: { Int($0) == nil }) {
            throw file.error("version must be semantic (MAJOR.MINOR.PATCH), not '\(version)'", at: root["version"])
        }
        return RuleSetManifest(
            standard: try file.string(try file.required("standard", in: root, of: file.root), "standard"),
            edition: try file.string(try file.required("edition", in: root, of: file.root), "edition"),
            amendment: try root["amendment"].map { n throws(RulesLoadError) in try file.string(n, "amendment") },
            title: try localized(file, try file.required("title", in: root, of: file.root), "title"),
            version: version,
            published: try date(file, root["published"], "published"),
            effective: try date(file, root["effective"], "effective"),
            newTypesFrom: try date(file, transition?["newTypes"], "transition.newTypes"),
            approvedTypesFrom: try date(file, transition?["approvedTypes"], "transition.approvedTypes"),
            withdrawnForNewTypes: try date(file, transition?["withdrawnForNewTypes"], "transition.withdrawnForNewTypes"),
            supersedes: try root["supersedes"].map { n throws(RulesLoadError) in try file.string(n, "supersedes") },
            supersededBy: try root["supersededBy"].map { n throws(RulesLoadError) in try file.string(n, "supersededBy") },
            sources: try root["sources"].map { n throws(RulesLoadError) in try file.strings(n, "sources") } ?? [],
            notes: try root["notes"].map { n throws(RulesLoadError) in try file.strings(n, "notes") } ?? [],
            requiredTests: requiredTests,
            requiredTestsClause: try root["requiredTestsClause"].map { n throws(RulesLoadError) in try file.string(n, "requiredTestsClause") },
            everyReport: everyReport,
            clauses: clauses,
            includes: try root["include"].map { n throws(RulesLoadError) in try file.strings(n, "include") } ?? []
        )
    }

    private func date(_ file: YAMLFile, _ node: Node?, _ what: String) throws(RulesLoadError) -> CivilDate? {
        guard let node else { return nil }
        let text = try file.string(node, what)
        guard let date = CivilDate(parsing: text) else { throw file.error("\(what) must be a date YYYY-MM-DD, not '\(text)'", at: node) }
        return date
    }

    private func localized(_ file: YAMLFile, _ node: Node, _ what: String) throws(RulesLoadError) -> LocalizedText {
        if node.scalar != nil { return LocalizedText(en: try file.string(node, what)) }
        let mapping = try file.mapping(node, what)
        try file.checkKeys(mapping, allowed: ["en", "zh", "original"], what)
        let en = try file.string(try file.required("en", in: mapping, of: node), "\(what).en")
        let zh = try (mapping["zh"] ?? mapping["original"]).map { n throws(RulesLoadError) in try file.string(n, "\(what).zh") }
        return LocalizedText(en: en, zh: zh)
    }

    // MARK: rules

    static let ruleKeys: Set<String> = ["id", "clause", "method", "title", "message", "severity", "confidence", "uncertainty", "source",
                                        "scope", "levels", "testTypes", "when", "exempt", "require", "examples"]

    /// `id` with every `{set}` replaced by `prefix` (Foundation's `replacingOccurrences` cost a
    /// tenth of the rule sets' own loading).
    static func substitutingSet(in id: String, with prefix: String) -> String {
        guard id.utf8.contains(UInt8(ascii: "{")) else { return id }
        return id.replacing("{set}", with: prefix)
    }

    private func loadRules(_ file: YAMLFile, manifest: RuleSetManifest, prefix: String) throws(RulesLoadError) -> [Rule] {
        let root = try file.mapping(file.root, "a rule file")
        try file.checkKeys(root, allowed: ["rules"], "a rule file")
        guard let list = try file.required("rules", in: root, of: file.root).sequence else {
            throw file.error("'rules' must be a list", at: root["rules"])
        }
        var rules: [Rule] = []
        for node in list {
            rules.append(try loadRule(file, node, manifest: manifest, prefix: prefix))
        }
        return rules
    }

    private func loadRule(_ file: YAMLFile, _ node: Node, manifest: RuleSetManifest, prefix: String) throws(RulesLoadError) -> Rule {
        let map = try file.mapping(node, "a rule")
        try file.checkKeys(map, allowed: Self.ruleKeys, "a rule")
        // `{set}` lets rule files shared by several editions (include) give each edition its ids.
        let id = Self.substitutingSet(in: try file.string(try file.required("id", in: map, of: node), "id"), with: prefix)
        func text(_ key: String) throws(RulesLoadError) -> String? {
            try map[key].map { n throws(RulesLoadError) in try file.string(n, "\(key) of \(id)") }
        }
        let scopeText = try text("scope") ?? (map["testTypes"] == nil ? "report" : "test")
        guard let scope = RuleScope(rawValue: scopeText) else {
            throw file.error("scope must be test or report, not '\(scopeText)'", at: map["scope"])
        }
        let severityText = try text("severity") ?? "error"
        guard let severity = Severity(rawValue: severityText) else {
            throw file.error("severity must be error or warning, not '\(severityText)'", at: map["severity"])
        }
        let confidenceText = try text("confidence") ?? "certain"
        guard let confidence = Confidence(rawValue: confidenceText) else {
            throw file.error("confidence must be certain or uncertain, not '\(confidenceText)'", at: map["confidence"])
        }
        let uncertainty = try map["uncertainty"].map { n throws(RulesLoadError) in try localized(file, n, "uncertainty of \(id)") }
        if confidence == .uncertain, uncertainty == nil {
            throw file.error("rule \(id) is uncertain: say why under 'uncertainty'", at: node)
        }
        var levels: Set<Sample.Level> = []
        if let levelsNode = map["levels"] {
            for name in try file.strings(levelsNode, "levels") {
                guard let level = Sample.Level(rawValue: name) else { throw file.error("unknown sample level '\(name)'", at: levelsNode) }
                levels.insert(level)
            }
        }
        var testTypes: Set<String> = []
        if let typesNode = map["testTypes"] {
            for name in try file.strings(typesNode, "testTypes") {
                guard name == "*" || compiler.vocabulary.testTypes.contains(name) else {
                    throw file.error("'\(name)' is not a test type in the vocabulary (Rules/vocabulary.yaml)", at: typesNode)
                }
                testTypes.insert(name)
            }
        }
        if scope == .test, testTypes.isEmpty {
            throw file.error("per-test rule \(id) names no testTypes", at: node)
        }
        let requireNode = try file.required("require", in: map, of: node)
        let message = try map["message"].map { n throws(RulesLoadError) in try localized(file, n, "message") }
        return Rule(
            id: id,
            clause: try file.string(try file.required("clause", in: map, of: node), "clause"),
            method: try text("method"),
            title: try localized(file, try file.required("title", in: map, of: node), "title"),
            message: message,
            severity: severity,
            confidence: confidence,
            uncertainty: uncertainty,
            source: try text("source"),
            scope: scope,
            levels: levels,
            testTypes: testTypes,
            when: try map["when"].map { n throws(RulesLoadError) in try compile(file, n, scope: scope) },
            exempt: try map["exempt"].map { n throws(RulesLoadError) in try compile(file, n, scope: scope) },
            require: try compile(file, requireNode, scope: scope),
            examples: try loadExamples(file, map["examples"], ruleID: id),
            file: file.path,
            line: node.mark?.line ?? 0
        )
    }

    private func compile(_ file: YAMLFile, _ node: Node, scope: RuleScope) throws(RulesLoadError) -> CompiledExpression {
        let text = try file.string(node, "an expression")
        do {
            return try compiler.compileCondition(text, scope: scope)
        } catch {
            let (line, column) = file.location(of: error.position.offset, in: node, text: text)
            throw RulesLoadError(file: file.path, line: line, column: column, message: error.message)
        }
    }

    private func loadExamples(_ file: YAMLFile, _ node: Node?, ruleID: String) throws(RulesLoadError) -> [RuleExample] {
        guard let node else { return [] }
        guard let list = node.sequence else { throw file.error("examples must be a list", at: node) }
        var examples: [RuleExample] = []
        for item in list {
            let map = try file.mapping(item, "an example")
            try file.checkKeys(map, allowed: ["name", "verdict", "decisionRule", "report"], "an example")
            let verdictText = try file.string(try file.required("verdict", in: map, of: item), "verdict")
            guard let verdict = Verdict(rawValue: verdictText) else {
                throw file.error("unknown verdict '\(verdictText)'", at: map["verdict"])
            }
            var decisionRule: DecisionRuleKind?
            if let ruleNode = map["decisionRule"] {
                let ruleText = try file.string(ruleNode, "decisionRule")
                guard let kind = DecisionRuleKind(rawValue: ruleText) else { throw file.error("decisionRule must be simple or guarded", at: ruleNode) }
                decisionRule = kind
            }
            examples.append(RuleExample(
                name: try map["name"].map { n throws(RulesLoadError) in try file.string(n, "name") } ?? "\(ruleID) example \(examples.count + 1)",
                verdict: verdict,
                decisionRule: decisionRule,
                report: try file.string(try file.required("report", in: map, of: item), "report"),
                line: item.mark?.line ?? 0
            ))
        }
        return examples
    }
}

/// The rule sets being loaded in parallel, each into its own place (under a lock).
private final class LoadedRuleSets: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<RuleSet, RulesLoadError>?]

    init(count: Int) {
        results = Array(repeating: nil, count: count)
    }

    func set(_ index: Int, _ result: Result<RuleSet, RulesLoadError>) {
        lock.lock()
        results[index] = result
        lock.unlock()
    }

    func all() -> [Result<RuleSet, RulesLoadError>?] {
        lock.lock()
        defer { lock.unlock() }
        return results
    }
}
