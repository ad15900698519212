/// Objects a run keeps until the process ends, made immortal so that their references are no
/// longer counted.
///
/// Counting a reference is an atomic write to the object; an object that every worker thread
/// reads for every report (a unit, a dimension, a rule's plan, its message composer, a limit) is
/// written by both cores at once, and its cache line goes back and forth between them. The
/// runtime counts nothing for an immortal object (its count is read and left as it is). A run
/// of `conform check` marks what it loads once and uses for every report: about a quarter of all
/// the counting per report, and 4 % of the CPU time of the benchmark archive in interleaved runs.
///
/// Immortal objects are never freed, so only objects that would live until the process ends
/// anyway are marked, and only by the command-line tool, never by the libraries on their own
/// (a program that loads rules again and again would keep every copy). The runtime's entry point
/// is the one its own benchmarks use for the same purpose (`_swift_stdlib_immortalize`, exported
/// by the Swift runtime on every platform since Swift 5.9).
public enum ProcessLifetime {
    /// Marks `object` immortal: from now on it is never freed and its references are not counted.
    public static func keep(_ object: AnyObject) {
        withExtendedLifetime(object) {
            swiftStdlibImmortalize(Unmanaged.passUnretained(object).toOpaque())
        }
    }
}

@_silgen_name("_swift_stdlib_immortalize")
private func swiftStdlibImmortalize(_ object: UnsafeMutableRawPointer)
