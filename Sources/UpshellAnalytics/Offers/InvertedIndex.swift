import UpshellCore

/// How much co-counting each item of ``PurchaseUnits`` needs, for splitting the item–item build into
/// parts of equal work and into blocks of bounded memory (``PartnerLists``).
struct InvertedIndex: Sendable {
    /// Work of each item's co-count: Σ over the units holding it of the unit's other items — the length
    /// of its partner list.
    let work: [Int]

    /// - Complexity: O(unit entries).
    init(_ units: PurchaseUnits) {
        var work = [Int](repeating: 0, count: units.itemCount)
        for u in 0..<units.count {
            let row = units.row(u)
            for p in row { work[Int(p)] += row.count - 1 }
        }
        self.work = work
    }

    /// `parts + 1` item bounds (`0 … items`) splitting the work into `parts` contiguous ranges of about
    /// equal time. An item's time is its list's length (counting) plus, weighted `ranking`, the partners
    /// its list can touch — at most one per entry and one per product — which are scored and selected:
    /// with the list length alone, the part of the many rarely bought products took twice as long as the
    /// part of the best-sellers (1 M lines).
    func balancedBounds(parts: Int, ranking: Int = 3) -> [Int] {
        let n = work.count
        guard parts > 1, n > 1 else { return [0, n] }
        let cost = work.map { $0 + ranking * min($0, n) }
        let total = cost.reduce(0, +)
        var bounds = [0], done = 0
        for i in 0..<n {
            done += cost[i]
            if bounds.count < parts, done * parts >= total * bounds.count { bounds.append(i + 1) }
        }
        if bounds.last != n { bounds.append(n) }
        return bounds
    }

    /// `items` cut into consecutive ranges whose partner lists hold at most `budget` entries together (an
    /// item whose list alone is longer is a range of its own).
    func blocks(of items: Range<Int>, budget: Int) -> [Range<Int>] {
        var out: [Range<Int>] = [], lo = items.lowerBound, held = 0
        for i in items {
            if held > 0 && held + work[i] > budget {
                out.append(lo..<i)
                lo = i
                held = 0
            }
            held += work[i]
        }
        if lo < items.upperBound || out.isEmpty { out.append(lo..<items.upperBound) }
        return out
    }
}

/// For each item of a block, the other items of every unit holding it, concatenated: co-counting the
/// item is then one sequential read of its list, not a gather of scattered unit rows (which took about
/// half of the build, `perf record` on 1 M lines). Ids are narrowed to `ID` (`UInt16` when the catalogue
/// allows) so the lists take half the memory traffic.
///
/// - Complexity: O(unit entries) to scan the units plus O(Σ of the block's list lengths) to fill.
struct PartnerLists<ID: FixedWidthInteger & UnsignedInteger & Sendable>: Sendable {
    /// The items whose lists are held.
    let items: Range<Int>
    /// Offsets of each item's list in ``partner`` (`items.count + 1`).
    let start: [Int]
    /// Partner ids, grouped by item, in unit order within an item.
    let partner: [ID]

    init(_ units: PurchaseUnits, _ index: InvertedIndex, items: Range<Int>) throws {
        var start = [Int](repeating: 0, count: items.count + 1)
        for k in items.indices { start[k - items.lowerBound + 1] = start[k - items.lowerBound] + index.work[k] }
        var fill = start
        let lo = Int32(items.lowerBound), hi = Int32(items.upperBound)
        let partner = try [ID](unsafeUninitializedCapacity: start[items.count]) { out, filled in
            try units.items.withUnsafeBufferPointer { its in
                try units.offsets.withUnsafeBufferPointer { offsets in
                    try fill.withUnsafeMutableBufferPointer { fill in
                        try Self.fill(out, its: its, offsets: offsets, fill: fill, lo: lo, hi: hi)
                    }
                }
            }
            filled = start[items.count]
        }
        self.items = items
        self.start = start
        self.partner = partner
    }

    // hot loop: for each unit, each of its items in the block gets the unit's other items appended.
    private static func fill(_ out: UnsafeMutableBufferPointer<ID>, its: UnsafeBufferPointer<Int32>, offsets: UnsafeBufferPointer<Int32>,
                             fill: UnsafeMutableBufferPointer<Int>, lo: Int32, hi: Int32) throws {
        for u in 0..<(offsets.count - 1) {
            if u & 65535 == 0 { try Cancellation.check() }
            let first = Int(offsets[u]), end = Int(offsets[u + 1])
            guard end - first > 1, its[end - 1] >= lo, its[first] < hi else { continue }
            for e in first..<end {
                let p = its[e]
                if p < lo { continue }
                if p >= hi { break }
                var w = fill[Int(p - lo)]
                for f in first..<end where f != e {
                    out[w] = ID(truncatingIfNeeded: its[f])
                    w += 1
                }
                fill[Int(p - lo)] = w
            }
        }
    }

    /// The partner list of item `i` (in ``items``): index range into ``partner``.
    @inline(__always) func range(of i: Int) -> Range<Int> { start[i - items.lowerBound]..<start[i - items.lowerBound + 1] }
}
