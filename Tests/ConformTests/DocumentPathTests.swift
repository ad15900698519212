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
