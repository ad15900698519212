import ConformFindings
import Foundation

/// Checks many inputs on several threads and hands the outcomes over in input order, as they
/// complete. At most `window` outcomes exist at once (checked but not yet emitted, or being
/// checked), so memory does not grow with the number of reports; the order, and so the bytes of
/// every output, is the same whatever the number of threads.
public struct BatchRunner: Sendable {
    public let checker: ReportChecker
    public let jobs: Int
    public let window: Int

    public init(checker: ReportChecker, jobs: Int, window: Int? = nil) {
        self.checker = checker
        self.jobs = max(1, jobs)
        self.window = max(self.jobs, window ?? self.jobs * 8)
    }

    /// Checks every input; `emit` is called on the calling thread, once per input, in order.
    /// If `emit` throws, the workers stop taking new inputs and the error is rethrown.
    public func run(_ inputs: [CheckInput], emit: (Int, ReportOutcome) throws -> Void) throws {
        if jobs == 1 || inputs.count < 2 {
            for (index, input) in inputs.enumerated() { try emit(index, checker.check(input)) }
            return
        }
        let state = BatchState(count: inputs.count, window: window)
        let checker = self.checker
        var threads: [Thread] = []
        for _ in 0..<min(jobs, inputs.count) {
            let thread = Thread {
                while let index = state.take() {
                    state.put(index, checker.check(inputs[index]))
                }
            }
            thread.stackSize = 8 << 20
            threads.append(thread)
            thread.start()
        }
        defer { state.stop() }
        for index in inputs.indices {
            try emit(index, state.next(index))
        }
    }
}

/// The shared state of one batch: which input is next to take, and the outcomes waiting to be
/// emitted, under one condition variable.
private final class BatchState: @unchecked Sendable {
    private let condition = NSCondition()
    private let count: Int
    private let window: Int
    private var nextToTake = 0
    private var nextToEmit = 0
    private var stopped = false
    private var ready: [Int: ReportOutcome] = [:]

    init(count: Int, window: Int) {
        self.count = count
        self.window = window
    }

    /// The next input to check, waiting while the window is full; nil when there is none left.
    func take() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while !stopped && nextToTake < count && nextToTake >= nextToEmit + window {
            condition.wait()
        }
        guard !stopped, nextToTake < count else { return nil }
        defer { nextToTake += 1 }
        return nextToTake
    }

    func put(_ index: Int, _ outcome: ReportOutcome) {
        condition.lock()
        ready[index] = outcome
        condition.broadcast()
        condition.unlock()
    }

    /// The outcome of input `index` (the next in order), waiting for it if needed.
    func next(_ index: Int) -> ReportOutcome {
        condition.lock()
        defer { condition.unlock() }
        while ready[index] == nil { condition.wait() }
        let outcome = ready.removeValue(forKey: index)
        nextToEmit = index + 1
        condition.broadcast()
        return outcome ?? ReportOutcome(path: "", reportID: nil, sha256: nil, claimed: nil, findings: [])
    }

    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }
}
