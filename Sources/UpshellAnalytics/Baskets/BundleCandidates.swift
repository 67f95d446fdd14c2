import Foundation
import UpshellCore

/// A candidate "buy together and save" bundle: two or three items often bought together.
public struct BundleCandidate: Sendable, Equatable {
    /// Item ids, most-bought first.
    public var items: [Int32]
    /// Baskets holding all of them, and each one's basket count (aligned with ``items``).
    public var together: Int
    public var counts: [Int]
    public var baskets: Int
    /// Σ mean unit price (products; mean value per order at other levels), `.nan` when unknown.
    public var combinedPrice: Double
    /// Σ (mean price − mean unit cost), `.nan` when a cost is unknown.
    public var combinedMargin: Double

    /// Lift of the whole set: s(all) / Π s(item) = together·N^(k−1) / Π n_i.
    public var lift: Double {
        var l = Double(together)
        for c in counts { l *= Double(baskets) / Double(c) }
        return l / Double(baskets)
    }
    /// Current attach rate: share of orders with the most-bought item that hold all the others.
    public var attachRate: Double { Double(together) / Double(counts.max() ?? 1) }
    /// Ranking score: ln(lift) × √(orders together) × (1 − attach rate) — affinity, evidence, headroom.
    public var score: Double { log(max(lift, 1)) * Double(together).squareRoot() * (1 - attachRate) }
}

/// Finds bundle candidates: frequent pairs and triples (``FrequentItemsetMiner``) with enough orders and
/// lift, ranked by ``BundleCandidate/score``.
/// - Complexity: that of mining itemsets up to `maxSize` at `minimumCount`, plus sorting the candidates.
public enum BundleFinder {
    public static func find(_ t: Transactions, minimumCount: Int, minimumLift: Double, maxSize: Int = 3, top: Int = 20,
                            progress: any ProgressReporter = SilentProgress()) throws -> (bundles: [BundleCandidate], matching: Int) {
        try t.requireMultiItemBaskets()
        let tree = try FrequentItemsetMiner.mine(t, minimumCount: minimumCount, maxSize: max(2, min(maxSize, 3)), progress: progress)
        var out: [BundleCandidate] = []
        for node in 0..<tree.itemsetCount where tree.size[node] >= 2 {
            var items = tree.items(of: node)
            items.sort { t.itemBaskets[Int($0)] != t.itemBaskets[Int($1)] ? t.itemBaskets[Int($0)] > t.itemBaskets[Int($1)] : $0 < $1 }
            var price = 0.0, margin = 0.0
            for i in items {
                price += t.itemPrice[Int(i)]
                margin += t.itemPrice[Int(i)] - t.itemCost[Int(i)]
            }
            let b = BundleCandidate(items: items, together: Int(tree.count[node]), counts: items.map { Int(t.itemBaskets[Int($0)]) },
                                    baskets: t.basketCount, combinedPrice: price, combinedMargin: margin)
            if b.lift >= minimumLift { out.append(b) }
        }
        let scores = out.map(\.score)
        let order = out.indices.sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : out[$0].together > out[$1].together }
        return (order.prefix(top).map { out[$0] }, out.count)
    }
}
