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
    ///
    /// The items are split into two contiguous ranges of about equal work (Σ of the sizes of the units
    /// holding each item), counted side by side (``ParallelParts``), and the neighbour lists joined in item
    /// order — the result is the same as one pass, whatever the number of parts.
    public static func build(_ units: PurchaseUnits, similarities: [ItemSimilarity], neighbours: Int = 50,
                             minimumTogether: Int = 1, parts: Int = 2) throws -> [CoOccurrenceModel] {
        var models = similarities.map { CoOccurrenceModel(similarity: $0, units: units, neighbours: neighbours, minimumTogether: minimumTogether) }
        let index = InvertedIndex(units)
        let bounds = index.balancedBounds(parts: max(1, min(parts, units.itemCount / 64)))
        let measures = similarities
        let floor = Int32(max(1, minimumTogether)), keep = max(1, neighbours)
        let results = ParallelParts.each(bounds.count - 1) { k in
            Result { try countPart(units, index, items: bounds[k]..<bounds[k + 1], measures: measures, floor: floor, keep: keep) }
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
    // hot loop: for each item, walk its units through the inverted index and gather co-counts in a dense scratch row.
    static func countPart(_ units: PurchaseUnits, _ index: InvertedIndex, items: Range<Int>, measures: [ItemSimilarity],
                          floor: Int32, keep: Int) throws -> (lists: [PartLists], pairs: Int) {
        var lists = [PartLists](repeating: PartLists(), count: measures.count)
        var count = [Int32](repeating: 0, count: units.itemCount)
        var touched: [Int32] = []
        touched.reserveCapacity(units.itemCount)
        var best = NeighbourHeap(capacity: keep)
        var pairs = 0
        let itemsOfUnits = units.items, unitsOfItem = units.unitsOfItem, unitCount = units.count
        for i in items {
            if i & 255 == 0 { try Cancellation.check() }
            touched.removeAll(keepingCapacity: true)
            itemsOfUnits.withUnsafeBufferPointer { its in
                index.rowStart.withUnsafeBufferPointer { rowStart in
                    index.rowEnd.withUnsafeBufferPointer { rowEnd in
                        count.withUnsafeMutableBufferPointer { count in
                            for k in Int(index.start[i])..<Int(index.start[i + 1]) {
                                for e in Int(rowStart[k])..<Int(rowEnd[k]) {
                                    let j = its[e]
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
            for m in measures.indices {
                let measure = measures[m]
                for j in touched {
                    let c = count[Int(j)]
                    guard c >= floor else { continue }
                    best.offer((j, c, measure.value(together: c, anchor: a, partner: unitsOfItem[Int(j)], units: unitCount)))
                }
                best.drain { b in
                    lists[m].neighbour.append(b.item)
                    lists[m].together.append(b.together)
                    lists[m].score.append(b.score)
                }
                lists[m].ends.append(Int32(lists[m].neighbour.count))
            }
            for j in touched { count[Int(j)] = 0 }
        }
        return (lists, pairs)
    }

    /// Keeps the first `k` of `best` sorted by measure, then co-count (both descending), then id — what the
    /// build keeps per item (``NeighbourHeap``).
    static func keepBest(_ best: inout [(item: Int32, together: Int32, score: Double)], _ k: Int) {
        var heap = NeighbourHeap(capacity: k)
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
