import Foundation
import Testing
@testable import UpshellAnalytics
import UpshellData

/// The policy on a crafted catalogue: removed products never appear, whatever the method ranks first.
@Suite struct OfferPolicyTests {
    /// Ten products; product 0 is bought with every other one, so every product is a candidate for 0.
    func models() throws -> OfferModels {
        var rows: [[Int32]] = []
        for j in Int32(1)..<10 { for _ in 0..<Int(j) { rows.append([0, j]) } }
        var catalogue = OfferCatalogue(names: (0..<10).map { "P\($0)" })
        catalogue.price = [100, 4, 6, 12, 19, 21, 30, 8, 15, 50]
        catalogue.inventory = [50, 50, 50, 50, 50, 50, 50, 2, 50, 0]
        catalogue.margin = [0.5, 0.1, 0.9, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5]
        return try OfferModels(catalogue: catalogue, orders: PurchaseUnits(rows: rows, itemCount: 10))
    }

    @Test func lowInventoryDeclinedAndBandAreNeverShown() throws {
        var r = Recommender(try models())
        var policy = OfferPolicy()
        policy.k = 9
        var request = OfferRequest(placement: .checkout)
        request.declined = [8]
        for method in [RecommendMethod.itemCF, .fbt, .hybrid, .popular] {
            let shown = r.recommend(method, context: [0], policy: policy, request: request).suggestions.map(\.item)
            #expect(!shown.contains(7) && !shown.contains(9), "stock below 5: \(method)")   // inventory 2 and 0
            #expect(!shown.contains(8), "declined: \(method)")
            for p in shown {
                let price = r.models.catalogue.price[Int(p)]
                #expect(price >= 5 && price <= 20, "checkout band $5–$20: \(method) showed \(price)")
            }
            // in band, stocked, not declined, not the context: P2 $6, P3 $12, P4 $19
            #expect(Set(shown) == [2, 3, 4], "\(method)")
        }
    }

    @Test func kIsNeverExceeded() throws {
        var r = Recommender(try models())
        for k in 1...12 {
            var policy = OfferPolicy()
            policy.k = min(k, 100)
            for method in RecommendMethod.allCases where method != .userCF {
                #expect(r.recommend(method, context: [0], policy: policy, request: OfferRequest()).suggestions.count <= k)
            }
        }
    }

    @Test func checkoutShareOfTheCartWidensTheBand() throws {
        var r = Recommender(try models())
        var policy = OfferPolicy()
        policy.k = 9
        var request = OfferRequest(placement: .checkout)
        request.cartValue = 150   // 20% of $150 = $30: P5 $21 and P6 $30 now fit beside P2 $6, P3 $12, P4 $19, P8 $15
        let shown = Set(r.recommend(.itemCF, context: [0], policy: policy, request: request).suggestions.map(\.item))
        #expect(shown == [2, 3, 4, 5, 6, 8])
    }

    @Test func relevanceThresholdShowsNothingRatherThanSomethingIrrelevant() throws {
        var r = Recommender(try models())
        var policy = OfferPolicy()
        policy.minimumRelevance = 2   // cosines are at most 1
        let result = r.recommend(.itemCF, context: [0], policy: policy, request: OfferRequest())
        #expect(result.suggestions.isEmpty)
        #expect(result.effects.belowRelevance > 0)
    }

    @Test func marginWeightReranksCloseRelevance() throws {
        // P1 and P2 for context 0: cosine j/√(45·j) = √(j/45): P2 0.2108 > P1 0.1491; with w = 1 the score is
        // relevance × margin: P1 0.1491 × 0.1 = 0.0149, P2 0.2108 × 0.9 = 0.1897 — order kept, gap wider;
        // P3 (margin 0.5): √(3/45) × 0.5 = 0.1291 < P2's 0.1897, so P2 passes P3
        var r = Recommender(try models())
        var policy = OfferPolicy()
        policy.k = 9
        policy.minimumInventory = 0
        let plain = r.recommend(.itemCF, context: [0], policy: policy, request: OfferRequest()).suggestions.map(\.item)
        policy.marginWeight = 1
        let weighted = r.recommend(.itemCF, context: [0], policy: policy, request: OfferRequest()).suggestions.map(\.item)
        #expect(plain.firstIndex(of: 3)! < plain.firstIndex(of: 2)!)
        #expect(weighted.firstIndex(of: 2)! < weighted.firstIndex(of: 3)!)
    }

    @Test func nearSubstitutesAreTheSameCategoryWithinAQuarterOfThePrice() {
        var c = OfferCatalogue(names: ["beans 1kg", "beans B 1kg", "beans C 1kg", "grinder", "mug"])
        c.category = [0, 0, 0, 0, 1]
        c.price = [24, 27, 31, 24, 24]
        // 27/24 − 1 = 12.5% ≤ 25%: substitute; 31/24 − 1 = 29.2%: not; same price, other category: not
        #expect(c.nearSubstitutes(0, 1))
        #expect(!c.nearSubstitutes(0, 2))
        #expect(c.nearSubstitutes(0, 3))   // same category and price: a substitute by this rule, whatever the name
        #expect(!c.nearSubstitutes(0, 4))
    }

    @Test func contradictoryPoliciesAreNamed() {
        var p = OfferPolicy()
        p.checkoutMinimum = 30
        p.checkoutMaximum = 20
        p.strategicBoost = 3
        #expect(p.problems.count == 2)
        #expect(p.problems.contains { $0.contains("checkout-min") })
        #expect(p.problems.contains { $0.contains("strategic-boost") })
    }
}
