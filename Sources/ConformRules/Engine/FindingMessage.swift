import ConformFindings

/// Turns a rule's judgement into the message a person reads without the rule file: what was
/// required, what was found, in units; what was missing; how sure the rule is. In the run's
/// language: the rule's own title, message and uncertainty in it, the engine's phrases too.
///
/// Kept as its facts (a `MessageComposer`) and put into words when written: an output format
/// writes the pieces straight into its bytes, so no message string is made per finding. The same
/// `compose` makes `Finding.message`, so every format says the same words.
final class FindingMessage: MessageComposer {
    let rule: Rule
    let verdict: Verdict
    let judgement: Judgement
    let test: String?
    let sample: String?
    /// Why the rule does not apply, when it does not (the message is then only that).
    let reason: String?
    let words: EngineText

    init(rule: Rule, verdict: Verdict, judgement: Judgement, test: String?, sample: String?, reason: String?, words: EngineText) {
        self.rule = rule
        self.verdict = verdict
        self.judgement = judgement
        self.test = test
        self.sample = sample
        self.reason = reason
        self.words = words
    }

    func compose<Sink: MessageSink>(into sink: inout Sink) {
        let language = words.language
        let title = rule.title.text(language)
        if let reason {
            words.notApplicable(title, reason, into: &sink)
            return
        }
        switch verdict {
        case .incomplete:
            words.undecided(title, missing: judgement.missing, into: &sink)
        default:
            words.verdictLead(verdict, into: &sink)
            let found = judgement.found ?? ""
            if let template = rule.template(language) {
                template.render(found: found, limit: judgement.limit, test: test, sample: sample, into: &sink)
            } else if !found.isEmpty {
                words.found(title, found, required: judgement.limit, into: &sink)
            } else {
                sink.write(title)
            }
        }
        if !judgement.notes.isEmpty { words.notes(judgement.notes.map { $0.text(language) }, into: &sink) }
        // Every finding carries `confidence`; the reason is spelt out where a person must act on it.
        if rule.confidence == .uncertain, verdict != .pass, let why = rule.uncertainty { words.uncertainRule(why.text(language), into: &sink) }
    }

    /// A limit's value and unit, as messages show it: `100 Ohm/V`, or `2` for a count.
    static func limitText(_ limit: Limit, into sink: inout some MessageSink) {
        sink.write(NumberFormatting.text(limit.value))
        if let unit = limit.unit, unit != "1" {
            sink.write(" ")
            sink.write(unit)
        }
    }
}
