import ConformBTR
import ConformFindings
import ConformModel
import ConformXML

/// Checks one input: read the bytes once, hash them, decode, evaluate, aggregate. Every input,
/// however broken, yields exactly one `ReportOutcome`; nothing here throws or traps.
public struct ReportChecker: Sendable {
    public let decoder: BTRDecoder
    public let evaluator: any ReportEvaluator
    /// The language of the findings about reading the file (the evaluator has its own).
    public let language: Language

    public init(decoder: BTRDecoder, evaluator: any ReportEvaluator, language: Language = .en) {
        self.decoder = decoder
        self.evaluator = evaluator
        self.language = language
    }

    public func check(_ input: CheckInput) -> ReportOutcome {
        switch read(input) {
        case .finished(let outcome): outcome
        case .read(let path, let bytes): check(bytes: bytes, path: path)
        }
    }

    /// Checks `input` unless `isKnown(path, sha256)` says these very bytes were checked before
    /// (an audit store's reuse): then nil. The bytes are read and hashed either way; only the
    /// decoding and the rules are skipped. Unreadable inputs are always checked.
    public func check(_ input: CheckInput, unlessKnown isKnown: (_ path: String, _ sha256: String) -> Bool) -> ReportOutcome? {
        switch read(input) {
        case .finished(let outcome):
            return outcome
        case .read(let path, let bytes):
            return bytes.withUnsafeBytes { buffer in
                let sha256 = ReportHash.sha256(buffer)
                return isKnown(path, sha256) ? nil : check(buffer, sha256: sha256, path: path)
            }
        }
    }

    /// An input's bytes, or its outcome already when it cannot be read.
    private enum Reading {
        case read(path: String, bytes: [UInt8])
        case finished(ReportOutcome)
    }

    private func read(_ input: CheckInput) -> Reading {
        let finding: Finding
        let path: String
        switch input {
        case .unreadable(let unreadable, let reason):
            path = unreadable
            finding = Finding(rule: ToolRule.ioError.rawValue, verdict: .error, message: reason)
        case .file(let file):
            path = file
            do {
                return .read(path: file, bytes: try ReportFile.read(file, maxBytes: decoder.reader.limits.maxBytes))
            } catch {
                switch error {
                case .io(let reason):
                    finding = Finding(rule: ToolRule.ioError.rawValue, verdict: .error, message: reason)
                case .tooLarge(let size, let limit):
                    finding = Finding(rule: ToolRule.limitExceeded.rawValue, verdict: .error,
                                      message: "the file is \(size) bytes, more than the \(limit) allowed (limit maxBytes); it was not read")
                }
            }
        }
        return .finished(ReportOutcome(path: path, reportID: nil, sha256: nil, claimed: nil, findings: ReadingText.localize([finding], to: language)))
    }

    public func check(bytes: [UInt8], path: String) -> ReportOutcome {
        bytes.withUnsafeBytes { buffer in check(buffer, sha256: ReportHash.sha256(buffer), path: path) }
    }

    private func check(_ buffer: UnsafeRawBufferPointer, sha256: String, path: String) -> ReportOutcome {
        switch decoder.decode(buffer) {
        case .unreadable(let finding):
            return ReportOutcome(path: path, reportID: nil, sha256: sha256, claimed: nil, findings: ReadingText.localize([finding], to: language))
        case .report(let report, let decodeFindings):
            // The decoder's few findings put in front of the engine's many (adding the two arrays
            // copied every finding, counted up and down).
            var findings = evaluator.evaluate(report)
            findings.insert(contentsOf: ReadingText.localize(decodeFindings, to: language), at: 0)
            return ReportOutcome(path: path, reportID: report.id, sha256: sha256,
                                 claimed: report.conclusion?.value.rawValue, findings: consume findings, facts: Self.facts(of: report),
                                 ruleOrder: evaluator.ruleOrder)
        }
    }

    static func facts(of report: Report) -> ReportFacts {
        let claim = report.standards.first
        return ReportFacts(laboratory: report.laboratory?.name, sampleModel: report.samples.lazy.compactMap(\.model).first,
                           standard: claim?.code, edition: claim?.edition, issued: report.issued?.description)
    }
}
