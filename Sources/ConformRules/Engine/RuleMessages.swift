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
    /// The verdicts a judgement decides (their leads are made ahead).
    private static let decided: [Verdict] = [.pass, .conditionalPass, .conditionalFail, .fail]
    /// Per decided verdict: its lead (`met: `), and the lead with the title and `: found ` after
    /// it. Written as one piece each instead of four.
    private let leads: [String]
    private let leadsFound: [String]
    /// `; required at least 100 Ohm/V` for each limit the rule's requirement compares with a
    /// constant (made when the rule was compiled), by the limit's identity (the limit is held,
    /// so that no other object can take its address while it is a key).
    private let required: [ObjectIdentifier: (limit: Limit, text: String)]

    init(rule: Rule, words: EngineText) {
        self.words = words
        title = rule.title.text(words.language)
        template = rule.template(words.language)
        uncertainty = rule.confidence == .uncertain ? rule.uncertainty?.text(words.language) : nil
        var leads: [String] = [], leadsFound: [String] = []
        for verdict in Self.decided {
            var lead = StringSink()
            words.verdictLead(verdict, into: &lead)
            var found = StringSink()
            words.found(title, "", required: nil, into: &found)
            leads.append(lead.text)
            leadsFound.append(lead.text + found.text)
        }
        self.leads = leads
        self.leadsFound = leadsFound
        var required: [ObjectIdentifier: (limit: Limit, text: String)] = [:]
        for limit in rule.require.limits {
            var text = StringSink()
            words.required(limit, into: &text)
            required[ObjectIdentifier(limit)] = (limit, text.text)
        }
        self.required = required
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
            let found = facts.found ?? ""
            let slot = Self.decided.firstIndex(of: verdict)
            if let template {
                if let slot { sink.write(leads[slot]) } else { words.verdictLead(verdict, into: &sink) }
                template.render(found: found, limit: fields.limit, test: fields.test, sample: fields.sample, into: &sink)
            } else if !found.isEmpty {
                // As `words.verdictLead` and `words.found` write it, with the pieces known ahead
                // written at once.
                if let slot { sink.write(leadsFound[slot]) } else {
                    words.verdictLead(verdict, into: &sink)
                    words.found(title, "", required: nil, into: &sink)
                }
                sink.write(found)
                if let limit = fields.limit {
                    if let known = required[ObjectIdentifier(limit)] { sink.write(known.text) } else { words.required(limit, into: &sink) }
                }
            } else {
                if let slot { sink.write(leads[slot]) } else { words.verdictLead(verdict, into: &sink) }
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
