import ConformModel
import Yams

/// Reads `Rules/vocabulary.yaml` into a `Vocabulary`, checking every dimension against the units.
public enum VocabularyLoader {
    public static func load(path: String, units: UnitCatalog) throws(RulesLoadError) -> Vocabulary {
        let file = try YAMLFile(path: path)
        let root = try file.mapping(file.root, "the vocabulary")
        let sections: [String: Vocabulary.Kind] = [
            "conditions": .condition, "measurements": .measurement, "properties": .property,
            "observations": .observation, "events": .event,
        ]
        try file.checkKeys(root, allowed: Set(sections.keys).union(["testTypes"]), "the vocabulary")
        let testTypes = Set(try file.strings(try file.required("testTypes", in: root, of: file.root), "testTypes"))
        var quantities: [Vocabulary.Kind: [String: [Dimension]]] = [:]
        var flags: [Vocabulary.Kind: Set<String>] = [:]
        for (section, kind) in sections {
            let node = try file.required(section, in: root, of: file.root)
            switch kind {
            case .observation, .event:
                flags[kind] = Set(try file.strings(node, section))
            case .condition, .measurement, .property:
                var names: [String: [Dimension]] = [:]
                for (key, value) in try file.mapping(node, section) {
                    let name = try file.string(key, "a name")
                    let dimensions = try file.strings(value, "the dimension of \(name)").map(Dimension.init)
                    for dimension in dimensions where units.baseUnits[dimension] == nil {
                        throw file.error("'\(name)' has dimension '\(dimension)', which units.yaml does not define", at: value)
                    }
                    names[name] = dimensions
                }
                quantities[kind] = names
            }
        }
        return Vocabulary(testTypes: testTypes, quantities: quantities, flags: flags)
    }
}
