/// The elements of one report as a path needs them: each element's parent, name and position
/// among its same-named siblings. Made once per report and shared by the locations of all its
/// values, so that a report's hundreds of values carry no path strings: an XPath is written from
/// this only when something shows it (most values are never cited by a finding).
public final class DocumentOutline: Sendable {
    /// A path given as text: it alone (an outline of no elements).
    let writtenText: String?
    /// Element names, referred to by index.
    let names: [String]
    /// Per element: parent index (-1 for the root), name index, 1-based position.
    let parents: [Int32]
    let nameIndices: [Int32]
    let positions: [Int32]

    /// `parents`, `nameIndices` and `positions` have one entry per element; a parent comes before
    /// its children. Inconsistent columns give an empty outline (no element has a path).
    public init(names: [String], parents: [Int32], nameIndices: [Int32], positions: [Int32]) {
        let count = parents.count
        let consistent = nameIndices.count == count && positions.count == count
            && parents.indices.allSatisfy { parents[$0] < Int32($0) && (nameIndices[$0] >= 0 && Int(nameIndices[$0]) < names.count) }
        writtenText = nil
        self.names = consistent ? names : []
        self.parents = consistent ? parents : []
        self.nameIndices = consistent ? nameIndices : []
        self.positions = consistent ? positions : []
    }

    /// The holder of a path given as text.
    init(text: String) {
        writtenText = text
        (names, parents, nameIndices, positions) = ([], [], [], [])
    }

    var count: Int { parents.count }

    /// The steps from the root down to `element`: each name, with its position except the root's.
    func forEachStep(to element: Int, _ body: (String, Int?) -> Void) {
        guard element >= 0, element < count else { return }
        let parent = Int(parents[element])
        if parent >= 0 { forEachStep(to: parent, body) }
        body(names[Int(nameIndices[element])], parent >= 0 ? Int(positions[element]) : nil)
    }
}

/// Where a value is in its report, as an XPath such as `/report/test[7]/measurement[1]` (local
/// names, positions among same-named siblings; the root has no position). An element of a
/// report's `DocumentOutline`, put into words when asked, or a path given as text.
/// (One reference: copying a path, which evidence does, counts one object.)
public struct DocumentPath: Sendable, Hashable, CustomStringConvertible {
    /// The outline the path is an element of (a path given as text has one of its own).
    public let outline: DocumentOutline
    /// The element's index in `outline`.
    public let element: Int

    public init(_ text: String) {
        outline = DocumentOutline(text: text)
        element = 0
    }

    public init(outline: DocumentOutline, element: Int) {
        self.outline = outline
        self.element = element
    }

    /// The XPath written out.
    public var text: String {
        if let text = outline.writtenText { return text }
        var text = ""
        forEachStep { name, position in
            text += "/"
            text += name
            if let position { text += "[\(position)]" }
        }
        return text
    }

    public var description: String { text }

    /// The path written out, when it was given as text (nil when it is made of steps).
    public var writtenText: String? { outline.writtenText }

    /// The steps of a path made of steps, root first: each element's name, and its position
    /// (nil for the root). Nothing for a path given as text (see `writtenText`).
    public func forEachStep(_ body: (_ name: String, _ position: Int?) -> Void) {
        outline.forEachStep(to: element, body)
    }

    /// Two paths are equal when they name the same place (the same element of the same outline,
    /// without writing either out) or read the same.
    @inlinable
    public static func == (a: DocumentPath, b: DocumentPath) -> Bool {
        if a.outline === b.outline { return a.element == b.element }
        return a.text == b.text
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(text) }
}
