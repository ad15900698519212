#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where formatted output goes.
public protocol OutputSink: AnyObject {
    func write(_ bytes: [UInt8]) throws(OutputError)
    /// Makes everything written final (for a file: complete and in place).
    func finish() throws(OutputError)
}

public struct OutputError: Error, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Writes to a file descriptor (standard output), all bytes or an error.
public final class DescriptorSink: OutputSink {
    private let descriptor: Int32

    public init(descriptor: Int32) { self.descriptor = descriptor }

    public func write(_ bytes: [UInt8]) throws(OutputError) {
        try writeAll(descriptor, bytes, what: "standard output")
    }

    public func finish() throws(OutputError) {}
}

func writeAll(_ descriptor: Int32, _ bytes: [UInt8], what: String) throws(OutputError) {
    var offset = 0
    while offset < bytes.count {
        let written = bytes.withUnsafeBytes { buffer in
            Glibc.write(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
        }
        if written < 0 {
            if errno == EINTR { continue }
            throw OutputError("cannot write to \(what): \(String(cString: strerror(errno)))")
        }
        offset += written
    }
}
