import ConformFindings
import Dispatch

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One updating line on standard error while a batch runs (done/total, reports/s, ETA, failures so
/// far), only when standard error is a terminal and not `--quiet`. At most ten updates a second.
struct ProgressLine {
    let total: Int
    let enabled: Bool
    private let start = DispatchTime.now().uptimeNanoseconds
    private var lastDraw: UInt64 = 0
    private var done = 0
    private var notPassing = 0

    init(total: Int, quiet: Bool) {
        self.total = total
        self.enabled = !quiet && isatty(2) == 1
    }

    mutating func add(_ verdict: Verdict) {
        guard enabled else { return }
        done += 1
        if !verdict.isAcceptable { notPassing += 1 }
        let now = DispatchTime.now().uptimeNanoseconds
        if now - lastDraw > 100_000_000 || done == total {
            lastDraw = now
            draw(now)
        }
    }

    private func draw(_ now: UInt64) {
        let seconds = max(Double(now - start) / 1e9, 1e-6)
        let rate = Double(done) / seconds
        let remaining = rate > 0 ? Int(Double(total - done) / rate) : 0
        let eta = "\(remaining / 60):" + (remaining % 60 < 10 ? "0" : "") + "\(remaining % 60)"
        FileHandleOutput.standardError("\r\u{1B}[K\(done)/\(total) reports, \(Int(rate)) reports/s, ETA \(eta), \(notPassing) not passing")
    }

    func finish() {
        if enabled { FileHandleOutput.standardError("\n") }
    }
}
