import Synchronization
import Testing
import UpshellCore
@testable import UpshellAnalytics

/// The fast item–item build (partner lists in blocks, narrowed ids, bounded skips before scoring, 128-bit
/// rank keys) against a brute-force second method written here: every pair of every unit counted in a
/// dictionary, every partner scored with the design notes' formula, all of them fully sorted and cut.
@Suite struct CoOccurrenceBuildTests {
    /// Pseudo-random units of 1–`width` items among `items`, skewed towards low ids (many ties in co-counts).
    static func units(_ count: Int, items: Int, width: Int, seed: UInt64) -> PurchaseUnits {
        var rng = SeededGenerator(seed: seed)
        let rows = (0..<count).map { _ in
            (0..<Int.random(in: 1...width, using: &rng)).map { _ in
                Int32(min(Int.random(in: 0..<items, using: &rng), Int.random(in: 0..<items, using: &rng)))
            }
        }
        return PurchaseUnits(rows: rows, itemCount: items)
    }

    /// The reference: for each item, (partner, together, score) of every co-bought partner, fully sorted by
    /// measure, co-count (descending), id (ascending), first `keep` kept.
    static func bruteForce(_ units: PurchaseUnits, _ measure: ItemSimilarity, keep: Int, floor: Int32 = 1) -> [[(Int32, Int32, Double)]] {
        var together: [Int: [Int32: Int32]] = [:]
        for u in 0..<units.count {
            let row = Array(units.row(u))
            for a in row { for b in row where b != a { together[Int(a), default: [:]][b, default: 0] += 1 } }
        }
        return (0..<units.itemCount).map { i in
            let a = units.unitsOfItem[i]
            let all = (together[i] ?? [:]).filter { $0.value >= floor }.map { j, c in
                (j, c, Self.formula(measure, c, a, units.unitsOfItem[Int(j)], units.count))
            }
            let sorted = all.sorted { x, y in x.2 != y.2 ? x.2 > y.2 : x.1 != y.1 ? x.1 > y.1 : x.0 < y.0 }
            return Array(sorted.prefix(keep))
        }
    }

    /// The design notes' formulas, written out again here.
    static func formula(_ measure: ItemSimilarity, _ c: Int32, _ a: Int32, _ b: Int32, _ n: Int) -> Double {
        let c = Double(c), a = Double(a), b = Double(b)
        switch measure {
        case .cosine: return c / (a * b).squareRoot()
        case .jaccard: return c / (a + b - c)
        case .lift: return c * Double(n) / (a * b)
        case .confidence: return c / a
        }
    }

    /// Distinct pairs bought together, counted from the units directly.
    static func distinctPairs(_ units: PurchaseUnits) -> Int {
        var pairs = Set<Int>()
        for u in 0..<units.count {
            let row = Array(units.row(u))
            for a in row { for b in row where a < b { pairs.insert(Int(a) << 32 | Int(b)) } }
        }
        return pairs.count
    }

    static func expectSame(_ m: CoOccurrenceModel, _ reference: [[(Int32, Int32, Double)]], _ label: String) {
        for i in 0..<m.itemCount {
            let got = m.range(of: Int32(i)).map { (m.neighbour[$0], m.together[$0], m.score[$0]) }
            let want = reference[i]
            #expect(got.count == want.count, "\(label) item \(i)")
            // exact equality: the build scores with the same formula as the reference
            #expect(zip(got, want).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 && $0.2 == $1.2 }, "\(label) item \(i)")
        }
    }

    @Test(arguments: ItemSimilarity.allCases)
    func everyMeasureEqualsAFullSortOfAllPairs(_ measure: ItemSimilarity) throws {
        let units = Self.units(4_000, items: 300, width: 9, seed: 16)
        for keep in [1, 7, 50] {
            let m = try CoOccurrenceModel.build(units, similarities: [measure], neighbours: keep)[0]
            Self.expectSame(m, Self.bruteForce(units, measure, keep: keep), "\(measure) top \(keep)")
            #expect(m.pairsTogether == Self.distinctPairs(units))
        }
    }

    @Test func minimumTogetherDropsRarePairsAsTheReferenceDoes() throws {
        let units = Self.units(3_000, items: 200, width: 8, seed: 5)
        let m = try CoOccurrenceModel.build(units, similarities: [.cosine], neighbours: 20, minimumTogether: 3)[0]
        Self.expectSame(m, Self.bruteForce(units, .cosine, keep: 20, floor: 3), "cosine, at least 3 together")
    }

    /// Partner lists built in many small blocks (a budget of 500 entries) give what one block gives.
    @Test func smallBlocksEqualOneBlock() throws {
        let units = Self.units(3_000, items: 400, width: 8, seed: 9)
        #expect(InvertedIndex(units).blocks(of: 0..<400, budget: 500).count > 10)
        let one = try CoOccurrenceModel.build(units, similarities: [.cosine, .confidence], neighbours: 20, parts: 1)
        let many = try CoOccurrenceModel.build(units, similarities: [.cosine, .confidence], neighbours: 20, parts: 2, budget: 500)
        for m in 0..<2 {
            #expect(one[m].offsets == many[m].offsets && one[m].neighbour == many[m].neighbour)
            #expect(one[m].together == many[m].together && one[m].score == many[m].score)
            #expect(one[m].pairsTogether == many[m].pairsTogether)
        }
    }

    /// Above 65,536 products ids are not narrowed to 16 bits: ids past 65,535 keep their identity.
    @Test func wideCataloguesKeepTheirIds() throws {
        var rng = SeededGenerator(seed: 3)
        let rows = (0..<2_000).map { _ in
            (0..<Int.random(in: 2...6, using: &rng)).map { _ in Int32(65_530 + Int.random(in: 0..<20, using: &rng)) }
        }
        let units = PurchaseUnits(rows: rows, itemCount: 70_000)
        let m = try CoOccurrenceModel.build(units, similarities: [.cosine], neighbours: 10)[0]
        Self.expectSame(m, Self.bruteForce(units, .cosine, keep: 10), "ids around 65,536")
        #expect(m.neighbour.contains { $0 > 65_535 })
    }
}

/// Progress of the item–item build (issue 17, item 5): every product counted once over both parts, the last
/// report at the total, and the lists the same as without a reporter.
@Suite struct CoOccurrenceProgressTests {
    final class Recorder: ProgressReporter {
        let updates = Mutex<[(done: Int, total: Int)]>([])
        func update(done: Int, total: Int) { updates.withLock { $0.append((done, total)) } }
        func finish() {}
    }

    @Test func everyProductIsCountedOnce() throws {
        let units = CoOccurrenceBuildTests.units(4_000, items: 1_500, width: 6, seed: 5)
        let recorder = Recorder()
        let reported = try CoOccurrenceModel.build(units, similarities: [.cosine], parts: 2, progress: recorder)[0]
        let silent = try CoOccurrenceModel.build(units, similarities: [.cosine], parts: 2)[0]
        #expect(reported.neighbour == silent.neighbour && reported.score == silent.score)
        let updates = recorder.updates.withLock { $0 }
        #expect(updates.count >= 1_500 / 256, "a report every 256 products per part")
        #expect(updates.allSatisfy { $0.total == 1_500 && $0.done <= 1_500 })
        #expect(updates.map(\.done).max() == 1_500, "the counts of the two parts add up to the products")
    }
}
