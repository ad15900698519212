import ConformModel

/// Names of BTR-XML (its attributes, its elements) that the decoder tells apart by a small code:
/// each document's names are matched to the codes once (`table(for:)`), and every read after that
/// compares numbers, not strings. Code 0 in a table is "none of these"; a case's name is its own.
protocol BTRNameCode: CaseIterable, RawRepresentable where RawValue == UInt8 {
    /// Every case's code by its name (made once per type, by `codesByName()`; a `NameTable`, as
    /// every document's names are looked up in it).
    static var byName: NameTable<UInt8> { get }
}

extension BTRNameCode {
    /// The case's name in BTR-XML.
    var name: String { String(describing: self) }

    static func codesByName() -> NameTable<UInt8> {
        NameTable(allCases.map { ($0.name, $0.rawValue) })
    }

    /// For each of a document's names (by id), the case it is, or 0.
    static func table(for names: [String]) -> [UInt8] {
        names.map { byName[$0] ?? 0 }
    }
}
