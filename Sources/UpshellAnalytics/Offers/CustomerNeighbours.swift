import UpshellCore
import UpshellData

/// User-based collaborative filtering: customers similar by what they bought (cosine over binary
/// purchase vectors: shared products / √(|A|·|B|)), and what those neighbours bought that the customer
/// has not (Herlocker, Konstan, Borchers & Riedl 1999, "An algorithmic framework for performing
/// collaborative filtering", SIGIR'99 — neighbourhood of the most similar users, weighted by similarity).
///
/// ```swift
/// let h = try CustomerHistories(model)
/// let list = h.recommend(for: 42, neighbours: 30)
/// ```
/// - Complexity: O(lines) to build; a query costs Σ over the customer's products of their buyers.
public struct CustomerHistories: Sendable {
    /// CSR offsets per customer (`customers + 1`).
    public var offsets: [Int32]
    /// Distinct products of each customer, increasing.
    public var items: [Int32]
    /// Buyers of each product: CSR offsets (`products + 1`) and customer ids.
    public var buyerOffsets: [Int32]
    public var buyers: [Int32]

    /// The distinct products each customer bought in the orders selected by `keep` (all when nil).
    public init(_ model: OrderModel, keep: [Bool]? = nil) throws {
        guard model.hasCustomers else { throw OfferError.noCustomers }
        let customers = model.customers.count, n = model.products.count
        let orders = model.orders
        var rows = [[Int32]](repeating: [], count: customers)
        for o in 0..<orders.count {
            if o & 65535 == 0 { try Cancellation.check() }
            let c = Int(orders.customer[o])
            guard c >= 0, keep?[o] ?? true else { continue }
            for e in Int(orders.offsets[o])..<Int(orders.offsets[o + 1]) where !model.products.isOutOfBaskets(Int(orders.items[e])) {
                rows[c].append(orders.items[e])
            }
        }
        offsets = [0]
        items = []
        var count = [Int32](repeating: 0, count: n + 1)
        for var r in rows {
            r.sort()
            var last: Int32 = -1
            for p in r where p != last { items.append(p); count[Int(p) + 1] += 1; last = p }
            offsets.append(Int32(items.count))
        }
        for p in 0..<n { count[p + 1] += count[p] }
        buyerOffsets = count
        var fill = count
        buyers = [Int32](repeating: 0, count: items.count)
        for c in 0..<customers {
            for e in Int(offsets[c])..<Int(offsets[c + 1]) {
                let p = Int(items[e])
                buyers[Int(fill[p])] = Int32(c)
                fill[p] += 1
            }
        }
    }

    /// The products customer `c` bought.
    public func history(_ c: Int32) -> ArraySlice<Int32> { items[Int(offsets[Int(c)])..<Int(offsets[Int(c) + 1])] }

    /// The `neighbours` most similar customers to `c` (cosine, ties by id) with their similarity.
    public func neighbours(of c: Int32, count neighbours: Int) -> [(customer: Int32, similarity: Double)] {
        self.neighbours(of: Array(history(c)), skipping: c, count: neighbours)
    }

    /// The `neighbours` customers most similar to a purchase set `products` (distinct ids), other than
    /// `skipping`: cosine shared / √(|products|·|history|), ties by id.
    public func neighbours(of products: [Int32], skipping: Int32 = -1, count neighbours: Int) -> [(customer: Int32, similarity: Double)] {
        var shared: [Int32: Int32] = [:]
        for p in products where Int(p) + 1 < buyerOffsets.count {
            for b in buyers[Int(buyerOffsets[Int(p)])..<Int(buyerOffsets[Int(p) + 1])] where b != skipping { shared[b, default: 0] += 1 }
        }
        let size = Double(products.count)
        var list = shared.map { (b, s) in (customer: b, similarity: Double(s) / (size * Double(history(b).count)).squareRoot()) }
        list.sort { $0.similarity != $1.similarity ? $0.similarity > $1.similarity : $0.customer < $1.customer }
        return Array(list.prefix(neighbours))
    }

    /// What the neighbours of `c` bought and `c` did not: score Σ similarity of the neighbours who bought
    /// it, evidence the number of those neighbours; best first (ties: evidence, then id).
    public func recommend(for c: Int32, neighbours count: Int = 30) -> [Suggestion] {
        let own = Array(history(c))
        return recommend(products: own, skipping: c, excluding: Set(own), neighbours: count)
    }

    /// What the customers most similar to the purchase set `products` bought, without `excluding`.
    public func recommend(products: [Int32], skipping: Int32 = -1, excluding: Set<Int32>, neighbours count: Int = 30) -> [Suggestion] {
        var score: [Int32: Double] = [:], evidence: [Int32: Int] = [:]
        for (b, s) in neighbours(of: products, skipping: skipping, count: count) {
            for p in history(b) where !excluding.contains(p) {
                score[p, default: 0] += s
                evidence[p, default: 0] += 1
            }
        }
        var out = score.map { Suggestion(item: $0.key, score: $0.value, evidence: evidence[$0.key] ?? 0, source: .userCF) }
        out.sort(by: Suggestion.ranksBefore)
        return out
    }

    /// Memory held, in bytes.
    public var memoryBytes: Int { (offsets.count + items.count + buyerOffsets.count + buyers.count) * 4 }
}
