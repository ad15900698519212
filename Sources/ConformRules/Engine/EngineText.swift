import ConformFindings
import ConformModel

/// Every phrase the engine writes into a finding's message, in English and Chinese (`--lang`).
/// Names from the report or the rule files (test ids, quantities, expressions) stay as written.
struct EngineText {
    let language: Language

    /// Only the chosen language's words are built (most phrases interpolate).
    private func pick(_ en: @autoclosure () -> String, _ zh: @autoclosure () -> String) -> String { language == .zh ? zh() : en() }

    func level(_ level: Sample.Level) -> String {
        guard language == .zh else { return level.rawValue }
        switch level {
        case .cell: return "单体电池"
        case .module: return "电池模块"
        case .pack: return "电池包"
        case .system: return "电池系统"
        case .vehicle: return "整车"
        }
    }

    func levels(_ levels: Set<Sample.Level>) -> String {
        levels.sorted { $0.rawValue < $1.rawValue }.map(level).joined(separator: pick(" or ", "或"))
    }

    // Not applicable, and why.
    func notApplicable(_ title: String, _ reason: String, into sink: inout some MessageSink) {
        sink.write(title)
        sink.write(language == .zh ? "：不适用：" : ": not applicable: ")
        sink.write(reason)
    }
    func noSample(of levels: String) -> String { pick("no sample of level \(levels)", "报告中没有\(levels)试样") }
    func sample(_ id: String, isNot levels: String) -> String { pick("sample \(id) is not a \(levels)", "试样 \(id) 不是\(levels)") }
    func sample(_ id: String, is level: String, ruleFor levels: String) -> String {
        pick("sample \(id) is a \(level); the rule is for \(levels)", "试样 \(id) 是\(level)；本规则适用于\(levels)")
    }
    func conditionFails(_ source: String) -> String { pick("its condition does not hold (\(source))", "适用条件不成立（\(source)）") }
    func exempt(_ source: String) -> String { pick("exempt: the data shows \(source)", "豁免：数据表明 \(source)") }

    // Rule messages.
    func verdict(_ verdict: Verdict) -> String {
        switch verdict {
        case .pass: pick("met", "符合")
        case .conditionalPass: pick("met within the measurement uncertainty", "在测量不确定度范围内符合")
        case .conditionalFail: pick("not met, within the measurement uncertainty", "在测量不确定度范围内不符合")
        case .fail: pick("not met", "不符合")
        case .incomplete: pick("cannot be decided", "无法判定")
        case .notApplicable: pick("not applicable", "不适用")
        case .error: pick("error", "错误")
        }
    }

    func op(_ op: String) -> String {
        switch op {
        case ">=": pick("at least", "不小于")
        case ">": pick("more than", "大于")
        case "<=": pick("at most", "不大于")
        case "<": pick("less than", "小于")
        case "==": pick("exactly", "等于")
        case "!=": pick("other than", "不等于")
        case "within": pick("within", "为")
        default: op
        }
    }

    // Rule messages are written piece by piece into a sink (see `RuleMessages`).

    func undecided(_ title: String, missing: [String], into sink: inout some MessageSink) {
        sink.write(title)
        sink.write(language == .zh ? "：无法判定：缺少 " : ": cannot be decided: missing ")
        if missing.isEmpty { sink.write(pick("data it needs", "所需数据")) }
        write(missing, separator: pick(", ", "、"), into: &sink)
    }

    func found(_ title: String, _ found: String, required limit: Limit?, into sink: inout some MessageSink) {
        sink.write(title)
        sink.write(language == .zh ? "：实测 " : ": found ")
        sink.write(found)
        guard let limit else { return }
        required(limit, into: &sink)
    }

    /// `; required at least 100 Ohm/V`: what `found` writes after the value found.
    func required(_ limit: Limit, into sink: inout some MessageSink) {
        sink.write(language == .zh ? "；要求" : "; required ")
        sink.write(op(limit.op))
        sink.write(" ")
        RuleMessages.limitText(limit, into: &sink)
    }

    /// `met: `, written before the rest of a decided rule's message.
    func verdictLead(_ verdict: Verdict, into sink: inout some MessageSink) {
        sink.write(self.verdict(verdict))
        sink.write(language == .zh ? "：" : ": ")
    }

    func notes(_ notes: [String], into sink: inout some MessageSink) {
        sink.write(language == .zh ? "（" : " (")
        write(notes, separator: pick("; ", "；"), into: &sink)
        sink.write(language == .zh ? "）" : ")")
    }

    func uncertainRule(_ why: String, into sink: inout some MessageSink) {
        sink.write(language == .zh ? " [规则依据不确定：" : " [uncertain rule: ")
        sink.write(why)
        sink.write("]")
    }

    private func write(_ items: [String], separator: String, into sink: inout some MessageSink) {
        for (index, item) in items.enumerated() {
            if index > 0 { sink.write(separator) }
            sink.write(item)
        }
    }

    // The engine's own findings.
    func standardUnknown(_ claim: String, loaded: String) -> String {
        pick("no rule set is loaded for \(claim) (loaded: \(loaded)), so nothing was checked against it",
             "未加载 \(claim) 的规则集（已加载：\(loaded)），因此未按其检查任何内容")
    }

    func test(_ id: String, namesUndeclared standard: String) -> String {
        pick("test \(id) names the standard \(standard), which the report does not declare in a <standard> element, so none of its results were checked",
             "试验 \(id) 指明的标准 \(standard) 未在报告的 <standard> 元素中声明，因此其结果均未检查")
    }

    func testNamesNoStandard(_ id: String) -> String {
        pick("test \(id) names no standard and the report declares several, so none of its results were checked; add standard=\"…\" to the test",
             "试验 \(id) 未指明标准，而报告声明了多个标准，因此其结果均未检查；请为该试验加上 standard=\"…\"")
    }

    func allRequiredTests(_ edition: String, levels: [String]) -> String {
        pick("every test \(edition) requires of a \(levels.joined(separator: " and ")) is in the report",
             "报告包含 \(edition) 对\(levels.joined(separator: "和"))要求的全部试验")
    }

    func missingTests(_ edition: String, _ missing: [String]) -> String {
        pick("the report lacks tests that \(edition) requires: \(missing.joined(separator: ", "))",
             "报告缺少 \(edition) 要求的试验：\(missing.joined(separator: "、"))")
    }

    func missingTest(_ alternatives: [String], level: String) -> String {
        "\(alternatives.joined(separator: pick(" or ", "或")))\(pick(" (\(level))", "（\(level)）"))"
    }

    func superseded(_ edition: String, from withdrawn: String, asOf: String?, issued: String, successor: String?) -> String {
        let basis = asOf.map { pick("as of \($0)", "以 \($0) 计") } ?? pick("the report was issued \(issued)", "报告签发于 \(issued)")
        let next = successor.map { pick("; the edition in force is \($0)", "；现行版本为 \($0)") } ?? ""
        return pick("\(edition) is no longer accepted for new type approvals from \(withdrawn) (\(basis))\(next)",
                    "自 \(withdrawn) 起，\(edition) 不再用于新车型的型式批准（\(basis)）\(next)")
    }

    func claimMismatch(test: String?, claimed: String, computed: String) -> String {
        let what = test.map { pick("test \($0)", "试验 \($0) ") } ?? pick("the report's conclusion", "报告结论")
        return pick("\(what) claims \(claimed), but the data gives \(computed)", "\(what)声称 \(claimed)，但数据得出 \(computed)")
    }
}
