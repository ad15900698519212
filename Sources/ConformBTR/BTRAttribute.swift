/// The attributes of BTR-XML 1 that the decoder reads (see `BTRNameCode`): a decoder reads about
/// fourteen hundred attributes per report, and comparing names as strings, element by element,
/// cost about five percent of a whole check.
enum BTRAttribute: UInt8, BTRNameCode {
    case accreditation = 1, address, amendment, at, chemistry, clause, code, coverage, date, edition, email, end, id, interval,
         issued, kind, language, level, location, model, name, phone, received, sample, serial, standard, start, state, tests,
         title, type, uncertainty, unit, value, website

    static let byName = codesByName()
}
