import Testing
@testable import UpshellData

/// The non-product rule (``NonProductRule``: known codes, fee words in names of codes without digits,
/// short placeholder codes in numbered catalogues, placeholder and per-order prices) and what each
/// `clean non-product=` choice does. Expected values worked out by hand from the fixture
/// `Fixtures/non_product_lines.csv`, whose products each exercise one test of the rule:
/// `POST` known code; `WEBPOST` "WEB POSTAGE" a fee word; `PADZ` priced 0.001; `XFER` 0.50 and 900.00
/// (1,800 times); kept as products: `23444` "Next Day Carriage" (a catalogue number), `DCGSSBOY` (no digit,
/// no fee word), `Z` (one letter, but fewer than 90 % of the codes hold a digit). `C8` is a cancellation.
@Suite struct NonProductRuleTests {
    static func load(_ configure: (inout LoadOptions) -> Void = { _ in }) throws -> Dataset {
        var o = LoadOptions()
        o.roleOverrides = [.order: "order", .product: "product", .productName: "name", .quantity: "quantity", .unitPrice: "unit_price"]
        configure(&o)
        return try DatasetLoader.load(path: TestSupport.fixture("non_product_lines.csv"), options: o)
    }

    @Test func eachTestOfTheRuleOnItsOwn() {
        func check(_ code: String, _ name: String, numbered: Bool = false, low: Double = .nan, high: Double = .nan) -> Bool {
            NonProductRule.isNonProduct(code: code, name: name, numberedCatalogue: numbered, lowestPrice: low, highestPrice: high)
        }
        // 1. known codes, any case and surrounding spaces
        #expect(check("POST", "POSTAGE") && check(" bank charges ", "Bank Charges") && check("m", "Manual") && check("NONE", "NONE"))
        #expect(check("C2", "CARRIAGE") && check("CRUK", "CRUK Commission") && check("PADS", "PADS TO MATCH ALL CUSHIONS"))
        // one-letter codes (Online Retail's M, D, B, S) only without a name of their own, or by another test:
        // a shop whose SKU `B` is "Bread" keeps it (issue 16: single-letter SKUs were taken for placeholders)
        #expect(check("B", "B") && check("s", "") && check("D", "Discount") && check("S", "SAMPLES") && check("B", "Adjust bad debt"))
        #expect(!check("B", "Bread") && !check("D", "Donut") && check("B", "Bread", numbered: true))
        // 2. a fee word in the name of a code without digits; a catalogue number is trusted
        #expect(check("WEBPOST", "WEB POSTAGE") && check("Adjustment", "Adjustment") && check("GIFTWRAP", "Gift wrap fee"))
        #expect(!check("23444", "Next Day Carriage") && !check("23574", "PACKING CHARGE"))
        #expect(!check("Postcard", "Postcard") && !check("CHARGER", "USB-C wall charger") && !check("DCGSSBOY", "BOYS PARTY BAG"))
        // 3. one or two characters without a digit, only in a numbered catalogue
        #expect(check("Z", "GIVEAWAY", numbered: true) && check("XY", "", numbered: true))
        #expect(!check("Z", "GIVEAWAY") && !check("ABC", "", numbered: true) && !check("Q7", "", numbered: true))
        // 4. placeholder price below 0.01, or highest price more than 1,000 times the lowest
        #expect(check("PADZ", "PADS TO MATCH", low: 0.001, high: 0.001) && check("XFER", "TRANSFER", low: 0.5, high: 900))
        #expect(!check("22502", "PICNIC BASKET", low: 2, high: 649.5) && !check("FREEBIE", "", low: 0, high: 0))
    }

    /// Numbered catalogue: 18 of 20 codes hold a digit (90 %), so `X` is a placeholder; among names (the
    /// Bakery file's items) only `NONE` and `Adjustment` are non-products, and Groceries-like names none.
    @Test func catalogueShapeDecidesShortCodes() {
        let numbered = (1...18).map { "2\($0 + 1000)" } + ["X", "DCGSSGIRL"]
        #expect(NonProductRule.detect(codes: numbered, names: [], minPrice: [], maxPrice: []) == Array(repeating: false, count: 18) + [true, false])
        let bakery = ["Coffee", "Bread", "NONE", "Postcard", "Adjustment", "Gift voucher"]
        #expect(NonProductRule.detect(codes: bakery, names: [], minPrice: [], maxPrice: []) == [false, false, true, false, true, false])
        let groceries = ["whole milk", "shopping bags", "bags", "newspapers", "other vegetables"]
        #expect(!NonProductRule.detect(codes: groceries, names: [], minPrice: [], maxPrice: []).contains(true))
    }

    /// Default: the lines stay in order values; the products are marked out of baskets; counted in the report.
    @Test func defaultKeepsThemInRevenueButOutOfBaskets() throws {
        let d = try Self.load()
        let m = try #require(d.orders)
        // kept lines of non-products: POST ×2 (orders 1, 3), XFER ×2, PADZ, WEBPOST; the cancelled POST is cancelled
        #expect(d.cleaning.nonProductLines == 6)
        #expect(d.cleaning.nonProductCodes == ["POST", "XFER", "PADZ", "WEBPOST"])
        #expect(d.cleaning.cancelledLines == 1 && d.cleaning.keptLines == 18)
        #expect(d.cleaning.entries.first { $0.category == "non-product" }?.action == "out-of-baskets")
        let out = Set(m.products.key.indices.filter { m.products.isOutOfBaskets($0) }.map { m.products.key[$0] })
        #expect(out == ["POST", "XFER", "PADZ", "WEBPOST"])
        #expect(m.orders.count == 7)
        // 23 + 10 + 40 + 21.29 + 4.001 + 910.95 + 28.46, every line in
        #expect(abs(m.orders.value.reduce(0, +) - 1037.701) < 1e-9)
        #expect(Array(m.orders.key).contains("3"))  // POST only: still an order
    }

    @Test func keepTreatsThemAsProductsAndDropRemovesThem() throws {
        let kept = try Self.load { $0.cleaning.nonProduct = .keep }
        #expect(kept.cleaning.nonProductLines == 6)
        #expect(kept.orders?.products.outOfBaskets.contains(true) != true)
        let dropped = try Self.load { $0.cleaning.nonProduct = .drop }
        let m = try #require(dropped.orders)
        #expect(dropped.cleaning.keptLines == 12)
        // without 18, 40, 5, 0.50, 900 and 0.001: 1037.701 − 963.501; order 3 (POST only) is gone
        #expect(abs(m.orders.value.reduce(0, +) - 74.2) < 1e-9)
        #expect(m.orders.count == 6)
        #expect(!m.products.key.contains("POST") && m.products.key.contains("23444") && m.products.key.contains("Z"))
        // clean all=keep puts them back as products
        var raw = dropped
        try raw.clean(.keepAll)
        #expect(raw.cleaning.policy.nonProduct == .keep && raw.orders?.products.key.contains("POST") == true)
    }

    /// A filtered view keeps its parent's finding: order 6 alone shows XFER at one price (no spread), yet
    /// XFER stays a non-product.
    @Test func aViewKeepsTheParentsNonProducts() throws {
        let d = try Self.load()
        let view = try d.filtered(rows: [13, 14], name: "order 6")
        let m = try #require(view.orders)
        #expect(m.products.key == ["10004", "XFER"])
        #expect(view.cleaning.nonProductCodes == ["XFER"])
        #expect(m.products.isOutOfBaskets(1) && !m.products.isOutOfBaskets(0))
    }
}
