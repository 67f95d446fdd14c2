import Testing
@testable import UpshellAnalytics
import UpshellData

/// Which products become basket items: non-product lines left out (the default cleaning), keys compared
/// exactly or without case (`items=upper`), at product and category level. Expected values by hand:
///   order 1: 85123A (Home, 2.55), POST (18)      order 2: 85123a (Home, 2.55), 22423 (Kitchen, 12.75)
///   order 3: POST (40) only                       order 4: 22720 (kitchen, 4.95), 85123A (Home, 2.95)
@Suite struct BasketItemsTests {
    static let csv = """
        order,sku,name,category,quantity,unit_price
        1,85123A,HEART HOLDER,Home,1,2.55
        1,POST,POSTAGE,Fees,1,18
        2,85123a,HEART HOLDER,Home,1,2.55
        2,22423,CAKESTAND,Kitchen,1,12.75
        3,POST,POSTAGE,Fees,1,40
        4,22720,TIN,kitchen,1,4.95
        4,85123A,HEART HOLDER,Home,1,2.95
        """

    @Test func nonProductLinesAreNoItemsButStayInOrderValues() throws {
        let m = try #require(try TestData.load(csv: Self.csv).orders)
        let t = try Transactions(m)
        #expect(t.itemKeys == ["85123A", "85123a", "22423", "22720"])
        // order 3 holds only POST: three baskets
        #expect(t.basketCount == 3)
        #expect(t.leftOut == { var l = LeftOutLines(); l.items = 1; l.codes = ["POST"]; l.orders = 2; l.ordersWithNothingElse = 1; return l }())
        // order 1's value still counts its postage: 2.55 + 18
        #expect(abs(t.basketValue[0] - 20.55) < 1e-9)
        #expect(t.caseVariants == 1 && t.caseVariantExample == ["85123A", "85123a"])
        // clean non-product=keep: POST is an item, order 3 a basket
        var d = try TestData.load(csv: Self.csv)
        var policy = d.cleaning.policy
        policy.nonProduct = .keep
        try d.clean(policy)
        let all = try Transactions(#require(d.orders))
        #expect(all.itemCount == 5 && all.basketCount == 4 && all.leftOut.items == 0)
    }

    @Test func upperCaseKeysMergeCaseVariants() throws {
        let m = try #require(try TestData.load(csv: Self.csv).orders)
        let t = try Transactions(m, caseInsensitive: true)
        #expect(t.itemKeys == ["85123A", "22423", "22720"])
        #expect(t.itemBaskets == [3, 1, 1])
        #expect(t.caseVariants == 1)
        // mean price weighted by orders: 85123A (2.55 and 2.95: mean 2.75, 2 orders), 85123a (2.55, 1 order)
        #expect(abs(t.itemPrice[0] - (2 * 2.75 + 2.55) / 3) < 1e-12)
        #expect(t.itemPrice[1] == 12.75)
        #expect(Array(t.basket(1)) == [0, 1])  // order 2: the merged heart holder and the cake stand
    }

    @Test func categoriesLeaveOutNonProductsAndFoldCase() throws {
        let m = try #require(try TestData.load(csv: Self.csv).orders)
        let exact = try Transactions(m, level: .category)
        // Fees holds only POST: no item; "Kitchen" and "kitchen" differ
        #expect(exact.itemNames == ["Home", "Kitchen", "kitchen"])
        #expect(exact.caseVariants == 1)
        let folded = try Transactions(m, level: .category, caseInsensitive: true)
        #expect(folded.itemNames == ["Home", "Kitchen"])
        #expect(folded.itemBaskets == [3, 2])
        #expect(folded.basketCount == 3)
    }
}
