import ConformFindings
import ConformModel
import ConformOutput
import ConformXML
import Foundation
import Testing

/// A value's place is kept as an element of its report's outline and written out only when shown:
/// it must read exactly as the XPath the tree gives, compare as that text does, and be written
/// into the JSON as that text would be.
@Suite("Document paths")
struct DocumentPathTests {
    @Test func pathsFromTheOutlineReadAsTheTreesXPathsAndWriteTheSameJSON() throws {
        var elements = 0
        for url in try TestSupport.sampleReports() {
            let tree = try SafeXMLReader().read(Array(try Data(contentsOf: url))).get()
            let columns = tree.outline()
            let outline = DocumentOutline(names: columns.names, parents: columns.parents, nameIndices: columns.nameIndices,
                                          positions: columns.positions)
            for index in 0..<tree.count {
                let path = DocumentPath(outline: outline, element: index)
                let text = tree.xpath(of: index)
                #expect(path.text == text, "\(url.lastPathComponent) element \(index)")
                #expect(path == DocumentPath(text) && DocumentPath(text) == path)
                var fromSteps = JSONWriter(), fromText = JSONWriter()
                fromSteps.xpath(path)
                fromText.string(text)
                #expect(fromSteps.bytes == fromText.bytes, "\(text)")
                elements += 1
            }
            // Another element of the same outline, and the same element of another outline of the
            // same document, by what they read.
            if tree.count > 1 {
                let other = DocumentOutline(names: columns.names, parents: columns.parents, nameIndices: columns.nameIndices,
                                            positions: columns.positions)
                #expect(DocumentPath(outline: outline, element: 1) != DocumentPath(outline: outline, element: 0))
                #expect(DocumentPath(outline: outline, element: 1) == DocumentPath(outline: other, element: 1))
            }
        }
        #expect(elements > 1_000, "the samples have thousands of elements")
    }

    /// Paths longer than the fixed buffer they are usually written into (deep, long names, large
    /// positions) read in full; names that are not plain text (a quote, a backslash, a control
    /// character) are escaped in the JSON as the path's text would be, and plain ones, non-ASCII
    /// included, are known plain.
    @Test func longPathsAndNamesThatNeedEscapingReadAndWriteAsTheirText() {
        func outline(_ names: [String], depth: Int, position: Int32) -> (DocumentOutline, String) {
            // A chain: element i is the only child of element i - 1, named names[i % count].
            let parents = (0..<depth).map { Int32($0 - 1) }
            let nameIndices = (0..<depth).map { Int32($0 % names.count) }
            let positions = (0..<depth).map { $0 == 0 ? Int32(1) : position }
            var text = ""
            for index in 0..<depth {
                text += "/" + names[index % names.count] + (index == 0 ? "" : "[\(position)]")
            }
            return (DocumentOutline(names: names, parents: parents, nameIndices: nameIndices, positions: positions), text)
        }
        let cases: [([String], Int, Int32, Bool)] = [
            (["report", "test"], 3, 7, true),
            (["a-rather-long-element-name", "and-another-one-even-longer"], 40, 1_234_567, true),
            (["r", "x"], 200, 2_147_483_647, true),
            (["r", "x"], 100, 1, true),
            (["réport", "测试"], 5, 12, true),
            (["report", "q\"uote"], 3, 1, false),
            (["report", "back\\slash"], 3, 1, false),
            (["report", "tab\tbed", "del\u{7F}"], 4, 3, false),
        ]
        for (names, depth, position, plain) in cases {
            let (outline, text) = outline(names, depth: depth, position: position)
            let path = DocumentPath(outline: outline, element: depth - 1)
            #expect(path.text == text, "\(names) \(depth)")
            #expect(path.isPlain == plain, "\(names)")
            var fromSteps = JSONWriter(), fromText = JSONWriter()
            fromSteps.xpath(path)
            fromText.string(text)
            #expect(fromSteps.bytes == fromText.bytes, "\(names) \(depth)")
        }
        #expect(!DocumentPath("/report").isPlain, "a path given as text is not claimed plain")
    }

    /// Evidence keeps its place as a path; given as text (from the audit store or a tool) it
    /// reads, compares and is written the same.
    @Test func evidenceGivenAPathOrItsTextIsTheSame() throws {
        let tree = try SafeXMLReader().read(Array("<report><test/><test><measurement/></test></report>".utf8)).get()
        let columns = tree.outline()
        let outline = DocumentOutline(names: columns.names, parents: columns.parents, nameIndices: columns.nameIndices,
                                      positions: columns.positions)
        let placed = Evidence(name: "x", value: .number(1), line: 1, path: DocumentPath(outline: outline, element: 3))
        let written = Evidence(name: "x", value: .number(1), line: 1, xpath: "/report/test[2]/measurement[1]")
        #expect(placed.xpath == "/report/test[2]/measurement[1]")
        #expect(placed == written)
        var a = JSONWriter(), b = JSONWriter()
        a.evidence([placed])
        b.evidence([written])
        #expect(a.bytes == b.bytes)
    }

    /// Columns that do not describe a tree (a parent after its child, a name out of range, columns
    /// of different lengths) give an outline with no paths, not a crash.
    @Test func inconsistentColumnsGiveNoPaths() {
        for (parents, names, positions) in [([Int32(1), -1], [Int32(0), 0], [Int32(1), 1]), ([-1, 0], [0, 5], [1, 1]), ([-1], [0, 0], [1])] {
            let outline = DocumentOutline(names: ["a"], parents: parents, nameIndices: names, positions: positions)
            #expect(DocumentPath(outline: outline, element: 0).text == "")
            #expect(DocumentPath(outline: outline, element: 7).text == "")
        }
    }
}
