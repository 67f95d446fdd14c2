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
    public var lift: Double { Self.lift(together: together, counts: counts, baskets: baskets) }
    /// Current attach rate: share of orders with the most-bought item that hold all the others.
    public var attachRate: Double { Double(together) / Double(counts.max() ?? 1) }
    /// Ranking score: ln(lift) × √(orders together) × (1 − attach rate) — affinity, evidence, headroom.
    public var score: Double { Self.score(lift: lift, together: together, attachRate: attachRate) }

    /// ``lift`` from counts (most-bought first: the product is taken in that order).
    static func lift(together: Int, counts: [Int], baskets: Int) -> Double {
        var l = Double(together)
        for c in counts { l *= Double(baskets) / Double(c) }
        return l / Double(baskets)
    }

    /// ``score`` from its parts.
    static func score(lift: Double, together: Int, attachRate: Double) -> Double {
        log(max(lift, 1)) * Double(together).squareRoot() * (1 - attachRate)
    }
}

/// Finds bundle candidates: frequent pairs and triples (``FrequentItemsetMiner``) with enough orders and
/// lift, ranked by ``BundleCandidate/score`` (ties: more orders together, then the order mined).
/// Only the top are built, kept in a bounded heap (``TopK``): a loose min-support gives millions of candidates.
/// - Complexity: that of mining itemsets up to `maxSize` at `minimumCount`, plus O(log top) per candidate.
public enum BundleFinder {
    public static func find(_ t: Transactions, minimumCount: Int, minimumLift: Double, maxSize: Int = 3, top: Int = 20,
                            progress: any ProgressReporter = SilentProgress()) throws -> (bundles: [BundleCandidate], matching: Int) {
        try t.requireMultiItemBaskets()
        let tree = try FrequentItemsetMiner.mine(t, minimumCount: minimumCount, maxSize: max(2, min(maxSize, 3)), progress: progress)
        var best = TopK<(score: Double, together: Int, node: Int)>(capacity: top) { a, b in
            a.score != b.score ? a.score > b.score : a.together > b.together
        }
        var ranks: [Int32] = [], items: [Int32] = [], counts: [Int] = []
        var matching = 0
        for node in 0..<tree.itemsetCount {
            if node & 16383 == 0 { try Cancellation.check() }
            guard tree.size[node] >= 2 else { continue }
            tree.ranks(of: node, into: &ranks)
            sortedItems(ranks, tree, t, into: &items)
            counts.removeAll(keepingCapacity: true)
            for i in items { counts.append(Int(t.itemBaskets[Int(i)])) }
            let together = Int(tree.count[node])
            let lift = BundleCandidate.lift(together: together, counts: counts, baskets: t.basketCount)
            guard lift >= minimumLift else { continue }
            matching += 1
            let attach = Double(together) / Double(counts.max() ?? 1)
            best.insert((BundleCandidate.score(lift: lift, together: together, attachRate: attach), together, node))
        }
        let bundles = try best.sortedBest().map { candidate(node: $0.node, tree, t) }
        return (bundles, matching)
    }

    /// The item ids of an itemset's ranks, most-bought first (ties by item id), into `items`.
    static func sortedItems(_ ranks: [Int32], _ tree: ItemsetTree, _ t: Transactions, into items: inout [Int32]) {
        items.removeAll(keepingCapacity: true)
        for r in ranks { items.append(tree.itemOfRank[Int(r)]) }
        items.sort { t.itemBaskets[Int($0)] != t.itemBaskets[Int($1)] ? t.itemBaskets[Int($0)] > t.itemBaskets[Int($1)] : $0 < $1 }
    }

    /// The candidate of one itemset-tree node, with its combined price and margin.
    static func candidate(node: Int, _ tree: ItemsetTree, _ t: Transactions) -> BundleCandidate {
        var ranks: [Int32] = [], items: [Int32] = []
        tree.ranks(of: node, into: &ranks)
        sortedItems(ranks, tree, t, into: &items)
        var price = 0.0, margin = 0.0
        for i in items {
            price += t.itemPrice[Int(i)]
            margin += t.itemPrice[Int(i)] - t.itemCost[Int(i)]
        }
        return BundleCandidate(items: items, together: Int(tree.count[node]), counts: items.map { Int(t.itemBaskets[Int($0)]) },
                               baskets: t.basketCount, combinedPrice: price, combinedMargin: margin)
    }
}
