import ConformFindings
import ConformModel

/// A value during evaluation.
enum RuntimeValue {
    case quantity(RuntimeQuantity)
    case judgement(Judgement)
    case instant(seconds: Double, evidence: Evidence)
    case text(String, Evidence?)
    case missing([String], [Evidence])
}

/// A quantity in its dimension's base unit, with where it came from.
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
    var evidence: [Evidence]
}

extension CompiledExpression {
    /// Evaluates a yes/no expression. Never throws, never traps: missing or unreadable data gives
    /// an `unknown` judgement naming what was missing.
    public func judge(in context: EvaluationContext) -> Judgement {
        switch ExpressionEvaluator(context: context).evaluate(root) {
        case .judgement(let judgement): return judgement
        case .missing(let missing, let evidence): return Judgement(.unknown, evidence: evidence, missing: missing)
        case .quantity, .instant, .text: return Judgement(.unknown, missing: ["a yes/no value"])
        }
    }
}

struct ExpressionEvaluator {
    let context: EvaluationContext

    func evaluate(_ node: ExpressionNode) -> RuntimeValue {
        switch node {
        case .constant(let quantity):
            return constant(quantity)
        case .boolean(let value):
            return .judgement(Judgement(value ? .pass : .fail))
        case .text(let text):
            return .text(text, nil)
        case .field(let kind, let name):
            return field(kind, name)
        case .statement(let kind):
            let statement = context.report.statements.first { $0.kind == kind }
            return .judgement(Judgement(statement != nil ? .pass : .fail,
                                        evidence: statement.map { [Evidence(name: "statement", value: .text(kind), line: $0.source.line, xpath: $0.source.xpath)] } ?? [],
                                        found: "statement \(kind) \(statement != nil ? "present" : "absent")"))
        case .quantityPath(let kind, let name):
            return quantityPath(kind, name)
        case .observation(let name):
            guard let observation = context.test?.observation(name) else {
                return .missing(["observation \(name)"], [])
            }
            let evidence = Evidence(name: name, value: observation.value.map { .boolean($0) }, line: observation.source.line, xpath: observation.source.xpath)
            guard let value = observation.value else {
                return .missing(["observation \(name) (unreadable, line \(observation.source.line))"], [evidence])
            }
            return .judgement(Judgement(value ? .pass : .fail, evidence: [evidence], found: "\(name) = \(value)"))
        case .event(let name):
            guard let event = context.test?.events(named: name).first else { return .missing(["event \(name)"], []) }
            let evidence = Evidence(name: name, value: event.at.map { .text($0.text) }, line: event.source.line, xpath: event.source.xpath)
            guard let at = event.at else { return .missing(["event \(name) (unreadable time, line \(event.source.line))"], [evidence]) }
            return .instant(seconds: at.secondsSinceEpoch, evidence: evidence)
        case .exists(let kind, let name):
            let present: Bool
            switch kind {
            case .condition: present = context.test?.condition(name) != nil
            case .measurement: present = context.test?.measurement(name) != nil
            case .property: present = context.sample?.property(name) != nil
            case .observation: present = context.test?.observation(name) != nil
            case .event: present = !(context.test?.events(named: name).isEmpty ?? true)
            case .sample, .test, .report:
                if case .missing = field(kind, name) { present = false } else { present = true }
            }
            return .judgement(Judgement(present ? .pass : .fail, found: "\(kind.rawValue) \(name) \(present ? "recorded" : "not recorded")"))
        case .count(let type):
            let count = Double(context.report.tests.filter { $0.type == type }.count)
            return .quantity(RuntimeQuantity(base: count, delta: count, dimension: .dimensionless, uncertainty: nil, written: nil,
                                             isConstant: false, evidence: [Evidence(name: "count(\(type))", value: .number(count), line: nil, xpath: nil)]))
        case .not(let inner):
            switch evaluate(inner) {
            case .judgement(let judgement): return .judgement(judgement.negated())
            case let other: return other
            }
        case .logic(let op, let left, let right):
            return .judgement(Judgement.combine(judgement(evaluate(left)), judgement(evaluate(right)), and: op == .and))
        case .compare(let op, let left, let right):
            return .judgement(compare(op, evaluate(left), evaluate(right)))
        case .arithmetic(let op, let left, let right, let result):
            return arithmetic(op, evaluate(left), evaluate(right), result: result)
        case .negate(let inner):
            guard case .quantity(var q) = evaluate(inner) else { return evaluate(inner) }
            if let written = q.written, written.unit.offset != 0 {
                // Negating a temperature negates its number in its own unit, not in kelvin.
                let negated = Quantity(-written.value, written.unit)
                q.base = (try? negated.baseValue(ratedCapacity: context.ratedCapacity)) ?? -q.base
                q.written = negated
            } else {
                q.base = -q.base
                q.written = q.written.map { Quantity(-$0.value, $0.unit) }
            }
            q.delta = -q.delta
            return .quantity(q)
        case .absolute(let inner):
            guard case .quantity(var q) = evaluate(inner) else { return evaluate(inner) }
            q.base = abs(q.base)
            q.delta = abs(q.delta)
            q.written = q.written.map { Quantity(abs($0.value), $0.unit) }
            return .quantity(q)
        case .within(let x, let centre, let tolerance):
            return .judgement(within(evaluate(x), evaluate(centre), evaluate(tolerance)))
        }
    }

    private func judgement(_ value: RuntimeValue) -> Judgement {
        switch value {
        case .judgement(let judgement): judgement
        case .missing(let missing, let evidence): Judgement(.unknown, evidence: evidence, missing: missing)
        case .quantity, .instant, .text: Judgement(.unknown, missing: ["a yes/no value"])
        }
    }

    /// A field of the sample, test or report: text, or an instant for dates and times.
    private func field(_ kind: PathKind, _ name: String) -> RuntimeValue {
        func text(_ value: String?, _ source: SourceLocation?) -> RuntimeValue {
            guard let value, value.contains(where: { !$0.isWhitespace }) else {
                return .missing(["\(kind.rawValue).\(name)"], [])
            }
            return .text(value, Evidence(name: "\(kind.rawValue).\(name)", value: .text(value), line: source?.line, xpath: source?.xpath))
        }
        func instant(_ seconds: Double?, _ shown: String?, _ source: SourceLocation?) -> RuntimeValue {
            guard let seconds, let shown else { return .missing(["\(kind.rawValue).\(name)"], []) }
            return .instant(seconds: seconds, evidence: Evidence(name: "\(kind.rawValue).\(name)", value: .text(shown), line: source?.line, xpath: source?.xpath))
        }
        func day(_ date: CivilDate?) -> Double? { date.map { Double($0.daysSinceEpoch * 86_400) } }
        switch kind {
        case .sample:
            guard let sample = context.sample else { return .missing(["the sample"], []) }
            let s = sample.source
            switch name {
            case "id": return text(sample.id, s)
            case "level": return text(sample.level?.rawValue, s)
            case "state": return text(sample.state?.rawValue, s)
            case "chemistry": return text(sample.chemistry, s)
            case "model": return text(sample.model, s)
            case "serial": return text(sample.serial, s)
            case "description": return text(sample.description, s)
            default: return instant(day(sample.received), sample.received?.description, s)
            }
        case .test:
            guard let test = context.test else { return .missing(["the test"], []) }
            let s = test.source
            switch name {
            case "id": return text(test.id, s)
            case "type": return text(test.type, s)
            case "result": return text(test.result?.value.rawValue, test.result?.source ?? s)
            case "clause": return text(test.clause, s)
            case "standard": return text(test.standard, s)
            case "start": return instant(test.start?.secondsSinceEpoch, test.start?.text, s)
            case "end": return instant(test.end?.secondsSinceEpoch, test.end?.text, s)
            case "startDate": return instant(day(test.start?.localDate), test.start?.text, s)
            default: return instant(day(test.end?.localDate), test.end?.text, s)
            }
        default:
            let r = context.report
            let lab = r.laboratory, customer = r.customer, maker = r.manufacturer
            switch name {
            case "issued": return instant(day(r.issued), r.issued?.description, r.location)
            case "id": return text(r.id, r.location)
            case "title": return text(r.title, r.location)
            case "language": return text(r.language, r.location)
            case "laboratoryName": return text(lab?.name, lab?.source)
            case "laboratoryAddress": return text(lab?.address, lab?.source)
            case "laboratoryLocation": return text(lab?.location, lab?.source)
            case "laboratoryPhone": return text(lab?.phone, lab?.source)
            case "laboratoryEmail": return text(lab?.email, lab?.source)
            case "laboratoryWebsite": return text(lab?.website, lab?.source)
            case "laboratoryAccreditation": return text(lab?.accreditation, lab?.source)
            case "customerName": return text(customer?.name, customer?.source)
            case "customerAddress": return text(customer?.address, customer?.source)
            case "customerPhone": return text(customer?.phone, customer?.source)
            case "customerEmail": return text(customer?.email, customer?.source)
            case "manufacturerName": return text(maker?.name, maker?.source)
            case "manufacturerAddress": return text(maker?.address, maker?.source)
            case "manufacturerPhone": return text(maker?.phone, maker?.source)
            case "manufacturerEmail": return text(maker?.email, maker?.source)
            case "manufacturerWebsite": return text(maker?.website, maker?.source)
            case "deviations": return text(r.deviations, r.location)
            case "decisionRule": return text(r.decisionRule?.rawValue, r.location)
            case "conclusion": return text(r.conclusion?.value.rawValue, r.conclusion?.source)
            case "signatoryName": return text(r.signatories.first?.name, r.signatories.first?.source)
            default: return text(r.signatories.first?.title, r.signatories.first?.source)
            }
        }
    }

    private func constant(_ quantity: Quantity) -> RuntimeValue {
        do {
            let base = try quantity.baseValue(ratedCapacity: context.ratedCapacity)
            let delta = try Quantity.baseDifference(quantity.value, in: quantity.unit, ratedCapacity: context.ratedCapacity)
            return .quantity(RuntimeQuantity(base: base, delta: delta, dimension: quantity.dimension, uncertainty: nil,
                                             written: quantity, isConstant: true, evidence: []))
        } catch {
            return .missing(["property ratedCapacity (needed for \(quantity.unit.symbol))"], [])
        }
    }

    private func quantityPath(_ kind: PathKind, _ name: String) -> RuntimeValue {
        let found: NamedQuantity?
        switch kind {
        case .condition: found = context.test?.condition(name)
        case .measurement: found = context.test?.measurement(name)
        case .property: found = context.sample?.property(name)
        case .observation, .event, .sample, .test, .report: found = nil
        }
        guard let named = found else { return .missing(["\(kind.rawValue) \(name)"], []) }
        let evidence = Evidence(name: name, value: named.quantity.map { .number($0.value) } ?? .text(named.valueText),
                                unit: named.unitText, uncertainty: named.uncertainty, line: named.source.line, xpath: named.source.xpath)
        guard let quantity = named.quantity else {
            return .missing(["\(kind.rawValue) \(name) (unreadable, line \(named.source.line))"], [evidence])
        }
        do {
            let base = try quantity.baseValue(ratedCapacity: context.ratedCapacity)
            let delta = try Quantity.baseDifference(quantity.value, in: quantity.unit, ratedCapacity: context.ratedCapacity)
            let uncertainty = try named.uncertainty.map { u throws(QuantityError) in
                try Quantity.baseDifference(u, in: quantity.unit, ratedCapacity: context.ratedCapacity)
            }
            return .quantity(RuntimeQuantity(base: base, delta: delta, dimension: quantity.dimension, uncertainty: uncertainty,
                                             written: quantity, isConstant: false, evidence: [evidence]))
        } catch {
            return .missing(["property ratedCapacity (needed to convert \(name) in \(quantity.unit.symbol))"], [evidence])
        }
    }

    private func arithmetic(_ op: BinaryOperator, _ left: RuntimeValue, _ right: RuntimeValue, result: Dimension?) -> RuntimeValue {
        switch (left, right) {
        case (.instant(let a, let ea), .instant(let b, let eb)):
            let seconds = a - b
            return .quantity(RuntimeQuantity(base: seconds, delta: seconds, dimension: result, uncertainty: nil, written: nil, isConstant: false, evidence: [ea, eb]))
        case (.quantity(let a), .quantity(let b)):
            if op == .plus || op == .minus, let da = a.dimension, let db = b.dimension, da != db {
                return .missing(["values of one dimension (\(da) and \(db) were given)"], a.evidence + b.evidence)
            }
            let value: Double
            let delta: Double
            switch op {
            case .plus: value = a.base + b.delta; delta = a.delta + b.delta
            case .minus: value = a.base - b.base; delta = a.delta - b.delta
            case .times: value = a.base * b.base; delta = value
            default:
                guard b.base != 0 else { return .missing(["a non-zero divisor"], a.evidence + b.evidence) }
                value = a.base / b.base
                delta = value
            }
            let constant = a.isConstant && b.isConstant
            return .quantity(RuntimeQuantity(base: value, delta: delta, dimension: result ?? a.dimension, uncertainty: nil,
                                             written: nil, isConstant: constant, evidence: a.evidence + b.evidence))
        default:
            return Self.missingOf(left, right)
        }
    }

    static func missingOf(_ values: RuntimeValue...) -> RuntimeValue {
        var missing: [String] = []
        var evidence: [Evidence] = []
        for value in values {
            switch value {
            case .missing(let m, let e): missing += m; evidence += e
            case .quantity(let q): evidence += q.evidence
            case .instant(_, let e): evidence.append(e)
            case .text(_, let e): if let e { evidence.append(e) }
            case .judgement(let j): evidence += j.evidence
            }
        }
        return .missing(missing.isEmpty ? ["a value"] : missing, evidence)
    }

    /// A value written in the unit of `reference` (or in base units when there is none).
    static func display(_ q: RuntimeQuantity, in reference: MeasurementUnit?) -> String {
        func shown(_ value: Double, _ unit: MeasurementUnit) -> String {
            unit.symbol == "1" ? NumberFormatting.text(value) : "\(NumberFormatting.text(value)) \(unit.symbol)"
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

    private func compare(_ op: BinaryOperator, _ left: RuntimeValue, _ right: RuntimeValue) -> Judgement {
        switch (left, right) {
        case (.judgement(let a), .judgement(let b)):
            let same = (a.level == .pass) == (b.level == .pass)
            guard a.level == .pass || a.level == .fail, b.level == .pass || b.level == .fail else {
                return Judgement.combine(a, b, and: true)
            }
            return Judgement((op == .equal) == same ? .pass : .fail, evidence: a.evidence + b.evidence, found: a.found ?? b.found)
        case (.text(let a, let ea), .text(let b, let eb)):
            let equal = a == b
            return Judgement((op == .equal) == equal ? .pass : .fail, evidence: [ea, eb].compactMap { $0 }, found: ea.map { "\($0.name) = \(a)" } ?? eb.map { "\($0.name) = \(b)" })
        case (.instant(let a, let ea), .instant(let b, let eb)):
            let holds = Self.holds(op, a, b)
            return Judgement(holds ? .pass : .fail, evidence: [ea, eb], found: "\(ea.name) at \(Self.text(ea)), \(eb.name) at \(Self.text(eb))")
        case (.quantity(var x), .quantity(var limit)):
            var op = op
            if x.isConstant && !limit.isConstant {
                swap(&x, &limit)
                op = op.mirrored
            }
            if let dx = x.dimension, let dl = limit.dimension, dx != dl {
                return Judgement(.unknown, evidence: x.evidence, missing: ["a value in \(dl) (\(x.evidence.first?.name ?? "the value") was given in \(dx))"])
            }
            return decide(op, x, limit)
        default:
            guard case .missing = Self.missingOf(left, right) else { return Judgement(.unknown, missing: ["a value"]) }
            if case .missing(let missing, let evidence) = Self.missingOf(left, right) {
                return Judgement(.unknown, evidence: evidence, missing: missing)
            }
            return Judgement(.unknown)
        }
    }

    static func text(_ evidence: Evidence) -> String {
        if case .text(let text)? = evidence.value { return text }
        return "?"
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
    private func decide(_ op: BinaryOperator, _ x: RuntimeQuantity, _ limitValue: RuntimeQuantity) -> Judgement {
        let reference = limitValue.written?.unit
        var judgement = Judgement(.fail, evidence: x.evidence + limitValue.evidence)
        judgement.found = Self.display(x, in: reference)
        if limitValue.isConstant {
            let shown = limitValue.written.map { ($0.value, $0.unit.symbol as String?) } ?? (limitValue.base, nil)
            judgement.limit = Limit(op: op.rawValue, value: shown.0, unit: shown.1)
        }
        let a = x.base, l = limitValue.base
        let inside = Self.holds(op, a, l)
        let u = x.uncertainty ?? limitValue.uncertainty
        guard context.decisionRule == .guarded, op != .equal, op != .notEqual else {
            judgement.level = inside ? .pass : .fail
            return judgement
        }
        guard let u, u > 0 else {
            judgement.level = inside ? .pass : .fail
            judgement.notes.append("no uncertainty was given for \(x.evidence.first?.name ?? "the value"), so the guarded rule decided as simple")
            return judgement
        }
        // Lower limit (x >= L): pass if x >= L + U; conditional pass if L <= x < L + U;
        // conditional fail if L - U <= x < L; fail below. Upper limits mirror it.
        let lower = op == .greater || op == .greaterOrEqual
        let clearlyInside = lower ? Self.holds(op, a, l + u) : Self.holds(op, a, l - u)
        let clearlyOutside = lower ? !Self.holds(.greaterOrEqual, a, l - u) : !Self.holds(.lessOrEqual, a, l + u)
        if clearlyInside { judgement.level = .pass }
        else if inside { judgement.level = .conditionalPass }
        else if !clearlyOutside { judgement.level = .conditionalFail }
        else { judgement.level = .fail }
        return judgement
    }

    private func within(_ x: RuntimeValue, _ centre: RuntimeValue, _ tolerance: RuntimeValue) -> Judgement {
        guard case .quantity(let value) = x, case .quantity(let c) = centre, case .quantity(let t) = tolerance else {
            if case .missing(let missing, let evidence) = Self.missingOf(x, centre, tolerance) {
                return Judgement(.unknown, evidence: evidence, missing: missing)
            }
            return Judgement(.unknown)
        }
        let reference = c.written?.unit
        let inside = Self.holds(.lessOrEqual, abs(value.base - c.base), abs(t.delta))
        let limitUnit = c.written?.unit.symbol
        let tolerance = t.written.map { NumberFormatting.text(abs($0.value)) } ?? NumberFormatting.text(abs(t.delta))
        var judgement = Judgement(inside ? .pass : .fail, evidence: value.evidence + c.evidence + t.evidence)
        judgement.found = Self.display(value, in: reference)
        judgement.limit = Limit(op: "within", value: c.written?.value ?? c.base, unit: limitUnit)
        judgement.notes.append("required: \(Self.display(c, in: reference)) ± \(tolerance)\(t.written.map { " \($0.unit.symbol)" } ?? "")")
        return judgement
    }
}
