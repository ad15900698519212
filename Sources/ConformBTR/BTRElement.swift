/// The elements of BTR-XML 1 that the decoder dispatches on (see `BTRNameCode`): each element is
/// told by a small number instead of by comparing its name with each case's name in turn.
enum BTRElement: UInt8, BTRNameCode {
    case title = 1, laboratory, customer, manufacturer, standard, decisionRule, deviations, externalProvider, sample, test,
         conclusion, statement, signatory, description, property, condition, measurement, observation, event, series, result, remark

    static let byName = codesByName()
}
