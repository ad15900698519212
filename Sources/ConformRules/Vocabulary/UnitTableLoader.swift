import ConformModel
import Yams

/// Reads `Rules/units.yaml` into a `UnitCatalog`.
public enum UnitTableLoader {
    public static func load(path: String) throws(RulesLoadError) -> UnitCatalog {
        let file = try YAMLFile(path: path)
        let root = try file.mapping(file.root, "the unit table")
        try file.checkKeys(root, allowed: ["dimensions", "units", "products"], "the unit table")
        let dimensionsNode = try file.required("dimensions", in: root, of: file.root)
        var bases: [Dimension: String] = [:]
        for (key, value) in try file.mapping(dimensionsNode, "dimensions") {
            bases[Dimension(try file.string(key, "a dimension name"))] = try file.string(value, "a base unit")
        }
        let unitsNode = try file.required("units", in: root, of: file.root)
        var units: [MeasurementUnit] = []
        for (key, spellings) in try file.mapping(unitsNode, "units") {
            let dimension = Dimension(try file.string(key, "a dimension name"))
            guard bases[dimension] != nil else { throw file.error("dimension '\(dimension)' is not listed under dimensions", at: key) }
            for (spellingNode, definition) in try file.mapping(spellings, "the units of \(dimension)") {
                let symbol = try file.string(spellingNode, "a unit spelling")
                if units.contains(where: { $0.symbol == symbol }) {
                    throw file.error("unit spelling '\(symbol)' is defined twice", at: spellingNode)
                }
                if definition.scalar != nil {
                    units.append(MeasurementUnit(symbol: symbol, dimension: dimension, factor: try file.number(definition, "the factor of \(symbol)")))
                    continue
                }
                let fields = try file.mapping(definition, "the definition of \(symbol)")
                try file.checkKeys(fields, allowed: ["factor", "offset", "ratedCurrentHours"], "the definition of \(symbol)")
                var factor = 1.0, offset = 0.0
                var hours: Double?
                if let node = fields["factor"] { factor = try file.number(node, "factor") }
                if let node = fields["offset"] { offset = try file.number(node, "offset") }
                if let node = fields["ratedCurrentHours"] { hours = try file.number(node, "ratedCurrentHours") }
                units.append(MeasurementUnit(symbol: symbol, dimension: dimension, factor: factor, offset: offset, ratedCurrentHours: hours))
            }
        }
        var products: [(Dimension, Dimension, Dimension)] = []
        if let node = root["products"] {
            guard let list = node.sequence else { throw file.error("products must be a list of [a, b, a×b]", at: node) }
            for item in list {
                let names = try file.strings(item, "a product")
                guard names.count == 3, names.allSatisfy({ bases[Dimension($0)] != nil }) else {
                    throw file.error("a product is [a, b, a×b] of dimensions listed under dimensions", at: item)
                }
                products.append((Dimension(names[0]), Dimension(names[1]), Dimension(names[2])))
            }
        }
        do {
            return try UnitCatalog(units: units, baseSymbols: bases, products: products)
        } catch {
            throw file.error(error.description, at: dimensionsNode)
        }
    }
}
