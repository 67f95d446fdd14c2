import Foundation
import Testing
@testable import UpshellData

/// The SQL of `load … aggregate=server` (``PushdownSQL``) for the demo store's `orders` table as
/// Scripts/pg_test_server creates it. The golden text (Fixtures/pushdown_demo.sql) is what `explain load … floor=40`
/// prints; UpshellPostgresTests/PushdownTests runs the same statements on a server and checks their orders,
/// customers, products and cleaning counts against `load Datasets/demo`.
@Suite struct PushdownSQLTests {
    /// Columns and server types of `CREATE TABLE orders` in Scripts/pg_test_server.
    static let demoFields: [SourceField] = [
        ("order_id", "n"), ("customer_id", "t"), ("created_at", ""), ("sku", "t"), ("product_name", "t"), ("quantity", "n"),
        ("unit_price", "n"), ("unit_cost", "n"), ("shipping_fee", "n"), ("discount", "n"), ("status", "t"), ("channel", "t"),
        ("offer", "t"), ("variant", "t"), ("country", "t"),
    ].map { SourceField(name: $0.0, isNumeric: $0.1 == "n", isText: $0.1 == "t") }

    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/pushdown_demo.sql")

    @Test func demoStatementsAreTheGoldenText() throws {
        let sql = try PushdownSQL(fields: Self.demoFields, from: "\"orders\"", policy: CleaningPolicy())
        let expected = try String(contentsOf: Self.golden, encoding: .utf8)
        #expect(sql.script(floor: 40) == expected.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Non-product lines (postage, manual adjustments) are left out of the basket count and of the pairs' baskets
    /// with the same `NOT IN`: inline in the count, on a line of its own in the baskets CTE.
    @Test func nonProductsAreLeftOutOfTheBasketCountAndThePairs() throws {
        let sql = try PushdownSQL(fields: Self.demoFields, from: "\"orders\"", policy: CleaningPolicy())
        let count = try #require(sql.basketOrders(excluding: ["POST", "M"]))
        #expect(count.hasSuffix("""
            FROM (SELECT "order_id" FROM kept WHERE "order_id" IS NOT NULL AND "sku" IS NOT NULL AND "sku" NOT IN ('POST', 'M') GROUP BY "order_id") AS upshell_orders
            """))
        let pairs = try #require(sql.pairs(floor: 40, excluding: ["POST", "M"]))
        #expect(pairs.contains("""
              WHERE "order_id" IS NOT NULL AND "sku" IS NOT NULL
                AND "sku" NOT IN ('POST', 'M')
            )
            """))
    }

    /// The policy's categories in the classifier's order; numeric order ids get no prefix test (as in
    /// ``LineClassifier``, which tests prefixes on text ids only).
    @Test func cleaningPolicyIsCarriedIntoTheCase() throws {
        let sql = try PushdownSQL(fields: Self.demoFields, from: "\"orders\"", policy: CleaningPolicy())
        let text = sql.categoryCase
        let order = ["'cancelled'", "'returns'", "'non-positive-price'", "'missing-values'"].map { text.range(of: $0)!.lowerBound }
        #expect(order == order.sorted())
        #expect(!text.contains("UPPER(\"order_id\")"))
        #expect(sql.droppedCategories == ["cancelled", "adjustments", "returns", "non-positive-price"])
        var keepAll = CleaningPolicy.keepAll
        keepAll.missingCustomer = .drop
        let kept = try PushdownSQL(fields: Self.demoFields, from: "\"orders\"", policy: keepAll)
        #expect(kept.droppedCategories == ["missing-customer"])
        #expect(kept.categoryCase.contains("THEN 'missing-customer'"))
        // text order ids (Online Retail's C536379): the C and A prefixes are tested
        var fields = Self.demoFields
        fields[0].isNumeric = false
        fields[0].isText = true
        let textIds = try PushdownSQL(fields: fields, from: "\"orders\"", policy: CleaningPolicy())
        #expect(textIds.categoryCase.contains("UPPER(\"order_id\") LIKE 'C%'"))
        #expect(textIds.categoryCase.contains("UPPER(\"order_id\") LIKE 'A%'"))
    }

    /// Line value as the order model computes it: line total, else quantity × unit price, less the discount.
    @Test func lineValueFollowsTheOrderModel() throws {
        let sql = try PushdownSQL(fields: Self.demoFields, from: "\"orders\"", policy: CleaningPolicy())
        #expect(sql.lineValue == "COALESCE(\"quantity\", 1) * \"unit_price\" - COALESCE(\"discount\", 0)")
        #expect(sql.orderColumns.map(\.name) == ["order_id", "customer_id", "created_at", "order_value", "units", "shipping", "cost"])
    }

    @Test func missingOrderColumnOrUnknownOverrideIsAnError() {
        let fields = [SourceField(name: "sku", isNumeric: false, isText: true)]
        #expect(throws: LoadError.self) { try PushdownSQL(fields: fields, from: "t", policy: CleaningPolicy()) }
        #expect(throws: LoadError.self) {
            try PushdownSQL(fields: Self.demoFields, from: "t", policy: CleaningPolicy(), overrides: [.order: "no_such"])
        }
    }
}
