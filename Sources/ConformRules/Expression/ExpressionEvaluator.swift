import ConformFindings
import ConformModel

/// A value during evaluation. Evidence, missing data and notes do not travel with values: every
/// read reports them to the evaluation's `EvaluationTrace`, so intermediate values stay small.
enum RuntimeValue {
    case quantity(RuntimeQuantity)
    case truth(Truth)
    case instant(seconds: Double, name: String, shown: String)
    case text(String, name: String)
    /// A value that is there, when only whether it is there was asked (`exists(sample.model)`).
    case present
    case missing
}

/// A yes/no answer on its way up the expression: how sure, and the comparison that decided it.
struct Truth {
    var level: Judgement.Level
    var limit: Limit?
    var found: String?

    init(_ level: Judgement.Level, limit: Limit? = nil, found: String? = nil) {
        self.level = level
        self.limit = limit
        self.found = found
    }

    /// `and` (lowest wins) or `or` (highest wins); on a tie, the side with a limit explains best.
    static func combine(_ a: consuming Truth, _ b: consuming Truth, and: Bool) -> Truth {
        let pickA = a.level == b.level ? (a.limit != nil || b.limit == nil) : (and ? a.level < b.level : a.level > b.level)
        // The chosen side is moved, not copied; from the other, at most its limit and value.
        var (result, other) = pickA ? (a, b) : (b, a)
        if result.limit == nil, other.limit != nil {
            result.limit = other.limit
            if result.found == nil { result.found = other.found }
        }
        return result
    }
}

/// A quantity in its dimension's base unit.
struct RuntimeQuantity {
    var base: Double
    /// The same amount as a difference (no °C/K offset), for tolerances.
    var delta: Double
    var dimension: Dimension?
    /// Expanded uncertainty U in base units, when the lab gave one.
    var uncertainty: Double?
    /// The unit and value as written (constants and report values; nil when computed).
    var written: Quantity?
    var isConstant: Bool
    /// The report value's name, for messages.
    var name: String?
}

/// What one evaluation read: evidence (each value once), what was missing, remarks.
final class EvaluationTrace {
    // One judgement at a time uses a trace (its context's, on one thread), and no access to
    // these outlives a call: the run-time exclusivity checks are left out (compile-time remain).
    @exclusivity(unchecked) var evidence: [Evidence] = []
    @exclusivity(unchecked) var missing: [String] = []
    @exclusivity(unchecked) var notes: [JudgementNote] = []
    /// How many values the expression being judged names (room made for its evidence).
    @exclusivity(unchecked) var expectedReads = 3
    /// Whether reads, lacks, notes and the texts of what was found are kept. Off while only the
    /// answer of a condition is wanted (see `CompiledExpression.level(in:)`).
    @exclusivity(unchecked) var recording = true

    /// A value read, made into evidence here (made by the caller and handed over, each one was
    /// copied once more on the way).
    func read(name: consuming String, value: consuming Evidence.Value?, unit: consuming String? = nil, uncertainty: Double? = nil, line: Int?,
              path: consuming DocumentPath?) {
        guard recording else { return }
        // Compared in place, through the buffer: reading `evidence[index].name` from the class's
        // property copied the whole element first (four strings counted up and down).
        // (Nothing to compare with at the first read of a judgement, the usual case: no scan.)
        if !evidence.isEmpty {
            let seen = evidence.withUnsafeBufferPointer { items in
                for index in items.indices where items[index].line == line && items[index].name == name && Self.samePlace(items[index].path, path) {
                    return true
                }
                return false
            }
            if seen { return }
        }
        // Room at the first for every value the expression names (one allocation, not one per
        // doubling: the hazard rules read four or five observations).
        if evidence.capacity == 0 { evidence.reserveCapacity(expectedReads) }
        evidence.append(Evidence(name: name, value: value, unit: unit, uncertainty: uncertainty, line: line, path: path))
    }

    /// Optional paths compared without the generic `Optional` equality (a call through a witness).
    private static func samePlace(_ a: DocumentPath?, _ b: DocumentPath?) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case let (x?, y?): return x == y
        default: return false
        }
    }

    func lack(_ what: consuming String) {
        guard recording else { return }
        if !missing.contains(what) { missing.append(what) }
    }

    func note(_ note: consuming JudgementNote) {
        guard recording else { return }
        if !notes.contains(note) { notes.append(note) }
    }

    func reset() {
        if !evidence.isEmpty { evidence = [] }
        if !missing.isEmpty { missing = [] }
        if !notes.isEmpty { notes = [] }
    }

    /// What the judgement just made read, lacked and noted, moved into `judgement` (swapped, not
    /// copied): the trace is empty afterwards.
    func move(into judgement: inout Judgement) {
        swap(&judgement.evidence, &evidence)
        swap(&judgement.missing, &missing)
        swap(&judgement.notes, &notes)
    }
}

extension CompiledExpression {
    /// Evaluates a yes/no expression. Never throws, never traps: missing or unreadable data gives
    /// an `unknown` judgement naming what was missing.
    public func judge(in context: EvaluationContext) -> Judgement {
        let trace = context.trace
        trace.reset()
        trace.expectedReads = expectedReads
        var truth = context.truth(root)
        // Everything moved into the judgement (swapped), not copied: the truth and the trace are
        // left empty.
        var judgement = Judgement(truth.level)
        swap(&judgement.limit, &truth.limit)
        swap(&judgement.found, &truth.found)
        trace.move(into: &judgement)
        if judgement.level != .unknown {
            judgement.missing = []
        } else if judgement.missing.isEmpty {
            judgement.missing = ["a value"]
        }
        return judgement
    }
}

extension CompiledExpression {
    /// Only the answer of a yes/no expression (a rule's `when` or `exempt`): the same level as
    /// `judge(in:)` gives, without keeping evidence, missing data, notes or found texts. Most
    /// conditions hold and their judgement was thrown away; one that decides a finding is judged
    /// again in full.
    public func level(in context: EvaluationContext) -> Judgement.Level {
        let trace = context.trace
        trace.reset()
        trace.recording = false
        defer { trace.recording = true }
        return context.truth(root).level
    }
}

/// The evaluator: methods of the context they evaluate in, so that the context (and through it the
/// trace) is lent to every call instead of being held by an evaluator value, which counted both up
/// and down for every judgement. Those atomic counts cost far more time than their instructions.
extension EvaluationContext {
    /// A yes/no node's answer. The usual forms are answered here directly, without wrapping and
    /// unwrapping a `RuntimeValue` at every level; each gives what `evaluate` gives, as a truth
    /// (anything that is not one is `unknown`).
    func truth(_ node: ExpressionNode) -> Truth {
        switch node {
        case .observation(let name, let labels):
            return observation(name, labels) ?? Truth(.unknown)
        case .notObservation(let name, let labels):
            return observation(name, labels).map(Self.mirrored) ?? Truth(.unknown)
        case .not(let inner):
            // A missing value is `unknown`, which mirrors to itself.
            return Self.mirrored(truth(inner))
        case .logic(let op, let left, let right):
            return Truth.combine(truth(left), truth(right), and: op == .and)
        case .chain(let op, let links):
            return chain(op, links)
        case .compareToConstant(let op, let left, let constant, let limit):
            return compare(op, evaluate(left), to: constant, limit: limit)
        default:
            if case .truth(let truth) = evaluate(node) { return truth }
            return Truth(.unknown)
        }
    }

    private static func mirrored(_ truth: consuming Truth) -> Truth {
        truth.level = truth.level.mirrored
        return truth
    }

    /// The links of an `and`/`or` chain, left to right, combined as `((a and b) and c) …`.
    private func chain(_ op: BinaryOperator, _ links: [ExpressionNode]) -> Truth {
        guard let first = links.first else { return Truth(.unknown) }
        let and = op == .and
        var result = truth(first)
        for index in links.indices.dropFirst() {
            result = Truth.combine(result, truth(links[index]), and: and)
        }
        return result
    }

    /// An observation's answer, or nil when it is missing or unreadable (said in the trace).
    private func observation(_ name: String, _ labels: NodeLabels) -> Truth? {
        // Found by index and read in place (a copy of the observation counted all its strings).
        guard let index = observations.firstIndex(named: name) else {
            trace.lack(labels.missing)
            return nil
        }
        let value = observations[index].value
        let line = observations[index].source.line
        // (Its arguments made only when kept: see `EvaluationTrace.recording`.)
        if trace.recording { trace.read(name: name, value: value.map { .boolean($0) }, line: line, path: observations[index].source.path) }
        guard let value else {
            trace.lack("\(labels.missing) (unreadable, line \(line))")
            return nil
        }
        return Truth(value ? .pass : .fail, found: value ? labels.yes : labels.no)
    }

    func evaluate(_ node: ExpressionNode) -> RuntimeValue {
        switch node {
        case .constant(let quantity, let base, let delta):
            if let base, let delta {
                return .quantity(RuntimeQuantity(base: base, delta: delta, dimension: quantity.dimension, uncertainty: nil,
                                                 written: quantity, isConstant: true, name: nil))
            }
            return constant(quantity)
        case .boolean(let value):
            return .truth(Truth(value ? .pass : .fail))
        case .text(let text):
            return .text(text, name: text)
        case .field(let field, let label):
            return self.field(field, label: label)
        case .statement(let kind):
            let statement = report.statements.first { $0.kind == kind }
            if let statement, trace.recording { trace.read(name: "statement", value: .text(kind), line: statement.source.line, path: statement.source.path) }
            let found: String? = trace.recording ? (statement != nil ? "statement \(kind) present" : "statement \(kind) absent") : nil
            return .truth(Truth(statement != nil ? .pass : .fail, found: found))
        case .quantityPath(let kind, let name, let missing):
            return quantityPath(kind, name, missing: missing)
        case .observation(let name, let labels):
            return observation(name, labels).map { .truth($0) } ?? .missing
        case .notObservation(let name, let labels):
            // As `not` of the observation: a missing one stays missing.
            return observation(name, labels).map { .truth(Self.mirrored($0)) } ?? .missing
        case .chain(let op, let links):
            return .truth(chain(op, links))
        case .compareToConstant(let op, let left, let constant, let limit):
            return .truth(compare(op, evaluate(left), to: constant, limit: limit))
        case .event(let name):
            guard let event = test?.events(named: name).first else {
                trace.lack("event \(name)")
                return .missing
            }
            if trace.recording { trace.read(name: name, value: event.at.map { .text($0.text) }, line: event.source.line, path: event.source.path) }
            guard let at = event.at else {
                trace.lack("event \(name) (unreadable time, line \(event.source.line))")
                return .missing
            }
            return .instant(seconds: at.secondsSinceEpoch, name: name, shown: at.text)
        case .exists(let kind, let name, let labels):
            let present: Bool
            switch kind {
            // Looked for by index (`condition(_:)` and the like copy the value found).
            case .condition: present = conditions.firstIndex(named: name) != nil
            case .measurement: present = measurements.firstIndex(named: name) != nil
            case .property: present = properties.firstIndex(named: name) != nil
            case .observation: present = observations.firstIndex(named: name) != nil
            case .event: present = !(test?.events(named: name).isEmpty ?? true)
            case .sample, .test, .report: present = false  // compiled as .existsField
            }
            return .truth(Truth(present ? .pass : .fail, found: trace.recording ? (present ? labels.yes : labels.no) : nil))
        case .existsField(let field, let labels):
            let present: Bool
            if case .missing = self.field(field, label: labels.missing, quiet: true) { present = false } else { present = true }
            return .truth(Truth(present ? .pass : .fail, found: trace.recording ? (present ? labels.yes : labels.no) : nil))
        case .count(let type):
            var count = 0
            for test in report.tests where test.type == type { count += 1 }
            if trace.recording { trace.read(name: "count(\(type))", value: .number(Double(count)), line: nil, path: nil) }
            return .quantity(RuntimeQuantity(base: Double(count), delta: Double(count), dimension: .dimensionless, uncertainty: nil,
                                             written: nil, isConstant: false, name: "count(\(type))"))
        case .not(let inner):
            switch evaluate(inner) {
            case .truth(var truth):
                truth.level = truth.level.mirrored
                return .truth(truth)
            case let other:
                return other
            }
        case .logic(let op, let left, let right):
            return .truth(Truth.combine(truth(left), truth(right), and: op == .and))
        case .compare(let op, let left, let right):
            return .truth(compare(op, evaluate(left), evaluate(right)))
        case .arithmetic(let op, let left, let right, let result):
            return arithmetic(op, evaluate(left), evaluate(right), result: result)
        case .negate(let inner):
            guard case .quantity(var q) = evaluate(inner) else { return .missing }
            if let written = q.written, written.unit.offset != 0 {
                // Negating a temperature negates its number in its own unit, not in kelvin.
                let negated = Quantity(-written.value, written.unit)
                q.base = (try? negated.baseValue(ratedCapacity: ratedCapacity)) ?? -q.base
                q.written = negated
            } else {
                q.base = -q.base
                q.written = q.written.map { Quantity(-$0.value, $0.unit) }
            }
            q.delta = -q.delta
            return .quantity(q)
        case .absolute(let inner):
            guard case .quantity(var q) = evaluate(inner) else { return .missing }
            q.base = abs(q.base)
            q.delta = abs(q.delta)
            q.written = q.written.map { Quantity(abs($0.value), $0.unit) }
            return .quantity(q)
        case .within(let x, let centre, let tolerance):
            return .truth(within(evaluate(x), evaluate(centre), evaluate(tolerance)))
        }
    }

    /// A field of the sample, test or report: text, or an instant for dates and times.
    private func field(_ field: Field, label: String, quiet: Bool = false) -> RuntimeValue {
        // The place is read only when a trace records it (a copy of it is a counted reference).
        func text(_ value: String?, _ source: @autoclosure () -> SourceLocation?) -> RuntimeValue {
            guard let value, Self.hasText(value) else {
                if !quiet { trace.lack(label) }
                return .missing
            }
            if quiet { return .present }
            if trace.recording {
                let source = source()
                trace.read(name: label, value: .text(value), line: source?.line, path: source?.path)
            }
            return .text(value, name: label)
        }
        func instant(_ seconds: Double?, _ shown: String?, _ source: @autoclosure () -> SourceLocation?) -> RuntimeValue {
            guard let seconds, let shown else {
                if !quiet { trace.lack(label) }
                return .missing
            }
            if quiet { return .present }
            if trace.recording {
                let source = source()
                trace.read(name: label, value: .text(shown), line: source?.line, path: source?.path)
            }
            return .instant(seconds: seconds, name: label, shown: shown)
        }
        func day(_ date: CivilDate?) -> Double? { date.map { Double($0.daysSinceEpoch * 86_400) } }
        switch field {
        case .sample(let name):
            guard let sample else {
                trace.lack("the sample")
                return .missing
            }
            switch name {
            case .id: return text(sample.id, sample.source)
            case .level: return text(sample.level?.rawValue, sample.source)
            case .state: return text(sample.state?.rawValue, sample.source)
            case .chemistry: return text(sample.chemistry, sample.source)
            case .model: return text(sample.model, sample.source)
            case .serial: return text(sample.serial, sample.source)
            case .description: return text(sample.description, sample.source)
            case .received: return instant(day(sample.received), sample.received?.description, sample.source)
            }
        case .test(let name):
            guard let test else {
                trace.lack("the test")
                return .missing
            }
            switch name {
            case .id: return text(test.id, test.source)
            case .type: return text(test.type, test.source)
            case .result: return text(test.result?.value.rawValue, test.result?.source ?? test.source)
            case .clause: return text(test.clause, test.source)
            case .standard: return text(test.standard, test.source)
            // Each time read once (a read copies it, its text counted).
            case .start: let start = test.start; return instant(start?.secondsSinceEpoch, start?.text, test.source)
            case .end: let end = test.end; return instant(end?.secondsSinceEpoch, end?.text, test.source)
            case .startDate: let start = test.start; return instant(day(start?.localDate), start?.text, test.source)
            case .endDate: let end = test.end; return instant(day(end?.localDate), end?.text, test.source)
            }
        case .report(let name):
            let r = report
            // One party copied, the one asked for (copying all three for every field cost dozens of
            // reference counts).
            func party(_ party: Party?, _ field: (Party) -> String?) -> RuntimeValue { text(party.flatMap(field), party?.source) }
            switch name {
            case .issued: return instant(day(r.issued), r.issued?.description, r.location)
            case .id: return text(r.id, r.location)
            case .title: return text(r.title, r.location)
            case .language: return text(r.language, r.location)
            case .laboratoryName: return party(r.laboratory) { $0.name }
            case .laboratoryAddress: return party(r.laboratory) { $0.address }
            case .laboratoryLocation: return party(r.laboratory) { $0.location }
            case .laboratoryPhone: return party(r.laboratory) { $0.phone }
            case .laboratoryEmail: return party(r.laboratory) { $0.email }
            case .laboratoryWebsite: return party(r.laboratory) { $0.website }
            case .laboratoryAccreditation: return party(r.laboratory) { $0.accreditation }
            case .customerName: return party(r.customer) { $0.name }
            case .customerAddress: return party(r.customer) { $0.address }
            case .customerPhone: return party(r.customer) { $0.phone }
            case .customerEmail: return party(r.customer) { $0.email }
            case .manufacturerName: return party(r.manufacturer) { $0.name }
            case .manufacturerAddress: return party(r.manufacturer) { $0.address }
            case .manufacturerPhone: return party(r.manufacturer) { $0.phone }
            case .manufacturerEmail: return party(r.manufacturer) { $0.email }
            case .manufacturerWebsite: return party(r.manufacturer) { $0.website }
            case .deviations: return text(r.deviations, r.location)
            case .decisionRule: return text(r.decisionRule?.rawValue, r.location)
            case .conclusion: return text(r.conclusion?.value.rawValue, r.conclusion?.source)
            case .signatoryName: return text(r.signatories.first?.name, r.signatories.first?.source)
            case .signatoryTitle: return text(r.signatories.first?.title, r.signatories.first?.source)
            }
        }
    }

    /// Whether `value` has a character other than XML white space (answered at the first byte
    /// for the usual value, which does not start with white space).
    private static func hasText(_ value: String) -> Bool {
        let isSpace = { (byte: UInt8) in byte == 0x20 || byte == 0x09 || byte == 0x0a || byte == 0x0d }
        if let first = value.utf8.first, !isSpace(first) { return true }
        return value.utf8.contains { !isSpace($0) }
    }

    private func constant(_ quantity: Quantity) -> RuntimeValue {
        do {
            let base = try quantity.baseValue(ratedCapacity: ratedCapacity)
            let delta = try Quantity.baseDifference(quantity.value, in: quantity.unit, ratedCapacity: ratedCapacity)
            return .quantity(RuntimeQuantity(base: base, delta: delta, dimension: quantity.dimension, uncertainty: nil,
                                             written: quantity, isConstant: true, name: nil))
        } catch {
            trace.lack("property ratedCapacity (needed for \(quantity.unit.symbol))")
            return .missing
        }
    }

    private func quantityPath(_ kind: PathKind, _ name: String, missing: String) -> RuntimeValue {
        // Found by index and read in place: copying the whole named quantity (five strings and
        // more) for the three or four fields used here cost more than the rest of the read.
        let list: [NamedQuantity]
        switch kind {
        case .condition: list = conditions
        case .measurement: list = measurements
        case .property: list = properties
        case .observation, .event, .sample, .test, .report: list = []
        }
        guard let index = list.firstIndex(named: name) else {
            trace.lack(missing)
            return .missing
        }
        let quantity = list[index].quantity
        let uncertainty = list[index].uncertainty
        if trace.recording {
            let source = list[index].source
            trace.read(name: name, value: quantity.map { .number($0.value) } ?? .text(list[index].valueText),
                       unit: list[index].unitText, uncertainty: uncertainty, line: source.line, path: source.path)
        }
        guard let quantity else {
            trace.lack("\(missing) (unreadable, line \(list[index].source.line))")
            return .missing
        }
        let unit = quantity.unit
        if unit.ratedCurrentHours == nil {
            return .quantity(RuntimeQuantity(base: quantity.value * unit.factor + unit.offset, delta: quantity.value * unit.factor,
                                             dimension: unit.dimension, uncertainty: uncertainty.map { $0 * unit.factor },
                                             written: quantity, isConstant: false, name: name))
        }
        do {
            let base = try quantity.baseValue(ratedCapacity: ratedCapacity)
            let delta = try Quantity.baseDifference(quantity.value, in: unit, ratedCapacity: ratedCapacity)
            let uncertainty = try uncertainty.map { u throws(QuantityError) in
                try Quantity.baseDifference(u, in: unit, ratedCapacity: ratedCapacity)
            }
            return .quantity(RuntimeQuantity(base: base, delta: delta, dimension: unit.dimension, uncertainty: uncertainty,
                                             written: quantity, isConstant: false, name: name))
        } catch {
            trace.lack("property ratedCapacity (needed to convert \(name) in \(unit.symbol))")
            return .missing
        }
    }

    private func arithmetic(_ op: BinaryOperator, _ left: RuntimeValue, _ right: RuntimeValue, result: Dimension?) -> RuntimeValue {
        switch (left, right) {
        case (.instant(let a, let an, _), .instant(let b, let bn, _)):
            let seconds = a - b
            return .quantity(RuntimeQuantity(base: seconds, delta: seconds, dimension: result, uncertainty: nil, written: nil,
                                             isConstant: false, name: "\(an) - \(bn)"))
        case (.quantity(let a), .quantity(let b)):
            if op == .plus || op == .minus, let da = a.dimension, let db = b.dimension, da != db {
                trace.lack("values of one dimension (\(da) and \(db) were given)")
                return .missing
            }
            let value: Double
            let delta: Double
            switch op {
            case .plus: value = a.base + b.delta; delta = a.delta + b.delta
            case .minus: value = a.base - b.base; delta = a.delta - b.delta
            case .times: value = a.base * b.base; delta = value
            default:
                guard b.base != 0 else {
                    trace.lack("a non-zero divisor")
                    return .missing
                }
                value = a.base / b.base
                delta = value
            }
            return .quantity(RuntimeQuantity(base: value, delta: delta, dimension: result ?? a.dimension, uncertainty: nil,
                                             written: nil, isConstant: a.isConstant && b.isConstant, name: a.name ?? b.name))
        default:
            return .missing
        }
    }

    /// A value written in the unit of `reference` (or in base units when there is none).
    static func display(_ q: RuntimeQuantity, in reference: MeasurementUnit?) -> String {
        func shown(_ value: Double, _ unit: MeasurementUnit) -> String {
            unit.symbol == "1" ? NumberFormatting.text(value) : NumberFormatting.text(value, unit: unit.symbol)
        }
        if let written = q.written, reference == nil || written.unit == reference {
            return shown(written.value, written.unit)
        }
        if let reference, reference.ratedCurrentHours == nil {
            // A computed value, in the limit's unit, to four decimals.
            return shown(((q.base - reference.offset) / reference.factor * 1e4).rounded() / 1e4, reference)
        }
        return NumberFormatting.text((q.base * 1e4).rounded() / 1e4)
    }

    private func compare(_ op: BinaryOperator, _ left: RuntimeValue, _ right: RuntimeValue) -> Truth {
        switch (left, right) {
        case (.truth(let a), .truth(let b)):
            guard a.level == .pass || a.level == .fail, b.level == .pass || b.level == .fail else {
                return Truth.combine(a, b, and: true)
            }
            let same = a.level == b.level
            return Truth((op == .equal) == same ? .pass : .fail, found: a.found ?? b.found)
        case (.text(let a, let an), .text(let b, _)):
            return Truth((op == .equal) == (a == b) ? .pass : .fail, found: trace.recording ? Self.joined([an, " = ", a]) : nil)
        case (.instant(let a, let an, let ashown), .instant(let b, let bn, let bshown)):
            return Truth(Self.holds(op, a, b) ? .pass : .fail,
                         found: trace.recording ? Self.joined([an, " at ", ashown, ", ", bn, " at ", bshown]) : nil)
        case (.quantity(var x), .quantity(var limit)):
            var op = op
            if x.isConstant && !limit.isConstant {
                swap(&x, &limit)
                op = op.mirrored
            }
            if let dx = x.dimension, let dl = limit.dimension, dx != dl {
                trace.lack("a value in \(dl) (\(x.name ?? "the value") was given in \(dx))")
                return Truth(.unknown)
            }
            return decide(op, x, limit)
        default:
            return Truth(.unknown)
        }
    }

    /// `x op constant`, as `compare` decides it when the right side is a constant (the constant
    /// is the limit, never swapped), with the limit made at compile time.
    private func compare(_ op: BinaryOperator, _ value: RuntimeValue, to constant: RuntimeQuantity, limit: Limit) -> Truth {
        guard case .quantity(let x) = value else { return Truth(.unknown) }
        if let dx = x.dimension, let dl = constant.dimension, dx != dl {
            trace.lack("a value in \(dl) (\(x.name ?? "the value") was given in \(dx))")
            return Truth(.unknown)
        }
        return Truth(level(op, x, constant), limit: limit, found: trace.recording ? Self.display(x, in: constant.written?.unit) : nil)
    }

    /// The pieces as one string, made at its final size (interpolation grew it piece by piece:
    /// several allocations for one sixty-byte text, and hundreds of such texts per report).
    static func joined(_ pieces: [String]) -> String {
        var total = 0
        for piece in pieces { total += piece.utf8.count }
        return String(unsafeUninitializedCapacity: total) { buffer in
            var at = 0
            for piece in pieces {
                let copied: Void? = piece.utf8.withContiguousStorageIfAvailable { utf8 in
                    for byte in utf8 {
                        buffer[at] = byte
                        at += 1
                    }
                }
                if copied == nil {
                    for byte in piece.utf8 {
                        buffer[at] = byte
                        at += 1
                    }
                }
            }
            return at
        }
    }

    /// Relative tolerance for unit conversions (0.1 kΩ/V must equal 100 Ω/V).
    static func holds(_ op: BinaryOperator, _ a: Double, _ b: Double) -> Bool {
        let equal = abs(a - b) <= 1e-9 * max(1, abs(a), abs(b))
        switch op {
        case .less: return a < b && !equal
        case .lessOrEqual: return a < b || equal
        case .greater: return a > b && !equal
        case .greaterOrEqual: return a > b || equal
        case .equal: return equal
        case .notEqual: return !equal
        default: return false
        }
    }

    /// ILAC-G8 decision rules (findings.md). Simple: the limit alone. Guarded, with the measured
    /// value's expanded uncertainty U: pass beyond U inside the limit, conditional within U on
    /// either side, fail beyond U outside. Without U, guarded decides as simple and says so.
    private func decide(_ op: BinaryOperator, _ x: RuntimeQuantity, _ limitValue: RuntimeQuantity) -> Truth {
        let reference = limitValue.written?.unit
        var limit: Limit?
        if limitValue.isConstant, trace.recording {
            let shown = limitValue.written.map { ($0.value, $0.unit.symbol as String?) } ?? (limitValue.base, nil)
            limit = Limit(op: op.rawValue, value: shown.0, unit: shown.1)
        }
        // Made once, at the end (each early return of a half-made value copied it).
        return Truth(level(op, x, limitValue), limit: limit, found: trace.recording ? Self.display(x, in: reference) : nil)
    }

    private func level(_ op: BinaryOperator, _ x: RuntimeQuantity, _ limitValue: RuntimeQuantity) -> Judgement.Level {
        let a = x.base, l = limitValue.base
        let inside = Self.holds(op, a, l)
        let u = x.uncertainty ?? limitValue.uncertainty
        guard decisionRule == .guarded, op != .equal, op != .notEqual else {
            return inside ? .pass : .fail
        }
        guard let u, u > 0 else {
            trace.note(.decidedAsSimple(value: x.name))
            return inside ? .pass : .fail
        }
        // Lower limit (x >= L): pass if x >= L + U; conditional pass if L <= x < L + U;
        // conditional fail if L - U <= x < L; fail below. Upper limits mirror it.
        let lower = op == .greater || op == .greaterOrEqual
        let clearlyInside = lower ? Self.holds(op, a, l + u) : Self.holds(op, a, l - u)
        let clearlyOutside = lower ? !Self.holds(.greaterOrEqual, a, l - u) : !Self.holds(.lessOrEqual, a, l + u)
        if clearlyInside { return .pass }
        if inside { return .conditionalPass }
        if !clearlyOutside { return .conditionalFail }
        return .fail
    }

    private func within(_ x: RuntimeValue, _ centre: RuntimeValue, _ tolerance: RuntimeValue) -> Truth {
        guard case .quantity(let value) = x, case .quantity(let c) = centre, case .quantity(let t) = tolerance else {
            return Truth(.unknown)
        }
        let inside = Self.holds(.lessOrEqual, abs(value.base - c.base), abs(t.delta))
        // Only the answer is wanted (see `CompiledExpression.level(in:)`).
        guard trace.recording else { return Truth(inside ? .pass : .fail) }
        let reference = c.written?.unit
        let tolerance = t.written.map { NumberFormatting.text(abs($0.value)) } ?? NumberFormatting.text(abs(t.delta))
        var truth = Truth(inside ? .pass : .fail, found: Self.display(value, in: reference))
        truth.limit = Limit(op: "within", value: c.written?.value ?? c.base, unit: c.written?.unit.symbol)
        trace.note(.required("\(Self.display(c, in: reference)) ± \(tolerance)\(t.written.map { " \($0.unit.symbol)" } ?? "")"))
        return truth
    }
}
