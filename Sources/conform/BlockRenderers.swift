import ConformFindings
import ConformOutput

/// One worker's reporters for the block formats, made once and used for every report the worker
/// renders: a reporter's bytes for a report depend on that report alone, and what it caches (the
/// JSON of each rule's shared fields, of each rule set) then serves the whole run.
struct BlockRenderers {
    let language: Language
    private var reporters: [OutputFormat: any FindingsReporter] = [:]

    init(language: Language) {
        self.language = language
    }

    /// The report's bytes in each of `formats`, by format name.
    mutating func render(_ outcome: ReportOutcome, in formats: [OutputFormat]) -> [String: [UInt8]] {
        var blocks: [String: [UInt8]] = [:]
        for format in formats {
            var reporter = reporters.removeValue(forKey: format) ?? format.makeReporter(language: language)
            blocks[format.rawValue] = reporter.format(outcome)
            reporters[format] = reporter
        }
        return blocks
    }
}
