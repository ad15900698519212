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
        self.window = max(self.jobs, window ?? self.jobs * 4)
    }

    /// Checks every input; `emit` is called on the calling thread, once per input, in order.
    /// If `emit` throws, the workers stop taking new inputs and the error is rethrown.
    public func run(_ inputs: [CheckInput], emit: (Int, ReportOutcome) throws -> Void) throws {
        let checker = self.checker
        try map(count: inputs.count, work: { checker.check(inputs[$0]) }, emit: emit)
    }

    /// The runner's threads, window and order for any per-input work: `work(i)` runs on a worker
    /// thread or on the calling thread between emits, `emit(i, result)` on the calling thread, in
    /// order of `i`.
    public func map<Item: Sendable>(count: Int, work: @escaping @Sendable (Int) -> Item, emit: (Int, Item) throws -> Void) throws {
        try map(count: count, local: {}, work: { _, index in work(index) }, emit: emit)
    }

    /// The same, with a value of each worker's own: `local()` makes it once per thread that works
    /// (the calling thread included), and every `work` call on that thread gets it (to reuse what
    /// would otherwise be made per input).
    public func map<Item: Sendable, Local>(count: Int, local: @escaping @Sendable () -> Local,
                                           work: @escaping @Sendable (inout Local, Int) -> Item,
                                           emit: (Int, Item) throws -> Void) throws {
        if jobs == 1 || count < 2 {
            var own = local()
            for index in 0..<count { try emit(index, work(&own, index)) }
            return
        }
        // The calling thread is one of the `jobs`: between emitting outcomes it checks inputs too.
        // As a thread of its own that only emitted, it was woken for nearly every outcome and took a
        // core from a worker each time (thousands of context switches per run, 5-8 % more CPU time
        // in all).
        let state = BatchState<Item>(count: count, window: window)
        var threads: [Thread] = []
        for _ in 0..<min(jobs - 1, count - 1) {
            let thread = Thread {
                var own = local()
                while let index = state.take() {
                    state.put(index, work(&own, index))
                }
            }
            thread.stackSize = 8 << 20
            threads.append(thread)
            thread.start()
        }
        defer { state.stop() }
        var own = local()
        var index = 0
        while index < count {
            if let item = state.take(ready: index) {
                try emit(index, item)
                index += 1
            } else if let taken = state.takeIfRoom() {
                state.put(taken, work(&own, taken))
            } else {
                try emit(index, state.next(index))
                index += 1
            }
        }
    }
}

/// The shared state of one batch: which input is next to take, and the outcomes waiting to be
/// emitted, under one condition variable.
private final class BatchState<Item: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private let count: Int
    private let window: Int
    private var nextToTake = 0
    private var nextToEmit = 0
    private var stopped = false
    private var ready: [Int: Item] = [:]

    init(count: Int, window: Int) {
        self.count = count
        self.window = window
    }

    /// Workers waiting for room in the window (only they need waking when the window moves).
    private var waitingWorkers = 0
    /// Whether the emitting thread waits for the outcome of `nextToEmit` (only that one wakes it).
    private var emitterWaits = false

    /// The next input to check, waiting while the window is full; nil when there is none left.
    func take() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while !stopped && nextToTake < count && nextToTake >= nextToEmit + window {
            waitingWorkers += 1
            condition.wait()
            waitingWorkers -= 1
        }
        guard !stopped, nextToTake < count else { return nil }
        defer { nextToTake += 1 }
        return nextToTake
    }

    // Wake-ups go only to whoever waits for this very change: the emitting thread for the next
    // outcome in order, workers for room in the window.
    func put(_ index: Int, _ outcome: Item) {
        condition.lock()
        ready[index] = outcome
        if emitterWaits && index == nextToEmit { condition.broadcast() }
        condition.unlock()
    }

    /// The next input to check when the window has room for it (nil otherwise, or when there is
    /// none left): for the calling thread, which emits as well and must not wait here.
    func takeIfRoom() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        guard !stopped, nextToTake < count, nextToTake < nextToEmit + window else { return nil }
        defer { nextToTake += 1 }
        return nextToTake
    }

    /// The outcome of input `index` (the next in order) if it is ready, without waiting.
    func take(ready index: Int) -> Item? {
        condition.lock()
        defer { condition.unlock() }
        guard let item = ready.removeValue(forKey: index) else { return nil }
        nextToEmit = index + 1
        if waitingWorkers > 0 { condition.broadcast() }
        return item
    }

    /// The outcome of input `index` (the next in order), waiting for it if needed.
    func next(_ index: Int) -> Item {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let item = ready.removeValue(forKey: index) {
                nextToEmit = index + 1
                if waitingWorkers > 0 { condition.broadcast() }
                return item
            }
            emitterWaits = true
            condition.wait()
            emitterWaits = false
        }
    }

    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }
}
