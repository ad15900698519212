import Foundation

/// Finds the bundled `Rules/` directory, so that an installed `conform` works without the source
/// tree. In order:
/// 1. `$CONFORM_RULES`;
/// 2. next to the executable: `<bin>/../share/conform/Rules`, then `<bin>/Rules`;
/// 3. the source checkout this binary was built from (`swift run`, `swift test`).
public enum RulesDirectory {
    public static let environmentVariable = "CONFORM_RULES"

    public static func bundled() -> String? {
        candidates().first { isRulesDirectory($0) }
    }

    static func candidates() -> [String] {
        var result: [String] = []
        if let fromEnvironment = ProcessInfo.processInfo.environment[environmentVariable], !fromEnvironment.isEmpty {
            result.append(fromEnvironment)
        }
        if let executable {
            let bin = executable.deletingLastPathComponent()
            result.append(bin.appendingPathComponent("../share/conform/Rules").standardizedFileURL.path)
            result.append(bin.appendingPathComponent("Rules").path)
        }
        result.append(sourceCheckoutRules)
        return result
    }

    /// The running executable, symbolic links resolved: `/proc/self/exe` where there is one (Linux:
    /// Foundation's main bundle, asked instead, first reads the executable's whole directory,
    /// some 17 M instructions for a directory of 6,700 files), else Foundation's answer.
    static var executable: URL? {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return URL(fileURLWithPath: path).resolvingSymlinksInPath()
        }
        return Bundle.main.executableURL?.resolvingSymlinksInPath()
    }

    /// `<checkout>/Rules`, derived from this file's place in `Sources/ConformRules/Loading/`.
    public static var sourceCheckoutRules: String {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Rules").path
    }

    static func isRulesDirectory(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: (path as NSString).appendingPathComponent("units.yaml"))
    }
}
