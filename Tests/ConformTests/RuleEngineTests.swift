import ConformBTR
import ConformCheck
import ConformFindings
import ConformModel
import ConformRules
import Foundation
import Testing

@Suite("Rule engine")
struct RuleEngineTests {
    let library: RulesLibrary
    let decoder: BTRDecoder

    init() throws {
        library = try TestSupport.library()
        decoder = BTRDecoder(units: library.units, vocabulary: library.vocabulary)
    }

    /// A condition answered without a trace (`level(in:)`, how the engine asks `when` and
    /// `exempt` first) gives the level its full judgement gives, for every expression of every
    /// rule, on every test, sample and report of the sample reports, under both decision rules.
    @Test func aConditionsAnswerWithoutATraceIsItsJudgementsLevel() throws {
        var compared = 0, mismatches: [String] = []
        for url in try TestSupport.sampleReports() {
            guard case .report(let report, _) = decoder.decode(try TestSupport.bytes(url)) else { continue }
            for decisionRule in [DecisionRuleKind.simple, .guarded] {
                var contexts = [EvaluationContext(report: report, test: nil, sample: report.samples.first, decisionRule: decisionRule)]
                contexts += report.samples.map { EvaluationContext(report: report, test: nil, sample: $0, decisionRule: decisionRule) }
                contexts += report.tests.map { test in
                    EvaluationContext(report: report, test: test, sample: report.sample(id: test.sampleID), decisionRule: decisionRule)
                }
                for set in library.ruleSets {
                    for rule in set.rules {
                        for expression in [rule.when, rule.exempt, rule.require].compactMap({ $0 }) {
                            for context in contexts {
                                let quiet = expression.level(in: context)
                                let full = expression.judge(in: context)
                                compared += 1
                                if quiet != full.level { mismatches.append("\(rule.id) \(url.lastPathComponent): \(quiet) vs \(full.level)") }
                                // The full judgement after a quiet answer still keeps its trace.
                                if full.level == .unknown, full.missing.isEmpty { mismatches.append("\(rule.id): unknown without missing data") }
                            }
                        }
                    }
                }
            }
        }
        #expect(compared > 10_000)
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    func report(_ children: String, standard: String = "<standard code=\"GB 38031\" edition=\"2025\"/>", issued: String = "2026-08-01") throws -> Report {
        let text = """
            <report xmlns="urn:conform:battery-test-report:1" id="R" issued="\(issued)">
            \(standard)
            <sample id="P1" level="pack"><property name="ratedCapacity" value="280" unit="A.h"/></sample>
            \(children)
            </report>
            """
        guard case .report(let report, let findings) = decoder.decode(Array(text.utf8)) else { throw TestFailure("not decoded") }
        #expect(findings.isEmpty, "\(findings.map(\.message))")
        return report
    }

    func verdicts(_ report: Report, rule: String, options: EngineOptions = EngineOptions()) throws -> [Verdict] {
        try RuleEngine(ruleSets: library.ruleSets, options: options).evaluate(report).filter { $0.rule == rule }.map(\.verdict)
    }

    func insulation(_ value: String, uncertainty: String? = "5") -> String {
        """
        <test id="T1" type="vibration" sample="P1">
          <measurement name="insulationResistance" value="\(value)" unit="Ohm/V"\(uncertainty.map { " uncertainty=\"\($0)\"" } ?? "")/>
        </test>
        """
    }

    /// Issue 3: limit >= 100 Ω/V with U = 5 Ω/V.
    @Test(arguments: [("106", Verdict.pass), ("102", .conditionalPass), ("98", .conditionalFail), ("90", .fail),
                      ("105", .pass), ("100", .conditionalPass), ("95", .conditionalFail), ("94.9", .fail)])
    func guardedDecisionRule(value: String, expected: Verdict) throws {
        let guarded = try report("<decisionRule kind=\"guarded\"/>" + insulation(value))
        #expect(try verdicts(guarded, rule: "GB38031-2025/5.2.1/insulation") == [expected])
    }

    @Test(arguments: [("106", Verdict.pass), ("102", .pass), ("100", .pass), ("98", .fail), ("90", .fail)])
    func simpleDecisionRule(value: String, expected: Verdict) throws {
        let simple = try report(insulation(value))
        #expect(try verdicts(simple, rule: "GB38031-2025/5.2.1/insulation") == [expected])
        // --decision-rule overrides the report's own choice.
        let declaredGuarded = try report("<decisionRule kind=\"guarded\"/>" + insulation(value))
        #expect(try verdicts(declaredGuarded, rule: "GB38031-2025/5.2.1/insulation", options: EngineOptions(decisionRule: .simple)) == [expected])
    }

    @Test func guardedWithoutUncertaintyDecidesAsSimpleAndSaysSo() throws {
        let findings = try RuleEngine(ruleSets: library.ruleSets)
            .evaluate(try report("<decisionRule kind=\"guarded\"/>" + insulation("98", uncertainty: nil)))
            .filter { $0.rule == "GB38031-2025/5.2.1/insulation" }
        #expect(findings.map(\.verdict) == [.fail])
        #expect(findings.first?.message.contains("decided as simple") == true)
        #expect(findings.first?.decisionRule == "guarded")
    }

    @Test func findingsCarryTraceability() throws {
        let finding = try #require(try RuleEngine(ruleSets: library.ruleSets).evaluate(try report(insulation("95")))
            .first { $0.rule == "GB38031-2025/5.2.1/insulation" })
        #expect(finding.verdict == .fail)
        #expect(finding.clause == "5.2.1")
        #expect(finding.method == "8.2.1")
        #expect(finding.test == "T1")
        #expect(finding.sample == "P1")
        #expect(finding.ruleset?.id == "GB38031@2025")
        #expect(finding.ruleset?.sha256.count == 64)
        #expect(finding.ruleset?.version == "0.1.0")
        #expect(finding.confidence == "uncertain")
        #expect(finding.decisionRule == "simple")
        #expect(finding.limit == Limit(op: ">=", value: 100, unit: "Ohm/V"))
        let evidence = try #require(finding.evidence.first)
        #expect(evidence.name == "insulationResistance")
        #expect(evidence.value == .number(95))
        #expect(evidence.unit == "Ohm/V")
        #expect(evidence.uncertainty == 5)
        #expect(evidence.line == 5)
        #expect(evidence.xpath == "/report/test[1]/measurement[1]")
        #expect(finding.message.contains("95 Ohm/V"))
        #expect(finding.message.contains("100 Ohm/V"))
        #expect(finding.message.contains("uncertain rule"))
    }

    /// A comparison of instants says what it found: both dates, each as the report writes it.
    @Test func aComparisonOfDatesNamesBothDatesFound() throws {
        let report = try report("""
            <test id="T1" type="vibration" sample="P1" start="2026-08-04T09:00:00+08:00" end="2026-08-05T18:00:00+08:00"/>
            """, issued: "2026-08-01")
        let findings = try RuleEngine(ruleSets: library.ruleSets).evaluate(report)
        let finding = try #require(findings.first { $0.rule == "ISOIEC17025-2017/7.8.2.1/ij-test-before-issue" })
        #expect(finding.verdict == .fail)
        #expect(finding.message.contains(" at 2026-08-05T18:00:00+08:00, "), "\(finding.message)")
        #expect(finding.message.hasSuffix(" at 2026-08-01"), "\(finding.message)")
    }

    @Test func unitsAreConvertedBeforeComparing() throws {
        let kilo = try report("""
            <test id="T1" type="vibration" sample="P1"><measurement name="insulationResistance" value="0.1" unit="kΩ/V"/></test>
            <test id="T2" type="vibration" sample="P1"><measurement name="insulationResistance" value="0.0999" unit="kOhm/V"/></test>
            """)
        #expect(try verdicts(kilo, rule: "GB38031-2025/5.2.1/insulation") == [.pass, .fail])
    }

    @Test func missingDataIsIncompleteAndNamesWhatIsMissing() throws {
        let findings = try RuleEngine(ruleSets: library.ruleSets).evaluate(try report("""
            <test id="T1" type="vibration" sample="P1">
              <observation name="fire" value="false"/>
              <observation name="explosion" value="false"/>
            </test>
            """))
        let insulation = try #require(findings.first { $0.rule == "GB38031-2025/5.2.1/insulation" })
        #expect(insulation.verdict == .incomplete)
        #expect(insulation.message.contains("measurement insulationResistance"))
        let hazards = try #require(findings.first { $0.rule == "GB38031-2025/5.2.1/hazards" })
        #expect(hazards.verdict == .incomplete)
        #expect(hazards.message.contains("observation leakage"))
        #expect(hazards.message.contains("observation rupture"))
        // A known failure decides even when other data is missing.
        let burning = try RuleEngine(ruleSets: library.ruleSets).evaluate(try report("""
            <test id="T1" type="vibration" sample="P1"><observation name="fire" value="true"/></test>
            """))
        #expect(burning.first { $0.rule == "GB38031-2025/5.2.1/hazards" }?.verdict == .fail)
    }

    @Test func levelsDecideApplicability() throws {
        let cellReport = """
            <report xmlns="urn:conform:battery-test-report:1" id="R" issued="2026-08-01">
            <standard code="GB 38031" edition="2025"/>
            <sample id="C1" level="cell"/>
            <test id="T1" type="crush" sample="C1"><observation name="fire" value="false"/><observation name="explosion" value="false"/></test>
            </report>
            """
        guard case .report(let report, _) = decoder.decode(Array(cellReport.utf8)) else { throw TestFailure("not decoded") }
        let findings = try RuleEngine(ruleSets: library.ruleSets).evaluate(report)
        #expect(findings.first { $0.rule == "GB38031-2025/5.1.6/hazards" }?.verdict == .pass)
        #expect(findings.first { $0.rule == "GB38031-2025/5.2.4/hazards" }?.verdict == .notApplicable)
        #expect(findings.first { $0.rule == "GB38031-2025/5.2.4/insulation" }?.verdict == .notApplicable)
    }

    @Test func editionWhatIfAndSupersededEditions() throws {
        let url = TestSupport.testReports.appendingPathComponent("gb38031-2020/pack-thermal-propagation-alarm-18min.xml")
        guard case .report(let report, _) = decoder.decode(try TestSupport.bytes(url)) else { throw TestFailure("not decoded") }
        // Under its own edition the whole report passes: the alarm came 18 min before the fire.
        let own = try RuleEngine(ruleSets: library.ruleSets).evaluate(report)
        #expect(ReportOutcome.aggregate(own) == .pass, "\(own.filter { $0.verdict != .pass && $0.verdict != .notApplicable }.map(\.message))")
        let alarm = try #require(own.first { $0.rule == "GB38031-2020/5.2.7b/alarm-5-min-before-hazard" })
        #expect(alarm.verdict == .pass)
        #expect(alarm.message.contains("18 min"))
        // Checked against the 2025 edition it fails: there must be no fire at all.
        let whatIf = try RuleEngine(ruleSets: library.ruleSets, options: EngineOptions(standard: ("GB38031", "2025"))).evaluate(report)
        #expect(ReportOutcome.aggregate(whatIf) == .fail)
        #expect(whatIf.first { $0.rule == "GB38031-2025/5.2.7b/no-fire-explosion" }?.verdict == .fail)
        #expect(whatIf.first { $0.rule == "GB38031-2025/5.2.7b/alarm-within-5-min" }?.verdict == .pass)
        #expect(whatIf.contains { $0.rule == ToolRule.claimMismatch.rawValue })
        // Issued 2023: the 2020 edition was current. As of 2026-07-01 it no longer is.
        #expect(!own.contains { $0.rule == ToolRule.editionSuperseded.rawValue })
        let later = try RuleEngine(ruleSets: library.ruleSets, options: EngineOptions(asOf: CivilDate(parsing: "2026-07-01"))).evaluate(report)
        let superseded = try #require(later.first { $0.rule == ToolRule.editionSuperseded.rawValue })
        #expect(superseded.severity == .warning)
        #expect(superseded.message.contains("GB 38031@2025"))
        #expect(ReportOutcome.aggregate(later) == .pass, "a warning does not decide the verdict")
        #expect(throws: RuleEngine.SetupError.self) {
            try RuleEngine(ruleSets: library.ruleSets, options: EngineOptions(standard: ("GB 38031", "1999")))
        }
    }

    @Test func missingRequiredTestsAreIncompleteUnlessExempt() throws {
        let tests = "<test id=\"T1\" type=\"vibration\" sample=\"P1\"/>"
        func required(_ properties: String) throws -> Finding? {
            let text = """
                <report xmlns="urn:conform:battery-test-report:1" id="R" issued="2026-08-01">
                <standard code="GB 38031" edition="2025"/>
                <sample id="P1" level="pack">\(properties)</sample>
                \(tests)
                </report>
                """
            guard case .report(let report, _) = decoder.decode(Array(text.utf8)) else { throw TestFailure("not decoded") }
            return try RuleEngine(ruleSets: library.ruleSets).evaluate(report).first { $0.rule == "GB38031-2025/required-tests" }
        }
        let plain = try #require(try required(""))
        #expect(plain.verdict == .incomplete)
        #expect(plain.message.contains("salt-spray (pack)"))
        #expect(plain.message.contains("bottom-impact (pack)"))
        #expect(!plain.message.contains("vibration"))
        let exempt = try #require(try required("<property name=\"vehicleCategoryN\" value=\"1\" unit=\"1\"/><property name=\"groundClearance\" value=\"230\" unit=\"mm\"/>"))
        #expect(!exempt.message.contains("bottom-impact"))
        let low = try #require(try required("<property name=\"vehicleCategoryN\" value=\"1\" unit=\"1\"/><property name=\"groundClearance\" value=\"180\" unit=\"mm\"/>"))
        #expect(low.message.contains("bottom-impact"))
    }

    @Test func testsThatNoDeclaredStandardCoversAreNotSkippedSilently() throws {
        let foreign = try report("<test id=\"T9\" type=\"vibration\" standard=\"UN 38.3\" sample=\"P1\"/>")
        let findings = try RuleEngine(ruleSets: library.ruleSets, options: EngineOptions(reportContent: false)).evaluate(foreign)
        let unassigned = try #require(findings.first { $0.rule == ToolRule.standardUnknown.rawValue && $0.test == "T9" })
        #expect(unassigned.verdict == .incomplete)
        #expect(unassigned.message.contains("does not declare"))
        let two = try report("<test id=\"T1\" type=\"vibration\" sample=\"P1\"/>",
                             standard: "<standard code=\"GB 38031\" edition=\"2025\"/><standard code=\"UN 38.3\" edition=\"Rev.8\"/>")
        let both = try RuleEngine(ruleSets: library.ruleSets, options: EngineOptions(reportContent: false)).evaluate(two)
        #expect(both.contains { $0.rule == ToolRule.standardUnknown.rawValue && $0.test == "T1" && $0.message.contains("names no standard") })
    }

    @Test func unknownStandardIsIncomplete() throws {
        let findings = try RuleEngine(ruleSets: library.ruleSets, options: EngineOptions(reportContent: false))
            .evaluate(try report(insulation("500"), standard: "<standard code=\"IEC 62660-2\" edition=\"2018\"/>"))
        #expect(findings.map(\.rule) == [ToolRule.standardUnknown.rawValue])
        #expect(ReportOutcome.aggregate(findings) == .incomplete)
    }

    @Test func everyRuleHasPassingAndFailingExamplesThatHold() throws {
        let summary = RuleExampleRunner(library: library).run()
        #expect(summary.rules > 0)
        #expect(summary.failures.isEmpty, "\(summary.failures)")
        for set in library.ruleSets {
            for rule in set.rules {
                #expect(rule.examples.contains { $0.verdict.isAcceptable }, "\(rule.id) has no passing example")
                #expect(rule.examples.contains { $0.verdict == .fail || $0.verdict == .conditionalFail }, "\(rule.id) has no failing example")
            }
        }
    }
}
