/// The inputs of a run, held compactly: every path's bytes in one array and where each ends, so
/// that a run over a list of a million reports keeps a few bytes more per report than the paths
/// themselves (one `String` object each cost about a hundred). An input is made when it is used.
public struct InputSet: Sendable, RandomAccessCollection {
    private var bytes: [UInt8] = []
    private var ends: [Int] = []
    /// Why an input cannot be read, for the few that cannot.
    private var reasons: [Int: String] = [:]

    public init() {}

    public init(_ inputs: some Sequence<CheckInput>) {
        for input in inputs { append(input) }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { ends.count }

    public subscript(index: Int) -> CheckInput {
        let start = index == 0 ? 0 : ends[index - 1]
        let path = bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[start..<ends[index]]), as: UTF8.self) }
        if let reason = reasons[index] { return .unreadable(path: path, reason: reason) }
        return .file(path)
    }

    public mutating func append(_ input: CheckInput) {
        if case .unreadable(_, let reason) = input { reasons[ends.count] = reason }
        bytes.append(contentsOf: input.path.utf8)
        ends.append(bytes.count)
    }
}
