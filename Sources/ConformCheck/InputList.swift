import Foundation

/// `--files-from FILE` (or `-` for standard input): one path per line, in the order given; blank
/// lines are skipped. The paths are expanded like command-line paths.
public enum InputList {
    /// The paths given on the command line followed by those of `--files-from`, if any.
    public static func paths(_ paths: [String], filesFrom: String?) throws -> [String] {
        guard let filesFrom else { return paths }
        return paths + (try read(filesFrom))
    }

    public static func read(_ source: String) throws -> [String] {
        var paths: [String] = []
        try forEachPath(in: source) { paths.append($0) }
        return paths
    }

    /// Each path of the list in turn, made one at a time (a list of a million paths is never
    /// held as a million strings): lines end with LF or CR LF; blank lines are skipped.
    public static func forEachPath(in source: String, _ body: (String) throws -> Void) throws {
        let data: Data
        if source == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            data = try Data(contentsOf: URL(fileURLWithPath: source))
        }
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            var start = 0
            while start < bytes.count {
                var end = start
                while end < bytes.count, bytes[end] != 0x0a { end += 1 }
                var last = end
                if last > start, bytes[last - 1] == 0x0d { last -= 1 }
                let line = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<last]), as: UTF8.self)
                if !line.allSatisfy(\.isWhitespace) { try body(line) }
                start = end + 1
            }
        }
    }
}
