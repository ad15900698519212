import ConformModel

/// The UTF-8 byte order of a set of ids, worked out once: for the rule ids of a run, putting a
/// report's findings in canonical order then costs one lookup per finding instead of sorting
/// strings per report (a report's test ids use it too). Ids outside the set still sort correctly,
/// between the known ones (see `key`).
public struct RuleOrder: Sendable {
    private let sorted: [String]
    private let ranks: [String: Int]
    /// Which order a `Key` made ahead of time belongs to.
    let identity = Identity()

    final class Identity: Sendable {}

    /// Keeps the order's identity (which every rule's finding refers to) until the process ends,
    /// uncounted (see `ProcessLifetime`).
    public func keepForProcessLifetime(_ keep: (AnyObject) -> Void = ProcessLifetime.keep) { keep(identity) }

    /// An id's key in one order, worked out ahead of time (a rule's findings carry their rule's,
    /// in `FindingOrigin`), so that sorting needs no lookup.
    public struct Key: Sendable {
        let order: Identity
        let value: Int
        let exact: Bool
    }

    /// `id`'s key, to keep (see `Key`).
    public func precomputedKey(_ id: String) -> Key {
        let key = key(id)
        return Key(order: identity, value: key.value, exact: key.exact)
    }

    public init(ruleIDs: some Sequence<String>) {
        var unique = Array(Set(ruleIDs))
        unique.sort { Finding.bytesPrecede($0, $1) }
        var ranks: [String: Int] = [:]
        ranks.reserveCapacity(unique.count)
        for (rank, id) in unique.enumerated() { ranks[id] = rank }
        self.sorted = unique
        self.ranks = ranks
    }

    /// An integer whose order is the byte order of ids: `2i + 1` for the known id at position `i`,
    /// `2p` for an unknown id that `p` known ids precede (so it falls between known `p - 1` and
    /// `p`). Two unknown ids can share a key; `exact` is false then, and only their bytes decide.
    func key(_ id: String) -> (value: Int, exact: Bool) {
        if let rank = ranks[id] { return (2 * rank + 1, true) }
        var low = 0, high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if Finding.bytesPrecede(sorted[middle], id) { low = middle + 1 } else { high = middle }
        }
        return (2 * low, false)
    }
}
