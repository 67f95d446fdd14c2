/// Which tiers of a menu dominate which (worth at least as much for no more money, one of them strictly),
/// counted in O(n log n) by a sweep over prices with a Fenwick tree over value ranks, so that a menu of
/// thousands of tiers, evaluated once per dropped tier, stays O(n² log n) instead of O(n³).
struct TierDominance {
    /// How many tiers each tier dominates (the decoy bonus counts them).
    let wins: [Int]
    /// Whether some tier dominates this one.
    let dominated: [Bool]

    init(prices: [Double], values: [Double]) {
        let n = prices.count
        // value ranks, ties sharing a rank
        let byValue = (0..<n).sorted { values[$0] < values[$1] }
        var rank = [Int](repeating: 0, count: n)
        var r = 0
        for (k, j) in byValue.enumerated() {
            if k > 0, values[j] != values[byValue[k - 1]] { r += 1 }
            rank[j] = r
        }
        let ranks = r + 1
        // tiers identical in price and value: neither dominates the other
        var twins: [PriceValue: Int] = [:]
        for j in 0..<n { twins[PriceValue(prices[j], values[j]), default: 0] += 1 }
        let byPrice = (0..<n).sorted { prices[$0] < prices[$1] }
        // wins[j] = #{k: p_k ≥ p_j, v_k ≤ v_j} − twins (j included): sweep prices downwards
        var wins = [Int](repeating: 0, count: n)
        Self.sweep(byPrice.reversed(), prices, ranks: ranks) { group, tree in
            for j in group { tree.add(rank[j]) }
            for j in group { wins[j] = tree.countUpTo(rank[j]) - twins[PriceValue(prices[j], values[j])]! }
        }
        // dominated[j] ⇔ #{k: p_k ≤ p_j, v_k ≥ v_j} − twins > 0: sweep prices upwards
        var dominated = [Bool](repeating: false, count: n)
        Self.sweep(byPrice, prices, ranks: ranks) { group, tree in
            for j in group { tree.add(rank[j]) }
            for j in group {
                let atLeast = tree.total - tree.countUpTo(rank[j] - 1)
                dominated[j] = atLeast - twins[PriceValue(prices[j], values[j])]! > 0
            }
        }
        self.wins = wins
        self.dominated = dominated
    }

    /// Calls `body` once per group of equal prices, in the order of `order`, with the tree of what came before.
    private static func sweep<S: Sequence<Int>>(_ order: S, _ prices: [Double], ranks: Int,
                                                _ body: ([Int], inout Fenwick) -> Void) {
        var tree = Fenwick(size: ranks)
        var group: [Int] = []
        for j in order {
            if let first = group.first, prices[first] != prices[j] { body(group, &tree); group.removeAll(keepingCapacity: true) }
            group.append(j)
        }
        if !group.isEmpty { body(group, &tree) }
    }

    private struct PriceValue: Hashable {
        let price: Double, value: Double
        init(_ p: Double, _ v: Double) { price = p; value = v }
    }

    /// Counts of ranks seen, with prefix sums in O(log n).
    private struct Fenwick {
        private var tree: [Int]
        private(set) var total = 0
        init(size: Int) { tree = [Int](repeating: 0, count: size + 1) }
        mutating func add(_ rank: Int) {
            total += 1
            var i = rank + 1
            while i < tree.count { tree[i] += 1; i += i & -i }
        }
        /// How many ranks ≤ `rank` were added (0 for a negative rank).
        func countUpTo(_ rank: Int) -> Int {
            var s = 0, i = rank + 1
            while i > 0 { s += tree[i]; i -= i & -i }
            return s
        }
    }
}
