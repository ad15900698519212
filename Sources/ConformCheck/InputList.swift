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
        let data: Data
        if source == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            data = try Data(contentsOf: URL(fileURLWithPath: source))
        }
        return String(decoding: data, as: UTF8.self)
            .split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
            .map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
            .filter { !$0.allSatisfy(\.isWhitespace) }
    }
}
