import ArgumentParser
import ConformCheck
import Foundation

/// The inputs of a check (this shard's, with each one's position among all the inputs; nil when
/// they are all the inputs, in order), listed on a thread of their own from the moment this is
/// made, so that the listing (a `stat` per path) overlaps the loading of the rules. Paths from
/// `--files-from` are expanded as they are read and kept compactly, so the list costs about its
/// own size in memory.
final class InputListing: @unchecked Sendable {
    // `result` is written once by the listing thread and read after it, both under `condition`
    // (a pthread condition, which ThreadSanitizer follows).
    private let condition = NSCondition()
    private var result: Result<(inputs: InputSet, positions: [Int]?), Failure>?

    /// Why nothing can be checked: said on standard error, exit status 2.
    struct Failure: Error {
        let message: String
    }

    init(paths: [String], filesFrom: String?, shard: String?) {
        let thread = Thread { [self] in
            let listed = Self.list(paths: paths, filesFrom: filesFrom, shard: shard.flatMap(Shard.init))
            condition.lock()
            result = listed
            condition.signal()
            condition.unlock()
        }
        thread.start()
    }

    /// Waits for the listing; a failure is written to standard error and ends the command (2).
    func inputs() throws -> (inputs: InputSet, positions: [Int]?) {
        condition.lock()
        while result == nil { condition.wait() }
        let listed = result ?? .failure(Failure(message: ""))
        condition.unlock()
        switch listed {
        case .success(let listed):
            return listed
        case .failure(let failure):
            FileHandleOutput.standardError(failure.message)
            throw ExitCode(2)
        }
    }

    private static func list(paths: [String], filesFrom: String?, shard: Shard?) -> Result<(inputs: InputSet, positions: [Int]?), Failure> {
        var inputs = InputSet()
        var positions: [Int]? = shard == nil ? nil : []
        var position = 0
        func add(_ input: CheckInput) {
            defer { position += 1 }
            if let shard {
                guard shard.contains(input.path) else { return }
                positions?.append(position)
            }
            inputs.append(input)
        }
        for path in paths { InputExpansion.expand(path, into: add) }
        if let filesFrom {
            do {
                try InputList.forEachPath(in: filesFrom) { InputExpansion.expand($0, into: add) }
            } catch {
                return .failure(Failure(message: "conform: cannot read --files-from \(filesFrom): \(error.localizedDescription)\n"))
            }
        }
        if position == 0 {
            let listed = paths + (filesFrom.map { ["the paths of \($0)"] } ?? [])
            return .failure(Failure(message: "conform: nothing to check: no *.xml file under \(listed.joined(separator: ", "))\n"))
        }
        // A shard may be empty (a small batch split many ways): it is still a run with outputs.
        return .success((inputs, positions))
    }
}
