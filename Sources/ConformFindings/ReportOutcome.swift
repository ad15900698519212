/// Everything `conform` says about one input file: its identity, its findings in canonical order,
/// the aggregated verdict and the lab's own claim.
public struct ReportOutcome: Sendable, Equatable {
    /// The path as given (directories expanded below what was given).
    public var path: String
    public var reportID: String?
    public var sha256: String?
    public var verdict: Verdict
    /// The lab's `<conclusion>`, as written.
    public var claimed: String?
    public var findings: [Finding]
    /// Laboratory, sample model, standard and issue date, for archive summaries (not in the outputs).
    public var facts: ReportFacts

    /// `ruleOrder`, when given, is the byte order of the rule ids the findings are expected to
    /// have (worked out once per run); without it, the order of these findings' ids is worked out.
    public init(path: String, reportID: String?, sha256: String?, claimed: String?, findings: consuming [Finding], facts: ReportFacts = ReportFacts(),
                ruleOrder: RuleOrder? = nil) {
        self.path = path
        self.facts = facts
        self.reportID = reportID
        self.sha256 = sha256
        self.claimed = claimed
        // Integer keys first (rule, test, line), then sort indices and move each finding once.
        let rules = ruleOrder ?? RuleOrder(ruleIDs: findings.map(\.rule))
        // The distinct test ids in byte order, gathered run by run (findings come test by test): a
        // few dozen, sorted and searched as they are (an order with a table of its own, made per
        // report, cost several times more).
        // Each kept with its first eight bytes as a number, which orders most ids without reading
        // their strings (`TestKey`).
        var runs: [TestKey] = []
        for index in findings.indices {
            if let test = findings[index].test, runs.last?.id != test { runs.append(TestKey(test)) }
        }
        // Positions sorted, not the strings (moving a string counts it up and down).
        let byBytes = runs.indices.sorted { runs[$0].precedes(runs[$1]) }
        var testIDs: [TestKey] = []
        testIDs.reserveCapacity(byBytes.count)
        for position in byBytes where testIDs.last?.id != runs[position].id { testIDs.append(runs[position]) }
        /// A test id's position in `testIDs` (every id looked up is there).
        func testRank(_ id: String) -> Int {
            let key = TestKey(id)
            var low = 0, high = testIDs.count
            while low < high {
                let middle = (low + high) / 2
                if testIDs[middle].precedes(key) { low = middle + 1 } else { high = middle }
            }
            return low
        }
        // Findings come test by test: the last test's key serves the next finding most of the time.
        var lastTest: (id: String, key: Int)?
        let orderIdentity = ObjectIdentifier(rules.identity)
        let keys = findings.map { finding in
            // Read from the finding's fields, where they were worked out once.
            let fields = finding.fields
            // The rule's key worked out once per run, if it was for this order; else looked up.
            let rule: (value: Int, exact: Bool)
            if fields.orderIdentity == orderIdentity {
                rule = (fields.orderValue, fields.orderExact)
            } else {
                rule = rules.key(fields.origin.rule)
            }
            var test = 0
            if let id = fields.test {
                if let last = lastTest, last.id == id {
                    test = last.key
                } else {
                    test = testRank(id) + 1
                    lastTest = (id, test)
                }
            }
            return (rule: rule.value, exactRule: rule.exact, test: test, line: fields.primaryLine ?? 0)
        }
        let order = Self.canonicalOrder(keys, of: findings)
        // The array is the caller's, handed over and moved here: unshared, so arranging it in
        // place copies nothing (a copy of it kept alive, as the parameter was while the sort's
        // closure held it, made the first swap copy the whole array).
        var sorted = consume findings
        Self.arrange(&sorted, in: order)
        self.findings = sorted
        self.verdict = ReportOutcome.aggregate(self.findings)
    }

    /// A test id with its first eight bytes packed into a number, zero-padded: when two numbers
    /// differ they order the ids as their bytes do (a shorter id that the other begins with pads
    /// with zeros, which precede any byte but a zero); when they are equal the bytes decide.
    struct TestKey {
        let prefix: UInt64
        let id: String

        init(_ id: String) {
            var text = id
            prefix = text.withUTF8 { bytes in
                var prefix: UInt64 = 0
                for index in 0..<min(8, bytes.count) {
                    prefix |= UInt64(bytes[index]) << UInt64(56 - 8 * index)
                }
                return prefix
            }
            self.id = id
        }

        func precedes(_ other: TestKey) -> Bool {
            prefix != other.prefix ? prefix < other.prefix : Finding.bytesPrecede(id, other.id)
        }
    }

    /// Puts `findings[order[i]]` at position `i`, in place, by swaps along the permutation's
    /// cycles (a new array of the findings copied every one of them, counted up, and down again
    /// with the old array). Swapped through the buffer, which moves the values: the array's own
    /// `swapAt` copies them, counting each finding up and down.
    private static func arrange(_ findings: inout [Finding], in order: [Int]) {
        var placed = [Bool](repeating: false, count: order.count)
        findings.withUnsafeMutableBufferPointer { items in
            for start in order.indices where !placed[start] {
                // Position `i` takes the finding at `order[i]`, still there until its own turn.
                var i = start
                placed[i] = true
                while !placed[order[i]] {
                    items.swapAt(i, order[i])
                    // The finding that was at `i` is now at `order[i]`: position `order[i]`'s
                    // wanted finding, `order[order[i]]`, is reached by following the cycle.
                    let next = order[i]
                    placed[next] = true
                    i = next
                }
            }
        }
    }

    /// The positions of `findings` in the order of `Finding.canonicalOrder`, from their keys (the
    /// findings themselves only for ties the keys cannot break). Borrowed, not held.
    private static func canonicalOrder(_ keys: [(rule: Int, exactRule: Bool, test: Int, line: Int)], of findings: borrowing [Finding]) -> [Int] {
        if let order = packedOrder(keys) { return order }
        return keys.indices.sorted { a, b in
            if keys[a].rule != keys[b].rule { return keys[a].rule < keys[b].rule }
            if !keys[a].exactRule, findings[a].rule != findings[b].rule { return Finding.bytesPrecede(findings[a].rule, findings[b].rule) }
            if keys[a].test != keys[b].test { return keys[a].test < keys[b].test }
            if keys[a].line != keys[b].line { return keys[a].line < keys[b].line }
            return Finding.bytesPrecede(findings[a].message, findings[b].message)
        }
    }

    /// The same order, when every key is exact and small enough to pack with its position into
    /// one integer (rule, test, line, position: 20, 12, 20 and 12 bits) and no two findings share a
    /// rule, test and line: sorting plain integers then does it (a third of the closure sort's
    /// cost). Nil otherwise (ties are broken by message, which only the general sort reads).
    private static func packedOrder(_ keys: [(rule: Int, exactRule: Bool, test: Int, line: Int)]) -> [Int]? {
        guard keys.count <= 1 << 12 else { return nil }
        var packed: [UInt64] = []
        packed.reserveCapacity(keys.count)
        for index in keys.indices {
            let key = keys[index]
            guard key.exactRule, key.rule >= 0, key.rule < 1 << 20, key.test >= 0, key.test < 1 << 12, key.line >= 0, key.line < 1 << 20
            else { return nil }
            packed.append(UInt64(key.rule) << 44 | UInt64(key.test) << 32 | UInt64(key.line) << 12 | UInt64(index))
        }
        packed.sort()
        var order: [Int] = []
        order.reserveCapacity(packed.count)
        for index in packed.indices {
            if index > 0, packed[index] >> 12 == packed[index - 1] >> 12 { return nil }
            order.append(Int(packed[index] & 0xFFF))
        }
        return order
    }

    /// The worst verdict among findings of severity `error` (not-applicable does not count; a
    /// report with nothing that counts is `incomplete`: nothing was shown to be met).
    public static func aggregate(_ findings: [Finding]) -> Verdict {
        aggregate(findings, [])
    }

    /// The same for the findings of both lists (without joining them, which copies every finding).
    public static func aggregate(_ findings: [Finding], _ more: [Finding]) -> Verdict {
        var worst: Verdict?
        // By index: iterating the values would copy every finding (a dozen references each).
        func consider(_ list: [Finding]) {
            for index in list.indices where list[index].severity == .error {
                let verdict = list[index].verdict
                guard let badness = verdict.badness else { continue }
                if let current = worst, let currentBadness = current.badness, currentBadness >= badness { continue }
                worst = verdict
            }
        }
        consider(findings)
        consider(more)
        return worst ?? .incomplete
    }

    /// How many findings have each verdict.
    public var counts: [Verdict: Int] {
        var tally = [Int](repeating: 0, count: Verdict.allCases.count)
        for index in findings.indices { tally[findings[index].verdict.ordinal] += 1 }
        var counts: [Verdict: Int] = [:]
        for verdict in Verdict.allCases where tally[verdict.ordinal] > 0 { counts[verdict] = tally[verdict.ordinal] }
        return counts
    }
}
