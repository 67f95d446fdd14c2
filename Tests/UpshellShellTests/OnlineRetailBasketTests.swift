import Foundation
import Testing
import UpshellAnalytics
import UpshellData
@testable import UpshellShell

/// UCI Online Retail (`Datasets/public/online_retail.csv.gz`, loaded once: 541,909 lines take a while in a
/// debug build) through the shell and the basket API: non-product lines (postage, fees) out of baskets by
/// default, `items=upper`, and `clean non-product=keep`.
///
/// Sources of the expected values:
/// - `Tests/References/online_retail/summary.json` (pandas + pyfim, the reference's convention: upper-cased
///   stock codes without `POST D M DOT BANK CHARGES AMAZONFEE CRUK C2 B S PADS`): 19,773 baskets, 3,803
///   items, 2,026 / 395 itemsets at 1 % / 2 %, 888 / 58 / 12 rules at 1 %/50 %, 2 %/50 %, 2 %/70 %; and
///   `pairs_top50_by_orders.csv`. upshell's defaults plus `items=upper` reach them.
/// - `Scripts/reference/online_retail_baskets.py` (pandas + a plain Apriori, independent of upshell; it
///   reproduces every summary.json count above) for upshell's defaults, which keep stock codes as written:
///   2,314 non-product lines of 9 codes, in 2,278 orders of which 186 hold nothing else; 3,912 items (109
///   more: codes differing only in case), 2,007 / 389 itemsets, 882 / 58 / 12 rules; and with
///   `clean non-product=keep`: 19,959 baskets, 919 rules at 1 %/50 % (the count the issue reports for the
///   old behaviour).
@Suite struct OnlineRetailBasketTests {
    static let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Datasets/public/online_retail.csv.gz").path

    static func notes(_ session: Session) throws -> [String] {
        try session.cell(.last).output.blocks.compactMap { if case .note(let n) = $0 { return n }; return nil }
    }

    static func counts(_ t: Transactions) throws -> (itemsets1: Int, itemsets2: Int, rules: [Int]) {
        let at1 = try FrequentItemsetMiner.mine(t, minimumCount: t.minimumCount(support: 0.01))
        let at2 = try FrequentItemsetMiner.mine(t, minimumCount: t.minimumCount(support: 0.02))
        func rules(_ tree: ItemsetTree, _ confidence: Double) throws -> Int {
            var q = RuleQuery()
            q.minimumConfidence = confidence
            return try AssociationRules.generate(tree, q).count
        }
        return (at1.itemsetCount, at2.itemsetCount, [try rules(at1, 0.5), try rules(at2, 0.5), try rules(at2, 0.7)])
    }

    @Test func defaultsLeaveOutNonProductsAndItemsUpperGivesTheReference() throws {
        let console = BufferConsole()
        let session = Session(console: console)
        let shell = Interpreter(session: session)
        try #require(shell.run("load \"\(Self.path)\" as retail brief") == 0, "\(console.stderr)")
        let d = try session.datasets.resolve("retail")
        #expect(d.cleaning.nonProductLines == 2_314)
        #expect(d.cleaning.nonProductCodes == ["POST", "DOT", "M", "C2", "BANK CHARGES", "PADS", "AMAZONFEE", "S", "m"])
        #expect(d.cleaning.keptLines == 530_103)  // non-product lines stay in revenue and order values
        let model = try #require(d.orders)

        // Defaults: stock codes as written, non-products out of the baskets
        let exact = try Transactions(model)
        #expect(exact.basketCount == 19_773 && exact.itemCount == 3_912)
        #expect(exact.leftOut.items == 9 && exact.leftOut.orders == 2_278 && exact.leftOut.ordersWithNothingElse == 186)
        #expect(exact.caseVariants == 109)
        let e = try Self.counts(exact)
        #expect(e.itemsets1 == 2_007 && e.itemsets2 == 389 && e.rules == [882, 58, 12])
        #expect(shell.run("rules min-support=1% min-confidence=50% top=1") == 0, "\(console.stderr)")
        var notes = try Self.notes(session)
        #expect(notes.contains { $0.hasPrefix("882 rules at min-support 1% (at least 198 of 19,773 orders)") })
        #expect(notes.contains("left out of the baskets: 9 non-product items (postage, fees, placeholders: POST, DOT, M, C2, BANK CHARGES, PADS, …) in 2,278 orders (186 held nothing else and are no baskets); 'clean non-product=keep' puts them in, 'help clean' states the rule"))
        #expect(notes.contains("109 items differ from another only in letter case (15056BL and 15056bl): items=upper makes each pair one item"))

        // items=upper: the reference
        let upper = try Transactions(model, caseInsensitive: true)
        #expect(upper.basketCount == 19_773 && upper.itemCount == 3_803)
        let u = try Self.counts(upper)
        #expect(u.itemsets1 == 2_026 && u.itemsets2 == 395 && u.rules == [888, 58, 12])
        #expect(shell.run("rules min-support=1% min-confidence=50% items=upper top=1") == 0, "\(console.stderr)")
        notes = try Self.notes(session)
        #expect(notes.contains { $0.hasPrefix("888 rules at min-support 1% (at least 198 of 19,773 orders)") })
        #expect(notes.contains { $0.hasPrefix("items=upper: 109 items merged") })
        try Self.topPairsMatchTheReference(upper)

        // A non-product named as an item says why it is none.
        #expect(shell.run("pairs for=POST") == 1)
        #expect(console.stderr.contains("for=: 'POST' is a non-product line (postage, a fee or a placeholder), left out of baskets"))

        // clean non-product=keep: the old behaviour, postage in the baskets
        #expect(shell.run("clean non-product=keep") == 0, "\(console.stderr)")
        let kept = try Transactions(#require(try session.datasets.resolve("retail").orders))
        #expect(kept.basketCount == 19_959 && kept.leftOut.items == 0)
        #expect(shell.run("rules min-support=1% min-confidence=50% top=1") == 0, "\(console.stderr)")
        #expect(try Self.notes(session).contains { $0.hasPrefix("919 rules at min-support 1%") })
    }

    /// pairs_top50_by_orders.csv: orders, support, both confidences and lift of the 50 most frequent pairs,
    /// to 6 decimals (upper-cased codes, non-products out).
    static func topPairsMatchTheReference(_ t: Transactions) throws {
        var q = PairQuery()
        q.minimumCount = 1
        q.top = 50
        let ours = try PairAnalysis.run(t, q).pairs
        let file = URL(fileURLWithPath: path).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Tests/References/online_retail/pairs_top50_by_orders.csv")
        let text = try String(contentsOf: file, encoding: .utf8)
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
