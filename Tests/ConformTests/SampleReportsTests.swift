import ConformBTR
import ConformCheck
import ConformFindings
import ConformRules
import Foundation
import Testing

/// Every sample of TestReports/ with the verdict it must get and, for those that do not pass, the
/// rule (and so the clause) that must be among its failing findings. Written from what each
/// sample was made to show, not from the program's output.
@Suite("Sample reports")
struct SampleReportsTests {
    static let expected: [String: (Verdict, String?)] = [
        "gb38031-2020/cell-complete-pass.xml": (.pass, nil),
        "gb38031-2020/pack-thermal-propagation-alarm-18min.xml": (.pass, nil),
        "gb38031-2020/pack-thermal-propagation-alarm-2min-fail.xml": (.fail, "GB38031-2020/5.2.7b/alarm-5-min-before-hazard"),
        "gb38031-2025/cell-complete-pass.xml": (.pass, nil),
        "gb38031-2025/cell-overcharge-fire-fail.xml": (.fail, "GB38031-2025/5.1.2/hazards"),
        "gb38031-2025/pack-bottom-impact-140J-fail.xml": (.fail, "GB38031-2025/5.2.16/impact"),
        "gb38031-2025/pack-complete-pass.xml": (.pass, nil),
        "gb38031-2025/pack-crush-stopped-early-fail.xml": (.fail, "GB38031-2025/5.2.4/crush"),
        "gb38031-2025/pack-missing-salt-spray-incomplete.xml": (.incomplete, "GB38031-2025/required-tests"),
        "gb38031-2025/pack-thermal-propagation-late-alarm-fail.xml": (.fail, "GB38031-2025/5.2.7b/alarm-within-5-min"),
        "gb38031-2025/pack-vibration-insulation-fail.xml": (.fail, "GB38031-2025/5.2.1/insulation"),
        "gb38031-2025/system-complete-pass.xml": (.pass, nil),
        "iso17025/cell-report-content-fail.xml": (.fail, "ISOIEC17025-2017/7.8.2.1/l-statement"),
        "un38.3-rev7-amend1/battery-complete-pass.xml": (.pass, nil),
        "un38.3-rev7-amend1/battery-t3-ocv-drop-fail.xml": (.fail, "UN38.3-Rev.7+Amend.1/38.3.4.3/ocv"),
        "un38.3-rev8/cell-complete-pass.xml": (.pass, nil),
        "un38.3-rev8/cell-t2-mass-loss-fail.xml": (.fail, "UN38.3-Rev.8/38.3.4.2/mass-loss-1to75g"),
        "un38.3-rev8/cell-t5-overtemperature-fail.xml": (.fail, "UN38.3-Rev.8/38.3.4.5/temperature"),
    ]

    @Test func everySampleGetsItsExpectedVerdictAndFailingClause() throws {
        let library = try TestSupport.library()
        let checker = ReportChecker(decoder: BTRDecoder(units: library.units, vocabulary: library.vocabulary),
                                    evaluator: try RuleEngine(ruleSets: library.ruleSets))
        let samples = try TestSupport.sampleReports()
        let names = samples.map { String($0.path.dropFirst(TestSupport.testReports.path.count + 1)) }
        #expect(Set(names) == Set(Self.expected.keys), "every sample has an expectation here, and every expectation a sample")
        for (url, name) in zip(samples, names) {
            guard let (verdict, rule) = Self.expected[name] else { continue }
            let outcome = checker.check(.file(url.path))
            #expect(outcome.verdict == verdict, "\(name): \(outcome.verdict)")
            let notMet = outcome.findings.filter { $0.severity == .error && $0.verdict != .pass && $0.verdict != .notApplicable }
            if let rule {
                let finding = notMet.first { $0.rule == rule }
                #expect(finding != nil, "\(name): \(rule) is not among \(notMet.map(\.rule))")
                #expect(finding?.clause != nil)
            } else {
                #expect(notMet.isEmpty, "\(name): \(notMet.map(\.message))")
            }
        }
    }

    @Test func everyRuleSetHasACompletePassingSampleAndAFailingOne() throws {
        let library = try TestSupport.library()
        for set in library.ruleSets where !set.manifest.everyReport {
            let prefix = set.manifest.rulePrefix + "/"
            #expect(Self.expected.values.contains { $0.0 == .fail && ($0.1?.hasPrefix(prefix) ?? false) }, "no failing sample for \(set.manifest.id)")
        }
        #expect(Self.expected.filter { $0.value.0 == .pass }.count >= 5)
    }

    @Test func whatIfCommandShowsTheEditionChange() throws {
        let file = "TestReports/gb38031-2020/pack-thermal-propagation-alarm-18min.xml"
        #expect(try TestSupport.runConform(["check", file]).status == 0)
        let whatIf = try TestSupport.runConform(["check", "--standard", "GB 38031@2025", "--format", "text", file])
        #expect(whatIf.status == 1)
        #expect(whatIf.stdoutText.contains("GB38031-2025/5.2.7b/no-fire-explosion"))
    }
}
