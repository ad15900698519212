import ConformModel

/// Everything loaded from a `Rules/` directory: the unit table and the vocabulary (and, with the
/// rule engine, the rule sets). Loaded once per run; read-only afterwards.
public struct RulesLibrary: Sendable {
    public let directory: String
    public let units: UnitCatalog
    public let vocabulary: Vocabulary

    public static func load(directory: String) throws(RulesLoadError) -> RulesLibrary {
        let units = try UnitTableLoader.load(path: directory + "/units.yaml")
        let vocabulary = try VocabularyLoader.load(path: directory + "/vocabulary.yaml", units: units)
        return RulesLibrary(directory: directory, units: units, vocabulary: vocabulary)
    }

    /// The bundled rules (see `RulesDirectory`).
    public static func loadBundled() throws(RulesLoadError) -> RulesLibrary {
        guard let directory = RulesDirectory.bundled() else {
            throw RulesLoadError(file: "Rules/", line: nil, column: nil,
                                 message: "the bundled Rules/ directory was not found; set \(RulesDirectory.environmentVariable) or pass --rules DIR")
        }
        return try load(directory: directory)
    }
}
