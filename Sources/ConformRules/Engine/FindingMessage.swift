import ConformFindings

/// Turns a rule's judgement into the message a person reads without the rule file: what was
/// required, what was found, in units; what was missing; how sure the rule is. In the run's
/// language: the rule's own title, message and uncertainty in it, the engine's phrases too.
enum FindingMessage {
    static func text(rule: Rule, verdict: Verdict, judgement: Judgement, test: String?, sample: String?, in words: EngineText) -> String {
        let language = words.language
        let title = rule.title.text(language)
        var text: String
        switch verdict {
        case .incomplete:
            text = words.undecided(title, missing: judgement.missing)
        default:
            let limit = judgement.limit.map(limitText) ?? ""
            let found = judgement.found ?? ""
            if let template = rule.template(language) {
                text = template.render(found: found, limit: limit, test: test, sample: sample)
            } else if !found.isEmpty {
                text = words.found(title, found, required: limit.isEmpty ? nil : "\(judgement.limit.map { words.op($0.op) } ?? "") \(limit)")
            } else {
                text = title
            }
            text = words.withVerdict(verdict, text)
        }
        if !judgement.notes.isEmpty { text += words.notes(judgement.notes.map { $0.text(language) }) }
        // Every finding carries `confidence`; the reason is spelt out where a person must act on it.
        if rule.confidence == .uncertain, verdict != .pass, let why = rule.uncertainty { text += words.uncertainRule(why.text(language)) }
        return text
    }

    static func limitText(_ limit: Limit) -> String {
        "\(NumberFormatting.text(limit.value))\(limit.unit.flatMap { $0 == "1" ? nil : " \($0)" } ?? "")"
    }
}
