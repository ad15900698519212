import Yams

/// A YAML mapping with its keys indexed once: Yams' `Node.Mapping` finds a key by comparing it with
/// every key in turn, building a node for each comparison, which was a seventh of loading the rules.
/// Iterates in file order, like the mapping it wraps; a repeated key finds its first value.
struct YAMLMapping: Sequence {
    typealias Element = (key: Node, value: Node)

    private let pairs: [Element]
    private let index: [String: Int]

    init(_ mapping: Node.Mapping) {
        pairs = Array(mapping)
        var index: [String: Int] = [:]
        for (position, pair) in pairs.enumerated() {
            if let name = pair.key.scalar?.string, index[name] == nil { index[name] = position }
        }
        self.index = index
    }

    subscript(key: String) -> Node? {
        index[key].map { pairs[$0].value }
    }

    func makeIterator() -> IndexingIterator<[Element]> {
        pairs.makeIterator()
    }
}
