import ConformCheck
import Foundation
import Testing

@Suite("Input expansion")
struct InputExpansionTests {
    @Test func directoriesExpandRecursivelyInSortedOrderAndArgumentsKeepTheirOrder() throws {
        let root = try TestSupport.temporaryDirectory()
        defer { TestSupport.remove(root) }
        let fm = FileManager.default
        for path in ["b/2.xml", "b/10.xml", "a.xml", "B.XML", "c/d/e.xml", "notes.txt", ".hidden/x.xml", "c/.y.xml"] {
            let url = root.appendingPathComponent(path)
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("<r/>".utf8).write(to: url)
        }
        let explicit = root.appendingPathComponent("notes.txt").path
        let inputs = InputExpansion.expand([explicit, root.path])
        let names = inputs.map { String($0.path.dropFirst(root.path.count)) }
        #expect(names == ["/notes.txt", "/B.XML", "/a.xml", "/b/10.xml", "/b/2.xml", "/c/d/e.xml"])
    }

    @Test func symbolicLinkLoopsEnd() throws {
        let root = try TestSupport.temporaryDirectory()
        defer { TestSupport.remove(root) }
        let fm = FileManager.default
        try fm.createDirectory(at: root.appendingPathComponent("d"), withIntermediateDirectories: true)
        try Data("<r/>".utf8).write(to: root.appendingPathComponent("d/r.xml"))
        try fm.createSymbolicLink(atPath: root.appendingPathComponent("d/loop").path, withDestinationPath: root.path)
        try fm.createSymbolicLink(atPath: root.appendingPathComponent("dangling.xml").path, withDestinationPath: "/no/such/target")
        let inputs = InputExpansion.expand([root.path])
        #expect(inputs.count == 2)
        #expect(inputs.contains(.file(root.appendingPathComponent("d/r.xml").path)))
        let dangling = inputs.contains { input in
            if case .unreadable(let path, _) = input { return path.hasSuffix("dangling.xml") }
            return false
        }
        #expect(dangling)
    }

    @Test func missingPathIsAnInputThatCannotBeRead() {
        let inputs = InputExpansion.expand(["/no/such/report.xml"])
        guard case .unreadable(let path, let reason)? = inputs.first else {
            Issue.record("expected an unreadable input")
            return
        }
        #expect(path == "/no/such/report.xml")
        #expect(reason.contains("No such file"))
    }

    /// A list file: LF or CR LF line ends, blank and white-space-only lines skipped, no final
    /// line end needed, paths kept byte for byte (spaces inside, non-ASCII).
    @Test func aListFileGivesItsPathsInOrder() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { TestSupport.remove(directory) }
        let list = directory.appendingPathComponent("list.txt")
        try Data("a.xml\r\n\n  \t\r\nb c/报告.xml\n\r\nlast.xml".utf8).write(to: list)
        #expect(try InputList.read(list.path) == ["a.xml", "b c/报告.xml", "last.xml"])
    }

    /// The compact input set gives back exactly the inputs put in, unreadable ones with their reason.
    @Test func theCompactInputSetKeepsEveryInput() {
        let inputs: [CheckInput] = [.file("a.xml"), .unreadable(path: "/gone", reason: "cannot open /gone: No such file"), .file(""),
                                    .file("目录/报告.xml"), .file("z.xml")]
        let set = InputSet(inputs)
        #expect(set.count == inputs.count)
        #expect(Array(set) == inputs)
    }
}
