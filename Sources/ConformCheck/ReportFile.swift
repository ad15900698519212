#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a report's bytes from disk, refusing anything larger than the limit before reading it.
public enum ReportFile {
    public enum Failure: Error, Equatable {
        case io(String)
        case tooLarge(size: Int, limit: Int)
    }

    public static func read(_ path: String, maxBytes: Int) throws(Failure) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .io("cannot open \(path): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw .io("cannot stat \(path): \(String(cString: strerror(errno)))") }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw .io("\(path) is not a regular file") }
        let size = Int(info.st_size)
        if size > maxBytes { throw .tooLarge(size: size, limit: maxBytes) }
        // Read up to one byte past the limit: a file that grows while being read is still bounded.
        var bytes = [UInt8](repeating: 0, count: size + 1)
        var total = 0
        while total < bytes.count {
            let count = bytes.withUnsafeMutableBytes { buffer in
                Glibc.read(descriptor, buffer.baseAddress.map { $0 + total }, buffer.count - total)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw .io("cannot read \(path): \(String(cString: strerror(errno)))")
            }
            if count == 0 { break }
            total += count
            if total > maxBytes { throw .tooLarge(size: total, limit: maxBytes) }
            if total == bytes.count { bytes.append(contentsOf: repeatElement(0, count: 65_536)) }
        }
        bytes.removeSubrange(total...)
        return bytes
    }
}
