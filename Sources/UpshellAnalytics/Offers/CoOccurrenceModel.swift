import Synchronization
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

    /// An empty model (neighbour lists are appended by ``build(_:similarities:neighbours:minimumTogether:parts:budget:progress:)``).
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
    ///
    /// The items are split into two contiguous ranges of about equal work (Σ of the other items of the
    /// units holding each item), counted side by side (``ParallelParts``), and the neighbour lists joined
    /// in item order — the result is the same as one pass, whatever the number of parts. Each part gathers
    /// its items' partner lists (``PartnerLists``) in blocks of at most `budget` entries. `progress` counts
    /// items whose neighbours are ranked, over both parts.
    public static func build(_ units: PurchaseUnits, similarities: [ItemSimilarity], neighbours: Int = 50,
                             minimumTogether: Int = 1, parts: Int = 2, budget: Int = 1 << 24,
                             progress: any ProgressReporter = SilentProgress()) throws -> [CoOccurrenceModel] {
        var models = similarities.map { CoOccurrenceModel(similarity: $0, units: units, neighbours: neighbours, minimumTogether: minimumTogether) }
        let index = InvertedIndex(units)
        let bounds = index.balancedBounds(parts: max(1, min(parts, units.itemCount / 64)))
        let measures = similarities
        let floor = Int32(max(1, minimumTogether)), keep = max(1, neighbours), narrow = units.itemCount <= Int(UInt16.max) + 1
        let ranked = Atomic<Int>(0), total = units.itemCount
        let report: @Sendable (Int) -> Void = { n in progress.update(done: ranked.add(n, ordering: .relaxed).newValue, total: total) }
        let results = ParallelParts.each(bounds.count - 1) { k in
            Result {
                let items = bounds[k]..<bounds[k + 1]
                return narrow ? try countPart(units, index, UInt16.self, items: items, measures: measures, floor: floor, keep: keep, budget: budget, report: report)
                    : try countPart(units, index, UInt32.self, items: items, measures: measures, floor: floor, keep: keep, budget: budget, report: report)
            }
        }
        var pairs = 0
        for result in results {
            let part = try result.get()
            pairs += part.pairs
            for m in models.indices {
                let lists = part.lists[m], base = Int32(models[m].neighbour.count)
                models[m].neighbour += lists.neighbour
                models[m].together += lists.together
                models[m].score += lists.score
                models[m].offsets += lists.ends.map { $0 + base }
            }
        }
        for m in models.indices { models[m].pairsTogether = pairs / 2 }
        return models
    }

    /// Neighbour lists of a range of items, one per measure: CSR without the leading 0 (``ends``).
    struct PartLists {
        var neighbour: [Int32] = [], together: [Int32] = [], score: [Double] = [], ends: [Int32] = []
    }

    /// The neighbour lists of the items in `items`, and the co-bought pairs counted from their side.
    static func countPart<ID: FixedWidthInteger & UnsignedInteger & Sendable>(
        _ units: PurchaseUnits, _ index: InvertedIndex, _ id: ID.Type, items: Range<Int>, measures: [ItemSimilarity],
        floor: Int32, keep: Int, budget: Int, report: (Int) -> Void = { _ in }) throws -> (lists: [PartLists], pairs: Int) {
        var lists = [PartLists](repeating: PartLists(), count: measures.count)
        var count = [Int32](repeating: 0, count: units.itemCount)
        var touched = [Int32](repeating: 0, count: units.itemCount)
        var best = NeighbourSelection(capacity: keep)
        var pairs = 0, unreported = 0
        for block in index.blocks(of: items, budget: budget) {
            let partners = try PartnerLists<ID>(units, index, items: block)
            for i in block {
                unreported += 1
                if i & 255 == 0 {
                    try Cancellation.check()
                    report(unreported)
                    unreported = 0
                }
                let n = gather(partners.partner, partners.range(of: i), &count, &touched)
                pairs += n
                for m in measures.indices {
                    rank(measures[m], item: i, touched: touched[0..<n], count: count, units: units, floor: floor, into: &best)
                    best.drain { b in
                        lists[m].neighbour.append(b.item)
                        lists[m].together.append(b.together)
                        lists[m].score.append(b.score)
                    }
                    lists[m].ends.append(Int32(lists[m].neighbour.count))
                }
                for t in 0..<n { count[Int(touched[t])] = 0 }
            }
        }
        report(unreported)
        return (lists, pairs)
    }

    /// Adds one to `count` of every id of `partner[range]`; the ids met for the first time go to the front
    /// of `touched`, and their number is returned.
    // hot loop: one sequential read of the item's partner list, counted in a dense scratch row.
    @inline(__always) static func gather<ID: FixedWidthInteger & UnsignedInteger>(_ partner: [ID], _ range: Range<Int>,
                                                                                  _ count: inout [Int32], _ touched: inout [Int32]) -> Int {
        partner.withUnsafeBufferPointer { partner in
            count.withUnsafeMutableBufferPointer { count in
                touched.withUnsafeMutableBufferPointer { touched in
                    var n = 0
                    for e in range {
                        let j = Int(partner[e])
                        let c = count[j]
                        count[j] = c &+ 1
                        touched[n] = Int32(truncatingIfNeeded: j)
                        n &+= c == 0 ? 1 : 0
                    }
                    return n
                }
            }
        }
    }

    /// Offers every touched partner of `item` with at least `floor` co-purchases to `best`, valued by
    /// `measure`. A partner whose score is surely below the heap's ``NeighbourSelection/cut`` (by a
    /// multiplication-only bound with a 10⁻⁹ relative margin, far above rounding) is skipped unscored; the
    /// others are scored by the measure's own formula, so the kept lists are exactly a full sort's.
    static func rank(_ measure: ItemSimilarity, item i: Int, touched: ArraySlice<Int32>, count: [Int32], units: PurchaseUnits,
                     floor: Int32, into best: inout NeighbourSelection) {
        let a = units.unitsOfItem[i], n = units.count, fa = Double(a), margin = 1 - 1e-9
        switch measure {
        case .cosine:
            offer(touched, count, units.unitsOfItem, floor, &best,
                  below: { c, b, cut in Double(c) * Double(c) < cut * cut * margin * fa * Double(b) },
                  value: { c, b in ItemSimilarity.cosine(together: c, anchor: a, partner: b) })
        case .jaccard:
            offer(touched, count, units.unitsOfItem, floor, &best,
                  below: { c, b, cut in Double(c) < cut * margin * (fa + Double(b) - Double(c)) },
                  value: { c, b in ItemSimilarity.jaccard(together: c, anchor: a, partner: b) })
        case .lift:
            offer(touched, count, units.unitsOfItem, floor, &best,
                  below: { c, b, cut in Double(c) * Double(n) < cut * margin * fa * Double(b) },
                  value: { c, b in ItemSimilarity.lift(together: c, anchor: a, partner: b, units: n) })
        case .confidence:
            offer(touched, count, units.unitsOfItem, floor, &best,
                  below: { c, _, cut in Double(c) < cut * margin * fa },
                  value: { c, _ in ItemSimilarity.confidence(together: c, anchor: a) })
        }
    }

    // hot loop: one measure per call, so its bound and formula are inlined rather than switched on per pair.
    @inline(__always) static func offer(_ touched: ArraySlice<Int32>, _ count: [Int32], _ unitsOfItem: [Int32], _ floor: Int32,
                                        _ best: inout NeighbourSelection, below: (Int32, Int32, Double) -> Bool,
                                        value: (Int32, Int32) -> Double) {
        count.withUnsafeBufferPointer { count in
            unitsOfItem.withUnsafeBufferPointer { unitsOfItem in
                var cut = best.cut
                for j in touched {
                    let c = count[Int(j)], b = unitsOfItem[Int(j)]
                    guard c >= floor, !below(c, b, cut) else { continue }
                    best.offer((j, c, value(c, b)))
                    cut = best.cut
                }
            }
        }
    }

    /// Keeps the first `k` of `best` sorted by measure, then co-count (both descending), then id — what the
    /// build keeps per item (``NeighbourSelection``).
    static func keepBest(_ best: inout [(item: Int32, together: Int32, score: Double)], _ k: Int) {
        var heap = NeighbourSelection(capacity: k)
        for e in best { heap.offer(e) }
        best.removeAll(keepingCapacity: true)
        heap.drain { best.append($0) }
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
