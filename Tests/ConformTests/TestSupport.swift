import ConformRules
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Paths and helpers shared by the tests. Everything is located from this file's place in the
/// checkout, so the tests run from any working directory.
enum TestSupport {
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var fixtures: URL { repositoryRoot.appendingPathComponent("Tests/ConformTests/Fixtures") }
    static var testReports: URL { repositoryRoot.appendingPathComponent("TestReports") }
    static var rules: URL { repositoryRoot.appendingPathComponent("Rules") }
    /// `../shared/corpora`, read in place (never copied into the repository).
    static var corpora: URL { repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/corpora") }

    static func fixture(_ name: String) -> URL { fixtures.appendingPathComponent(name) }

    static func bytes(_ url: URL) throws -> [UInt8] { Array(try Data(contentsOf: url)) }

    /// The repository's rules, loaded once for the whole test run (loading parses every rule file).
    private static let loadedLibrary: Result<RulesLibrary, RulesLoadError> = Result { () throws(RulesLoadError) in
        try RulesLibrary.load(directory: rules.path)
    }

    static func library() throws -> RulesLibrary { try loadedLibrary.get() }

    /// Every `*.xml` under `TestReports/`, sorted.
    static func sampleReports() throws -> [URL] {
        let enumerator = FileManager.default.enumerator(at: testReports, includingPropertiesForKeys: nil)
        var result: [URL] = []
        while let url = enumerator?.nextObject() as? URL {
            if url.pathExtension == "xml" { result.append(url) }
        }
        return result.sorted { $0.path < $1.path }
    }

    /// The `conform` executable that `swift test` built beside the test bundle.
    static var conformExecutable: URL {
        var directory = Bundle.main.bundleURL
        if directory.pathExtension == "xctest" { directory.deleteLastPathComponent() }
        for candidate in [directory, Bundle.main.bundleURL.deletingLastPathComponent()] {
            let url = candidate.appendingPathComponent("conform")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return directory.appendingPathComponent("conform")
    }

    struct Run {
        let status: Int32
        let stdout: Data
        let stderr: String
        var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
        var lines: [String] { stdoutText.split(separator: "\n").map(String.init) }
    }

    /// Runs `conform` with `arguments` from the repository root.
    static func runConform(_ arguments: [String], environment: [String: String] = [:], input: Data? = nil) throws -> Run {
        try run(conformExecutable, arguments, environment: environment, input: input)
    }

    /// Runs any program from the repository root and collects its status and outputs.
    static func run(_ executable: URL, _ arguments: [String], environment: [String: String] = [:], input: Data? = nil) throws -> Run {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = repositoryRoot
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        process.environment = env
        // Standard error goes to a file, standard output through a pipe read to its end: neither
        // can fill up and block the child.
        let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("conform-stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        defer { TestSupport.remove(errorFile) }
        let err = try FileHandle(forWritingTo: errorFile)
        let out = Pipe()
        process.standardOutput = out
        process.standardError = err
        let inputPipe = Pipe()
        process.standardInput = input == nil ? FileHandle.nullDevice : inputPipe
        try process.run()
        if let input {
            inputPipe.fileHandleForWriting.write(input)
            try inputPipe.fileHandleForWriting.close()
        }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try err.close()
        let stderr = (try? Data(contentsOf: errorFile)) ?? Data()
        return Run(status: process.terminationStatus, stdout: stdout, stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// Runs `conform` with `arguments`, its output discarded, and returns its exit status and its
    /// peak resident memory in KB.
    ///
    /// The peak is measured by GNU time (`/usr/bin/time -f %M`), a small process that forks
    /// conform and reads its `wait4` usage. Spawned straight from this test process, conform's
    /// `ru_maxrss` would start from this process's own peak (hundreds of MB when the suite runs in
    /// parallel): Linux carries the high-water mark of the memory a child shared with its parent
    /// until `exec` (`posix_spawn` is a `vfork`) into the child's usage.
    static func peakMemory(_ arguments: [String]) throws -> (status: Int32, kilobytes: Int) {
        let time = "/usr/bin/time"
        guard FileManager.default.isExecutableFile(atPath: time) else {
            throw TestFailure("\(time) (Debian's package time) is needed to measure peak memory")
        }
        let directory = try temporaryDirectory()
        defer { remove(directory) }
        let measured = directory.appendingPathComponent("maxrss.txt").path
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv: [UnsafeMutablePointer<CChar>?] = ([time, "-f", "%M", "-o", measured, conformExecutable.path] + arguments)
            .map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        // Under AddressSanitizer, freed memory is held back (quarantined) before reuse, which
        // would look like growth: the child's quarantine is turned off.
        var variables = ProcessInfo.processInfo.environment
        variables["ASAN_OPTIONS"] = [variables["ASAN_OPTIONS"], "quarantine_size_mb=0"].compactMap { $0 }.joined(separator: ":")
        let environment: [UnsafeMutablePointer<CChar>?] = variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { environment.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, time, &actions, nil, argv, environment)
        guard spawned == 0 else { throw TestFailure("posix_spawn \(time): error \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw TestFailure("waitpid: errno \(errno)") }
        }
        // GNU time exits with the command's status, and writes "Command exited with non-zero
        // status N" before the figure when that is not 0.
        let report = String(decoding: try Data(contentsOf: URL(fileURLWithPath: measured)), as: UTF8.self)
        guard let kilobytes = report.split(separator: "\n").last.flatMap({ Int($0) }) else {
            throw TestFailure("\(time) wrote no peak memory: \(report)")
        }
        let exited = status & 0x7f == 0
        return (exited ? (status >> 8) & 0xff : -1, kilobytes)
    }

    /// Parses JSON Lines into dictionaries (failing the test on a line that is not a JSON object).
    static func jsonObjects(_ run: Run) throws -> [[String: Any]] {
        try run.lines.map { line in
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw TestFailure("not a JSON object: \(line)")
            }
            return object
        }
    }

    /// Nil when the two outputs are the same bytes; else where they first differ. (Comparing large
    /// `Data` inside `#expect` makes a failing test compute a diff that takes minutes.)
    static func difference(_ a: Data, _ b: Data) -> String? {
        if a == b { return nil }
        let x = String(decoding: a, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let y = String(decoding: b, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(x.count, y.count) {
            let l = index < x.count ? String(x[index].prefix(300)) : "(end)"
            let r = index < y.count ? String(y[index].prefix(300)) : "(end)"
            if l != r { return "\(a.count) vs \(b.count) bytes; line \(index + 1):\n  \(l)\n  \(r)" }
        }
        return "\(a.count) vs \(b.count) bytes"
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("conform-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Removes a directory made by `temporaryDirectory()`: each test that makes one removes it on
    /// the way out, so test runs leave nothing behind in the system's temporary directory.
    static func remove(_ directory: URL) {
        try? FileManager.default.removeItem(at: directory)
    }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
