/// One attribute as written, with entity and character references resolved.
public struct XMLAttribute: Sendable, Equatable {
    public let name: String
    public let namespace: String?
    public let value: String
}

/// One element of a parsed document. Elements live in `XMLTree.elements`; `parent` and
/// `children` are indices into that array.
///
/// An object, so that reading an element (`tree[i].attribute("unit")`) costs one reference count,
/// not one per field. Only the `TreeBuilder` of one parse, on one thread, changes `text` and
/// `children`, before the tree is handed out; after that the element is never changed, which is
/// what makes sharing it across threads safe (hence `@unchecked`).
public final class XMLElement: @unchecked Sendable {
    public let name: String
    public let namespace: String?
    public let attributes: [XMLAttribute]
    /// The element's own character data, when it has no child elements (empty otherwise).
    public internal(set) var text: String
    /// Line of the element's start tag (the line of its `<`), counted from 1.
    public let line: Int
    public let parent: Int?
    /// 1-based position among the parent's children of the same name (for XPath).
    public let position: Int
    public internal(set) var children: [Int]

    init(name: String, namespace: String?, attributes: [XMLAttribute], text: String, line: Int, parent: Int?, position: Int, children: [Int]) {
        self.name = name
        self.namespace = namespace
        self.attributes = attributes
        self.text = text
        self.line = line
        self.parent = parent
        self.position = position
        self.children = children
    }

    /// The value of the un-namespaced attribute `name`, if present.
    public func attribute(_ name: String) -> String? {
        for attribute in attributes where attribute.name == name && attribute.namespace == nil {
            return attribute.value
        }
        return nil
    }
}

/// A parsed document as plain Swift values: nothing in it refers to libxml2.
public struct XMLTree: Sendable {
    public internal(set) var elements: [XMLElement]

    /// Index of the root element.
    public var rootIndex: Int { 0 }
    public var root: XMLElement { elements[0] }

    public subscript(index: Int) -> XMLElement { elements[index] }

    /// The child elements of `index`, in document order.
    public func children(of index: Int) -> [Int] { elements[index].children }

    /// A location path such as `/report/test[7]/measurement[1]` (local names, positions among
    /// same-named siblings; the root has no position).
    public func xpath(of index: Int) -> String {
        var steps: [String] = []
        var current: Int? = index
        while let i = current {
            let element = elements[i]
            steps.append(element.parent == nil ? element.name : "\(element.name)[\(element.position)]")
            current = element.parent
        }
        return "/" + steps.reversed().joined(separator: "/")
    }
}
