import Foundation
import Testing
@testable import UpshellAnalytics
import UpshellData

/// `offers by segment` on a crafted store; every expected value is worked out by hand in the comments.
///
/// Customers c1, c2 are segment "small", c3, c4 "big".
///   o1 c1: mug $5, filter $2            o2 c1: mug $5, filter $2, spoon $1    o3 c2: mug $5
///   o4 c3: grinder $200, filter $2      o5 c3: grinder $200, kettle $60       o6 c4: grinder $200, kettle $60
///   o7 c4: grinder $200, kettle $60, filter $2
@Suite struct SegmentOffersHandComputedTests {
    static let csv = """
        order_id,customer_id,product,quantity,price
        o1,c1,mug,1,5
        o1,c1,filter,1,2
        o2,c1,mug,1,5
        o2,c1,filter,1,2
        o2,c1,spoon,1,1
        o3,c2,mug,1,5
        o4,c3,grinder,1,200
        o4,c3,filter,1,2
        o5,c3,grinder,1,200
        o5,c3,kettle,1,60
        o6,c4,grinder,1,200
        o6,c4,kettle,1,60
        o7,c4,grinder,1,200
        o7,c4,kettle,1,60
        o7,c4,filter,1,2
        """

    func profiles() throws -> (all: SegmentOfferProfile, segments: [SegmentOfferProfile]) {
        let model = try #require(try TestData.load(csv: Self.csv).orders)
        let big: Set = ["c3", "c4"]
        let ofCustomer = model.customers.key.map { big.contains($0) ? Int32(1) : 0 }
        let s = Segmentation(name: "t", labels: ["small", "big"], segmentOfCustomer: ofCustomer,
                             segmentOfOrder: Segmentation.ordersFromCustomers(model, ofCustomer), parameters: [])
        return try SegmentOffers.profiles(model, s)
    }

    @Test func addOnPricesAndCountsEqualHandComputation() throws {
        let (all, seg) = try profiles()
        // add-ons (all lines of a 2+ product order but the dearest): o1 [2], o2 [1, 2], o4 [2], o5 [60], o6 [60],
        // o7 [2, 60]. small: {2, 1, 2} → median 2; big: {2, 60, 60, 2, 60} → median 60; all: 8 values
        // {1, 2, 2, 2, 2, 60, 60, 60} → median (2 + 2) / 2 = 2.
        #expect(seg.map(\.label) == ["small", "big"])
        #expect(seg[0].addOnMedianPrice == 2 && seg[1].addOnMedianPrice == 60 && all.addOnMedianPrice == 2)
        // small: 2 customers, 3 orders of which 2 multi-item, AOV (7 + 8 + 5) / 3; big: 2, 4, 4, (202+260+260+262)/4
        #expect(seg[0].customers == 2 && seg[0].orders == 3 && seg[0].multiItemOrders == 2)
        #expect(abs(seg[0].aov - 20.0 / 3) < 1e-9)
        #expect(seg[1].customers == 2 && seg[1].orders == 4 && seg[1].multiItemOrders == 4 && seg[1].aov == 246)
        #expect(all.orders == 7 && all.multiItemOrders == 6)
    }

    @Test func topPairIsTheSegmentsOwnAboveChance() throws {
        let (all, seg) = try profiles()
        // small (3 orders): mug 3, filter 2, mug+filter 2 → lift 2·3/(3·2) = 1.0, not above chance;
        // filter+spoon 1 order (< 2). So no pair is listed.
        #expect(seg[0].pairs.isEmpty)
        // big (4 orders): grinder 4, kettle 3, filter 2; grinder+kettle 3 → lift 3·4/(4·3) = 1.0; kettle+filter 1.
        #expect(seg[1].pairs.isEmpty)
        // all (7 orders): mug 3, filter 4, grinder 4, kettle 3; mug+filter 2 → lift 2·7/(3·4) = 1.1667;
        // grinder+kettle 3 → lift 3·7/(4·3) = 1.75: the pair in most orders above chance is grinder+kettle.
        let top = try #require(all.pairs.first)
        #expect(Set([top.a, top.b]) == ["grinder", "kettle"] && top.orders == 3 && abs(top.lift - 1.75) < 1e-12)
        #expect(all.pairs.count == 2)
        #expect(Set([all.pairs[1].a, all.pairs[1].b]) == ["mug", "filter"] && abs(all.pairs[1].lift - 14.0 / 12) < 1e-12)
    }
}
