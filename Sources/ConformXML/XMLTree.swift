/// A parsed document as plain Swift values: nothing in it refers to libxml2.
///
/// Flat: one array of element records, one of attribute records, and one byte array holding every
/// attribute value and text. Reading a document makes no object per element (an object per
/// element, with its lists of attributes and children, cost as much as libxml2's own parse);
/// `XMLElement` is a view of one record. Immutable once built, so it is shared across threads freely.
public struct XMLTree: Sendable {
    let storage: Storage

    init(storage: Storage) {
        self.storage = storage
    }

    /// How many elements the document has.
    public var count: Int { storage.nodes.count }

    /// Index of the root element.
    public var rootIndex: Int { 0 }
    public var root: XMLElement { self[0] }

    public subscript(index: Int) -> XMLElement { XMLElement(storage: storage, index: index) }

    /// The child elements of `index`, in document order.
    public func children(of index: Int) -> XMLChildren { XMLChildren(storage: storage, first: storage.nodes[index].firstChild) }

    // Reading an element by index, without a view of it (a view holds the tree, which costs a
    // reference count each time one is made; a decoder reads thousands of values).

    public func name(of index: Int) -> String { storage.names[Int(storage.nodes[index].name)] }

    /// The element's local name as its id among `names` (compared as a number where a caller
    /// matched the names once, see `names`).
    public func nameID(of index: Int) -> Int { Int(storage.nodes[index].name) }

    /// The element's namespace URI as its id among `names`, -1 when it is in no namespace.
    public func namespaceID(of index: Int) -> Int { Int(storage.nodes[index].namespace) }

    /// The namespace URI, nil when the element is in no namespace.
    public func namespace(of index: Int) -> String? {
        let id = storage.nodes[index].namespace
        return id < 0 ? nil : storage.names[Int(id)]
    }

    /// The element's own character data, when it has no child elements (empty otherwise).
    public func text(of index: Int) -> String {
        let node = storage.nodes[index]
        return node.textCount == 0 ? "" : storage.string(node.textStart, node.textCount)
    }

    /// Line of the element's start tag (the line of its `<`), counted from 1.
    public func line(of index: Int) -> Int { storage.nodes[index].line }

    public func parent(of index: Int) -> Int? {
        let parent = storage.nodes[index].parent
        return parent < 0 ? nil : parent
    }

    /// 1-based position among the parent's children of the same name (for XPath).
    public func position(of index: Int) -> Int { storage.nodes[index].position }

    /// The value of the un-namespaced attribute `name` of element `index`, if present (entity
    /// and character references resolved).
    public func attribute(_ name: String, of index: Int) -> String? {
        let node = storage.nodes[index]
        var i = node.firstAttribute
        let end = i + node.attributeCount
        // Lengths first: two different short names otherwise took String's slow comparison.
        let length = name.utf8.count
        while i < end {
            let attribute = storage.attributes[i]
            if attribute.namespace < 0, case let candidate = storage.names[Int(attribute.name)], candidate.utf8.count == length, candidate == name {
                return storage.string(attribute.start, attribute.count)
            }
            i += 1
        }
        return nil
    }

    /// Every distinct local name and namespace URI of the document, by id (see `attribute(coded:in:of:)`).
    public var names: [String] { storage.names }

    /// The value of the un-namespaced attribute of element `index` whose name has the code `code`
    /// in `table` (the caller's code for each of `names`, by id; 0 for none): the attribute
    /// `attribute(_:of:)` finds, compared by number instead of by name.
    public func attribute(coded code: UInt8, in table: [UInt8], of index: Int) -> String? {
        withAttribute(coded: code, in: table, of: index) { String(decoding: $0, as: UTF8.self) }
    }

    /// `body` applied to the bytes of the attribute `attribute(coded:in:of:)` finds, where they
    /// are kept (no string made); nil when there is no such attribute.
    public func withAttribute<Result>(coded code: UInt8, in table: [UInt8], of index: Int,
                                      _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result? {
        let node = storage.nodes[index]
        let end = node.firstAttribute + node.attributeCount
        return storage.attributes.withUnsafeBufferPointer { attributes in
            table.withUnsafeBufferPointer { table in
                var i = node.firstAttribute
                while i < end {
                    let attribute = attributes[i]
                    if attribute.namespace < 0, attribute.name >= 0, Int(attribute.name) < table.count, table[Int(attribute.name)] == code {
                        return storage.bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[attribute.start..<(attribute.start + attribute.count)])) }
                    }
                    i += 1
                }
                return nil
            }
        }
    }

    /// Every element's parent (-1 for the root), local-name index into `names` and position among
    /// same-named siblings, in document order (a parent before its children): what a location
    /// path is made of, as plain columns.
    public func outline() -> (names: [String], parents: [Int32], nameIndices: [Int32], positions: [Int32]) {
        let nodes = storage.nodes
        var parents = [Int32](), nameIndices = [Int32](), positions = [Int32]()
        parents.reserveCapacity(nodes.count)
        nameIndices.reserveCapacity(nodes.count)
        positions.reserveCapacity(nodes.count)
        for index in nodes.indices {
            parents.append(Int32(truncatingIfNeeded: nodes[index].parent))
            nameIndices.append(nodes[index].name)
            positions.append(Int32(truncatingIfNeeded: nodes[index].position))
        }
        return (storage.names, parents, nameIndices, positions)
    }

    /// A location path such as `/report/test[7]/measurement[1]` (local names, positions among
    /// same-named siblings; the root has no position).
    public func xpath(of index: Int) -> String {
        var steps: [String] = []
        var current: Int? = index
        while let i = current {
            let element = self[i]
            steps.append(element.parent == nil ? element.name : "\(element.name)[\(element.position)]")
            current = element.parent
        }
        return "/" + steps.reversed().joined(separator: "/")
    }

    /// The arrays of one document, built by `TreeBuilder`.
    final class Storage: Sendable {
        /// Every distinct local name and namespace URI of the document; records refer to them by index.
        let names: [String]
        let nodes: [Node]
        let attributes: [Attribute]
        /// Attribute values and texts, decoded, one after another.
        let bytes: [UInt8]

        init(names: [String], nodes: [Node], attributes: [Attribute], bytes: [UInt8]) {
            self.names = names
            self.nodes = nodes
            self.attributes = attributes
            self.bytes = bytes
        }

        func string(_ start: Int, _ count: Int) -> String {
            bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[start..<(start + count)]), as: UTF8.self) }
        }
    }

    /// One element. Indices are into `Storage`'s arrays; -1 means none.
    struct Node {
        var name: Int32
        var namespace: Int32
        var parent: Int
        /// 1-based position among the parent's children of the same name (for XPath).
        var position: Int
        var line: Int
        var firstChild = -1
        var nextSibling = -1
        var firstAttribute: Int
        var attributeCount: Int
        var textStart = 0
        var textCount = 0
    }

    /// One attribute: its name, namespace and where its value lies in `bytes`.
    struct Attribute {
        var name: Int32
        var namespace: Int32
        var start: Int
        var count: Int
    }
}

/// One element of a parsed document: a view of its record in the `XMLTree`. `parent` and
/// `children` are indices into the tree.
public struct XMLElement: Sendable {
    let storage: XMLTree.Storage
    public let index: Int

    private var tree: XMLTree { XMLTree(storage: storage) }

    public var name: String { tree.name(of: index) }
    /// The namespace URI, nil when the element is in no namespace.
    public var namespace: String? { tree.namespace(of: index) }
    /// The element's own character data, when it has no child elements (empty otherwise).
    public var text: String { tree.text(of: index) }
    /// Line of the element's start tag (the line of its `<`), counted from 1.
    public var line: Int { tree.line(of: index) }
    public var parent: Int? { tree.parent(of: index) }
    /// 1-based position among the parent's children of the same name (for XPath).
    public var position: Int { tree.position(of: index) }
    public var children: XMLChildren { tree.children(of: index) }

    /// The value of the un-namespaced attribute `name`, if present (entity and character
    /// references resolved).
    public func attribute(_ name: String) -> String? { tree.attribute(name, of: index) }
}

/// The child elements of one element, in document order (indices into the tree).
public struct XMLChildren: Sequence, Sendable {
    let storage: XMLTree.Storage
    let first: Int

    public struct Iterator: IteratorProtocol {
        let storage: XMLTree.Storage
        var cursor: Int

        public mutating func next() -> Int? {
            guard cursor >= 0 else { return nil }
            let current = cursor
            cursor = storage.nodes[current].nextSibling
            return current
        }
    }

    public func makeIterator() -> Iterator { Iterator(storage: storage, cursor: first) }

    public var isEmpty: Bool { first < 0 }
}
