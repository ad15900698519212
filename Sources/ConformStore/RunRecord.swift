/// One `conform check --db` run as stored: what it was run with and how far it got.
public struct RunRecord: Sendable, Equatable {
    public var id: Int64
    public var toolVersion: String
    /// The SHA-256 of everything a verdict depends on besides the report's bytes (tool version,
    /// rule sets, options): reports are reused only under the same configuration.
    public var configuration: String
    /// The options, as `name=value` lines.
    public var options: String
    /// The rule sets, as the JSONL summary writes them (`[{"id":…,"version":…,"sha256":…}]`).
    public var rulesets: String
    public var startedAt: String
    /// Nil when the run did not finish (interrupted or killed).
    public var finishedAt: String?
    public var inputs: Int
    public var evaluated: Int
    public var reused: Int

    public init(id: Int64 = 0, toolVersion: String, configuration: String, options: String, rulesets: String,
                startedAt: String, finishedAt: String? = nil, inputs: Int, evaluated: Int = 0, reused: Int = 0) {
        self.id = id
        self.toolVersion = toolVersion
        self.configuration = configuration
        self.options = options
        self.rulesets = rulesets
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.inputs = inputs
        self.evaluated = evaluated
        self.reused = reused
    }
}
