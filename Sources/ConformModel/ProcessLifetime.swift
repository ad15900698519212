/// Objects a run keeps until the process ends, made immortal so that their references are no
/// longer counted.
///
/// Counting a reference is an atomic read-modify-write of the object, and the objects that every
/// report's evaluation reads (units, dimensions, rules' plans, message composers, limits) are
/// counted up and down thousands of times per report, by both worker threads. The runtime counts
/// nothing for an immortal object (its count is read and left as it is). A run of `conform check`
/// marks what it loads once and uses for every report: about a quarter of the objects counted per
/// report, and 3 % of the CPU time of the benchmark archive in interleaved runs.
///
/// Immortal objects are never freed, so only objects that would live until the process ends
/// anyway are marked, and only by the command-line tool, never by the libraries on their own
/// (a program that loads rules again and again would keep every copy). The runtime's entry point
/// is the one the Swift project's own benchmarks use for the same purpose
/// (`_swift_stdlib_immortalize`, an entry point the runtime exports for the standard library).
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
