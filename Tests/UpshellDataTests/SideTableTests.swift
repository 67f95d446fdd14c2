import Testing
@testable import UpshellData

@Suite struct SideTableTests {
    @Test func productTableLoadsWithoutRoles() throws {
        let t = try DatasetLoader.loadTable(path: TestSupport.fixture("products_side.csv"))
        #expect(t.columnNames == ["sku", "category", "brand", "cost", "inventory", "strategic"])
        #expect(t.rowCount == 3)
        var o = LoadOptions()
        o.kind = .table
        let d = try DatasetLoader.load(path: TestSupport.fixture("products_side.csv"), options: o)
        #expect(d.orders == nil)
        #expect(d.kind == .table)
    }

    /// Fixture values: A costs 0.60 (fruit, Orchard, 120 in stock), B 1.20 and is strategic; C is not
    /// in the side table; Z is not in the data.
    @Test func joinProductsAttachesAttributesAndSurvivesRebuilds() throws {
        var d = try DatasetLoader.load(path: TestSupport.fixture("lines_small.csv"), options: OrderModelTests.smallRoles())
        let side = try DatasetLoader.loadTable(path: TestSupport.fixture("products_side.csv"))
        let s = try d.join(.products, table: side)
        #expect(s == JoinSummary(keyColumn: "sku", matched: 2, unmatched: 1, unusedRows: 1,
                                 attached: ["category", "brand", "cost", "inventory", "strategic"]))
        var m = try #require(d.orders)
        #expect(m.products.category == ["fruit", "bakery", ""])
        #expect(m.products.brand[0] == "Orchard")
        #expect(m.products.cost[1] == 1.2)
        #expect(m.products.cost[2].isNaN)
        #expect(m.products.inventory[0] == 120)
        #expect(m.products.strategic == [false, true, false])
        // order 1001: 3 × A at 0.60 + 1 × B at 1.20 = 3.00
        #expect(abs(m.orders.cost[0] - 3.0) < 1e-9)
        // margin at the mean price of B (3.00, 3.00, 3.00 kept lines): (3 − 1.2) / 3 = 0.6
        #expect(abs(m.products.margin(1) - 0.6) < 1e-9)
        try d.clean(.keepAll)
        m = try #require(d.orders)
        #expect(m.products.category[0] == "fruit")
    }

    @Test func joinCustomers() throws {
        var d = try DatasetLoader.load(path: TestSupport.fixture("lines_small.csv"), options: OrderModelTests.smallRoles())
        let side = try DatasetLoader.loadTable(path: TestSupport.fixture("customers_side.csv"))
        let s = try d.join(.customers, table: side)
        #expect(s.matched == 2)
        #expect(d.orders?.customers.attributes["segment"] == ["gold", "silver"])
        #expect(throws: LoadError.self) { _ = try d.join(.customers, table: side, on: "nope") }
    }

    @Test func marginColumnGivesCost() throws {
        var d = try DatasetLoader.load(path: TestSupport.fixture("lines_small.csv"), options: OrderModelTests.smallRoles())
        let side = try TestSupport.read("sku,margin\nB,40\n").table
        _ = try d.join(.products, table: side)
        #expect(abs((d.orders?.products.cost[1] ?? 0) - 1.8) < 1e-9)  // 3.00 × (1 − 0.40)
    }
}
