import ArgumentParser
import ConformXML

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// First of all (before any thread starts): the commands that check reports run again with a larger
// allocator cache (see AllocatorTuning); this returns at once everywhere else.
AllocatorTuning.restartIfUseful()

// libxml2 is initialised once, on the main thread, before anything parses.
LibXMLRuntime.prepare()

// A write past a file-size limit fails with EFBIG, reported like a full disk, instead of killing
// the process (SIGXFSZ) with a half-written temporary file left behind.
signal(SIGXFSZ, SIG_IGN)

// findings.md: exit status 2 when the tool could not do its job (bad arguments included), so
// argument errors do not use ArgumentParser's default (64).
do {
    var command = try Conform.parseAsRoot()
    try command.run()
} catch {
    let code = Conform.exitCode(for: error)
    if code == .success || error is ExitCode {
        Conform.exit(withError: error)
    }
    let message = Conform.fullMessage(for: error)
    if !message.isEmpty {
        FileHandleOutput.standardError(message + "\n")
    }
    exit(2)
}
