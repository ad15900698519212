import Foundation
import Testing

/// `--lang zh`: findings' messages in Chinese from the rule files' Chinese texts; the same findings
/// otherwise; rule files must carry both languages.
@Suite("Languages")
struct LanguageTests {
    static func findings(_ run: TestSupport.Run) throws -> [[String: Any]] {
        try TestSupport.jsonObjects(run).filter { $0["kind"] as? String == "finding" }
    }

    @Test func chineseMessagesComeFromTheRuleFilesAndChangeNothingElse() throws {
        let sample = "TestReports/gb38031-2025/pack-vibration-insulation-fail.xml"
        let en = try TestSupport.runConform(["check", "--format", "jsonl", sample])
        let zh = try TestSupport.runConform(["check", "--format", "jsonl", "--lang", "zh", sample])
        #expect(en.status == 1 && zh.status == 1)
        let english = try Self.findings(en), chinese = try Self.findings(zh)
        try #require(english.count == chinese.count && !english.isEmpty)
        for (a, b) in zip(english, chinese) {
            for key in ["rule", "verdict", "test", "line", "clause", "confidence"] {
                #expect("\(a[key] ?? "-")" == "\(b[key] ?? "-")", "\(key)")
            }
        }
        let failing = try #require(chinese.first { $0["rule"] as? String == "GB38031-2025/5.2.1/insulation" && $0["verdict"] as? String == "fail" })
        let message = try #require(failing["message"] as? String)
        // The rule file's message.zh with the values filled in, the verdict and the uncertainty in Chinese.
        #expect(message.hasPrefix("不符合：振动试验后绝缘电阻为 95 Ohm/V；要求至少 100 Ohm/V"), "\(message)")
        #expect(message.contains("[规则依据不确定：二手来源 W"), "\(message)")
        let englishMessage = try #require(english.first { $0["rule"] as? String == "GB38031-2025/5.2.1/insulation" && $0["verdict"] as? String == "fail" }?["message"] as? String)
        #expect(englishMessage.hasPrefix("not met: insulation resistance after the vibration test is 95 Ohm/V; at least 100 Ohm/V is required"))
        // Passes use the Chinese title; the lab's claim, too, is said in Chinese.
        #expect(chinese.contains { ($0["message"] as? String)?.hasPrefix("符合：") == true })
        #expect(chinese.contains { $0["rule"] as? String == "conform/claim-mismatch" && ($0["message"] as? String)?.hasPrefix("报告结论声称 pass") == true })
    }

    @Test func theTextFormatSpeaksTheLanguageToo() throws {
        let sample = "TestReports/gb38031-2025/pack-vibration-insulation-fail.xml"
        let zh = try TestSupport.runConform(["check", "--format", "text", "--lang", "zh", sample]).stdoutText
        #expect(zh.contains(": FAIL (报告 SZEV-2026-0932; 实验室声称 pass;"), "\(zh)")
        #expect(zh.contains("[GB38031-2025/5.2.1/insulation, 条款 5.2.1, 试验 T1, 依据不确定] 不符合："))
        #expect(zh.contains("\n已检查 1 份报告：1 fail。\n"), "\(zh)")
        let en = try TestSupport.runConform(["check", "--format", "text", sample]).stdoutText
        #expect(en.contains(": FAIL (report SZEV-2026-0932; the lab claims pass;") && en.contains("\nChecked 1 report: "))
    }

    @Test func readingProblemsHaveAChineseLead() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { TestSupport.remove(directory) }
        let empty = directory.appendingPathComponent("empty.xml")
        try Data().write(to: empty)
        let run = try TestSupport.runConform(["check", "--format", "jsonl", "--lang", "zh", empty.path, directory.appendingPathComponent("missing.xml").path])
        let messages = try Self.findings(run).compactMap { $0["message"] as? String }
        #expect(messages.contains { $0.hasPrefix("XML 格式不正确：not well-formed XML: the file is empty") }, "\(messages)")
        #expect(messages.contains { $0.hasPrefix("无法读取文件：cannot open ") }, "\(messages)")
    }

    @Test func lintWantsBothLanguages() throws {
        let root = try TestSupport.temporaryDirectory()
        defer { TestSupport.remove(root) }
        let set = root.appendingPathComponent("TEST/1")
        try FileManager.default.createDirectory(at: set, withIntermediateDirectories: true)
        try "standard: TEST\nedition: \"1\"\ntitle: Test standard\nversion: 1.0.0\n"
            .write(to: set.appendingPathComponent("manifest.yaml"), atomically: true, encoding: .utf8)
        try """
            rules:
              - id: TEST-1/1/a
                clause: "1"
                title: English only
                message:
                  en: "found {found}, at least {limit}"
                  zh: "实测 {found}"
                levels: [pack]
                testTypes: [vibration]
                require: measurement.insulationResistance >= 100 Ohm/V
            """.write(to: set.appendingPathComponent("rules.yaml"), atomically: true, encoding: .utf8)
        let lint = try TestSupport.runConform(["rules", "lint", "--rules", root.path])
        #expect(lint.status == 1)
        #expect(lint.stdoutText.contains("TEST-1/1/a has no Chinese title (title.zh)"), "\(lint.stdoutText)")
        #expect(lint.stdoutText.contains("TEST-1/1/a: message.zh has other placeholders than message.en"))
    }
}
