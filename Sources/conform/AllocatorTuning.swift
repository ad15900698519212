#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// glibc's allocator keeps a per-thread cache of freed blocks, seven of each size by default. A
/// report's findings, values and texts (about 2,300 blocks) are freed together when the report has
/// been written, so nearly all of them overflow that cache into the shared bins, and the next
/// report's allocations come back out of the bins the slow way (and each large allocation merges
/// the small free blocks again first). With room for 150 blocks of each size, most blocks of one
/// report serve the next: 4–10 % less CPU time over the benchmark archive in interleaved runs.
/// (Larger caches were no faster and keep more memory: with 4,000, checking 28,000 hostile files
/// took 15 MB more than checking 800; with 150, 3 MB, as against 2 MB untuned.)
///
/// The cache's size is read from `GLIBC_TUNABLES` once, when the process starts, and glibc has no
/// call to change it later; so a command that checks many reports runs itself again, at once, with
/// the setting in its environment (the same program, arguments, standard input and descriptors, by
/// `execv`). The second start costs about 10 ms (4 ms for the installed build of the README), so it
/// is made only when the command line names a directory, a list of files, a store or many files; checking one report starts once, as before. Nothing
/// is done when `GLIBC_TUNABLES` is already set (by the user, or by this on the first start), on
/// other platforms, or when the program cannot be run again (it then goes on as it is). Whether it
/// restarts changes only the speed: a test compares the outputs of both ways.
enum AllocatorTuning {
    /// The setting, as `GLIBC_TUNABLES` takes it.
    static let tunables = "glibc.malloc.tcache_count=150"

    /// The commands that check reports.
    static let commands: Set<String> = ["check", "impact"]

    /// Runs the program again with the tuned allocator when it checks many reports and is not
    /// tuned yet; returns (untuned) only when that does not apply or cannot be done.
    static func restartIfUseful() {
        #if os(Linux) && canImport(Glibc)
        let arguments = CommandLine.arguments
        guard arguments.count > 1, commands.contains(arguments[1]), namesManyReports(arguments.dropFirst(2)),
              getenv("GLIBC_TUNABLES") == nil else { return }
        guard setenv("GLIBC_TUNABLES", tunables, 1) == 0 else { return }
        // Returns only on failure (no /proc, say): the run goes on as it is, without the setting.
        execv("/proc/self/exe", CommandLine.unsafeArgv)
        unsetenv("GLIBC_TUNABLES")
        #endif
    }

    /// Whether the words after the command may stand for many reports: a list of files, an audit
    /// store, a directory, or more than a handful of words. (A guess from the words alone, before the
    /// arguments are parsed; guessing wrong costs a few milliseconds either way, nothing else.)
    static func namesManyReports(_ words: ArraySlice<String>) -> Bool {
        if words.count > 16 { return true }
        for word in words {
            if word == "--files-from" || word.hasPrefix("--files-from=") || word == "--db" || word.hasPrefix("--db=") {
                return true
            }
            var info = stat()
            if stat(word, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR { return true }
        }
        return false
    }
}
