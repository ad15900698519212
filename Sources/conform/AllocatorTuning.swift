#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// glibc's allocator keeps a per-thread cache of freed blocks, seven of each size by default. A
/// report's findings, values and texts (over a thousand blocks for a report of 240 findings, more
/// for a UN 38.3 report of 40 specimens and 820 findings) are freed together when the
/// report has been written, so nearly all of them overflow that cache into the shared bins, and
/// the next report's allocations come back out of the bins the slow way (and each large allocation
/// merges the small free blocks again first). With room for 1,000 blocks of each size, the blocks
/// of one report, even of the largest in the benchmark archive, serve the next.
///
/// Measured in interleaved runs over the benchmark archive: 150 blocks took 4–10 % less CPU time
/// than the default; 1,000 took another 3–4.6 % less than 150 (500 was half way; 3,000 and 5,000
/// no better). The cost is memory the cache keeps: 2 MB more at 20,000 reports than at 2,000
/// (+5–6 %, as with 150), and checking the hostile files 400 times takes about 8 MB more than
/// 10 times, against 3 MB with 150 (a cache of 4,000 took 15 MB more): memory held by the cache,
/// which is bounded (so many blocks of each size, per thread), not left behind by the files.
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
    static let tunables = "glibc.malloc.tcache_count=1000"

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
