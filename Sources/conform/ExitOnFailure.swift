import ArgumentParser

/// Runs `body`; an error is printed on standard error (`conform: …`) and ends the command with
/// exit status 2: the tool could not do its job (findings.md, "Exit status").
func exitOnFailure<T, E: Error>(_ body: () throws(E) -> T) throws -> T {
    do {
        return try body()
    } catch {
        FileHandleOutput.standardError("conform: \(error)\n")
        throw ExitCode(2)
    }
}
