/// The attributes of BTR-XML 1 that the decoder reads. Each document's attribute names are
/// matched against these once (`table(for:)`); every read after that compares small numbers, not
/// strings (a decoder reads about fourteen hundred attributes per report, and comparing names as
/// strings, element by element, cost about five percent of a whole check).
enum BTRAttribute: UInt8, CaseIterable {
    // 0 is "none of these" in a table.
    case accreditation = 1, address, amendment, at, chemistry, clause, code, coverage, date, edition, email, end, id, interval,
         issued, kind, language, level, location, model, name, phone, received, sample, serial, standard, start, state, tests,
         title, type, uncertainty, unit, value, website

    /// The attribute's name in BTR-XML, in the order of the cases.
    private static let names = [
        "accreditation", "address", "amendment", "at", "chemistry", "clause", "code", "coverage", "date", "edition", "email", "end",
        "id", "interval", "issued", "kind", "language", "level", "location", "model", "name", "phone", "received", "sample",
        "serial", "standard", "start", "state", "tests", "title", "type", "uncertainty", "unit", "value", "website",
    ]

    private static let byName: [String: UInt8] = Dictionary(uniqueKeysWithValues: allCases.map { ($0.name, $0.rawValue) })

    var name: String { Self.names[Int(rawValue) - 1] }

    /// For each of a document's names (by id), the attribute it is, or 0.
    static func table(for names: [String]) -> [UInt8] {
        names.map { byName[$0] ?? 0 }
    }
}
