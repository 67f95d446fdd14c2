import Foundation
import Testing
@testable import UpshellAnalytics
import UpshellData

/// A crafted co-purchase matrix; every expected value is worked out by hand in the comments.
///   order 1: A B C   order 2: A B   order 3: A C   order 4: B C D   order 5: A D      (A=0 B=1 C=2 D=3)
/// Units holding each: A 4, B 3, C 3, D 2; N = 5. Together: AB 2, AC 2, AD 1, BC 2, BD 1, CD 1.
@Suite struct CoOccurrenceHandComputedTests {
    let units = PurchaseUnits(rows: [[0, 1, 2], [0, 1], [0, 2], [1, 2, 3], [0, 3]], itemCount: 4)

    func measure(_ m: CoOccurrenceModel, _ a: Int32, _ b: Int32) -> (Double, Int32)? {
        for e in m.range(of: a) where m.neighbour[e] == b { return (m.score[e], m.together[e]) }
        return nil
    }

    @Test func cosineEqualsHandComputation() throws {
        let m = try CoOccurrenceModel(units, similarity: .cosine)
        // AB: 2/√(4·3) = 0.577350; AD: 1/√(4·2) = 0.353553; BC: 2/√(3·3) = 0.666667; BD: 1/√(3·2) = 0.408248
        #expect(abs(try #require(measure(m, 0, 1)).0 - 2 / 12.0.squareRoot()) < 1e-12)
        #expect(abs(try #require(measure(m, 0, 3)).0 - 1 / 8.0.squareRoot()) < 1e-12)
        #expect(abs(try #require(measure(m, 1, 2)).0 - 2.0 / 3) < 1e-12)
        #expect(abs(try #require(measure(m, 1, 3)).0 - 1 / 6.0.squareRoot()) < 1e-12)
        #expect(try #require(measure(m, 1, 0)).1 == 2)
        // B's neighbours by cosine: C 0.667, A 0.577, D 0.408
        #expect(m.range(of: 1).map { m.neighbour[$0] } == [2, 0, 3])
        #expect(m.pairsTogether == 6)
    }

    @Test func jaccardEqualsHandComputation() throws {
        let m = try CoOccurrenceModel(units, similarity: .jaccard)
        // AB: 2/(4+3−2) = 0.4; AD: 1/(4+2−1) = 0.2; BC: 2/(3+3−2) = 0.5; CD: 1/(3+2−1) = 0.25
        #expect(abs(try #require(measure(m, 0, 1)).0 - 0.4) < 1e-12)
        #expect(abs(try #require(measure(m, 0, 3)).0 - 0.2) < 1e-12)
        #expect(abs(try #require(measure(m, 1, 2)).0 - 0.5) < 1e-12)
        #expect(abs(try #require(measure(m, 2, 3)).0 - 0.25) < 1e-12)
    }

    @Test func liftAndConfidenceEqualHandComputation() throws {
        let lift = try CoOccurrenceModel(units, similarity: .lift)
        // AB: 2·5/(4·3) = 0.833333; AD: 1·5/(4·2) = 0.625; BC: 2·5/(3·3) = 1.111111
        #expect(abs(try #require(measure(lift, 0, 1)).0 - 10.0 / 12) < 1e-12)
        #expect(abs(try #require(measure(lift, 0, 3)).0 - 0.625) < 1e-12)
        #expect(abs(try #require(measure(lift, 1, 2)).0 - 10.0 / 9) < 1e-12)
        let confidence = try CoOccurrenceModel(units, similarity: .confidence)
        // A→B: 2/4 = 0.5; B→A: 2/3; D→A: 1/2
        #expect(abs(try #require(measure(confidence, 0, 1)).0 - 0.5) < 1e-12)
        #expect(abs(try #require(measure(confidence, 1, 0)).0 - 2.0 / 3) < 1e-12)
        #expect(abs(try #require(measure(confidence, 3, 0)).0 - 0.5) < 1e-12)
    }

    @Test func customerUnitsJoinTheirOrders() throws {
        // by customer: {A B} ∪ {C} is one unit, so B–C are together once more than in orders
        let byCustomer = PurchaseUnits(rows: [[0, 1, 2], [3]], itemCount: 4, unit: .customers)
        let m = try CoOccurrenceModel(byCustomer, similarity: .cosine)
        // B and C in 1 unit each, together 1: cosine 1/√(1·1) = 1
        #expect(try #require(measure(m, 1, 2)).0 == 1)
        #expect(measure(m, 0, 3) == nil)
    }

    @Test func topNKeepsOnlyTheBestNeighbours() throws {
        let m = try CoOccurrenceModel(units, similarity: .cosine, neighbours: 1)
        // A's best by cosine: B 0.577 and C 2/√12 = 0.577 tie; co-count ties (2); id decides: B
        #expect(m.range(of: 0).map { m.neighbour[$0] } == [1])
    }

    /// The bounded heap keeps exactly what a full sort keeps (second method: sort everything), ties included.
    @Test func keepBestEqualsAFullSort() throws {
        var rng = SeededGenerator(seed: 7)
        for trial in 0..<200 {
            let n = Int.random(in: 1...400, using: &rng), k = Int.random(in: 1...60, using: &rng)
            let all = (0..<n).map { j in (item: Int32(j), together: Int32.random(in: 1...5, using: &rng), score: Double(Int.random(in: 0...20, using: &rng)) / 4) }
            var kept = all
            CoOccurrenceModel.keepBest(&kept, k)
            let sorted = all.sorted { x, y in x.score != y.score ? x.score > y.score : x.together != y.together ? x.together > y.together : x.item < y.item }
            #expect(kept.map(\.item) == Array(sorted.prefix(k)).map(\.item), "trial \(trial)")
        }
    }

    @Test func popularEqualsAHandCount() throws {
        // orders holding each: A 4, B 3, C 3, D 2 → A, then B and C (tie, by id), then D
        let models = try OfferModels(catalogue: OfferCatalogue(names: ["A", "B", "C", "D"]), orders: units)
        #expect(models.popularity == [0, 1, 2, 3])
        #expect(models.ordersOfItem == [4, 3, 3, 2])
        var r = Recommender(models)
        // context A removed: B, C, D
        #expect(r.candidates(.popular, context: [0], limit: 2).map(\.item) == [1, 2])
    }

    @Test func cartSumsTheSimilaritiesOfItsProducts() throws {
        let models = try OfferModels(catalogue: OfferCatalogue(names: ["A", "B", "C", "D"]), orders: units)
        var r = Recommender(models)
        // cart {B, D}: C = cos(B,C) + cos(D,C) = 2/3 + 1/√6 = 1.074915; A = cos(B,A) + cos(D,A) = 2/√12 + 1/√8 = 0.930904
        let list = r.candidates(.itemCF, context: [1, 3], limit: 4)
        #expect(list.map(\.item) == [2, 0])
        #expect(abs(list[0].score - (2.0 / 3 + 1 / 6.0.squareRoot())) < 1e-12)
        #expect(abs(list[1].score - (2 / 12.0.squareRoot() + 1 / 8.0.squareRoot())) < 1e-12)
        // evidence: C with B 2 + with D 1 = 3
        #expect(list[0].evidence == 3)
    }

    /// Frequently bought together agrees with the basket engine's pair counts (a second method).
    @Test func fbtCountsEqualTheBasketEnginesPairCounts() throws {
        let t = Transactions(baskets: [["A", "B", "C"], ["A", "B"], ["A", "C"], ["B", "C", "D"], ["A", "D"]])
        let pairs = try PairCounts(t)
        let models = try OfferModels(catalogue: OfferCatalogue(names: t.itemNames), orders: units)
        for a in Int32(0)..<4 {
            for e in models.fbt.range(of: a) {
                let b = models.fbt.neighbour[e]
                #expect(Int(models.fbt.together[e]) == pairs.count(a, b), "\(a)–\(b)")
                // confidence a→b = together / orders with a (the basket engine's conf A→B)
                #expect(abs(models.fbt.score[e] - Double(pairs.count(a, b)) / Double(t.itemBaskets[Int(a)])) < 1e-12)
            }
        }
    }
}

/// The two-part build (items split by work and counted side by side) against the one-pass build: the
/// same neighbour lists, co-counts and scores on a pseudo-random co-purchase matrix (a second method: the
/// serial loop is the reference).
@Suite struct CoOccurrencePartsTests {
    @Test func twoPartsEqualOnePass() throws {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        // 3,000 units of 1–8 items among 400, skewed towards low ids so the work is uneven
        let rows = (0..<3_000).map { _ in (0..<(1 + next(8))).map { _ in Int32(min(next(400), next(400))) } }
        let units = PurchaseUnits(rows: rows, itemCount: 400)
        let one = try CoOccurrenceModel.build(units, similarities: [.cosine, .confidence], neighbours: 20, parts: 1)
        let two = try CoOccurrenceModel.build(units, similarities: [.cosine, .confidence], neighbours: 20, parts: 2)
        #expect(InvertedIndex(units).balancedBounds(parts: 2).count == 3)
        for m in 0..<2 {
            #expect(one[m].offsets == two[m].offsets && one[m].neighbour == two[m].neighbour)
            #expect(one[m].together == two[m].together && one[m].score == two[m].score)
            #expect(one[m].pairsTogether == two[m].pairsTogether && one[m].pairsTogether > 0)
        }
    }
}

