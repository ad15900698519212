import ConformFindings

/// Puts a rule's findings into the words a person reads without the rule file: what was required,
/// what was found, in units; what was missing; how sure the rule is. In the run's language: the
/// rule's own title, message and uncertainty in it, the engine's phrases too.
///
/// One per rule, shared by all its findings: each finding carries its facts (`MessageFacts`), and
/// its message is composed from them when it is written. An output format writes the pieces
/// straight into its bytes, so no message string is made per finding; the same `compose` makes
/// `Finding.message`, so every format says the same words.
final class RuleMessages: MessageComposer {
    let words: EngineText
    /// The rule's title, template and uncertainty in the run's language, picked once.
    let title: String
    let template: MessageTemplate?
    /// Why the rule is uncertain, said in messages that are not a pass (nil for a certain rule).
    let uncertainty: String?

    init(rule: Rule, words: EngineText) {
        self.words = words
        title = rule.title.text(words.language)
        template = rule.template(words.language)
        uncertainty = rule.confidence == .uncertain ? rule.uncertainty?.text(words.language) : nil
    }

    func compose<Sink: MessageSink>(_ finding: Finding, facts: MessageFacts, into sink: inout Sink) {
        // Read in place (`fields`), not copied out one property at a time.
        let fields = finding.fields
        if let reason = facts.reason {
            words.notApplicable(title, reason, into: &sink)
            return
        }
        let verdict = fields.verdict
        switch verdict {
        case .incomplete:
            words.undecided(title, missing: facts.missing, into: &sink)
        default:
            words.verdictLead(verdict, into: &sink)
            let found = facts.found ?? ""
            if let template {
                template.render(found: found, limit: fields.limit, test: fields.test, sample: fields.sample, into: &sink)
            } else if !found.isEmpty {
                words.found(title, found, required: fields.limit, into: &sink)
            } else {
                sink.write(title)
            }
        }
        if !facts.notes.isEmpty { words.notes(facts.notes.map { $0.text(words.language) }, into: &sink) }
        // Every finding carries `confidence`; the reason is spelt out where a person must act on it.
        if verdict != .pass, let uncertainty { words.uncertainRule(uncertainty, into: &sink) }
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
