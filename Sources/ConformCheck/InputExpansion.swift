#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One thing to check: a file path as the user will see it, or a path that could not be listed.
public enum CheckInput: Sendable, Equatable {
    case file(String)
    /// A path that does not exist or cannot be listed; it still gets its `report` record.
    case unreadable(path: String, reason: String)

    public var path: String {
        switch self {
        case .file(let path), .unreadable(let path, _): path
        }
    }
}

/// Expands command-line paths into inputs, in the order of `findings.md`: paths in the order given;
/// a directory becomes every `*.xml` file below it (any letter case), recursively, in sorted path
/// order (byte order of the UTF-8 path). Hidden entries (names starting with `.`) are skipped.
/// Symbolic links are followed, but a directory already visited (by device and inode) is never
/// entered twice, so link loops end. A file named explicitly is checked whatever its extension.
public enum InputExpansion {
    public static func expand(_ paths: [String]) -> [CheckInput] {
        var result: [CheckInput] = []
        for path in paths { expand(path) { result.append($0) } }
        return result
    }

    /// Expands one path, handing each input to `add` in order.
    public static func expand(_ path: String, into add: (CheckInput) -> Void) {
        var info = stat()
        guard stat(path, &info) == 0 else {
            add(.unreadable(path: path, reason: "cannot open \(path): \(String(cString: strerror(errno)))"))
            return
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            var visited: Set<FileIdentity> = [FileIdentity(info)]
            var found: [CheckInput] = []
            walk(directory: path, visited: &visited, into: &found)
            found.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
            found.forEach(add)
        } else {
            add(.file(path))
        }
    }

    private struct FileIdentity: Hashable {
        let device: UInt64
        let inode: UInt64
        init(_ info: stat) {
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
        }
    }

    private static func walk(directory: String, visited: inout Set<FileIdentity>, into found: inout [CheckInput]) {
        guard let handle = opendir(directory) else {
            found.append(.unreadable(path: directory, reason: "cannot list \(directory): \(String(cString: strerror(errno)))"))
            return
        }
        defer { closedir(handle) }
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name.hasPrefix(".") { continue }
            let path = prefix + name
            var info = stat()
            guard stat(path, &info) == 0 else {
                // A dangling link or an entry that vanished: report it only if it looks like a report.
                if isXMLName(name) {
                    found.append(.unreadable(path: path, reason: "cannot open \(path): \(String(cString: strerror(errno)))"))
                }
                continue
            }
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                if visited.insert(FileIdentity(info)).inserted {
                    walk(directory: path, visited: &visited, into: &found)
                }
            case S_IFREG:
                if isXMLName(name) { found.append(.file(path)) }
            default:
                continue
            }
        }
    }

    static func isXMLName(_ name: String) -> Bool {
        name.count > 4 && name.lowercased().hasSuffix(".xml")
    }
}
