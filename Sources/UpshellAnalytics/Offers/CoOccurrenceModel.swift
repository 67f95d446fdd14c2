import UpshellCore

/// Item–item co-occurrence: for every item, its top-N neighbours by a chosen measure, with their
/// co-counts — sparse, never the whole item × item matrix (design notes of this folder).
///
/// ```swift
/// let units = try PurchaseUnits(model, unit: .orders)
/// let m = try CoOccurrenceModel(units, similarity: .cosine, neighbours: 50)
/// m.neighbours(of: 3)   // [(item, together, similarity)], best first
/// ```
/// - Complexity: O(Σ_u |u|²) time over the units' sizes, O(items · N) memory, plus O(items) scratch.
public struct CoOccurrenceModel: Sendable {
    /// The measure neighbours are ranked by.
    public let similarity: ItemSimilarity
    /// What a unit is.
    public let unit: CoOccurrenceUnit
    /// Neighbours kept per item, at most.
    public let neighboursPerItem: Int
    /// Fewest co-purchases a neighbour needs.
    public let minimumTogether: Int
    /// Number of units.
    public let unitCount: Int
    /// Units holding each item.
    public let unitsOfItem: [Int32]
    /// CSR offsets of each item's neighbours (`items + 1`).
    public private(set) var offsets: [Int32] = [0]
    /// Neighbour ids, best first within each item.
    public private(set) var neighbour: [Int32] = []
    /// Units holding both the item and the neighbour.
    public private(set) var together: [Int32] = []
    /// The measure of each (item, neighbour).
    public private(set) var score: [Double] = []
    /// Distinct item pairs bought together (before the top-N cut), counted once.
    public private(set) var pairsTogether = 0

    /// Builds the neighbour lists of every item of `units`.
    public init(_ units: PurchaseUnits, similarity: ItemSimilarity = .cosine, neighbours: Int = 50, minimumTogether: Int = 1) throws {
        self = try Self.build(units, similarities: [similarity], neighbours: neighbours, minimumTogether: minimumTogether)[0]
    }

    /// An empty model (neighbour lists are appended by ``build(_:similarities:neighbours:minimumTogether:)``).
    init(similarity: ItemSimilarity, units: PurchaseUnits, neighbours: Int, minimumTogether: Int) {
        self.similarity = similarity
        self.unit = units.unit
        self.neighboursPerItem = max(1, neighbours)
        self.minimumTogether = max(1, minimumTogether)
        unitCount = units.count
        unitsOfItem = units.unitsOfItem
        offsets.reserveCapacity(units.itemCount + 1)
    }

    /// One model per measure in `similarities`, all from one counting pass over the same co-counts.
    // hot loop: for each item, walk its units through an inverted index and gather co-counts in a dense scratch row.
    public static func build(_ units: PurchaseUnits, similarities: [ItemSimilarity], neighbours: Int = 50,
                             minimumTogether: Int = 1) throws -> [CoOccurrenceModel] {
        var models = similarities.map { CoOccurrenceModel(similarity: $0, units: units, neighbours: neighbours, minimumTogether: minimumTogether) }
        let n = units.itemCount, unitCount = units.count, floor = Int32(max(1, minimumTogether)), keep = max(1, neighbours)
        // inverted index: units of each item
        var start = [Int32](repeating: 0, count: n + 1)
        for p in 0..<n { start[p + 1] = start[p] + units.unitsOfItem[p] }
        var fill = start
        var unitList = [Int32](repeating: 0, count: units.items.count)
        for u in 0..<units.count {
            for p in units.row(u) { unitList[Int(fill[Int(p)])] = Int32(u); fill[Int(p)] += 1 }
        }
        var count = [Int32](repeating: 0, count: n)
        var touched: [Int32] = []
        touched.reserveCapacity(n)
        var best: [(item: Int32, together: Int32, score: Double)] = []
        var pairs = 0
        let itemsOfUnits = units.items, unitOffsets = units.offsets, unitsOfItem = units.unitsOfItem
        for i in 0..<n {
            if i & 255 == 0 { try Cancellation.check() }
            touched.removeAll(keepingCapacity: true)
            itemsOfUnits.withUnsafeBufferPointer { items in
                unitOffsets.withUnsafeBufferPointer { off in
                    unitList.withUnsafeBufferPointer { list in
                        count.withUnsafeMutableBufferPointer { count in
                            for k in Int(start[i])..<Int(start[i + 1]) {
                                let u = Int(list[k])
                                for e in Int(off[u])..<Int(off[u + 1]) {
                                    let j = items[e]
                                    if Int(j) == i { continue }
                                    if count[Int(j)] == 0 { touched.append(j) }
                                    count[Int(j)] &+= 1
                                }
                            }
                        }
                    }
                }
            }
            pairs += touched.count
            let a = unitsOfItem[i]
            for m in models.indices {
                best.removeAll(keepingCapacity: true)
                let measure = models[m].similarity
                for j in touched {
                    let c = count[Int(j)]
                    guard c >= floor else { continue }
                    best.append((j, c, measure.value(together: c, anchor: a, partner: unitsOfItem[Int(j)], units: unitCount)))
                }
                try keepBest(&best, keep)
                for b in best {
                    models[m].neighbour.append(b.item)
                    models[m].together.append(b.together)
                    models[m].score.append(b.score)
                }
                models[m].offsets.append(Int32(models[m].neighbour.count))
            }
            for j in touched { count[Int(j)] = 0 }
        }
        for m in models.indices { models[m].pairsTogether = pairs / 2 }
        return models
    }

    /// Sorts `best` by measure, then co-count (both descending), then id, and keeps the first `k`. Long
    /// lists are first cut at the k-th largest measure (quickselect on the measures, O(n)), so only the
    /// survivors — ties at the cut included — are sorted.
    static func keepBest(_ best: inout [(item: Int32, together: Int32, score: Double)], _ k: Int) throws {
        if best.count > 4 * k {
            var scores = best.map(\.score)
            let cut = kthLargest(&scores, k)
            best.removeAll { $0.score < cut }
        }
        best.sort { x, y in
            if x.score != y.score { return x.score > y.score }
            if x.together != y.together { return x.together > y.together }
            return x.item < y.item
        }
        if best.count > k { best.removeLast(best.count - k) }
    }

    /// The `k`-th largest value of `values` (1-based), reordering them (Hoare's quickselect, middle pivot).
    static func kthLargest(_ values: inout [Double], _ k: Int) -> Double {
        var lo = 0, hi = values.count - 1
        let target = k - 1
        while lo < hi {
            let pivot = values[(lo + hi) / 2]
            var i = lo, j = hi
            while i <= j {
                while values[i] > pivot { i += 1 }
                while values[j] < pivot { j -= 1 }
                if i <= j { values.swapAt(i, j); i += 1; j -= 1 }
            }
            if target <= j { hi = j } else if target >= i { lo = i } else { break }
        }
        return values[target]
    }

    /// Number of items (products).
    public var itemCount: Int { unitsOfItem.count }

    /// Neighbours of `item`, best first: index range into ``neighbour``, ``together``, ``score``.
    @inlinable public func range(of item: Int32) -> Range<Int> { Int(offsets[Int(item)])..<Int(offsets[Int(item) + 1]) }

    /// Lift of `item` and its neighbour at index `e` of the neighbour arrays.
    @inlinable public func lift(_ item: Int32, at e: Int) -> Double {
        ItemSimilarity.lift(together: together[e], anchor: unitsOfItem[Int(item)], partner: unitsOfItem[Int(neighbour[e])], units: unitCount)
    }

    /// Memory held by the neighbour lists and counts, in bytes.
    public var memoryBytes: Int { offsets.count * 4 + neighbour.count * (4 + 4 + 8) + unitsOfItem.count * 4 }
}
