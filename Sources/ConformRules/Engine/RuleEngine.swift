import ConformFindings
import ConformModel

/// Judges decoded reports against loaded rule sets. Built once per run, read-only afterwards, so
/// one engine serves every worker thread.
public struct RuleEngine: Sendable {
    public let ruleSets: [RuleSet]
    public let options: EngineOptions
    /// The phrases of findings' messages, in `options.language`.
    let text: EngineText
    /// The rule set every report is checked against with `--standard`.
    private let forced: RuleSet?
    /// For each rule set (by id): its per-test rules by test type, and those for every test.
    private let testRules: [String: (byType: [String: [PlannedRule]], everyTest: [PlannedRule])]
    /// The byte order of every id a finding of this engine can have, for sorting findings.
    public let ruleOrder: RuleOrder?
    /// Every rule as the engine runs it (by rule object), planned once.
    private let plans: [ObjectIdentifier: PlannedRule]

    public enum SetupError: Error, Equatable, CustomStringConvertible {
        case unknownStandard(String, known: [String])
        case duplicateRuleID(String, first: String, second: String)
        public var description: String {
            switch self {
            case .unknownStandard(let wanted, let known):
                "no rule set for \(wanted); loaded: \(known.joined(separator: ", "))"
            case .duplicateRuleID(let id, let first, let second):
                "rule id \(id) is defined twice (\(first) and \(second)); rule ids are unique across all rule sets"
            }
        }
    }

    public init(ruleSets: [RuleSet], options: EngineOptions = EngineOptions()) throws(SetupError) {
        var seen: [String: String] = [:]
        for set in ruleSets {
            for rule in set.rules {
                if let first = seen[rule.id] { throw .duplicateRuleID(rule.id, first: first, second: "\(rule.file):\(rule.line)") }
                seen[rule.id] = "\(rule.file):\(rule.line)"
            }
        }
        self.ruleSets = ruleSets
        self.options = options
        self.text = EngineText(language: options.language)
        var ids = ruleSets.flatMap { $0.rules.map(\.id) } + ToolRule.allCases.map(\.rawValue)
        ids += ruleSets.filter { !$0.manifest.requiredTests.isEmpty }.map { "\($0.manifest.rulePrefix)/required-tests" }
        let ruleOrder = RuleOrder(ruleIDs: ids)
        self.ruleOrder = ruleOrder
        var plans: [ObjectIdentifier: PlannedRule] = [:]
        var testRules: [String: (byType: [String: [PlannedRule]], everyTest: [PlannedRule])] = [:]
        for set in ruleSets {
            var byType: [String: [PlannedRule]] = [:]
            var everyTest: [PlannedRule] = []
            for rule in set.rules {
                let planned = PlannedRule(rule: rule, of: set, orderKey: ruleOrder.precomputedKey(rule.id), text: text)
                plans[ObjectIdentifier(rule)] = planned
                guard rule.scope == .test else { continue }
                if rule.testTypes.contains("*") { everyTest.append(planned); continue }
                for type in rule.testTypes { byType[type, default: []].append(planned) }
            }
            testRules[set.manifest.id] = (byType, everyTest)
        }
        self.plans = plans
        self.testRules = testRules
        if let wanted = options.standard {
            guard let set = ruleSets.first(where: { !$0.manifest.everyReport && $0.matches(code: wanted.code, editionLabel: wanted.edition) }) else {
                throw .unknownStandard("\(wanted.code)@\(wanted.edition)", known: ruleSets.map(\.manifest.id))
            }
            forced = set
        } else {
            forced = nil
        }
    }

    /// Keeps what the evaluation of every report reads until the process ends, uncounted (see
    /// `ProcessLifetime`): each rule, its plan, finding origin and message composer, its
    /// expressions and their limits, each rule set's identity and the rule order. (`keep` is for
    /// tests, which see what would be kept without keeping it.)
    public func keepForProcessLifetime(_ keep: (AnyObject) -> Void = ProcessLifetime.keep) {
        for set in ruleSets { keep(set.identity) }
        ruleOrder?.keepForProcessLifetime(keep)
        for planned in plans.values {
            for object: AnyObject in [planned, planned.rule, planned.origin, planned.messages] { keep(object) }
            for expression in [planned.rule.when, planned.rule.exempt, planned.rule.require].compactMap({ $0 }) {
                keep(expression)
                for limit in expression.limits { keep(limit) }
            }
        }
    }

    public func ruleSet(for claim: StandardClaim) -> RuleSet? {
        ruleSets.first { !$0.manifest.everyReport && $0.matches(code: claim.code, edition: claim.edition, amendment: claim.amendment) }
    }

    /// Every finding for `report`: rule findings of each applicable rule set, tool findings for
    /// unknown standards and superseded editions, and claim mismatches.
    public func evaluate(_ report: Report) -> [Finding] {
        var findings: [Finding] = []
        let decisionRule = options.decisionRule ?? report.decisionRule ?? .simple
        var applicable: [RuleSet] = []
        if let forced {
            applicable = [forced]
        } else {
            for claim in report.standards {
                if let set = ruleSet(for: claim) {
                    if !applicable.contains(where: { $0.manifest.id == set.manifest.id }) { applicable.append(set) }
                } else {
                    findings.append(Finding(
                        rule: ToolRule.standardUnknown.rawValue, verdict: .incomplete,
                        message: text.standardUnknown("\(claim.code)@\(claim.edition)\(claim.amendment.map { "+\($0)" } ?? "")",
                                                      loaded: ruleSets.map(\.manifest.id).joined(separator: ", ")),
                        line: claim.source.line,
                        evidence: [Evidence(name: "standard", value: .text("\(claim.code)@\(claim.edition)"), line: claim.source.line, path: claim.source.path)]))
                }
            }
        }
        if forced == nil {
            unassignedTests(report, into: &findings)
        }
        if options.reportContent {
            applicable += ruleSets.filter(\.manifest.everyReport)
        }
        // One evaluation context per report, sample and test, shared by every rule and rule set
        // that runs on it (one per rule before: two objects each).
        let contexts = Contexts(report: report, decisionRule: decisionRule)
        for set in applicable {
            if let superseded = superseded(set, report: report) { findings.append(superseded) }
            if let required = requiredTests(set, report: report) { findings.append(required) }
            // Each finding appended where it is made (findings gathered in arrays of their own and
            // then added were counted up and down once more each).
            for rule in set.rules where rule.scope != .test {
                evaluate(rule, of: set, on: report, contexts: contexts, into: &findings)
            }
            evaluateTests(of: set, on: report, contexts: contexts, into: &findings)
        }
        findings += claimMismatches(report, findings: findings)
        return findings
    }

    /// Tests that no claimed standard covers would be checked by no rule: say so, never skip
    /// them silently. A test naming a standard the report does not declare, or naming none in a
    /// report that declares several, is `incomplete`.
    private func unassignedTests(_ report: Report, into result: inout [Finding]) {
        let claimed = Set(report.standards.map(\.normalizedCode))
        for test in report.tests {
            let message: String
            if let standard = test.standard {
                guard !claimed.contains(StandardClaim.normalize(standard)) else { continue }
                message = text.test(test.id, namesUndeclared: standard)
            } else {
                guard report.standards.count > 1 else { continue }
                message = text.testNamesNoStandard(test.id)
            }
            result.append(Finding(rule: ToolRule.standardUnknown.rawValue, verdict: .incomplete, message: message, line: test.source.line, test: test.id,
                                  sample: test.sampleID,
                                  evidence: [Evidence(name: "standard", value: test.standard.map { .text($0) }, line: test.source.line, path: test.source.path)]))
        }
    }

    // MARK: rules

    private func evaluate(_ rule: Rule, of set: RuleSet, on report: Report, contexts: Contexts, into result: inout [Finding]) {
        let planned = plan(of: rule, in: set)
        let decisionRule = contexts.decisionRule
        switch rule.scope {
        case .report:
            if !rule.levels.isEmpty, !report.samples.contains(where: { $0.level.map(rule.levels.contains) ?? false }) {
                result.append(finding(planned, verdict: .notApplicable, judgement: Judgement(.unknown), test: nil, sample: nil,
                                      decisionRule: decisionRule, reason: text.noSample(of: text.levels(rule.levels)), near: report.location.line))
                return
            }
            result.append(judge(planned, context: contexts.forReport(), on: Subject(test: nil, sample: nil, line: report.location.line)))
        case .sample:
            let samples = report.samples
            for index in samples.indices {
                let sample = samples[index]
                if !rule.levels.isEmpty, !(sample.level.map(rule.levels.contains) ?? false) {
                    result.append(finding(planned, verdict: .notApplicable, judgement: Judgement(.unknown), test: nil, sample: sample.id,
                                          decisionRule: decisionRule, reason: text.sample(sample.id, isNot: text.levels(rule.levels)),
                                          near: sample.source.line))
                    continue
                }
                result.append(judge(planned, context: contexts.forSample(index, sample),
                                    on: Subject(test: nil, sample: sample.id, line: sample.source.line)))
            }
        case .test:
            return
        }
    }

    /// Every per-test rule of `set` on every test it applies to: each test once, its rules by type.
    private func evaluateTests(of set: RuleSet, on report: Report, contexts: Contexts, into result: inout [Finding]) {
        guard let rules = testRules[set.manifest.id] else { return }
        let code = StandardClaim.normalize(set.manifest.standard)
        let decisionRule = contexts.decisionRule
        let tests = report.tests
        for testIndex in tests.indices {
            let test = tests[testIndex]
            // A test belongs to the rule set of its standard (by default the report's only one);
            // rule sets for every report see every test.
            if !set.manifest.everyReport {
                if let standard = test.standard, !StandardClaim.sameCode(standard, code) { continue }
                if test.standard == nil, forced == nil { continue }
            }
            // One context per test, shared by every rule that runs on it, and what its findings name.
            let context = contexts.forTest(testIndex, test)
            let sample = context.sample
            let subject = Subject(test: test.id, sample: test.sampleID, line: test.source.line)
            let level = sample?.level
            let levelBit = level.map(PlannedRule.bit) ?? 0
            func run(_ list: [PlannedRule]) {
                for planned in list {
                    if planned.levels != 0 {
                        guard let level else {
                            result.append(finding(planned, verdict: .incomplete,
                                                  judgement: Judgement(.unknown, missing: ["the level of sample \(test.sampleID)"]),
                                                  test: subject.test, sample: subject.sample, decisionRule: decisionRule, near: subject.line))
                            continue
                        }
                        if planned.levels & levelBit == 0 {
                            result.append(finding(planned, verdict: .notApplicable, judgement: Judgement(.unknown),
                                                  test: subject.test, sample: subject.sample, decisionRule: decisionRule,
                                                  reason: text.sample(test.sampleID, is: text.level(level), ruleFor: text.levels(planned.rule.levels)),
                                                  near: subject.line))
                            continue
                        }
                    }
                    result.append(judge(planned, context: context, on: subject))
                }
            }
            if let list = rules.byType[test.type] { run(list) }
            run(rules.everyTest)
        }
    }

    /// The evaluation contexts of one report, made when first needed: one for the report, one per
    /// sample and one per test, each shared by every rule and rule set that runs on it.
    private final class Contexts {
        let report: Report
        let decisionRule: DecisionRuleKind
        private var reportContext: EvaluationContext?
        private var sampleContexts: [EvaluationContext?]
        private var testContexts: [EvaluationContext?]

        init(report: Report, decisionRule: DecisionRuleKind) {
            self.report = report
            self.decisionRule = decisionRule
            sampleContexts = Array(repeating: nil, count: report.samples.count)
            testContexts = Array(repeating: nil, count: report.tests.count)
        }

        /// For report rules: the report, and its first sample.
        func forReport() -> EvaluationContext {
            if let known = reportContext { return known }
            let context = EvaluationContext(report: report, test: nil, sample: report.samples.first, decisionRule: decisionRule)
            reportContext = context
            return context
        }

        /// For sample rules: `sample`, the report's sample at `index`.
        func forSample(_ index: Int, _ sample: Sample) -> EvaluationContext {
            if let known = sampleContexts[index] { return known }
            let context = EvaluationContext(report: report, test: nil, sample: sample, decisionRule: decisionRule)
            sampleContexts[index] = context
            return context
        }

        /// For test rules: `test`, the report's test at `index`, and the sample it names.
        func forTest(_ index: Int, _ test: TestRun) -> EvaluationContext {
            if let known = testContexts[index] { return known }
            let context = EvaluationContext(report: report, test: test, sample: report.sample(id: test.sampleID), decisionRule: decisionRule)
            testContexts[index] = context
            return context
        }
    }

    /// What a rule runs on, as its findings name it: the test (per-test rules), the sample, and the
    /// line to point at when no evidence has one. Worked out once per test, not per rule.
    private struct Subject {
        let test: String?
        let sample: String?
        let line: Int
    }

    /// A rule as the engine runs it, worked out once: what its findings share, its sample levels
    /// as bits (a set lookup per rule per test before), and the reasons its `when` and `exempt`
    /// give for not applying (text made per finding before).
    /// (A class: a rule's plan is read for every test it runs on, and a copy of a struct of five
    /// references counted each of them.)
    private final class PlannedRule: Sendable {
        let rule: Rule
        let origin: FindingOrigin
        /// The rule's severity, read here for every finding (through the rule, a counted reference).
        let severity: Severity
        let levels: UInt8
        let conditionFails: String?
        let exemptReason: String?
        /// Puts the rule's findings into words (one per rule, not one per finding).
        let messages: RuleMessages

        init(rule: Rule, of set: RuleSet, orderKey: RuleOrder.Key?, text: EngineText) {
            self.rule = rule
            origin = FindingOrigin(rule: rule.id, title: rule.title.text(text.language), ruleset: set.identity, clause: rule.clause,
                                   method: rule.method, confidence: rule.confidence.rawValue, orderKey: orderKey)
            messages = RuleMessages(rule: rule, words: text)
            severity = rule.severity
            levels = rule.levels.reduce(0) { $0 | Self.bit($1) }
            conditionFails = rule.when.map { text.conditionFails($0.source) }
            exemptReason = rule.exempt.map { text.exempt($0.source) }
        }

        static func bit(_ level: Sample.Level) -> UInt8 {
            UInt8(1) << UInt8(Sample.Level.allCases.firstIndex(of: level) ?? 7)
        }
    }

    /// `rule`'s plan (made here for a rule set the engine was not built with, which does not
    /// happen in a run).
    private func plan(of rule: Rule, in set: RuleSet) -> PlannedRule {
        plans[ObjectIdentifier(rule)] ?? PlannedRule(rule: rule, of: set, orderKey: nil, text: text)
    }

    private func judge(_ planned: PlannedRule, context: EvaluationContext, on subject: Subject) -> Finding {
        let rule = planned.rule
        // Conditions are answered first without a trace (most hold, or do not exempt, and their
        // evidence was thrown away); one that decides the finding is judged again in full.
        if let when = rule.when {
            switch when.level(in: context) {
            case .fail, .conditionalFail:
                return finding(planned, verdict: .notApplicable, judgement: when.judge(in: context), test: subject.test,
                               sample: subject.sample, decisionRule: context.decisionRule, reason: planned.conditionFails, near: subject.line)
            case .unknown:
                return finding(planned, verdict: .incomplete, judgement: when.judge(in: context), test: subject.test,
                               sample: subject.sample, decisionRule: context.decisionRule, near: subject.line)
            default: break
            }
        }
        if let exempt = rule.exempt, exempt.level(in: context) == .pass {
            return finding(planned, verdict: .notApplicable, judgement: exempt.judge(in: context), test: subject.test,
                           sample: subject.sample, decisionRule: context.decisionRule, reason: planned.exemptReason, near: subject.line)
        }
        let judgement = rule.require.judge(in: context)
        let verdict = judgement.level.verdict
        return finding(planned, verdict: verdict, judgement: consume judgement, test: subject.test, sample: subject.sample,
                       decisionRule: context.decisionRule, near: subject.line)
    }

    /// A rule's finding. `near` is the line of what the rule ran on (test, sample or report), used
    /// when no evidence has a line (missing data, a report-level check), so every finding points
    /// somewhere a person can look.
    private func finding(_ planned: PlannedRule, verdict: Verdict, judgement: consuming Judgement, test: String?, sample: String?,
                         decisionRule: DecisionRuleKind, reason: String? = nil, near line: Int) -> Finding {
        let limit = verdict == .notApplicable ? nil : judgement.limit
        let pointsSomewhere = judgement.evidence.contains { $0.line != nil }
        // The judgement's parts move into the finding (their last use): not copied.
        var evidence: [Evidence] = []
        swap(&evidence, &judgement.evidence)
        var facts = MessageFacts(reason: reason)
        swap(&facts.found, &judgement.found)
        swap(&facts.missing, &judgement.missing)
        swap(&facts.notes, &judgement.notes)
        return Finding(origin: planned.origin, verdict: verdict, severity: planned.severity, composer: planned.messages, facts: facts,
                       line: pointsSomewhere ? nil : line, test: test, sample: sample, decisionRule: decisionRule.rawValue, limit: limit,
                       evidence: evidence)
    }

    // MARK: required tests

    /// For each sample level the report describes, the tests the rule set requires of it that no
    /// test of the report (under this standard) performs.
    private func requiredTests(_ set: RuleSet, report: Report) -> Finding? {
        guard !set.manifest.requiredTests.isEmpty else { return nil }
        let code = StandardClaim.normalize(set.manifest.standard)
        var missing: [String] = []
        var checked: [String] = []
        for level in Sample.Level.allCases {
            guard let required = set.manifest.requiredTests[level] else { continue }
            let samples = report.samples.filter { $0.level == level }
            guard !samples.isEmpty else { continue }
            let ids = Set(samples.map(\.id))
            let done = Set(report.tests.filter { test in
                ids.contains(test.sampleID) && (forced != nil || test.standard.map { StandardClaim.sameCode($0, code) } ?? false)
            }.map(\.type))
            checked.append(level.rawValue)
            for entry in required where !entry.alternatives.contains(where: done.contains) {
                // Exempt when the data shows the exemption for every sample of the level.
                if let exempt = entry.exempt, samples.allSatisfy({ sample in
                    exempt.level(in: EvaluationContext(report: report, test: nil, sample: sample, decisionRule: .simple)) == .pass
                }) {
                    continue
                }
                missing.append(text.missingTest(entry.alternatives, level: text.level(level)))
            }
        }
        guard !checked.isEmpty else { return nil }
        let id = "\(set.manifest.rulePrefix)/required-tests"
        let verdict: Verdict = missing.isEmpty ? .pass : .incomplete
        let edition = "\(set.manifest.standard)-\(set.manifest.editionLabel)"
        let message = missing.isEmpty ? text.allRequiredTests(edition, levels: checked) : text.missingTests(edition, missing)
        let line = report.standards.first { set.matches(code: $0.code, edition: $0.edition, amendment: $0.amendment) }?.source.line
            ?? report.location.line
        return Finding(rule: id, verdict: verdict, message: message, line: line, ruleset: set.identity, clause: set.manifest.requiredTestsClause,
                       confidence: Confidence.certain.rawValue)
    }

    // MARK: editions

    /// A report dated on or after the day its edition stopped being accepted for new type
    /// approvals gets a warning naming the edition in force.
    private func superseded(_ set: RuleSet, report: Report) -> Finding? {
        guard let withdrawn = set.manifest.withdrawnForNewTypes, let date = options.asOf ?? report.issued, date >= withdrawn else { return nil }
        let message = text.superseded("\(set.manifest.standard)-\(set.manifest.editionLabel)", from: "\(withdrawn)",
                                      asOf: options.asOf.map { "\($0)" }, issued: "\(date)", successor: set.manifest.supersededBy)
        return Finding(rule: ToolRule.editionSuperseded.rawValue, verdict: .fail, severity: .warning,
                       message: message,
                       line: report.standards.first { set.matches(code: $0.code, edition: $0.edition, amendment: $0.amendment) }?.source.line,
                       ruleset: set.identity)
    }

    // MARK: claims

    /// The lab's `<conclusion>` and each test's `<result>` against the computed verdicts. Only a
    /// decided disagreement counts (claimed pass against fail, claimed fail against pass); a claim
    /// over data that cannot be decided is already `incomplete`.
    private func claimMismatches(_ report: Report, findings: [Finding]) -> [Finding] {
        var result: [Finding] = []
        // The computed verdict of each test: the worst of its rule findings, in one pass. A test
        // with nothing that counts is incomplete, which never makes a mismatch, so it is left out.
        var worst: [String: Verdict] = [:]
        // Findings come test by test: the worst of a run of one test's findings is kept aside and
        // entered once, instead of a table lookup for every finding.
        var run: (test: String, verdict: Verdict)?
        func enter(_ run: (test: String, verdict: Verdict)) {
            if let current = worst[run.test], let currentBadness = current.badness, let badness = run.verdict.badness,
               currentBadness >= badness { return }
            worst[run.test] = run.verdict
        }
        for index in findings.indices where findings[index].severity == .error && findings[index].ruleset != nil {
            let verdict = findings[index].verdict
            guard let test = findings[index].test, let badness = verdict.badness else { continue }
            if let current = run, current.test == test {
                if let currentBadness = current.verdict.badness, currentBadness >= badness { continue }
                run = (test, verdict)
                continue
            }
            if let current = run { enter(current) }
            run = (test, verdict)
        }
        if let current = run { enter(current) }
        for test in report.tests {
            guard let claimed = test.result, claimed.value != .notTested, let computed = worst[test.id] else { continue }
            if let mismatch = mismatch(claimed, computed: computed, test: test.id) { result.append(mismatch) }
        }
        if let conclusion = report.conclusion {
            let computed = ReportOutcome.aggregate(findings, result)
            if let mismatch = mismatch(conclusion, computed: computed, test: nil) { result.append(mismatch) }
        }
        return result
    }

    private func mismatch(_ claimed: ClaimedVerdict, computed: Verdict, test: String?) -> Finding? {
        let computedPass = computed == .pass || computed == .conditionalPass
        let computedFail = computed == .fail || computed == .conditionalFail
        guard (claimed.value == .pass && computedFail) || (claimed.value == .fail && computedPass) else { return nil }
        return Finding(rule: ToolRule.claimMismatch.rawValue, verdict: .fail, severity: .error,
                       message: text.claimMismatch(test: test, claimed: claimed.value.rawValue, computed: computed.rawValue),
                       line: claimed.source.line, test: test,
                       evidence: [Evidence(name: test == nil ? "conclusion" : "result", value: .text(claimed.value.rawValue),
                                           line: claimed.source.line, path: claimed.source.path)])
    }
}
