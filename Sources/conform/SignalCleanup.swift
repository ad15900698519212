#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// On SIGINT or SIGTERM, the temporary file of an `--output` still being written is removed, so a
/// stopped run leaves the target as it was: complete or absent, never half written.
/// The handler only calls async-signal-safe functions (unlink, _exit).
enum SignalCleanup {
    /// Up to 16 temporary files (one per output of a run), as C strings for the handler.
    nonisolated(unsafe) private static var pendingTemporaryFiles: [UnsafeMutablePointer<CChar>?] = Array(repeating: nil, count: 16)
    nonisolated(unsafe) private static var count = 0

    static func protect(temporaryFile path: String) {
        guard count < pendingTemporaryFiles.count else { return }
        pendingTemporaryFiles[count] = strdup(path)
        count += 1
        signal(SIGINT, handleSignal)
        signal(SIGTERM, handleSignal)
    }

    static func release() {
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
        for i in 0..<count {
            free(pendingTemporaryFiles[i])
            pendingTemporaryFiles[i] = nil
        }
        count = 0
    }

    fileprivate static func removePending() {
        for i in 0..<count {
            if let path = pendingTemporaryFiles[i] { unlink(path) }
        }
    }
}

private func handleSignal(_ signal: Int32) {
    SignalCleanup.removePending()
    _exit(128 + signal)
}
