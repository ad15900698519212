import ArgumentParser
import ConformFindings

struct Conform: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conform",
        abstract: "Checks battery safety test reports (BTR-XML) against the standards they claim to follow.",
        discussion: """
            Exit status: 0 every report is pass or conditional-pass; 1 at least one is not; 2 the tool \
            could not do its job (bad arguments, rule files that do not load) and checked nothing.
            """,
        version: ToolInfo.version,
        subcommands: [CheckCommand.self, ImpactCommand.self, MergeCommand.self, DBCommand.self, RulesCommand.self],
        defaultSubcommand: nil
    )
}
