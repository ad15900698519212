import ConformXML
import Foundation
import Testing

@Suite("Safe XML reading")
struct SafeXMLReaderTests {
    let reader = SafeXMLReader()

    func read(_ text: String, limits: XMLLimits = .default, root: XMLName? = nil) -> Result<XMLTree, XMLReadFailure> {
        SafeXMLReader(limits: limits).read(Array(text.utf8), expectedRoot: root)
    }

    func failureOf(_ result: Result<XMLTree, XMLReadFailure>) -> XMLReadFailure? {
        if case .failure(let failure) = result { return failure }
        return nil
    }

    @Test func readsElementsAttributesTextAndLines() throws {
        let result = read("""
            <?xml version="1.0"?>
            <r xmlns="urn:x">
              <a k="v &amp; w &lt; &#38;#38; &quot;q&quot;">t &amp; <![CDATA[<raw>]]></a>
              <b
                 multi="line"/>
              <a/>
            </r>
            """)
        let tree = try result.get()
        #expect(tree.root.name == "r")
        #expect(tree.root.namespace == "urn:x")
        let children = tree.children(of: 0).map { tree[$0] }
        #expect(children.map(\.name) == ["a", "b", "a"])
        #expect(children[0].attribute("k") == "v & w < &#38; \"q\"")
        #expect(children[0].text == "t & <raw>")
        #expect(children[0].line == 3)
        // A start tag spread over lines is located at its '<'.
        #expect(children[1].line == 4)
        #expect(children[2].line == 6)
        #expect(tree.xpath(of: Array(tree.children(of: 0))[2]) == "/r/a[2]")
        #expect(tree.xpath(of: Array(tree.children(of: 0))[1]) == "/r/b[1]")
    }

    /// The flat tree: positions count same-named siblings only (not same-named descendants of an
    /// earlier sibling), children come in document order, only a leaf keeps its text, a text
    /// libxml2 hands over in several pieces is whole, and namespaced attributes are not found by
    /// their local name.
    @Test func positionsChildrenTextAndAttributesOfTheFlatTree() throws {
        let long = String(repeating: "0123456789", count: 2_000)
        let tree = try read("""
            <r xmlns:p="urn:p">
              <a id="1"><a id="1.1"/><b/><a id="1.2">x</a>mixed</a>
              <a id="2" p:id="namespaced">\(long)&amp;end</a>
              <b/>
              <a p:only="yes"/>
            </r>
            """).get()
        let top = Array(tree.children(of: 0))
        #expect(top.map { tree[$0].name } == ["a", "a", "b", "a"])
        #expect(top.map { tree.xpath(of: $0) } == ["/r/a[1]", "/r/a[2]", "/r/b[1]", "/r/a[3]"])
        let inner = Array(tree.children(of: top[0]))
        #expect(inner.map { tree.xpath(of: $0) } == ["/r/a[1]/a[1]", "/r/a[1]/b[1]", "/r/a[1]/a[2]"])
        #expect(inner.map { tree[$0].attribute("id") } == ["1.1", nil, "1.2"])
        #expect(inner.allSatisfy { tree[$0].parent == top[0] })
        #expect(tree[inner[2]].text == "x")
        #expect(tree[top[0]].text == "")
        #expect(tree[top[1]].text == long + "&end")
        #expect(tree[top[1]].attribute("id") == "2")
        #expect(tree[top[3]].attribute("only") == nil)
        #expect(tree.children(of: top[2]).isEmpty)
        #expect(tree.count == 8)
    }

    /// Many distinct names (more than the builder's first table of names holds, so that it grows
    /// and places every name again), each used more than once, element and attribute names alike:
    /// every element and attribute reads back under its own name.
    @Test func manyDistinctNamesReadBackAsWritten() throws {
        let count = 300
        let elements = (0..<count).map { "<e\($0) a\($0)=\"v\($0)\"/><e\($0) a\($0)=\"w\($0)\"/>" }.joined()
        let tree = try read("<r>\(elements)</r>").get()
        let children = Array(tree.children(of: 0))
        #expect(children.count == 2 * count)
        for (position, child) in children.enumerated() {
            let number = position / 2
            #expect(tree[child].name == "e\(number)")
            #expect(tree[child].attribute("a\(number)") == (position % 2 == 0 ? "v\(number)" : "w\(number)"))
            #expect(tree.xpath(of: child) == "/r/e\(number)[\(position % 2 + 1)]")
        }
        // One entry per distinct name: none entered twice (a name lost when the table grew would be).
        #expect(tree.names.count == 2 * count + 1)
    }

    /// An attribute found by the code its name has in a caller's table is the one found by name,
    /// for every attribute name of every element of the sample reports, and for names an element
    /// lacks, and never a namespaced attribute of that local name.
    @Test func attributesByNameCodeAreTheAttributesByName() throws {
        var compared = 0
        for url in try TestSupport.sampleReports() {
            let tree = try SafeXMLReader().read(try TestSupport.bytes(url)).get()
            // Codes 1, 2, … for every name of the document (element names and URIs included).
            try #require(tree.names.count < 255)
            let table = tree.names.indices.map { UInt8($0 + 1) }
            for element in 0..<tree.count {
                for code in tree.names.indices {
                    #expect(tree.attribute(coded: table[code], in: table, of: element) == tree.attribute(tree.names[code], of: element),
                            "\(url.lastPathComponent) element \(element) attribute \(tree.names[code])")
                    compared += 1
                }
            }
        }
        #expect(compared > 10_000)
        let namespaced = try read(#"<r xmlns:p="urn:p" p:id="x"/>"#).get()
        let table = namespaced.names.map { $0 == "id" ? UInt8(1) : 0 }
        #expect(namespaced.names.contains("id"))
        #expect(namespaced.attribute(coded: 1, in: table, of: 0) == nil)
        #expect(namespaced.attribute(coded: 1, in: [], of: 0) == nil)
    }

    /// Start tags spread over lines, with attribute text of every length around eight bytes (the
    /// backward scan for the '<' goes a word at a time), are located at their '<'.
    @Test func startTagsOverSeveralLinesAreLocatedAtTheirOpeningBracket() throws {
        var mismatches: [String] = []
        for padding in 0...20 {
            for breaks in 0...3 {
                let value = String(repeating: "x", count: padding)
                let attributes = (0...breaks).map { "a\($0)=\"\(value)\"" }.joined(separator: "\n   ")
                let document = "<r>\n\n<e \(attributes)/></r>"
                let tree = try read(document).get()
                if tree[1].line != 3 { mismatches.append("padding \(padding), breaks \(breaks): line \(tree[1].line)") }
                let first = try read("<r \(attributes)><e/></r>").get()
                if first.root.line != 1 { mismatches.append("root, padding \(padding), breaks \(breaks): line \(first.root.line)") }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches)")
    }

    @Test func lineNumbersBeyond65535() throws {
        let filler = String(repeating: "\n", count: 70_000)
        let tree = try read("<r>\(filler)<late/></r>").get()
        #expect(tree[1].line == 70_001)
    }

    @Test func externalEntityIsRefusedAndNothingIsRead() throws {
        // A file of our own, so the test knows exactly what must never appear.
        let directory = try TestSupport.temporaryDirectory()
        defer { TestSupport.remove(directory) }
        let secret = directory.appendingPathComponent("secret.txt")
        try "TOP-SECRET-CONTENT".write(to: secret, atomically: true, encoding: .utf8)
        let document = """
            <?xml version="1.0"?>
            <!DOCTYPE r [<!ENTITY s SYSTEM "\(secret.absoluteString)">]>
            <r>&s;</r>
            """
        let failure = try #require(failureOf(read(document)))
        #expect(failure.kind == .forbidden)
        #expect(failure.line == 2)
        #expect(failure.message.contains("external entity 's'"))
        #expect(!failure.message.contains("TOP-SECRET"))
        #expect(!failure.message.contains(secret.path))
    }

    @Test func externalDTDSubsetIsRefused() throws {
        let failure = try #require(failureOf(read("<?xml version=\"1.0\"?>\n<!DOCTYPE r SYSTEM \"http://example.org/r.dtd\"><r/>")))
        #expect(failure.kind == .forbidden)
        #expect(failure.message.contains("external DTD subset"))
    }

    @Test func anyDoctypeIsRefused() throws {
        let failure = try #require(failureOf(read("<!DOCTYPE r><r/>")))
        #expect(failure.kind == .forbidden)
        #expect(failure.message.contains("DOCTYPE"))
    }

    @Test func billionLaughsIsRefusedAtTheFirstDeclaration() throws {
        let failure = try #require(failureOf(SafeXMLReader().read(try TestSupport.bytes(TestSupport.fixture("hostile/billion-laughs.xml")))))
        #expect(failure.kind == .forbidden)
        #expect(failure.message.contains("entity 'lol'"))
    }

    @Test func xincludeIsRefused() throws {
        let failure = try #require(failureOf(SafeXMLReader().read(try TestSupport.bytes(TestSupport.fixture("hostile/xinclude.xml")))))
        #expect(failure.kind == .forbidden)
        #expect(failure.message.contains("XInclude"))
        #expect(failure.line == 3)
    }

    @Test func malformedInputCarriesLibxml2MessageAndLine() throws {
        let failure = try #require(failureOf(read("<r>\n<a>\n</r>")))
        #expect(failure.kind == .malformed)
        #expect(failure.line == 3)
        #expect(failure.message.contains("Opening and ending tag mismatch"))
    }

    @Test func emptyInputIsMalformed() throws {
        let failure = try #require(failureOf(read("")))
        #expect(failure.kind == .malformed)
        #expect(failure.message.contains("empty"))
    }

    @Test func undeclaredNamespacePrefixIsMalformed() throws {
        let failure = try #require(failureOf(read("<r><x:a/></r>")))
        #expect(failure.kind == .malformed)
        #expect(failure.message.contains("Namespace prefix x"))
    }

    @Test func depthLimit() throws {
        var limits = XMLLimits.default
        limits.maxDepth = 4
        #expect((try? read("<a><b><c><d/></c></b></a>", limits: limits).get()) != nil)
        let failure = try #require(failureOf(read("<a><b><c><d><e/></d></c></b></a>", limits: limits)))
        #expect(failure.kind == .limitExceeded)
        #expect(failure.message.contains("maxDepth"))
        #expect(failure.line == 1)
    }

    @Test func libxml2DepthLimitHoldsEvenWhenOursIsRaised() throws {
        var limits = XMLLimits.default
        limits.maxDepth = 10_000
        let deep = String(repeating: "<a>", count: 300) + String(repeating: "</a>", count: 300)
        let failure = try #require(failureOf(read(deep, limits: limits)))
        #expect(failure.kind == .malformed)
        #expect(failure.message.contains("Excessive depth"))
    }

    @Test func sizeAttributeAndElementLimits() throws {
        var limits = XMLLimits.default
        limits.maxBytes = 10
        #expect(failureOf(read("<r>0123456789</r>", limits: limits))?.kind == .limitExceeded)
        limits = .default
        limits.maxAttributeLength = 8
        let long = try #require(failureOf(read("<r a=\"123456789\"/>", limits: limits)))
        #expect(long.kind == .limitExceeded)
        #expect(long.message.contains("maxAttributeLength"))
        limits = .default
        limits.maxElements = 3
        #expect(failureOf(read("<r><a/><b/><c/></r>", limits: limits))?.kind == .limitExceeded)
    }

    @Test func unexpectedRootNamesElementAndNamespace() throws {
        let expected = XMLName("report", namespace: "urn:conform:battery-test-report:1")
        let failure = try #require(failureOf(read("<Reports xmlns=\"urn:other\"><x/></Reports>", root: expected)))
        #expect(failure.kind == .unexpectedRoot(XMLName("Reports", namespace: "urn:other")))
        // A foreign document that is also broken is reported as broken.
        let broken = try #require(failureOf(read("<Reports><x></Reports>", root: expected)))
        #expect(broken.kind == .malformed)
    }

    @Test func otherEncodingsAreConvertedToUTF8() throws {
        // ISO-8859-1 with a declaration: 0xB0 is the degree sign.
        var latin1 = Array("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><r u=\"".utf8)
        latin1 += [0xB0, UInt8(ascii: "C")] + Array("\"/>".utf8)
        #expect(try SafeXMLReader().read(latin1).get().root.attribute("u") == "°C")
        // UTF-16LE with a byte order mark.
        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in "<r u=\"Ω\"/>".utf16 { utf16 += [UInt8(unit & 0xff), UInt8(unit >> 8)] }
        #expect(try SafeXMLReader().read(utf16).get().root.attribute("u") == "Ω")
    }

    @Test func readingIsSafeOnSeveralThreadsAtOnce() async throws {
        let document = Array("<r xmlns=\"urn:x\"><a k=\"1\"/><a k=\"2\"/></r>".utf8)
        let broken = Array("<r><a></r>".utf8)
        // Each task reads a good and a broken document; errors stay with their own document.
        let results = await withTaskGroup(of: (elements: Int, brokenFailed: Bool).self) { group in
            for _ in 0..<64 {
                group.addTask {
                    let elements = (try? SafeXMLReader().read(document).get())?.count ?? -1
                    let brokenFailed = (try? SafeXMLReader().read(broken).get()) == nil
                    return (elements, brokenFailed)
                }
            }
            var all: [(elements: Int, brokenFailed: Bool)] = []
            for await result in group { all.append(result) }
            return all
        }
        #expect(results.count == 64)
        #expect(results.allSatisfy { $0.elements == 3 && $0.brokenFailed })
    }
}
