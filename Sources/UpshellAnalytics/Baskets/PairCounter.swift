import UpshellCore

/// Co-occurrence counts of item pairs: how many baskets hold both items.
///
/// Items are ranked by descending basket count (busy pairs share cache lines) and only items with at
/// least ``minimumItemCount`` baskets take part (a pair can never be more frequent than its rarer item).
/// Counts live in a dense upper-triangular matrix of 32-bit cells, or in a hash map when the matrix would
/// pass 64 M cells (256 MB). Optionally the value and margin of the orders holding each pair are summed.
///
/// - Complexity: O(Σ k²/2) for baskets of k items, plus O(m²/2) to read the matrix for m items.
public struct PairCounts: Sendable {
    /// Items taking part, by rank (rank 0 = most baskets).
    public let itemOfRank: [Int32]
    /// Rank of each item, `-1` when it does not take part.
    public let rankOfItem: [Int32]
    /// Items with fewer baskets than this were left out.
    public let minimumItemCount: Int
    var dense: [UInt32] = []
    var hashed: [UInt64: UInt32] = [:]
    var denseValue: [Double] = []
    var denseMargin: [Double] = []
    var hashedMoney: [UInt64: SIMD2<Double>] = [:]
    /// Whether order value and margin were summed per pair.
    public let hasMoney: Bool
    let isDense: Bool

    /// Dense matrices above this many cells give way to a hash map.
    public static let denseCellLimit = 64 << 20

    @inline(__always) func cell(_ r: Int, _ s: Int) -> Int {
        // r < s; row r starts after rows 0..<r of lengths m-1, m-2, …
        let m = itemOfRank.count
        return r * (2 * m - r - 1) / 2 + (s - r - 1)
    }

    /// Counts pairs over `transactions`.
    /// - Parameters:
    ///   - minimumItemCount: items in fewer baskets are skipped.
    ///   - only: count only pairs holding this item.
    ///   - money: also sum order value and margin per pair.
    ///   - denseLimit: most matrix cells before a hash map is used instead.
    // hot loop: counts every pair of every basket (dense matrix or hash map); one body so the counting loop stays specialised.
    public init(_ t: Transactions, minimumItemCount: Int = 1, only: Int32? = nil, money: Bool = false,
                denseLimit: Int = PairCounts.denseCellLimit, progress: any ProgressReporter = SilentProgress()) throws {
        self.minimumItemCount = max(1, minimumItemCount)
        var ranked = (0..<Int32(t.itemCount)).filter { Int(t.itemBaskets[Int($0)]) >= max(1, minimumItemCount) }
        ranked.sort { t.itemBaskets[Int($0)] != t.itemBaskets[Int($1)] ? t.itemBaskets[Int($0)] > t.itemBaskets[Int($1)] : $0 < $1 }
        var rank = [Int32](repeating: -1, count: t.itemCount)
        for (r, i) in ranked.enumerated() { rank[Int(i)] = Int32(r) }
        itemOfRank = ranked
        rankOfItem = rank
        hasMoney = money
        let m = ranked.count
        let cells = m * (m - 1) / 2
        isDense = cells <= denseLimit
        if isDense {
            dense = [UInt32](repeating: 0, count: cells)
            if money {
                denseValue = [Double](repeating: 0, count: cells)
                denseMargin = [Double](repeating: 0, count: cells)
            }
        }
        let focus: Int32 = only.map { rank[Int($0)] } ?? -1
        if only != nil && focus < 0 { return }
        var scratch = [Int32](repeating: 0, count: 64)
        let baskets = t.basketCount
        try t.offsets.withUnsafeBufferPointer { off in
            try t.items.withUnsafeBufferPointer { items in
                try rank.withUnsafeBufferPointer { rank in
                    var work = 0
                    for b in 0..<baskets {
                        if b & 65535 == 0 { progress.update(done: b, total: baskets) }
                        let lo = Int(off[b]), hi = Int(off[b + 1])
                        guard hi - lo >= 2 else { continue }
                        // Ctrl-C by work done (about a million pair updates), not by basket: baskets can be long
                        work += (hi - lo) * (hi - lo)
                        if work > 1 << 20 {
                            work = 0
                            try Cancellation.check()
                        }
                        if scratch.count < hi - lo { scratch = [Int32](repeating: 0, count: hi - lo) }
                        var k = 0
                        var hasFocus = focus < 0
                        for e in lo..<hi {
                            let r = rank[Int(items[e])]
                            if r >= 0 {
                                // insertion into ascending order
                                var p = k
                                while p > 0 && scratch[p - 1] > r { scratch[p] = scratch[p - 1]; p -= 1 }
                                scratch[p] = r
                                k += 1
                                if r == focus { hasFocus = true }
                            }
                        }
                        guard k >= 2, hasFocus else { continue }
                        let value = money ? t.basketValue[b] : 0, margin = money ? t.basketMargin[b] : 0
                        if isDense {
                            dense.withUnsafeMutableBufferPointer { d in
                                for x in 0..<(k - 1) {
                                    let r = Int(scratch[x])
                                    let base = r * (2 * m - r - 1) / 2 - r - 1
                                    if focus >= 0 {
                                        if r == Int(focus) {
                                            for y in (x + 1)..<k { d[base + Int(scratch[y])] &+= 1 }
                                        } else if Int(focus) > r {
                                            for y in (x + 1)..<k where scratch[y] == focus { d[base + Int(scratch[y])] &+= 1 }
                                        }
                                    } else {
                                        for y in (x + 1)..<k { d[base + Int(scratch[y])] &+= 1 }
                                    }
                                }
                            }
                            if money {
                                for x in 0..<(k - 1) {
                                    let r = Int(scratch[x])
                                    let base = r * (2 * m - r - 1) / 2 - r - 1
                                    for y in (x + 1)..<k where focus < 0 || r == Int(focus) || scratch[y] == focus {
                                        denseValue[base + Int(scratch[y])] += value
                                        denseMargin[base + Int(scratch[y])] += margin
                                    }
                                }
                            }
                        } else {
                            for x in 0..<(k - 1) {
                                for y in (x + 1)..<k where focus < 0 || scratch[x] == focus || scratch[y] == focus {
                                    let key = UInt64(UInt32(scratch[x])) << 32 | UInt64(UInt32(scratch[y]))
                                    hashed[key, default: 0] &+= 1
                                    if money { hashedMoney[key, default: .zero] += SIMD2(value, margin) }
                                }
                            }
                        }
                    }
                }
            }
        }
        progress.update(done: baskets, total: baskets)
    }

    /// Calls `body(itemA, itemB, count, value, margin)` for every pair counted at least `minimum` times
    /// (`itemA` is the item with more baskets). Value and margin are 0 without ``hasMoney``.
    public func forEach(minimum: Int, _ body: (Int32, Int32, Int, Double, Double) throws -> Void) throws {
        let m = itemOfRank.count
        let floor = UInt32(clamping: max(1, minimum))
        if isDense {
            try dense.withUnsafeBufferPointer { d in
                var c = 0
                for r in 0..<m {
                    // per row: a row is up to m cells, each maybe a heap insertion (pairs top=4000000)
                    try Cancellation.check()
                    for s in (r + 1)..<max(m, r + 1) {
                        let n = d[c]
                        if n >= floor {
                            try body(itemOfRank[r], itemOfRank[s], Int(n), hasMoney ? denseValue[c] : 0, hasMoney ? denseMargin[c] : 0)
                        }
                        c += 1
                    }
                }
            }
        } else {
            var seen = 0
            for (key, n) in hashed where n >= floor {
                seen += 1
                if seen & 16383 == 0 { try Cancellation.check() }
                let r = Int(key >> 32), s = Int(key & 0xFFFF_FFFF)
                let money = hasMoney ? hashedMoney[key] ?? .zero : .zero
                try body(itemOfRank[r], itemOfRank[s], Int(n), money.x, money.y)
            }
        }
    }

    /// Baskets holding both items (0 when either was left out).
    public func count(_ a: Int32, _ b: Int32) -> Int {
        var r = Int(rankOfItem[Int(a)]), s = Int(rankOfItem[Int(b)])
        guard r >= 0, s >= 0, r != s else { return 0 }
        if r > s { swap(&r, &s) }
        if isDense { return Int(dense[cell(r, s)]) }
        return Int(hashed[UInt64(r) << 32 | UInt64(s)] ?? 0)
    }

    /// Bytes held by the counters.
    public var memoryBytes: Int { dense.count * 4 + (denseValue.count + denseMargin.count) * 8 + hashed.count * 24 + hashedMoney.count * 32 }
}
