import ArgumentParser
import ConformRules

/// `--rules DIR`, shared by every command that loads rules. A rule file that does not load stops
/// the command with exit status 2 and file:line:column, before anything is checked.
struct RulesOptions: ParsableArguments {
    @Option(name: .customLong("rules"), help: ArgumentHelp(
        "Add rule sets from DIR (<STANDARD>/<EDITION>/manifest.yaml below it); one of the same standard and edition replaces the bundled one. Repeatable.",
        valueName: "DIR"))
    var directories: [String] = []

    func load() throws -> RulesLibrary {
        try exitOnFailure { () throws(RulesLoadError) in try RulesLibrary.loadBundled(extra: directories) }
    }
}
