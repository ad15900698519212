import ConformModel
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
        units.keepForProcessLifetime()
        let millivolts = try #require(units.unit("mV"))
        #expect(try Quantity(1500, millivolts).converted(to: try #require(units.unit("V"))).value == 1.5)
    }
}
