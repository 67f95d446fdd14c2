import Testing
@testable import UpshellData

@Suite struct PublicDatasetTests {
    /// Expected values: MANIFEST.md and /work/shared/reference/groceries/summary.json (pyfim counts);
    /// "whole milk" in 2,513 baskets is the arules itemFrequency of the Groceries data.
    @Test func groceriesAsBaskets() throws {
        let d = try DatasetLoader.load(path: TestSupport.dataset("groceries.csv"))
        let m = try #require(d.orders)
        #expect(m.orders.count == 9835)
        #expect(m.products.count == 169)
        let milk = try #require(m.products.id(named: "whole milk"))
        #expect(m.products.orderCount[Int(milk)] == 2513)
        #expect(m.products.id(named: "cream cheese") != nil)  // trailing space trimmed
    }

    @Test func groceriesForcedBasketFormat() throws {
        var o = LoadOptions()
        o.format = .baskets
        let d = try DatasetLoader.load(path: TestSupport.dataset("groceries.csv"), options: o)
        #expect(d.orders?.orders.count == 9835)
    }

    /// Reference: /work/shared/reference/online_retail/summary.json (pandas), convention "drop invoices
    /// starting with C or A, quantity ≤ 0, unit price ≤ 0" — the default policy.
    @Test func onlineRetailReferenceCleaning() throws {
        var o = LoadOptions()
        o.roleOverrides = [.order: "InvoiceNo", .product: "StockCode", .productName: "Description", .quantity: "Quantity",
                           .time: "InvoiceDate", .unitPrice: "UnitPrice", .customer: "CustomerID", .country: "Country"]
        let d = try DatasetLoader.load(path: TestSupport.dataset("online_retail.csv"), options: o)
        #expect(d.table.rowCount == 541_909)
        #expect(d.cleaning.keptLines == 530_103)
        let m = try #require(d.orders)
        #expect(m.orders.count == 19_959)
        #expect(m.customers.count == 4_338)
        let revenue = m.orders.value.reduce(0, +)
        #expect(abs(revenue - 10_655_622.48) < 0.01)
        #expect(d.cleaning.missingCustomerLines == 135_080)
        #expect(d.cleaning.duplicateLines == 5_268)
        var raw = d
        try raw.clean(.keepAll)
        #expect(raw.orders?.orders.count == 25_900)
        #expect(raw.orders?.customers.count == 4_372)
    }

    /// CDNOW: whitespace-separated, no header, YYYYMMDD dates (MANIFEST: 6,919 lines, 2,357 customers).
    @Test func cdnowWhitespaceSeparated() throws {
        let r = try CSVReader.read(FileBytes.open(path: TestSupport.dataset("cdnow_sample.txt")), path: "cdnow",
                                   options: CSVReadOptions())
        #expect(r.table.rowCount == 6919)
        #expect(r.table.columns.count == 5)
        #expect(r.table.columns.map(\.type) == [.integer, .integer, .timestamp, .integer, .decimal])
        #expect(r.table.rowStrings(0) == ["4", "1", "1997-01-01", "2", "29.33"])
        #expect(r.header == false)
    }

    @Test func bakeryHeaderAndCRLF() throws {
        let r = try CSVReader.read(FileBytes.open(path: TestSupport.dataset("bakery.csv")), path: "bakery",
                                   options: CSVReadOptions())
        #expect(r.table.rowCount == 21_293)
        #expect(r.table.columnNames == ["Date", "Time", "Transaction", "Item"])
        #expect(r.table.rowStrings(0) == ["2016-10-30", "09:58:11", "1", "Bread"])
    }
}
