/// The elements of one report as a path needs them: each element's parent, name and position
/// among its same-named siblings. Made once per report and shared by the locations of all its
/// values, so that a report's hundreds of values carry no path strings: an XPath is written from
/// this only when something shows it (most values are never cited by a finding).
public final class DocumentOutline: Sendable {
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
        self.names = consistent ? names : []
        self.parents = consistent ? parents : []
        self.nameIndices = consistent ? nameIndices : []
        self.positions = consistent ? positions : []
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
/// names, positions among same-named siblings; the root has no position). Either written out, or
/// an element of a report's `DocumentOutline`, put into words when asked.
public struct DocumentPath: Sendable, Hashable, CustomStringConvertible {
    private enum Form: Sendable {
        case text(String)
        case element(DocumentOutline, Int)
    }

    private let form: Form

    public init(_ text: String) {
        form = .text(text)
    }

    public init(outline: DocumentOutline, element: Int) {
        form = .element(outline, element)
    }

    /// The XPath written out.
    public var text: String {
        if case .text(let text) = form { return text }
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
    public var writtenText: String? {
        if case .text(let text) = form { return text }
        return nil
    }

    /// The steps of a path made of steps, root first: each element's name, and its position
    /// (nil for the root). Nothing for a path given as text (see `writtenText`).
    public func forEachStep(_ body: (_ name: String, _ position: Int?) -> Void) {
        if case .element(let outline, let element) = form { outline.forEachStep(to: element, body) }
    }

    /// Two paths are equal when they name the same place (the same element of the same outline,
    /// without writing either out) or read the same.
    public static func == (a: DocumentPath, b: DocumentPath) -> Bool {
        if case .element(let x, let i) = a.form, case .element(let y, let j) = b.form, x === y { return i == j }
        return a.text == b.text
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(text) }
}
