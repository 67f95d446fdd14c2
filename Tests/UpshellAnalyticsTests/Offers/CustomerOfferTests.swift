import Foundation
import Testing
@testable import UpshellAnalytics
import UpshellData

/// User-based CF and purchase sequences on crafted orders; expected values worked out by hand below.
@Suite struct CustomerOfferTests {
    /// Products A = apple, B = bread, C = cheese, D = dates. c1 bought {A, B}; c2 {A, B, C}; c3 {A, B, D}. Dates make the sequences:
    ///   c1: A on 01-01, B on 01-11            → B after A: 10 days
    ///   c2: A on 01-01, A again 01-06, B 01-31, C 02-10 → B after A: 30 days, C: 40 days (from the first A)
    ///   c3: B on 01-01, A on 01-06            → nothing after A
    static let csv = """
        order_id,customer_id,created_at,sku,unit_price
        o1,c1,2026-01-01,apple,10
        o2,c1,2026-01-11,bread,20
        o3,c2,2026-01-01,apple,10
        o4,c2,2026-01-06,apple,10
        o5,c2,2026-01-31,bread,20
        o6,c2,2026-02-10,cheese,30
        o7,c3,2026-01-01,bread,20
        o8,c3,2026-01-06,dates,40
        o9,c3,2026-01-06,apple,10
        """

    func model() throws -> OrderModel { try #require(try TestData.load(csv: Self.csv).orders) }

    func id(_ m: OrderModel, _ key: String) throws -> Int32 { try #require(m.products.id(named: key)) }

    @Test func userCFEqualsHandComputation() throws {
        let m = try model()
        let h = try CustomerHistories(m)
        let c1 = Int32(try #require((0..<m.customers.count).first { m.customers.key[$0] == "c1" }))
        let c3 = Int32(try #require((0..<m.customers.count).first { m.customers.key[$0] == "c3" }))
        // c3 bought {A, B, D}: c1 {A, B} shares 2 → 2/√(3·2) = 0.816497; c2 {A, B, C} shares 2 → 2/√(3·3) = 0.666667
        let neighbours = h.neighbours(of: c3, count: 5)
        #expect(neighbours.count == 2)
        #expect(abs(neighbours[0].similarity - 2 / 6.0.squareRoot()) < 1e-12)
        #expect(abs(neighbours[1].similarity - 2.0 / 3) < 1e-12)
        // for c1 {A, B}: c2 shares 2 → 2/√(2·3) = 0.816497, c3 shares 2 → 2/√(2·3); C (c2's) 0.816497, D (c3's) 0.816497;
        // tie on score and evidence (1 each): by product id, C before D
        let list = h.recommend(for: c1)
        #expect(list.map(\.item) == [try id(m, "cheese"), try id(m, "dates")])
        #expect(abs(list[0].score - 2 / 6.0.squareRoot()) < 1e-12 && list[0].evidence == 1)
    }

    @Test func nextPurchasesEqualHandComputation() throws {
        let m = try model()
        let (next, buyers, again) = try PurchaseSequences.after(try id(m, "apple"), in: m)
        // buyers of A: c1, c2, c3; with a later order than their first A: c1 (B), c2 (A again, B, C); c3's D is the same day as A
        #expect(buyers == 3 && again == 2)
        let b = try #require(next.first { $0.item == (try? id(m, "bread")) })
        // B: c1 10 days, c2 30 days → median 20, type-7 quartiles 15 and 25
        #expect(b.customers == 2 && b.medianDays == 20 && b.lowerQuartileDays == 15 && b.upperQuartileDays == 25)
        let c = try #require(next.first { $0.item == (try? id(m, "cheese")) })
        #expect(c.customers == 1 && c.medianDays == 40)
        #expect(next.first { $0.item == (try? id(m, "dates")) } == nil)
        #expect(next.map(\.item) == [try id(m, "bread"), try id(m, "cheese")])
    }

    @Test func upsellUsesCategoryBrandAndPriceOnly() throws {
        var catalogue = OfferCatalogue(names: ["cable 3m", "cable 5m", "hub", "dock", "bag"])
        catalogue.category = [0, 1, 0, 0, 0]   // the 5 m cable is in another category: never an upgrade, whatever its name
        catalogue.brand = [0, 0, 1, 0, 0]
        catalogue.price = [10, 12.5, 13, 14, 20]
        // steps from $10: hub 30%, dock 40%, bag 100% (outside 20–40%); same brand first: dock, then hub
        let list = UpsellCandidates.find(0, band: 0.2...0.4, catalogue: catalogue, ordersOfItem: [5, 5, 9, 1, 3], cost: { [6, 7, 8, 7, 9][Int($0)] })
        #expect(list.map(\.item) == [3, 2])
        // margin gain: dock (14 − 7) − (10 − 6) = 3; hub (13 − 8) − 4 = 1
        #expect(list[0].marginGain == 3 && list[1].marginGain == 1)
        #expect(abs(list[1].step - 0.3) < 1e-12)
    }
}
