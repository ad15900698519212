import ConformBTR
import ConformModel
import ConformRules
import Testing

/// `ProcessLifetime.keep`: what the command-line tool marks immortal (the units, the rules' plans)
/// is never freed, and no reference to it counts any more.
@Suite("Process lifetime")
struct ProcessLifetimeTests {
    final class Watched {
        let freed: Flag
        init(_ freed: Flag) { self.freed = freed }
        deinit { freed.value = true }
    }

    final class Flag: @unchecked Sendable {
        var value = false
    }

    @Test func aKeptObjectIsNeverFreed() {
        let keptFreed = Flag(), otherFreed = Flag()
        do {
            let kept = Watched(keptFreed)
            let other = Watched(otherFreed)
            ProcessLifetime.keep(kept)
            _ = (kept, other)
        }
        // The control shows that the scope did end with the last references.
        #expect(otherFreed.value)
        #expect(!keptFreed.value)
    }

    @Test func aKeptObjectsReferencesAreNotCounted() {
        var object = Watched(Flag())
        #expect(isKnownUniquelyReferenced(&object))
        ProcessLifetime.keep(object)
        // An immortal object's count is no longer kept, so it is never known to be unique.
        #expect(!isKnownUniquelyReferenced(&object))
        let copies = Array(repeating: object, count: 1_000)
        #expect(copies.allSatisfy { $0 === object })
    }

    @Test func aCatalogueKeptForTheProcessStillConverts() throws {
        let volt = Dimension("voltage")
        let units = try UnitCatalog(units: [MeasurementUnit(symbol: "V", dimension: volt), MeasurementUnit(symbol: "mV", dimension: volt, factor: 0.001)],
                                    baseSymbols: [volt: "V"])
        var seen: Set<ObjectIdentifier> = []
        units.keepForProcessLifetime { seen.insert(ObjectIdentifier($0)) }
        let missing = units.units.values.filter { !seen.contains(ObjectIdentifier($0)) || !seen.contains(ObjectIdentifier($0.dimension)) }
        #expect(missing.isEmpty, "not kept: \(missing.map(\.symbol))")
        units.keepForProcessLifetime()
        let millivolts = try #require(units.unit("mV"))
        #expect(try Quantity(1500, millivolts).converted(to: try #require(units.unit("V"))).value == 1.5)
    }

    /// What `conform check` keeps is what the reports read: every rule finding's origin and
    /// message composer and every value's unit and dimension, over all the samples, come from the
    /// objects the engine and the catalogue would keep (seen here without keeping them).
    @Test func whatEveryReportReadsIsKept() throws {
        let library = try TestSupport.library()
        let engine = try RuleEngine(ruleSets: library.ruleSets)
        let decoder = BTRDecoder(units: library.units, vocabulary: library.vocabulary)
        var kept: Set<ObjectIdentifier> = []
        engine.keepForProcessLifetime { kept.insert(ObjectIdentifier($0)) }
        library.units.keepForProcessLifetime { kept.insert(ObjectIdentifier($0)) }
        // What is read but would not be kept, named (a set, so a failure lists each thing once).
        var missing: Set<String> = []
        func check(_ object: AnyObject, _ what: @autoclosure () -> String) {
            if !kept.contains(ObjectIdentifier(object)) { missing.insert(what()) }
        }
        var ruleFindings = 0, values = 0
        for url in try TestSupport.sampleReports() {
            guard case .report(let report, _) = decoder.decode(try TestSupport.bytes(url)) else { continue }
            for finding in engine.evaluate(report) where finding.origin.orderKey != nil && finding.messageComposer != nil {
                ruleFindings += 1
                check(finding.origin, "origin of \(finding.rule)")
                if let composer = finding.messageComposer { check(composer, "composer of \(finding.rule)") }
                if let ruleset = finding.origin.ruleset { check(ruleset, "rule set \(ruleset.id)") }
            }
            for test in report.tests {
                for value in test.conditions + test.measurements {
                    guard let unit = value.quantity?.unit else { continue }
                    values += 1
                    check(unit, "unit \(unit.symbol)")
                    check(unit.dimension, "dimension \(unit.dimension)")
                }
            }
        }
        #expect(missing.isEmpty, "not kept: \(missing.sorted().prefix(10)) (\(missing.count) in all)")
        #expect(ruleFindings > 1_000)
        #expect(values > 500)
    }
}
