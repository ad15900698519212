#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// On SIGINT or SIGTERM, the temporary file of an `--output` still being written is removed, so a
/// stopped run leaves the target as it was: complete or absent, never half written.
/// The handler only calls async-signal-safe functions (unlink, _exit).
enum SignalCleanup {
    nonisolated(unsafe) private static var pendingTemporaryFile: UnsafeMutablePointer<CChar>?

    static func protect(temporaryFile path: String) {
        pendingTemporaryFile = strdup(path)
        signal(SIGINT, handleSignal)
        signal(SIGTERM, handleSignal)
    }

    static func release() {
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
        let pending = pendingTemporaryFile
        pendingTemporaryFile = nil
        free(pending)
    }

    fileprivate static func removePending() {
        if let path = pendingTemporaryFile { unlink(path) }
    }
}

private func handleSignal(_ signal: Int32) {
    SignalCleanup.removePending()
    _exit(128 + signal)
}
