import Foundation
import Testing
@testable import UpshellAnalytics
import UpshellData

/// Six hand-made baskets; every expected value below is worked out by hand in the comments.
///   1: a b c   2: a b   3: a c   4: b c   5: a   6: d
/// Counts a 4, b 3, c 3, d 1; ab 2, ac 2, bc 2; abc 1; N = 6.
@Suite struct BasketHandComputedTests {
    let t = Transactions(baskets: [["a", "b", "c"], ["a", "b"], ["a", "c"], ["b", "c"], ["a"], ["d"]])

    @Test func pairMetrics() throws {
        var q = PairQuery()
        q.top = 10
        let result = try PairAnalysis.run(t, q)
        #expect(result.matching == 3)
        let name = { (i: Int32) in t.itemNames[Int(i)] }
        let ab = try #require(result.pairs.first { name($0.a) == "a" && name($0.b) == "b" })
        // support 2/6; conf a→b 2/4; b→a 2/3; lift 2·6/(4·3) = 1; leverage 2/6 − (4/6)(3/6) = 0; conviction (1 − 3/6)/(1 − 1/2) = 1
        #expect(ab.together == 2 && close(ab.support, 2.0 / 6) && close(ab.confidenceAB, 0.5) && close(ab.confidenceBA, 2.0 / 3))
        #expect(close(ab.lift, 1) && abs(ab.leverage) < 1e-15 && close(ab.convictionAB, 1))
        // b (3 baskets, first seen before c) anchors b–c: lift 2·6/9 = 4/3; leverage 1/3 − 1/4 = 1/12; conviction (1/2)/(1/3) = 1.5
        let bc = try #require(result.pairs.first { name($0.a) == "b" && name($0.b) == "c" })
        #expect(close(bc.lift, 4.0 / 3) && close(bc.leverage, 1.0 / 12) && close(bc.convictionAB, 1.5))
        // for=c: partners of c, c as anchor
        q.focus = t.item(named: "c")
        let forC = try PairAnalysis.run(t, q)
        #expect(forC.pairs.count == 2 && forC.pairs.allSatisfy { name($0.a) == "c" })
    }

    @Test func itemsetsClosedMaximal() throws {
        let all = try FrequentItemsetMiner.mine(t, minimumCount: 1)
        #expect(all.itemsetCount == 8)  // a b c d ab ac bc abc
        let (closed, maximal) = try all.closedAndMaximal()
        #expect(closed.filter { $0 }.count == 8)  // every count differs from its supersets'
        #expect(maximal.filter { $0 }.count == 2)  // abc and d
        #expect(try FrequentItemsetMiner.mine(t, minimumCount: 2).itemsetCount == 6)
        #expect(try FrequentItemsetMiner.mine(t, minimumCount: 1, maxSize: 2).itemsetCount == 7)
    }

    @Test func rulesAndRedundancy() throws {
        var q = RuleQuery()
        q.minimumConfidence = 0.5
        // count ≥ 2: a→b .5, b→a .67, a→c .5, c→a .67, b→c .67, c→b .67
        #expect(try AssociationRules.generate(FrequentItemsetMiner.mine(t, minimumCount: 2), q).count == 6)
        // count ≥ 1 adds ab→c, ac→b, bc→a (each 1/2); each has a single-item antecedent rule at least as confident
        let tree = try FrequentItemsetMiner.mine(t, minimumCount: 1)
        #expect(try AssociationRules.generate(tree, q).count == 9)
        q.removeRedundant = true
        #expect(try AssociationRules.generate(tree, q).count == 6)
    }

    @Test func tooManyItemsetsStopsEarly() throws {
        // one basket of 20 items: 2^20 − 1 itemsets at count 1
        let big = Transactions(baskets: [(0..<20).map { "i\($0)" }, ["i0"]])
        #expect(throws: BasketError.self) { _ = try FrequentItemsetMiner.mine(big, minimumCount: 1, limit: 10_000) }
        #expect(try FrequentItemsetMiner.mine(big, minimumCount: 1, limit: nil).itemsetCount == (1 << 20) - 1)
    }

    @Test func noMultiItemBaskets() {
        let single = Transactions(baskets: [["a"], ["b"]])
        #expect(throws: BasketError.noMultiItemBaskets(2)) { try PairAnalysis.run(single, PairQuery()) }
    }

    @Test func unknownItemSuggestsClosest() {
        #expect(throws: BasketError.unknownItem("whole mlk", suggestions: ["whole milk"])) {
            try Transactions(baskets: [["whole milk", "butter"]]).requireItem("whole mlk")
        }
    }
}

/// Groceries (9,835 baskets, `Datasets/public/groceries.csv.gz`) against `Tests/References/groceries/`
/// (pyfim 6.28, arules convention).
@Suite struct GroceriesReferenceTests {
    static let folder = TestData.reference("groceries")
    static let data = URL(fileURLWithPath: TestData.publicDataset("groceries.csv"))

    static func transactions() throws -> Transactions {
        let d = try DatasetLoader.load(path: data.path)
        return try Transactions(#require(d.orders))
    }

    /// Splits a CSV line with double-quoted fields (no embedded quotes in these files).
    static func fields(_ line: String) -> [String] {
        var out: [String] = [], cur = "", quoted = false
        for ch in line {
            if ch == "\"" { quoted.toggle() } else if ch == ",", !quoted { out.append(cur); cur = "" } else { cur.append(ch) }
        }
        out.append(cur)
        return out
    }

    static func rows(_ file: String) throws -> [[String]] {
        let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
        return text.split(whereSeparator: \.isNewline).dropFirst().map { fields(String($0)) }
    }

    @Test func frequentItemsetCounts() throws {
        let t = try Self.transactions()
        #expect(t.basketCount == 9835 && t.itemCount == 169)
        // summary.json: 13,492 at 0.1 %, 1,001 at 0.5 %, 333 at 1 %; README: closed 13,464 / 333, maximal 7,794 / 243
        let s01 = try FrequentItemsetMiner.mine(t, minimumCount: t.minimumCount(support: 0.001))
        #expect(t.minimumCount(support: 0.001) == 10)
        #expect(s01.itemsetCount == 13_492)
        let cm = try s01.closedAndMaximal()
        #expect(cm.closed.filter { $0 }.count == 13_464)
        #expect(cm.maximal.filter { $0 }.count == 7_794)
        #expect(try FrequentItemsetMiner.mine(t, minimumCount: t.minimumCount(support: 0.005)).itemsetCount == 1_001)
        let s1 = try FrequentItemsetMiner.mine(t, minimumCount: t.minimumCount(support: 0.01))
        #expect(s1.itemsetCount == 333)
        let cm1 = try s1.closedAndMaximal()
        #expect(cm1.closed.filter { $0 }.count == 333 && cm1.maximal.filter { $0 }.count == 243)
    }

    /// Knuth's probe estimate, made before mining, lands near the true 13,492 and stops the search.
    @Test func estimateBeforeMiningIsNearTheTrueCount() throws {
        let t = try Self.transactions()
        do {
            _ = try FrequentItemsetMiner.mine(t, minimumCount: 10, limit: 1_000)
            Issue.record("expected the estimate to refuse")
        } catch BasketError.tooManyItemsets(let found, let estimate, _) {
            #expect(found == nil)
            #expect(estimate > 13_492 / 3 && estimate < 13_492 * 3, "estimate \(estimate)")
        }
    }

    @Test func ruleCounts() throws {
        let t = try Self.transactions()
        func rules(_ support: Double, _ confidence: Double, redundant: Bool = false) throws -> [AssociationRule] {
            var q = RuleQuery()
            q.minimumConfidence = confidence
            q.removeRedundant = redundant
            return try AssociationRules.generate(FrequentItemsetMiner.mine(t, minimumCount: t.minimumCount(support: support)), q)
        }
        // summary.json
        let main = try rules(0.001, 0.5)
        #expect(main.count == 5_668)
        #expect(try rules(0.01, 0.5).count == 15)
        #expect(try rules(0.005, 0.2).count == 872)
        #expect(try rules(0.001, 0.8).count == 410)
        // README: 0.5 %/50 % gives 120; 572 of the 5,668 are redundant
        #expect(try rules(0.005, 0.5).count == 120)
        #expect(try rules(0.001, 0.5, redundant: true).count == 5_096)
        // the top rule by lift: {Instant food products, soda} → {hamburger meat}, lift 18.9957
        let tree = try FrequentItemsetMiner.mine(t, minimumCount: 10)
        let top = try #require(main.first)
        let name = { (i: Int32) in t.itemNames[Int(i)] }
        #expect(Set(tree.items(of: Int(top.antecedent)).map(name)) == ["Instant food products", "soda"])
        #expect(name(tree.itemOfRank[Int(top.consequentRank)]) == "hamburger meat")
        #expect(abs(top.lift - 18.9957) < 5e-5)
    }

    @Test func topHundredRulesMatchToSixDecimals() throws {
        let t = try Self.transactions()
        let tree = try FrequentItemsetMiner.mine(t, minimumCount: t.minimumCount(support: 0.001))
        var q = RuleQuery()
        q.minimumConfidence = 0.5
        let rules = try AssociationRules.generate(tree, q)
        var byKey: [String: AssociationRule] = [:]
        for r in rules {
            let a = tree.items(of: Int(r.antecedent)).map { t.itemNames[Int($0)] }.sorted().joined(separator: " & ")
            byKey[a + " => " + t.itemNames[Int(tree.itemOfRank[Int(r.consequentRank)])]] = r
        }
        let reference = try Self.rows("rules_s0.1pct_c50pct_top100_by_lift.csv")
        #expect(reference.count == 100)
        for row in reference {
            let key = row[0].split(separator: "&").map { $0.trimmingCharacters(in: .whitespaces) }.sorted().joined(separator: " & ") + " => " + row[1]
            let r = try #require(byKey[key], "missing rule \(key)")
            #expect(String(format: "%.6f", r.support) == row[2], "\(key) support")
            #expect(String(format: "%.6f", r.confidence) == row[3], "\(key) confidence")
            #expect(String(format: "%.6f", r.lift) == row[4], "\(key) lift")
        }
        // the reference's 100th lift is the smallest of the top 100: our 100th rule has it too
        #expect(String(format: "%.6f", rules[99].lift) == reference[99][4])
    }

    @Test func pairsAtHalfPercentMatchReference() throws {
        let t = try Self.transactions()
        var q = PairQuery()
        q.minimumCount = t.minimumCount(support: 0.005)
        q.top = 10_000
        let result = try PairAnalysis.run(t, q)
        let reference = try Self.rows("pairs_min_support_0.5pct.csv")
        #expect(result.matching == reference.count)
        var ours: [String: ItemPair] = [:]
        for p in result.pairs {
            let (x, y) = (t.itemNames[Int(p.a)], t.itemNames[Int(p.b)])
            ours[min(x, y) + "|" + max(x, y)] = p
        }
        for row in reference {
            let p = try #require(ours[row[0] + "|" + row[1]], "missing pair \(row[0]) + \(row[1])")
            #expect(String(p.together) == row[2])
            #expect(String(format: "%.6f", p.support) == row[3])
            // reference columns are a→b and b→a with a < b alphabetically
            let aIsFirst = t.itemNames[Int(p.a)] == row[0]
            #expect(String(format: "%.6f", aIsFirst ? p.confidenceAB : p.confidenceBA) == row[4])
            #expect(String(format: "%.6f", aIsFirst ? p.confidenceBA : p.confidenceAB) == row[5])
            #expect(String(format: "%.6f", p.lift) == row[6])
        }
    }
}

/// Baskets built from order lines: levels, order subsets and money per pair.
@Suite struct TransactionsFromOrdersTests {
    // o1: p1 (Coffee) + p2 (Coffee) + p3 (Kitchen) · o2: p1 + p3 · o3: p2 · o4: p3 + p3 (one product twice)
    static let csv = """
        order_id,sku,category,quantity,unit_price,unit_cost
        o1,p1,Coffee,1,10.00,4.00
        o1,p2,Coffee,2,5.00,2.00
        o1,p3,Kitchen,1,20.00,15.00
        o2,p1,Coffee,1,10.00,4.00
        o2,p3,Kitchen,1,20.00,15.00
        o3,p2,Coffee,1,5.00,2.00
        o4,p3,Kitchen,1,20.00,15.00
        o4,p3,Kitchen,1,20.00,15.00
        """

    @Test func categoryLevelMergesProductsOfOneCategory() throws {
        let model = try #require(try TestData.load(csv: Self.csv).orders)
        let t = try Transactions(model, level: .category)
        #expect(t.itemNames == ["Coffee", "Kitchen"])
        // o1 {Coffee, Kitchen}, o2 {Coffee, Kitchen}, o3 {Coffee}, o4 {Kitchen}
        #expect(t.basketCount == 4 && t.itemBaskets == [3, 3])
        let pairs = try PairAnalysis.run(t, PairQuery())
        #expect(pairs.pairs.count == 1 && pairs.pairs[0].together == 2)
        // lift 2·4/(3·3) = 8/9
        #expect(close(pairs.pairs[0].lift, 8.0 / 9))
    }

    @Test func pairMoneyIsThatOfTheOrdersHoldingBoth() throws {
        let model = try #require(try TestData.load(csv: Self.csv).orders)
        let t = try Transactions(model)
        var q = PairQuery()
        q.focus = t.item(named: "p3")
        let result = try PairAnalysis.run(t, q)
        let p1p3 = try #require(result.pairs.first { t.itemNames[Int($0.b)] == "p1" })
        // orders o1 (10 + 10 + 20 = 40, cost 4 + 4 + 15 = 23) and o2 (30, cost 19): revenue 70, margin 17 + 11 = 28
        #expect(p1p3.together == 2 && close(p1p3.revenue, 70) && close(p1p3.margin, 28))
        // sorting by revenue sums the same money while counting
        q.sort = .revenue
        let byRevenue = try PairAnalysis.run(t, q)
        #expect(close(try #require(byRevenue.pairs.first).revenue, 70))
        // signpost: conf p3→p1 = 2/3 (weaker), p1→p3 = 2/2; n_p3·(1 − 2/3) = 1 order more with p1, at p1's mean value 10
        #expect(close(p1p3.incrementalRevenue, 10))
    }

    @Test func keepSelectsOrders() throws {
        let model = try #require(try TestData.load(csv: Self.csv).orders)
        let t = try Transactions(model, keep: [true, false, true, false])
        #expect(t.basketCount == 2 && t.orderOfBasket == [0, 2])
        #expect(t.itemBaskets[Int(try #require(t.item(named: "p2")))] == 2)
    }
}

/// The demo store's planted cross-sell pairs (Datasets/demo/README.md, "Planted cross-sell pairs": counts over
/// all 16,309 orders of any status, lift = both × 16,309 / (anchor × partner)).
@Suite struct DemoStorePlantedPairsTests {
    static let planted: [(anchor: String, partner: String, anchorOrders: Int, partnerOrders: Int, both: Int, lift: String)] = [
        ("COF-007", "COF-008", 146, 104, 69, "74.1"),
        ("CMP-004", "CMP-005", 148, 94, 76, "89.1"),
        ("COF-009", "COF-010", 174, 139, 101, "68.1"),
        ("KIT-004", "KIT-005", 167, 108, 86, "77.8"),
        ("OUT-004", "OUT-005", 176, 129, 90, "64.6"),
    ]

    @Test func plantedPairsTopTheLiftRankingWithTheReadmeCounts() throws {
        var options = LoadOptions()
        options.cleaning = .keepAll  // the README counts orders of any status
        let d = try DatasetLoader.load(path: TestData.packageRoot.appendingPathComponent("Datasets/demo/orders.csv").path, options: options)
        let t = try Transactions(#require(d.orders))
        #expect(t.basketCount == 16_309)
        var q = PairQuery()
        q.minimumCount = 30
        q.sort = .lift
        q.top = 6
        let top = try PairAnalysis.run(t, q).pairs
        let keys = { (p: ItemPair) in Set([t.itemKeys[Int(p.a)], t.itemKeys[Int(p.b)]]) }
        #expect(Set(top.prefix(5).map(keys)) == Set(Self.planted.map { Set([$0.anchor, $0.partner]) }))
        // "by a wide margin": the sixth pair's lift is under a tenth of the fifth's
        #expect(top[5].lift < top[4].lift / 10)
        for p in Self.planted {
            let pair = try #require(top.first { keys($0) == [p.anchor, p.partner] })
            #expect(t.itemKeys[Int(pair.a)] == p.anchor)
            #expect(pair.countA == p.anchorOrders && pair.countB == p.partnerOrders && pair.together == p.both)
            #expect(String(format: "%.1f", pair.lift) == p.lift)
        }
    }
}

extension GroceriesReferenceTests {
    /// The hash-map counter (used past 64 M matrix cells) counts exactly what the dense matrix counts.
    @Test func hashedAndDensePairCountsAgree() throws {
        let t = try Self.transactions()
        let dense = try PairCounts(t, money: true)
        let hashed = try PairCounts(t, money: true, denseLimit: 0)
        var a: [String: Int] = [:], b: [String: Int] = [:]
        try dense.forEach(minimum: 1) { x, y, n, _, _ in a["\(x)-\(y)"] = n }
        try hashed.forEach(minimum: 1) { x, y, n, _, _ in b["\(x)-\(y)"] = n }
        #expect(a.count > 9_000 && a == b)
        let milk = try #require(t.item(named: "whole milk")), yogurt = try #require(t.item(named: "yogurt"))
        #expect(dense.count(milk, yogurt) == 551 && hashed.count(yogurt, milk) == 551)  // pairs reference file
    }
}

extension GroceriesReferenceTests {
    /// Filters give exactly the matching subset of the unfiltered rules; sorts are descending.
    @Test func ruleFiltersAreSubsetsOfAllRules() throws {
        let t = try Self.transactions()
        let tree = try FrequentItemsetMiner.mine(t, minimumCount: 10)
        var q = RuleQuery()
        q.minimumConfidence = 0.5
        let all = try AssociationRules.generate(tree, q)
        let milk = try #require(t.item(named: "whole milk")), soda = try #require(t.item(named: "soda"))
        let consequent = { (r: AssociationRule) in tree.itemOfRank[Int(r.consequentRank)] }
        let antecedent = { (r: AssociationRule) in tree.items(of: Int(r.antecedent)) }
        var then = q
        then.consequent = milk
        #expect(try AssociationRules.generate(tree, then).count == all.filter { consequent($0) == milk }.count)
        var ifSoda = q
        ifSoda.antecedentContains = soda
        #expect(try AssociationRules.generate(tree, ifSoda).count == all.filter { antecedent($0).contains(soda) }.count)
        var short = q
        short.maxSize = 2
        #expect(try AssociationRules.generate(tree, short).count == all.filter { antecedent($0).count == 1 }.count)
        var lifty = q
        lifty.minimumLift = 3
        #expect(try AssociationRules.generate(tree, lifty).count == all.filter { $0.lift >= 3 }.count)
        for key in RuleSortKey.allCases {
            var sorted = q
            sorted.sort = key
            let rules = try AssociationRules.generate(tree, sorted)
            let values: [Double] = rules.map {
                switch key {
                case .lift: $0.lift
                case .confidence: $0.confidence
                case .support: $0.support
                case .leverage: $0.leverage
                case .conviction: $0.conviction
                }
            }
            #expect(zip(values, values.dropFirst()).allSatisfy { $0 >= $1 }, "\(key)")
        }
    }
}
