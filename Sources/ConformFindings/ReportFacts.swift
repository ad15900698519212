/// What an archive is summarised by, besides verdicts: who tested what, under which standard, when.
/// Read from the report by the checker; empty for a file that could not be read as a report.
public struct ReportFacts: Sendable, Equatable {
    /// The laboratory's name, as written.
    public var laboratory: String?
    /// The model of the first sample that names one.
    public var sampleModel: String?
    /// The first declared standard's code and edition, as written (`GB 38031`, `2025`).
    public var standard: String?
    public var edition: String?
    /// The issue date, `YYYY-MM-DD`.
    public var issued: String?

    public init(laboratory: String? = nil, sampleModel: String? = nil, standard: String? = nil, edition: String? = nil, issued: String? = nil) {
        self.laboratory = laboratory
        self.sampleModel = sampleModel
        self.standard = standard
        self.edition = edition
        self.issued = issued
    }
}
