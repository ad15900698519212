/// The elements of one report as a path needs them: each element's parent, name and position
/// among its same-named siblings. Made once per report and shared by the locations of all its
/// values, so that a report's hundreds of values carry no path strings: an XPath is written from
/// this only when something shows it (most values are never cited by a finding).
public final class DocumentOutline: Sendable {
    /// A path given as text: it alone (an outline of no elements).
    let writtenText: String?
    /// Per element: parent index (-1 for the root), name index, 1-based position.
    let parents: [Int32]
    let nameIndices: [Int32]
    let positions: [Int32]
    /// Every name's UTF-8 bytes, one after another: name `i` is `nameBytes[nameStarts[i]..<nameStarts[i + 1]]`
    /// (paths are written from these, without a string per step).
    let nameBytes: [UInt8]
    let nameStarts: [Int32]
    /// Whether every name is plain text: no control character or DEL, no `"` and no `\` (element
    /// names never have any; the other bytes of a path are `/`, `[`, `]` and digits).
    let plainNames: Bool

    /// `parents`, `nameIndices` and `positions` have one entry per element; a parent comes before
    /// its children. Inconsistent columns give an empty outline (no element has a path).
    public init(names: [String], parents: [Int32], nameIndices: [Int32], positions: [Int32]) {
        let count = parents.count
        let consistent = nameIndices.count == count && positions.count == count
            && parents.indices.allSatisfy { parents[$0] < Int32($0) && (nameIndices[$0] >= 0 && Int(nameIndices[$0]) < names.count) }
        writtenText = nil
        self.parents = consistent ? parents : []
        self.nameIndices = consistent ? nameIndices : []
        self.positions = consistent ? positions : []
        var bytes: [UInt8] = [], starts: [Int32] = [0]
        for name in consistent ? names : [] {
            bytes.append(contentsOf: name.utf8)
            starts.append(Int32(truncatingIfNeeded: bytes.count))
        }
        nameBytes = bytes
        nameStarts = starts
        plainNames = bytes.allSatisfy { $0 >= 0x20 && $0 != 0x22 && $0 != 0x5C && $0 != 0x7F }
    }

    /// The holder of a path given as text.
    init(text: String) {
        writtenText = text
        (parents, nameIndices, positions) = ([], [], [])
        (nameBytes, nameStarts) = ([], [0])
        plainNames = false
    }

    /// The UTF-8 bytes of the path to `element` (`/report/test[7]/measurement[1]`), lent to
    /// `body`: written back to front into temporary memory, with no string made (nothing for an
    /// element outside the outline). One walk up into a fixed buffer, which holds the usual path of
    /// a few dozen bytes; a longer one is measured first and written into memory of its length.
    func withText(of element: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        guard element >= 0, element < count else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        let fixed = 256
        let done = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: fixed) { out -> Bool in
            guard let start = write(element, endingAt: fixed, into: out) else { return false }
            body(UnsafeBufferPointer(rebasing: out[start..<fixed]))
            return true
        }
        if done { return }
        let length = self.length(of: element)
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: length) { out in
            // (Measured to its length, the path fits: the start is 0.)
            let start = write(element, endingAt: length, into: out) ?? length
            body(UnsafeBufferPointer(rebasing: out[start..<length]))
        }
    }

    /// The number of bytes of the path to `element`.
    private func length(of element: Int) -> Int {
        var length = 0
        var current = element
        while true {
            let name = Int(nameIndices[current])
            length += 1 + Int(nameStarts[name + 1] - nameStarts[name])
            let parent = Int(parents[current])
            guard parent >= 0 else { return length }
            var position = positions[current].magnitude
            length += 3
            while position >= 10 { length += 1; position /= 10 }
            current = parent
        }
    }

    /// Writes the path to `element` back to front, its last byte just before `end`; the position
    /// of its first byte, or nil when it does not fit. (A parent precedes its child, so the walk
    /// ends at the root.)
    private func write(_ element: Int, endingAt end: Int, into out: UnsafeMutableBufferPointer<UInt8>) -> Int? {
        var end = end
        var current = element
        while true {
            let parent = Int(parents[current])
            if parent >= 0 {
                // `[`, the position's digits, `]`.
                var position = positions[current].magnitude
                var room = 3, rest = position / 10
                while rest != 0 { room += 1; rest /= 10 }
                guard end >= room else { return nil }
                end -= 1
                out[end] = UInt8(ascii: "]")
                repeat {
                    end -= 1
                    out[end] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: position % 10)
                    position /= 10
                } while position != 0
                end -= 1
                out[end] = UInt8(ascii: "[")
            }
            let name = Int(nameIndices[current])
            let start = Int(nameStarts[name]), stop = Int(nameStarts[name + 1])
            guard end > stop - start else { return nil }
            // The name's bytes through their memory (the outline's consistency, checked when it
            // was made, keeps the range in it).
            end = nameBytes.withUnsafeBufferPointer { names in
                var end = end, index = stop
                while index > start {
                    index -= 1
                    end -= 1
                    out[end] = names[index]
                }
                return end
            }
            end -= 1
            out[end] = UInt8(ascii: "/")
            guard parent >= 0 else { return end }
            current = parent
        }
    }

    var count: Int { parents.count }
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
        outline.withText(of: element) { text = String(decoding: $0, as: UTF8.self) }
        return text
    }

    /// The XPath's UTF-8 bytes, lent to `body` (for a path made of steps, written into temporary
    /// memory: no string is made).
    public func withTextBytes(_ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        if var text = outline.writtenText {
            text.withUTF8(body)
        } else {
            outline.withText(of: element, body)
        }
    }

    public var description: String { text }

    /// Whether the written path is known to be plain text without reading it: no control character
    /// or DEL, no `"` and no `\` (a path of steps whose names are all plain; a path given as text
    /// is not claimed plain).
    public var isPlain: Bool { outline.plainNames }

    /// The path written out, when it was given as text (nil when it is made of steps).
    public var writtenText: String? { outline.writtenText }


    /// Two paths are equal when they name the same place (the same element of the same outline,
    /// without writing either out) or read the same.
    @inlinable
    public static func == (a: DocumentPath, b: DocumentPath) -> Bool {
        if a.outline === b.outline { return a.element == b.element }
        return a.text == b.text
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(text) }
}
