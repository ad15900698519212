#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file atomically: everything goes to a temporary file beside the target, which is
/// synced and renamed over the target only by `finish()`. Until then the target is untouched; if
/// the process dies, at most the temporary file is left, never half a target. `abandon()` (and
/// the command line's signal handler, through `temporaryPath`) removes the temporary file.
public final class AtomicFileSink: OutputSink {
    public let path: String
    public let temporaryPath: String
    private var descriptor: Int32
    private var finished = false

    public init(path: String) throws(OutputError) {
        self.path = path
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        guard !name.isEmpty else { throw OutputError("--output \(path) names a directory, not a file") }
        var template = Array("\(directory).\(name).tmp-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return -1 }
            return mkstemp(base)
        }
        guard fd >= 0 else { throw OutputError("cannot create a temporary file beside \(path): \(String(cString: strerror(errno)))") }
        descriptor = fd
        temporaryPath = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        fchmod(fd, 0o644)
    }

    deinit { abandon() }

    public func write(_ bytes: [UInt8]) throws(OutputError) {
        guard !finished else { throw OutputError("\(path) is already complete") }
        do {
            try writeAll(descriptor, bytes, what: temporaryPath)
        } catch {
            abandon()
            throw error
        }
    }

    public func finish() throws(OutputError) {
        guard !finished else { return }
        if fsync(descriptor) != 0 {
            let reason = String(cString: strerror(errno))
            abandon()
            throw OutputError("cannot write \(path): \(reason)")
        }
        close(descriptor)
        descriptor = -1
        if rename(temporaryPath, path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporaryPath)
            finished = true
            throw OutputError("cannot move the finished output into place at \(path): \(reason)")
        }
        finished = true
    }

    /// Removes the temporary file; the target is left as it was.
    public func abandon() {
        guard !finished else { return }
        finished = true
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
        unlink(temporaryPath)
    }
}
