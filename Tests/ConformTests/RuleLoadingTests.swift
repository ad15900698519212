import ConformCheck
import ConformRules
import Foundation
import Testing

/// Rule files that must not load, and the examples harness catching a wrong expectation.
@Suite("Rule loading")
struct RuleLoadingTests {
    /// A rules directory with one rule set whose rule file is `rules`.
    func ruleSetDirectory(_ rules: String, manifest: String? = nil) throws -> URL {
        let root = try TestSupport.temporaryDirectory()
        let set = root.appendingPathComponent("TEST/1")
        try FileManager.default.createDirectory(at: set, withIntermediateDirectories: true)
        try (manifest ?? "standard: TEST\nedition: \"1\"\ntitle: Test standard\nversion: 1.0.0\n")
            .write(to: set.appendingPathComponent("manifest.yaml"), atomically: true, encoding: .utf8)
        try rules.write(to: set.appendingPathComponent("rules.yaml"), atomically: true, encoding: .utf8)
        return root
    }

    func rule(require: String, examples: String = "") -> String {
        """
        rules:
          - id: TEST-1/1/a
            clause: "1"
            title: A test rule
            levels: [pack]
            testTypes: [vibration]
            require: \(require)
        \(examples)
        """
    }

    /// The error of loading a directory made by `ruleSetDirectory`, which is removed afterwards.
    func loadError(ofNew directory: URL) throws -> RulesLoadError {
        defer { TestSupport.remove(directory) }
        return try loadError(directory)
    }

    func loadError(_ directory: URL) throws -> RulesLoadError {
        do {
            _ = try RulesLibrary.load(directory: TestSupport.rules.path, extra: [directory.path])
        } catch {
            return error
        }
        throw TestFailure("the rules loaded")
    }

    @Test func temperatureComparedWithResistanceIsRefusedWithFileLineColumn() throws {
        let error = try loadError(ofNew: try ruleSetDirectory(rule(require: "measurement.maxTemperature <= 5 Ohm")))
        #expect(error.file.hasSuffix("TEST/1/rules.yaml"))
        #expect(error.line == 7)
        #expect(error.column == 41, "the column of '<=' in the expression")
        #expect(error.message.contains("cannot compare temperature with resistance"))
    }

    /// The rule sets of a directory load side by side; when several do not load, the error is
    /// always that of the first in order (as if they were loaded one after another).
    @Test func theFirstRuleSetThatDoesNotLoadIsTheOneReported() throws {
        let root = try TestSupport.temporaryDirectory()
        defer { TestSupport.remove(root) }
        for (edition, text) in [("1", "measurement.maxTemperature <= 5 Ohm"), ("2", "measurement.maxTemprature <= 60 Cel"),
                                ("3", "measurement.maxTemperature <= 60 Cel"), ("4", "observation.fire and")] {
            let set = root.appendingPathComponent("TEST/\(edition)")
            try FileManager.default.createDirectory(at: set, withIntermediateDirectories: true)
            try "standard: TEST\nedition: \"\(edition)\"\ntitle: Test standard\nversion: 1.0.0\n"
                .write(to: set.appendingPathComponent("manifest.yaml"), atomically: true, encoding: .utf8)
            try rule(require: text).replacingOccurrences(of: "TEST-1/", with: "TEST-\(edition)/")
                .write(to: set.appendingPathComponent("rules.yaml"), atomically: true, encoding: .utf8)
        }
        for _ in 0..<10 {
            let error = try loadError(root)
            #expect(error.file.hasSuffix("TEST/1/rules.yaml"), "\(error)")
            #expect(error.message.contains("cannot compare temperature with resistance"), "\(error)")
        }
    }

    @Test func unknownVocabularyIsRefused() throws {
        let error = try loadError(ofNew: try ruleSetDirectory(rule(require: "measurement.maxTemprature <= 60 Cel")))
        #expect(error.line == 7)
        #expect(error.column == 14)
        #expect(error.message.contains("'maxTemprature' is not a measurement in the vocabulary"))
    }

    @Test func expressionErrorsInBlockScalarsPointIntoTheBlock() throws {
        let error = try loadError(ofNew: try ruleSetDirectory(rule(require: "|\n      not observation.fire and\n      observation.explosion + 1 Cel")))
        #expect(error.line == 9)
        #expect(error.column == 29)
        #expect(error.message.contains("cannot apply '+'"))
    }

    @Test(arguments: [
        ("measurement.insulationResistance >= 100", "cannot compare resistancePerVoltage with dimensionless"),
        ("observation.fire >= 1", "cannot compare"),
        ("measurement.massBefore / measurement.ocvBefore <= 1", "cannot divide mass by voltage"),
        ("measurement.insulationResistance", "must give yes or no"),
        ("within(condition.ambientTemperature, 22 Cel, 5 V)", "within() needs one dimension"),
        ("frobnicate(1)", "unknown function"),
        ("count(\"juggling\") >= 1", "not a test type"),
        ("not observation.fire and", "ends too early"),
        ("(observation.fire", "expected ')'"),
        ("sample.colour == \"red\"", "not a sample field"),
    ])
    func badExpressionsAreRefused(expression: String, message: String) throws {
        let compiler = try TestSupport.library().compiler
        #expect(throws: ExpressionError.self) { try compiler.compileCondition(expression, scope: .test) }
        do {
            _ = try compiler.compileCondition(expression, scope: .test)
        } catch {
            #expect(error.message.contains(message), "\(error.message)")
        }
    }

    @Test func reportLevelRulesCannotReadTestValues() throws {
        let compiler = try TestSupport.library().compiler
        #expect(throws: ExpressionError.self) { try compiler.compileCondition("observation.fire", scope: .report) }
        _ = try compiler.compileCondition("count(\"vibration\") >= 1", scope: .report)
    }

    @Test func malformedYAMLIsRefusedWithItsPosition() throws {
        let error = try loadError(ofNew: try ruleSetDirectory("rules:\n  - id: TEST-1/1/a\n    clause: \"1\n    title: [unclosed\n"))
        #expect(error.file.hasSuffix("rules.yaml"))
        #expect(error.line != nil && error.column != nil)
        #expect(error.message.hasPrefix("YAML:"))
        let notAList = try loadError(ofNew: try ruleSetDirectory("rules: 42\n"))
        #expect(notAList.message.contains("'rules' must be a list"))
        #expect(notAList.line == 1)
    }

    @Test func unknownKeysWrongTypesAndDuplicateIdsAreRefused() throws {
        let misspelt = try loadError(ofNew: try ruleSetDirectory(rule(require: "not observation.fire").replacingOccurrences(of: "    clause:", with: "    clase:")))
        #expect(misspelt.message.contains("unknown key 'clase'"))
        #expect(misspelt.line == 3)
        let badSeverity = try loadError(ofNew: try ruleSetDirectory(rule(require: "not observation.fire") + "    severity: fatal\n"))
        #expect(badSeverity.message.contains("severity must be error or warning"))
        let badVersion = try loadError(ofNew: try ruleSetDirectory(rule(require: "not observation.fire"),
                                                            manifest: "standard: TEST\nedition: \"1\"\ntitle: T\nversion: one\n"))
        #expect(badVersion.message.contains("semantic"))
        let twice = rule(require: "not observation.fire") + "\n" + rule(require: "not observation.fire").replacingOccurrences(of: "rules:\n", with: "")
        let twiceDirectory = try ruleSetDirectory(twice)
        defer { TestSupport.remove(twiceDirectory) }
        let library = try RulesLibrary.load(directory: TestSupport.rules.path, extra: [twiceDirectory.path])
        #expect(throws: RuleEngine.SetupError.self) { try RuleEngine(ruleSets: library.ruleSets) }
    }

    @Test func theExampleHarnessCatchesAWrongExpectation() throws {
        let examples = """
                examples:
                  - name: no fire, expected (wrongly) to fail
                    verdict: fail
                    report: |
                      <test id="T1" type="vibration" sample="S1"><observation name="fire" value="false"/></test>
            """
        let directory = try ruleSetDirectory(rule(require: "not observation.fire", examples: examples))
        defer { TestSupport.remove(directory) }
        let library = try RulesLibrary.load(directory: TestSupport.rules.path, extra: [directory.path])
        let summary = RuleExampleRunner(library: library).run(only: "TEST-1/1/a")
        #expect(summary.examples == 1)
        #expect(summary.failures.count == 1)
        #expect(summary.failures.first?.problem.contains("expected fail, got pass") == true)
    }

    /// In a block scalar, the column counts the block's indentation once: a deeper line's extra
    /// spaces are already in the scalar's text.
    @Test func errorsInsideBlockScalarsPointAtTheOperator() throws {
        let error = try loadError(ofNew: try ruleSetDirectory(rule(require: """
            |
                  measurement.insulationResistance >= 100 Ohm/V and
                    measurement.maxTemperature <= 5 Ohm
            """)))
        #expect(error.line == 9)
        #expect(error.column == 36, "the <= of line 9")
    }

    @Test func badRuleFilesStopTheCommandWithStatus2() throws {
        let directory = try ruleSetDirectory(rule(require: "measurement.maxTemperature <= 5 Ohm"))
        defer { TestSupport.remove(directory) }
        let run = try TestSupport.runConform(["check", "--rules", directory.path, "TestReports"])
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("rules.yaml:7:41:"), "\(run.stderr)")
        #expect(try TestSupport.runConform(["check", "--standard", "GB 38031@1999", "TestReports"]).status == 2)
    }

    @Test func rulesCommands() throws {
        let list = try TestSupport.runConform(["rules", "list", "--format", "json"])
        #expect(list.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: list.stdout) as? [String: Any])
        let sets = try #require(object["rulesets"] as? [[String: Any]])
        #expect(sets.contains { $0["id"] as? String == "GB38031@2025" })
        let test = try TestSupport.runConform(["rules", "test"])
        #expect(test.status == 0, "\(test.stdoutText)")
        #expect(test.stdoutText.contains(" 0 failed"))
        #expect(try TestSupport.runConform(["rules", "lint"]).status == 0)
        let explain = try TestSupport.runConform(["rules", "explain", "GB38031-2025/5.2.1/insulation"])
        #expect(explain.stdoutText.contains("requires:   measurement.insulationResistance >= 100 Ohm/V"))
        #expect(try TestSupport.runConform(["rules", "explain", "NO/SUCH/RULE"]).status == 2)
    }
}
