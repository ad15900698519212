/// A value kept in one shared object and copied only when a shared copy is changed. The report,
/// its tests and its samples are read far more often than changed: each evaluation context, each
/// loop over the tests took a copy, and a copy of a plain struct costs one reference count per
/// string and list in it; a copy of this costs one.
struct CopyOnWrite<Value> {
    private final class Box {
        // Written only through `value`'s `_modify`, on a uniquely referenced box, while the
        // compiler's static checks keep the enclosing variable from being read meanwhile: the
        // run-time exclusivity checks (one on every read of every field) are left out.
        @exclusivity(unchecked) var value: Value
        init(_ value: Value) { self.value = value }
    }

    private var box: Box

    init(_ value: Value) {
        box = Box(value)
    }

    var value: Value {
        _read { yield box.value }
        _modify {
            if !isKnownUniquelyReferenced(&box) { box = Box(box.value) }
            yield &box.value
        }
    }
}

// Changed only while uniquely referenced (see `value`'s `_modify`): shared copies are never
// written, so sharing them across threads is safe when the value itself is.
extension CopyOnWrite: @unchecked Sendable where Value: Sendable {}
