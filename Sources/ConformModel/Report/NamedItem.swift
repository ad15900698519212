/// A report item found by its name (conditions, measurements, properties, observations, events).
public protocol NamedItem {
    var name: String { get }
}

extension NamedQuantity: NamedItem {}
extension Observation: NamedItem {}
extension Event: NamedItem {}

extension Array where Element: NamedItem {
    /// The index of the first item named `name`. Compared in place, lengths first: a search by
    /// value copied every item it passed, and unequal short names took the string comparison's
    /// slow path; rules look values up by name hundreds of times per report.
    ///
    /// For an ASCII `name` (every name a rule expression can write) this is `==` exactly. A
    /// non-ASCII name is not found under a canonically equivalent spelling of another UTF-8 length
    /// (names are identifiers, compared as written).
    @inlinable
    public func firstIndex(named name: String) -> Int? {
        let length = name.utf8.count
        for index in indices where self[index].name.utf8.count == length && self[index].name == name {
            return index
        }
        return nil
    }
}
