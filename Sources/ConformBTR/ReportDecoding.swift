import ConformFindings
import ConformModel
import ConformXML

/// Walks the element tree of one `<report>` and builds the model. Element order is not enforced
/// (the XSD does that); cardinalities that matter for reading are.
struct ReportDecoding {
    private var values: ValueReading
    private let tree: XMLTree
    /// The id of BTR-XML's namespace among the document's names (-2, which no element has, when
    /// the document does not use it), and which element each name is (see `BTRElement`): elements
    /// are told apart by number (comparing the namespace URI and the names as strings, element by
    /// element, counted the URI's string up and down each time).
    private let btrNamespace: Int
    private let elementCodes: [UInt8]

    init(tree: XMLTree, units: UnitCatalog, vocabulary: Vocabulary) {
        self.tree = tree
        self.values = ValueReading(tree: tree, units: units, vocabulary: vocabulary)
        btrNamespace = tree.names.firstIndex(of: BTRDecoder.namespace) ?? -2
        elementCodes = BTRElement.table(for: tree.names)
    }

    var findings: [Finding] { values.findings }

    private func isBTR(_ index: Int) -> Bool { tree.namespaceID(of: index) == btrNamespace }

    /// Which BTR-XML element `index` is by its local name (nil for any other name).
    private func element(_ index: Int) -> BTRElement? {
        let id = tree.nameID(of: index)
        return id >= 0 && id < elementCodes.count ? BTRElement(rawValue: elementCodes[id]) : nil
    }

    /// The element's text with surrounding white space removed (nil when empty).
    private func text(_ index: Int) -> String? {
        let text = ValueReading.trimmed(tree.text(of: index))
        return text.isEmpty ? nil : text
    }

    /// The children of `<report>` that may occur once.
    private static let single: Set<String> = ["title", "laboratory", "customer", "manufacturer", "decisionRule", "deviations", "conclusion"]

    mutating func decodeReport() -> Report {
        let root = tree.rootIndex
        var report = Report(location: values.location(root))
        report.id = values.required(.id, of: root)
        report.issued = values.date(.issued, of: root, required: true)
        report.language = values.attribute(.language, of: root)
        var seen: Set<String> = []
        // The lists gathered here and set once (each append through the report's properties
        // went through accessor coroutines with frames on the heap).
        var samples: [Sample] = [], tests: [TestRun] = []
        for child in tree.children(of: root) {
            let name = tree.name(of: child)
            guard isBTR(child) else {
                values.departure("element <\(name)> in namespace \(tree.namespace(of: child) ?? "(none)") is not part of BTR-XML 1 and was ignored", at: child)
                continue
            }
            if Self.single.contains(name) {
                if seen.contains(name) {
                    values.departure("a second <\(name)> was ignored (a report has at most one)", at: child)
                    continue
                }
                seen.insert(name)
            }
            switch element(child) {
            case .title: report.title = text(child)
            case .laboratory: report.laboratory = party(child)
            case .customer: report.customer = party(child)
            case .manufacturer: report.manufacturer = party(child)
            case .standard: if let claim = standard(child) { report.standards.append(claim) }
            case .decisionRule: report.decisionRule = values.choice(.kind, of: child, as: DecisionRuleKind.self, required: true)
            case .deviations: report.deviations = text(child) ?? ""
            case .externalProvider:
                let tests = (values.attribute(.tests, of: child) ?? "").split(whereSeparator: { $0.isWhitespace }).map(String.init)
                report.externalProviders.append(ExternalProvider(name: values.attribute(.name, of: child), tests: tests, source: values.location(child)))
            case .sample: if let sample = sample(child) { samples.append(sample) }
            case .test: if let test = test(child) { tests.append(test) }
            case .conclusion: report.conclusion = claimed(child, allowNotTested: false, test: nil)
            case .statement:
                if let kind = values.required(.kind, of: child) {
                    report.statements.append(Statement(kind: kind, source: values.location(child)))
                }
            case .signatory:
                let signatoryName = values.required(.name, of: child)
                let title = values.required(.title, of: child)
                let date = values.date(.date, of: child)
                if let signatoryName, let title {
                    report.signatories.append(Signatory(name: signatoryName, title: title, date: date, source: values.location(child)))
                }
            default:
                values.departure("element <\(name)> is not part of BTR-XML 1 and was ignored", at: child)
            }
        }
        report.samples = samples
        report.tests = tests
        if report.standards.isEmpty {
            values.unreadable("the report names no <standard>: at least one is required, so no rule set can be chosen", at: root, name: "standard")
        }
        if report.samples.isEmpty {
            values.unreadable("the report describes no <sample>: at least one is required", at: root, name: "sample")
        }
        resolveTestReferences(&report)
        return report
    }

    private func party(_ index: Int) -> Party {
        Party(name: values.attribute(.name, of: index), address: values.attribute(.address, of: index),
              location: values.attribute(.location, of: index), phone: values.attribute(.phone, of: index),
              email: values.attribute(.email, of: index), website: values.attribute(.website, of: index),
              accreditation: values.attribute(.accreditation, of: index), source: values.location(index))
    }

    private mutating func standard(_ index: Int) -> StandardClaim? {
        let code = values.required(.code, of: index)
        let edition = values.required(.edition, of: index)
        guard let code, let edition else { return nil }
        return StandardClaim(code: ValueReading.trimmed(code), edition: ValueReading.trimmed(edition),
                             amendment: values.attribute(.amendment, of: index).map(ValueReading.trimmed), source: values.location(index))
    }

    private mutating func sample(_ index: Int) -> Sample? {
        guard let id = values.required(.id, of: index) else { return nil }
        // Read into local variables and made at once (see `TestRun`'s initializer of all parts).
        let level = values.choice(.level, of: index, as: Sample.Level.self, required: true)
        let chemistry = values.attribute(.chemistry, of: index)
        let model = values.attribute(.model, of: index)
        let serial = values.attribute(.serial, of: index)
        let received = values.date(.received, of: index)
        let state = values.choice(.state, of: index, as: Sample.State.self)
        var description: String?
        var properties: [NamedQuantity] = []
        // Room made once (see `test`).
        var count = 0
        for child in tree.children(of: index) where isBTR(child) && element(child) == .property { count += 1 }
        if count > 1 { properties.reserveCapacity(count) }
        for child in tree.children(of: index) {
            guard isBTR(child) else {
                values.departure("element <\(tree.name(of: child))> is not part of BTR-XML 1 and was ignored", at: child)
                continue
            }
            switch element(child) {
            case .description: description = text(child)
            case .property:
                values.appendNamedQuantity(child, kind: .property, test: nil, to: &properties)
            default: values.departure("element <\(tree.name(of: child))> is not part of a <sample> and was ignored", at: child)
            }
        }
        return Sample(id: id, source: values.location(index), level: level, chemistry: chemistry, model: model, serial: serial,
                      received: received, state: state, description: description, properties: properties)
    }

    private mutating func claimed(_ index: Int, allowNotTested: Bool, test: String?) -> ClaimedVerdict? {
        let written = text(index) ?? ""
        if let value = ClaimedVerdict.Value(rawValue: written), allowNotTested || value != .notTested {
            return ClaimedVerdict(value: value, source: values.location(index))
        }
        let allowed = allowNotTested ? "pass, fail or not-tested" : "pass or fail"
        values.unreadable("<\(tree.name(of: index))>\(written)</\(tree.name(of: index))> is not \(allowed)", at: index, raw: written, test: test)
        return nil
    }

    private mutating func test(_ index: Int) -> TestRun? {
        let id = values.required(.id, of: index)
        let type = values.required(.type, of: index, test: id)
        let sampleID = values.required(.sample, of: index, test: id)
        guard let id, let type, let sampleID else { return nil }
        // Read into local variables and made at once: each part changed through the test's
        // properties went through two accessor coroutines, each with a frame on the heap.
        let standard = values.attribute(.standard, of: index).map(ValueReading.trimmed)
        let clause = values.attribute(.clause, of: index).map(ValueReading.trimmed)
        let start = values.timestamp(.start, of: index, test: id)
        let end = values.timestamp(.end, of: index, test: id)
        var conditions: [NamedQuantity] = [], measurements: [NamedQuantity] = [], observations: [Observation] = []
        var events: [Event] = [], series: [Series] = [], remarks: [String] = []
        var result: ClaimedVerdict?
        var sawResult = false
        // Room made once for the test's values, counted first (grown by appending, each list was
        // allocated and copied again at every doubling: a test has dozens of them).
        var counts = (conditions: 0, measurements: 0, observations: 0)
        for child in tree.children(of: index) where isBTR(child) {
            switch element(child) {
            case .condition: counts.conditions += 1
            case .measurement: counts.measurements += 1
            case .observation: counts.observations += 1
            default: break
            }
        }
        if counts.conditions > 1 { conditions.reserveCapacity(counts.conditions) }
        if counts.measurements > 1 { measurements.reserveCapacity(counts.measurements) }
        if counts.observations > 1 { observations.reserveCapacity(counts.observations) }
        for child in tree.children(of: index) {
            guard isBTR(child) else {
                values.departure("element <\(tree.name(of: child))> is not part of BTR-XML 1 and was ignored", at: child)
                continue
            }
            switch element(child) {
            case .condition:
                values.appendNamedQuantity(child, kind: .condition, test: id, to: &conditions)
            case .measurement:
                values.appendNamedQuantity(child, kind: .measurement, test: id, to: &measurements)
            case .observation:
                if let name = values.required(.name, of: child, test: id) {
                    observations.append(Observation(name: name, value: values.boolean(.value, of: child, test: id),
                                                         at: values.timestamp(.at, of: child, test: id), source: values.location(child)))
                }
            case .event:
                if let name = values.required(.name, of: child, test: id) {
                    events.append(Event(name: name, at: values.timestamp(.at, of: child, required: true, test: id), source: values.location(child)))
                }
            case .series:
                if let one = self.series(child, test: id) { series.append(one) }
            case .result:
                if sawResult {
                    values.departure("a second <result> in test \(id) was ignored", at: child)
                } else {
                    sawResult = true
                    result = claimed(child, allowNotTested: true, test: id)
                }
            case .remark:
                if let remark = text(child) { remarks.append(remark) }
            default:
                values.departure("element <\(tree.name(of: child))> is not part of a <test> and was ignored", at: child)
            }
        }
        return TestRun(id: id, type: ValueReading.trimmed(type), sampleID: ValueReading.trimmed(sampleID), source: values.location(index),
                       standard: standard, clause: clause, start: start, end: end, conditions: conditions, measurements: measurements,
                       observations: observations, events: events, series: series, result: result, remarks: remarks)
    }

    private mutating func series(_ index: Int, test: String) -> Series? {
        let name = values.required(.name, of: index, test: test)
        let unitText = values.required(.unit, of: index, test: test)
        guard let name, let unitText else { return nil }
        let unit = values.unit(unitText, of: index, name: name, test: test)
        let start = values.timestamp(.start, of: index, test: test)
        let interval = values.optionalNumber(.interval, of: index, test: test, positive: true)
        var numbers: [Double] = []
        for token in tree.text(of: index).split(whereSeparator: { $0.isWhitespace }) {
            guard let value = NumberText.parse(String(token)) else {
                values.unreadable("series \(name) holds '\(token)', which is not a number", at: index, name: name, raw: String(token), test: test)
                return nil
            }
            numbers.append(value)
        }
        return Series(name: name, unit: unit, unitText: unitText, start: start, interval: interval, values: numbers, source: values.location(index))
    }

    /// Each test names a sample of the report and, when the report claims exactly one standard,
    /// inherits it.
    private mutating func resolveTestReferences(_ report: inout Report) {
        var sampleIDs: Set<String> = []
        for sample in report.samples where !sampleIDs.insert(sample.id).inserted {
            values.unreadable("sample id '\(sample.id)' is used twice, so the tests that name it are ambiguous",
                              at: elementIndex(of: sample.source), name: "id", raw: sample.id)
        }
        var testIDs: Set<String> = []
        for i in report.tests.indices {
            let test = report.tests[i]
            if !sampleIDs.contains(test.sampleID) {
                values.unreadable("test \(test.id) names sample '\(test.sampleID)', which the report does not describe",
                                  at: elementIndex(of: test.source), name: "sample", raw: test.sampleID, test: test.id)
            }
            if !testIDs.insert(test.id).inserted {
                values.departure("test id '\(test.id)' is used twice; findings for both carry the same test id", at: elementIndex(of: test.source))
            }
            if test.standard == nil, report.standards.count == 1 {
                report.tests[i].standard = report.standards[0].code
            }
        }
    }

    /// The element a source location came from: every location this decoder makes is an element
    /// of its report's outline (anything else points at the root).
    private func elementIndex(of source: SourceLocation) -> Int {
        source.path.outline === values.outline ? source.path.element : tree.rootIndex
    }
}
