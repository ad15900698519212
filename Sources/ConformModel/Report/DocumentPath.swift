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
    }

    /// The holder of a path given as text.
    init(text: String) {
        writtenText = text
        (parents, nameIndices, positions) = ([], [], [])
        (nameBytes, nameStarts) = ([], [0])
    }

    /// The UTF-8 bytes of the path to `element` (`/report/test[7]/measurement[1]`), lent to
    /// `body`: written back to front into temporary memory, with no string made (nothing for an
    /// element outside the outline).
    func withText(of element: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        guard element >= 0, element < count else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        func decimalDigits(_ value: Int32) -> Int {
            var digits = 1, rest = value / 10
            while rest != 0 { digits += 1; rest /= 10 }
            return digits
        }
        // Parents come before their children, so the walk up ends at the root.
        var length = 0
        var current = element
        while true {
            let name = Int(nameIndices[current])
            length += 1 + Int(nameStarts[name + 1] - nameStarts[name])
            let parent = Int(parents[current])
            guard parent >= 0 else { break }
            length += 2 + decimalDigits(positions[current])
            current = parent
        }
        nameBytes.withUnsafeBufferPointer { names in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: length) { out in
                var end = length
                var current = element
                while true {
                    let parent = Int(parents[current])
                    if parent >= 0 {
                        end -= 1
                        out[end] = UInt8(ascii: "]")
                        var position = positions[current]
                        repeat {
                            end -= 1
                            out[end] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: abs(position % 10))
                            position /= 10
                        } while position != 0
                        end -= 1
                        out[end] = UInt8(ascii: "[")
                    }
                    let name = Int(nameIndices[current])
                    let start = Int(nameStarts[name]), nameLength = Int(nameStarts[name + 1]) - start
                    end -= nameLength
                    if nameLength > 0, let source = names.baseAddress, let target = out.baseAddress {
                        (target + end).update(from: source + start, count: nameLength)
                    }
                    end -= 1
                    out[end] = UInt8(ascii: "/")
                    guard parent >= 0 else { break }
                    current = parent
                }
                body(UnsafeBufferPointer(out))
            }
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
