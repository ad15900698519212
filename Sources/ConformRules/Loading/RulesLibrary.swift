import ConformModel

/// Everything loaded from `Rules/` directories: the unit table and the vocabulary (from the
/// bundled directory) and every rule set. Loaded once per run; read-only afterwards.
public struct RulesLibrary: Sendable {
    public let directory: String
    public let units: UnitCatalog
    public let vocabulary: Vocabulary
    public let ruleSets: [RuleSet]

    public var compiler: ExpressionCompiler { ExpressionCompiler(units: units, vocabulary: vocabulary) }

    /// Loads `directory` and then each of `extra` (`--rules DIR`): a rule set of an extra
    /// directory replaces a loaded one of the same standard and edition; others are added.
    public static func load(directory: String, extra: [String] = []) throws(RulesLoadError) -> RulesLibrary {
        let units = try UnitTableLoader.load(path: directory + "/units.yaml")
        let vocabulary = try VocabularyLoader.load(path: directory + "/vocabulary.yaml", units: units)
        let loader = RuleSetLoader(compiler: ExpressionCompiler(units: units, vocabulary: vocabulary))
        var ruleSets = try loader.loadAll(in: directory)
        for path in extra {
            let added = try loader.loadAll(in: path)
            if added.isEmpty {
                throw RulesLoadError(file: path, line: nil, column: nil, message: "no rule set found (expected <STANDARD>/<EDITION>/manifest.yaml below it)")
            }
            for set in added {
                ruleSets.removeAll { $0.manifest.id == set.manifest.id }
                ruleSets.append(set)
            }
        }
        return RulesLibrary(directory: directory, units: units, vocabulary: vocabulary, ruleSets: ruleSets)
    }

    /// The bundled rules (see `RulesDirectory`), plus `extra` directories.
    public static func loadBundled(extra: [String] = []) throws(RulesLoadError) -> RulesLibrary {
        guard let directory = RulesDirectory.bundled() else {
            throw RulesLoadError(file: "Rules/", line: nil, column: nil,
                                 message: "the bundled Rules/ directory was not found; set \(RulesDirectory.environmentVariable)")
        }
        return try load(directory: directory, extra: extra)
    }
}
