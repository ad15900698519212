import ArgumentParser
import ConformFindings
import ConformOutput

/// `--report FORMAT=FILE`.
struct ReportRequest: ExpressibleByArgument {
    let format: OutputFormat
    let path: String

    init?(argument: String) {
        guard let equals = argument.firstIndex(of: "="), let format = OutputFormat(rawValue: String(argument[..<equals])) else { return nil }
        let path = String(argument[argument.index(after: equals)...])
        guard !path.isEmpty else { return nil }
        self.format = format
        self.path = path
    }
}

/// One output of a run: its format, where it goes, and bytes not yet written.
final class Output {
    var reporter: any FindingsReporter
    let sink: any OutputSink
    private var pending: [UInt8] = []

    let format: OutputFormat

    init(format: OutputFormat, passes: Bool, helpURIs: [String: String], language: Language, sink: any OutputSink) {
        self.format = format
        self.reporter = format.makeReporter(passes: passes, helpURIs: helpURIs, language: language)
        self.sink = sink
    }

    func add(_ bytes: [UInt8]) {
        pending.append(contentsOf: bytes)
    }

    func add(_ bytes: [UInt8], flushAt threshold: Int) throws {
        // A large block (a report's JSONL) is written as it is, not copied into the buffer.
        if bytes.count >= threshold {
            if !pending.isEmpty {
                try sink.write(pending)
                pending.removeAll(keepingCapacity: true)
            }
            try sink.write(bytes)
            return
        }
        pending.append(contentsOf: bytes)
        if pending.count >= threshold {
            try sink.write(pending)
            pending.removeAll(keepingCapacity: true)
        }
    }
}
