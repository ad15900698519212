import ConformFindings

/// Turns a rule's judgement into the message a person reads without the rule file: what was
/// required, what was found, in units; what was missing; how sure the rule is.
enum FindingMessage {
    static func text(rule: Rule, verdict: Verdict, judgement: Judgement, test: String?, sample: String?) -> String {
        var text: String
        switch verdict {
        case .incomplete:
            let missing = judgement.missing.isEmpty ? "data it needs" : judgement.missing.joined(separator: ", ")
            text = "\(rule.title.en): cannot be decided: missing \(missing)"
        default:
            let limit = judgement.limit.map(limitText) ?? ""
            let found = judgement.found ?? ""
            if let template = rule.template {
                text = template.render(found: found, limit: limit, test: test, sample: sample)
            } else if !found.isEmpty {
                text = "\(rule.title.en): found \(found)" + (limit.isEmpty ? "" : "; required \(judgement.limit.map(opWords) ?? "") \(limit)")
            } else {
                text = rule.title.en
            }
            text = "\(verdictWord(verdict)): " + text
        }
        if !judgement.notes.isEmpty { text += " (\(judgement.notes.joined(separator: "; ")))" }
        // Every finding carries `confidence`; the reason is spelt out where a person must act on it.
        if rule.confidence == .uncertain, verdict != .pass, let why = rule.uncertainty { text += " [uncertain rule: \(why)]" }
        return text
    }

    static func limitText(_ limit: Limit) -> String {
        "\(NumberFormatting.text(limit.value))\(limit.unit.flatMap { $0 == "1" ? nil : " \($0)" } ?? "")"
    }

    static func opWords(_ limit: Limit) -> String {
        switch limit.op {
        case ">=": "at least"
        case ">": "more than"
        case "<=": "at most"
        case "<": "less than"
        case "==": "exactly"
        case "!=": "other than"
        default: limit.op
        }
    }

    static func verdictWord(_ verdict: Verdict) -> String {
        switch verdict {
        case .pass: "met"
        case .conditionalPass: "met within the measurement uncertainty"
        case .conditionalFail: "not met, within the measurement uncertainty"
        case .fail: "not met"
        case .incomplete: "cannot be decided"
        case .notApplicable: "not applicable"
        case .error: "error"
        }
    }
}
