/// The elements of BTR-XML 1 that the decoder dispatches on. Like `BTRAttribute`, each document's
/// names are matched against these once (`table(for:)`), and every element after that is told by
/// a small number instead of by comparing its name with each case's name in turn.
enum BTRElement: UInt8, CaseIterable {
    // 0 is "none of these" in a table.
    case title = 1, laboratory, customer, manufacturer, standard, decisionRule, deviations, externalProvider, sample, test,
         conclusion, statement, signatory, description, property, condition, measurement, observation, event, series, result, remark

    /// The element's local name in BTR-XML, in the order of the cases.
    private static let names = [
        "title", "laboratory", "customer", "manufacturer", "standard", "decisionRule", "deviations", "externalProvider", "sample",
        "test", "conclusion", "statement", "signatory", "description", "property", "condition", "measurement", "observation",
        "event", "series", "result", "remark",
    ]

    private static let byName: [String: UInt8] = Dictionary(uniqueKeysWithValues: allCases.map { ($0.name, $0.rawValue) })

    var name: String { Self.names[Int(rawValue) - 1] }

    /// For each of a document's names (by id), the element it is, or 0.
    static func table(for names: [String]) -> [UInt8] {
        names.map { byName[$0] ?? 0 }
    }
}
