import Foundation
import Testing
import UpshellAnalytics
@testable import UpshellData

let onlineRetailPath = TestData.publicDataset("online_retail.csv")

/// UCI Online Retail (`Datasets/public/online_retail.csv.gz`) against `Tests/References/online_retail/` under the reference's basket convention:
/// default cleaning (cancellations, adjustments, non-positive quantities and prices dropped), stock codes
/// upper-cased (`load … upper=StockCode`) and the non-product codes removed (`filter … where not
/// (StockCode in (…))`). The shell reaches the same numbers with those two options.
@Suite struct OnlineRetailReferenceTests {
    static let nonProducts: Set<String> = ["POST", "D", "M", "DOT", "BANK CHARGES", "AMAZONFEE", "CRUK", "C2", "B", "S", "PADS"]

    static func transactions() throws -> Transactions {
        var options = LoadOptions()
        options.uppercaseColumns = ["StockCode"]
        let d = try DatasetLoader.load(path: onlineRetailPath, options: options)
        let c = try #require(d.table.columnIndex(named: "StockCode"))
        guard case .text(_, let dictionary) = d.table.columns[c].values else {
            Issue.record("StockCode is not a text column")
            return try Transactions(#require(d.orders))
        }
        let excluded = dictionary.map { nonProducts.contains($0) }
        let codes = d.table.codes(column: c)
        let rows = codes.indices.filter { codes[$0] < 0 || !excluded[Int(codes[$0])] }.map { Int32($0) }
        let view = try d.filtered(rows: rows, name: "products-only")
        return try Transactions(#require(view.orders))
    }

    /// summary.json: 19,773 baskets, 3,803 items; itemsets 2,026 at 1 %, 395 at 2 %; single-consequent rules
    /// 888 at 1 %/50 %, 58 at 2 %/50 %, 12 at 2 %/70 %. pairs_top50_by_orders.csv: orders, support, both
    /// confidences and lift of the 50 most frequent pairs, to 6 decimals.
    @Test func basketsItemsetsRulesAndTopPairsMatchTheReference() throws {
        let t = try Self.transactions()
        #expect(t.basketCount == 19_773)
        #expect(t.itemCount == 3_803)
        let at1 = try FrequentItemsetMiner.mine(t, minimumCount: t.minimumCount(support: 0.01))
        let at2 = try FrequentItemsetMiner.mine(t, minimumCount: t.minimumCount(support: 0.02))
        #expect(at1.itemsetCount == 2_026)
        #expect(at2.itemsetCount == 395)
        func rules(_ tree: ItemsetTree, _ confidence: Double) throws -> Int {
            var q = RuleQuery()
            q.minimumConfidence = confidence
            return try AssociationRules.generate(tree, q).count
        }
        #expect(try rules(at1, 0.5) == 888)
        #expect(try rules(at2, 0.5) == 58)
        #expect(try rules(at2, 0.7) == 12)

        var q = PairQuery()
        q.minimumCount = 1
        q.top = 50
        let ours = try PairAnalysis.run(t, q).pairs
        let text = try String(contentsOf: TestData.reference("online_retail/pairs_top50_by_orders.csv"), encoding: .utf8)
        let reference = text.split(whereSeparator: \.isNewline).dropFirst().map { $0.split(separator: ",").map(String.init) }
        #expect(reference.count == 50)
        var byKey: [String: ItemPair] = [:]
        for p in ours {
            let (x, y) = (t.itemKeys[Int(p.a)], t.itemKeys[Int(p.b)])
            byKey[min(x, y) + "|" + max(x, y)] = p
        }
        // The 50th place may tie with pairs of equal count outside the top 50: compare the rows above the tie.
        let lastCount = reference.last.map { $0[2] } ?? ""
        for row in reference where row[2] != lastCount {
            let p = try #require(byKey[row[0] + "|" + row[1]], "missing pair \(row[0]) + \(row[1])")
            let aIsFirst = t.itemKeys[Int(p.a)] == row[0]
            #expect(String(p.together) == row[2])
            #expect(String(format: "%.6f", p.support) == row[3])
            #expect(String(format: "%.6f", aIsFirst ? p.confidenceAB : p.confidenceBA) == row[4])
            #expect(String(format: "%.6f", aIsFirst ? p.confidenceBA : p.confidenceAB) == row[5])
            #expect(String(format: "%.6f", p.lift) == row[6])
        }
    }
}
