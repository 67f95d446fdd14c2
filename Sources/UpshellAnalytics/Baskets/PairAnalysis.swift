import UpshellCore

/// What `pairs` ranks by.
public enum PairSortKey: String, CaseIterable, Sendable {
    case orders, support, confidence, lift, leverage, conviction, revenue, margin, incremental
}

/// Parameters of a pair analysis.
public struct PairQuery: Sendable {
    /// Baskets a pair needs (the larger of min-orders and ceil(min-support·N)).
    public var minimumCount: Int = 1
    /// Lowest lift kept.
    public var minimumLift: Double = 0
    /// Only the partners of this item.
    public var focus: Int32?
    /// Ranking key (descending); `confidence` ranks by the stronger direction.
    public var sort: PairSortKey = .orders
    /// How many pairs to return.
    public var top: Int = 20
    public init() {}
}

/// The pairs found: the top ones by the sort key and how many passed the filters.
public struct PairResult: Sendable {
    /// The top pairs, best first.
    public var pairs: [ItemPair]
    /// Pairs passing the filters (before `top`).
    public var matching: Int
    /// Baskets analysed.
    public var baskets: Int
}

/// Frequently-bought-together pairs: counts every co-occurring pair once (``PairCounts``), filters by
/// counts and lift, keeps the top k by a bounded heap (``TopK``; equal keys in the order counted), then
/// sums the revenue and margin of the orders holding each kept pair.
///
/// - Complexity: O(Σ k² + m² + P log top + top log top) for baskets of k items, m items and P passing pairs.
public enum PairAnalysis {
    public static func run(_ t: Transactions, _ q: PairQuery, progress: any ProgressReporter = SilentProgress()) throws -> PairResult {
        try t.requireMultiItemBaskets()
        let money = q.sort == .revenue || q.sort == .margin
        let counts = try PairCounts(t, minimumItemCount: q.minimumCount, only: q.focus, money: money, progress: progress)
        let n = t.basketCount
        let meanValue = (0..<t.itemCount).map { t.itemBaskets[$0] > 0 ? t.itemRevenue[$0] / Double(t.itemBaskets[$0]) : 0 }
        // best first: larger key, then (by TopK) earlier offered
        var heap = TopK<(key: SIMD2<Double>, pair: ItemPair)>(capacity: q.top) { a, b in
            a.key.x != b.key.x ? a.key.x > b.key.x : a.key.y > b.key.y
        }
        var matching = 0
        try counts.forEach(minimum: q.minimumCount) { x, y, together, value, margin in
            var a = x, b = y
            if let f = q.focus {
                if f == y { a = y; b = x } else if f != x { return }
            }
            var p = ItemPair(a: a, b: b, together: together, countA: Int(t.itemBaskets[Int(a)]),
                             countB: Int(t.itemBaskets[Int(b)]), baskets: n)
            if q.minimumLift > 0, p.lift < q.minimumLift { return }
            matching += 1
            p.revenue = value
            p.margin = margin
            p.incrementalRevenue = incremental(p, meanValue)
            heap.insert((key(p, q.sort), p))
        }
        var pairs = try heap.sortedBest().map { $0.pair }
        if !money { try addMoney(&pairs, t) }
        return PairResult(pairs: pairs, matching: matching, baskets: n)
    }

    /// The ranking key: larger is better; ties broken by baskets together.
    static func key(_ p: ItemPair, _ sort: PairSortKey) -> SIMD2<Double> {
        let primary: Double
        switch sort {
        case .orders, .support: primary = Double(p.together)
        case .confidence: primary = max(p.confidenceAB, p.confidenceBA)
        case .lift: primary = p.lift
        case .leverage: primary = p.leverage
        case .conviction: primary = p.convictionAB
        case .revenue: primary = p.revenue
        case .margin: primary = p.margin.isNaN ? -.infinity : p.margin
        case .incremental: primary = p.incrementalRevenue
        }
        return SIMD2(primary, sort == .orders || sort == .support ? p.lift : Double(p.together))
    }

    static func incremental(_ p: ItemPair, _ meanValue: [Double]) -> Double {
        let ab = p.confidenceAB, ba = p.confidenceBA
        // weaker direction X→Y rises to the stronger confidence
        if ab <= ba { return Double(p.countA) * (ba - ab) * meanValue[Int(p.b)] }
        return Double(p.countB) * (ab - ba) * meanValue[Int(p.a)]
    }

    /// Sums order value and margin over the baskets holding each pair (one pass, stamps per basket).
    static func addMoney(_ pairs: inout [ItemPair], _ t: Transactions) throws {
        guard !pairs.isEmpty else { return }
        var partners = [[(Int32, Int)]](repeating: [], count: t.itemCount)
        for (slot, p) in pairs.enumerated() {
            if slot & 65535 == 0 { try Cancellation.check() }
            pairs[slot].revenue = 0
            pairs[slot].margin = 0
            partners[Int(p.a)].append((p.b, slot))
        }
        var stamp = [Int32](repeating: -1, count: t.itemCount)
        for b in 0..<t.basketCount {
            // per basket: with millions of kept pairs an item's partner list is long
            try Cancellation.check()
            let lo = Int(t.offsets[b]), hi = Int(t.offsets[b + 1])
            guard hi - lo >= 2 else { continue }
            for e in lo..<hi { stamp[Int(t.items[e])] = Int32(b) }
            for e in lo..<hi where !partners[Int(t.items[e])].isEmpty {
                for (partner, slot) in partners[Int(t.items[e])] where stamp[Int(partner)] == Int32(b) {
                    pairs[slot].revenue += t.basketValue[b]
                    pairs[slot].margin += t.basketMargin[b]
                }
            }
        }
    }
}
