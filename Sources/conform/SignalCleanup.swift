#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// On SIGINT or SIGTERM, the temporary files of the outputs still being written are removed, so a
/// stopped run leaves every target as it was: complete or absent, never half written; and what was
/// done is said on standard error ("interrupted after 1200 of 4000 reports").
/// The handler only calls async-signal-safe functions (unlink, write, _exit) and formats the
/// numbers by hand into a buffer allocated beforehand.
enum SignalCleanup {
    nonisolated(unsafe) static var reportsDone = 0
    nonisolated(unsafe) static var reportsTotal = 0
    nonisolated(unsafe) private static var message = UnsafeMutablePointer<UInt8>.allocate(capacity: 160)

    /// Installs the handlers for a batch of `total` reports.
    static func start(total: Int) {
        reportsTotal = total
        reportsDone = 0
        signal(SIGINT, handleSignal)
        signal(SIGTERM, handleSignal)
        // A parent may have blocked them (the mask is inherited): a user's Ctrl-C must work.
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        sigaddset(&set, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }

    /// Up to 16 temporary files (one per output of a run), as C strings for the handler.
    nonisolated(unsafe) private static var pendingTemporaryFiles: [UnsafeMutablePointer<CChar>?] = Array(repeating: nil, count: 16)
    nonisolated(unsafe) private static var count = 0

    static func protect(temporaryFile path: String) {
        guard count < pendingTemporaryFiles.count else { return }
        pendingTemporaryFiles[count] = strdup(path)
        count += 1
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

    fileprivate static func reportProgress() {
        var length = 0
        func put(_ text: StaticString) {
            text.withUTF8Buffer { bytes in
                for byte in bytes where length < 159 {
                    message[length] = byte
                    length += 1
                }
            }
        }
        func put(_ number: Int) {
            var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
                (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            var value = max(0, number), count = 0
            withUnsafeMutableBytes(of: &digits) { buffer in
                repeat {
                    buffer[count] = UInt8(ascii: "0") + UInt8(value % 10)
                    value /= 10
                    count += 1
                } while value > 0 && count < 20
                while count > 0 && length < 159 {
                    count -= 1
                    message[length] = buffer[count]
                    length += 1
                }
            }
        }
        put("\nconform: interrupted after ")
        put(reportsDone)
        put(" of ")
        put(reportsTotal)
        put(" reports; output files were not written\n")
        _ = write(2, message, length)
    }
}

private func handleSignal(_ signal: Int32) {
    SignalCleanup.removePending()
    SignalCleanup.reportProgress()
    _exit(128 + signal)
}
