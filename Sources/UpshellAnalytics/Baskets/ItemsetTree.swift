import UpshellCore

/// Frequent itemsets in a prefix tree: each node is one itemset (its path from the root), children
/// contiguous and sorted by item rank, so the count of any itemset is found by walking it.
///
/// Items are stored by *rank* (ascending basket count; ``itemOfRank`` maps back to item ids). Nodes
/// `0..<itemOfRank.count` are the single items, node `r` holding rank `r`.
///
/// - Complexity: ``lookup(_:)`` is O(k log c) for an itemset of k items and nodes of at most c children.
public struct ItemsetTree: Sendable {
    /// Item id of each rank.
    public let itemOfRank: [Int32]
    /// Rank of each item id, `-1` for infrequent items.
    public let rankOfItem: [Int32]
    /// Baskets mined.
    public let baskets: Int
    /// The count threshold used (count ≥ this).
    public let minimumCount: Int
    /// Largest itemset size mined.
    public let maxSize: Int
    /// Per node: its last item's rank, count, parent node (`-1` for single items), first child, number
    /// of children, and size.
    public internal(set) var rank: [Int32] = []
    public internal(set) var count: [Int32] = []
    public internal(set) var parent: [Int32] = []
    public internal(set) var firstChild: [Int32] = []
    public internal(set) var childCount: [Int32] = []
    public internal(set) var size: [UInt8] = []

    init(itemOfRank: [Int32], rankOfItem: [Int32], baskets: Int, minimumCount: Int, maxSize: Int) {
        self.itemOfRank = itemOfRank
        self.rankOfItem = rankOfItem
        self.baskets = baskets
        self.minimumCount = minimumCount
        self.maxSize = maxSize
    }

    /// Number of frequent itemsets (all sizes).
    public var itemsetCount: Int { rank.count }

    /// Bytes held by the tree.
    public var memoryBytes: Int { rank.count * (4 * 5 + 1) + (itemOfRank.count + rankOfItem.count) * 4 }

    @inline(__always) mutating func append(rank r: Int32, count c: Int32, parent p: Int32, size s: UInt8) {
        rank.append(r)
        count.append(c)
        parent.append(p)
        firstChild.append(-1)
        childCount.append(0)
        size.append(s)
    }

    /// The ranks of node `n`'s itemset, ascending, written into `out` (cleared first).
    public func ranks(of n: Int, into out: inout [Int32]) {
        out.removeAll(keepingCapacity: true)
        var x = n
        while x >= 0 { out.append(rank[x]); x = Int(parent[x]) }
        out.reverse()
    }

    /// The item ids of node `n`'s itemset, in rank order.
    public func items(of n: Int) -> [Int32] {
        var r: [Int32] = []
        ranks(of: n, into: &r)
        return r.map { itemOfRank[Int($0)] }
    }

    /// The node of the itemset with these ranks (ascending), or -1 when it is not frequent.
    @inline(__always)
    public func lookup<C: Collection>(_ ranks: C) -> Int where C.Element == Int32 {
        var it = ranks.makeIterator()
        guard let first = it.next() else { return -1 }
        var node = Int(first)
        while let r = it.next() {
            var lo = Int(firstChild[node]), hi = lo + Int(childCount[node])
            if lo < 0 { return -1 }
            while lo < hi {
                let mid = (lo + hi) >> 1
                if rank[mid] < r { lo = mid + 1 } else { hi = mid }
            }
            if lo == Int(firstChild[node]) + Int(childCount[node]) || rank[lo] != r { return -1 }
            node = lo
        }
        return node
    }

    /// Support of node `n` (count ÷ baskets).
    public func support(_ n: Int) -> Double { Double(count[n]) / Double(baskets) }

    /// Which itemsets are closed (no superset with the same count) and maximal (no frequent superset),
    /// among the itemsets mined (up to ``maxSize``). Only immediate supersets need checking: counts never
    /// rise with size. - Complexity: O(Σ k · k log c) over itemsets of size k.
    public func closedAndMaximal() throws -> (closed: [Bool], maximal: [Bool]) {
        var closed = [Bool](repeating: true, count: itemsetCount)
        var maximal = [Bool](repeating: true, count: itemsetCount)
        var ranks: [Int32] = [], sub: [Int32] = []
        for n in 0..<itemsetCount where size[n] >= 2 {
            if n & 65535 == 0 { try Cancellation.check() }
            self.ranks(of: n, into: &ranks)
            for skip in ranks.indices {
                sub.removeAll(keepingCapacity: true)
                for (k, r) in ranks.enumerated() where k != skip { sub.append(r) }
                let x = lookup(sub)
                if x >= 0 {
                    maximal[x] = false
                    if count[x] == count[n] { closed[x] = false }
                }
            }
        }
        return (closed, maximal)
    }

    /// The `k` itemsets with the largest counts among those `include` accepts (ties: larger first, then
    /// earlier found), best first, and how many were accepted. - Complexity: O(n log k).
    public func top(_ k: Int, where include: (Int) -> Bool) throws -> (nodes: [Int], accepted: Int) {
        // ties by node number: TopK keeps equal keys in the order offered
        var heap = TopK<(count: Int32, size: UInt8, node: Int)>(capacity: k) { a, b in
            a.count != b.count ? a.count > b.count : a.size > b.size
        }
        var accepted = 0
        for n in 0..<itemsetCount {
            if n & 65535 == 0 { try Cancellation.check() }
            guard include(n) else { continue }
            accepted += 1
            heap.insert((count[n], size[n], n))
        }
        return (try heap.sortedBest().map { $0.node }, accepted)
    }
}
