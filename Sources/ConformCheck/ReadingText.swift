import ConformFindings

/// The findings of reading a file (unreadable, not XML, not a report, values that cannot be read)
/// in the run's language. Their details quote libxml2, the operating system or the report, which
/// stay as they are; in Chinese a lead in Chinese says what kind of problem it is.
enum ReadingText {
    static func lead(_ rule: ToolRule) -> String? {
        switch rule {
        case .xmlMalformed: "XML 格式不正确"
        case .xmlForbidden: "XML 含有不允许的结构"
        case .notAReport: "不是 BTR-XML 报告"
        case .schema: "数值无法按 BTR-XML 读取"
        case .unitUnknown: "单位不在单位表中"
        case .ioError: "无法读取文件"
        case .limitExceeded: "超出资源限制"
        case .standardUnknown, .editionSuperseded, .claimMismatch: nil
        }
    }

    static func localize(_ findings: [Finding], to language: Language) -> [Finding] {
        guard language == .zh else { return findings }
        return findings.map { finding in
            guard let rule = ToolRule(rawValue: finding.rule), let lead = lead(rule) else { return finding }
            var localized = finding
            localized.message = "\(lead)：\(finding.message)"
            return localized
        }
    }
}
