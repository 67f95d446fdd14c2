import Foundation
import Testing
import UpshellCore
@testable import UpshellData

/// Store exports as they really come (Fixtures/layouts, written by hand from each platform's documented
/// columns). Every expected value is worked out by hand from the fixture; the arithmetic is beside it.
@Suite struct StoreLayoutTests {
    /// Order values by order id, rounded to cents.
    private func values(_ d: Dataset) throws -> [String: Double] {
        let m = try #require(d.orders)
        var out: [String: Double] = [:]
        for o in 0..<m.orders.count { out[m.orders.key[o]] = (m.orders.value[o] * 100).rounded() / 100 }
        return out
    }

    // MARK: Shopify

    /// Fixtures/layouts/shopify_orders.csv: #1001 paid (2 lines), #1002 refunded (1), #1003 partially
    /// refunded (2), #1004 voided with 'Cancelled at' (1), #1005 pending with 'Cancelled at' (2); order-level
    /// fields on each order's first line only, times with offsets +0100, -0500, +0000.
    @Test func shopifyExportFillsDownAndCancels() throws {
        let d = try DatasetLoader.load(path: TestSupport.fixture("layouts/shopify_orders.csv"))
        let m = try #require(d.orders)
        // kept: #1001 and #1003 (refunded #1002, voided #1004 and cancelled-at #1005 are cancelled)
        #expect(m.orders.count == 2)
        // #1001 = 2 × 15 + 1 × 20 = 50; #1003 = (1 × 30 − 5 line discount) + 1 × 15 = 40
        #expect(try values(d) == ["#1001": 50, "#1003": 40])
        // revenue 50 + 40 = 90
        #expect(abs(m.orders.value.reduce(0, +) - 90) < 1e-9)
        // both kept orders are ann@example.com's (Email filled down to their second lines)
        #expect(m.customers.count == 1)
        // lines kept: 2 (#1001) + 2 (#1003) = 4
        #expect(m.lineCount == 4)
        // cancelled lines: 1 (#1002) + 1 (#1004) + 2 (#1005) = 4, in 3 orders; no line lacks a customer
        #expect(d.cleaning.cancelledLines == 4)
        #expect(d.cleaning.cancelledOrders == 3)
        #expect(d.cleaning.missingCustomerLines == 0)
        // Created at '2024-01-05 10:00:00 +0100' is 09:00 UTC: #1001's time
        let first = try #require(m.orders.key.firstIndex(of: "#1001"))
        #expect(CivilDate.format(seconds: m.orders.time[first]) == "2024-01-05")
        #expect(m.orders.time[first] % 86_400 == 9 * 3600)
        // 12 fillable columns; later lines: #1001 10 (no Discount Code, no Cancelled at), #1003 11 (no
        // Cancelled at), #1005 10 (no Paid at, no Discount Code): 10 + 11 + 10 = 31 cells
        #expect(d.summary.notes.contains { $0.contains("filled 31 empty cells") && $0.contains("3 orders") })
        #expect(d.summary.notes.contains { $0.contains("converted to UTC") })
    }

    /// A later line's own value is kept, and nothing is carried from one order to the next.
    @Test func fillDownStaysWithinOrder() throws {
        let text = """
            Name,Email,Financial Status,Created at,Lineitem quantity,Lineitem name,Lineitem price
            #1,a@x.com,paid,2024-01-05 10:00:00 +0100,1,Cup,10
            #1,b@x.com,,,1,Saucer,5
            #2,,paid,2024-01-06 10:00:00 +0100,1,Cup,10
            """
        let d = try DatasetLoader.load(text: text, name: "shop")
        let email = try #require(d.table.columnIndex(named: "Email"))
        // line 2 keeps its own email; order #2's empty email is not taken from order #1
        #expect(d.table.columns[email].displayString(1) == "b@x.com")
        #expect(d.table.columns[email].displayString(2) == "")
        // filled: line 2's Financial Status and Created at = 2 cells
        #expect(d.summary.notes.contains { $0.contains("filled 2 empty cells") })
    }

    /// Timestamps with a UTC offset in the layouts stores use, converted to UTC.
    @Test(arguments: [
        ("2024-01-05 10:00:00 +0100", "2024-01-05 09:00:00"), ("2024-01-05 10:00:00 -0500", "2024-01-05 15:00:00"),
        ("2024-01-05 10:00:00 +01:00", "2024-01-05 09:00:00"), ("2024-01-05T10:00:00+01:00", "2024-01-05 09:00:00"),
        ("2024-01-05 00:30:00 +0100", "2024-01-04 23:30:00"), ("2024-01-05T10:00:00Z", "2024-01-05 10:00:00"),
    ])
    func utcOffsets(written: String, utc: String) throws {
        var bytes = Array(written.utf8)
        let parsed = bytes.withUnsafeMutableBufferPointer { DateParser.parse($0.baseAddress!, $0.count, .iso) }
        guard case .seconds(let s) = parsed else { Issue.record("'\(written)' not read: \(parsed)"); return }
        #expect(CivilDate.format(seconds: s) + " " + String(format: "%02d:%02d:%02d", s % 86_400 / 3600, s % 3600 / 60, s % 60) == utc)
        #expect(DateParser.hasUTCOffset(written))
    }

    /// Partially refunded orders are purchases; refunded, voided, failed, unavailable are not.
    @Test func cancellingStatuses() {
        for s in ["refunded", "voided", "cancelled", "canceled", "failed", "unavailable", "Refunded"] {
            #expect(CleaningPolicy.isCancellingStatus(s), "\(s)")
        }
        for s in ["paid", "partially_refunded", "Partially refunded", "completed", "delivered", "pending"] {
            #expect(!CleaningPolicy.isCancellingStatus(s), "\(s)")
        }
    }

    // MARK: WooCommerce

    /// Fixtures/layouts/woocommerce_orders.csv: order fields repeated on every line; 2001 completed (2 lines,
    /// Cart Discount 4.00), 2002 processing (guest, customer id 0), 2003 cancelled, 2004 refunded (2 lines),
    /// 2005 completed, 2006 failed.
    @Test func wooCommerceExport() throws {
        let d = try DatasetLoader.load(path: TestSupport.fixture("layouts/woocommerce_orders.csv"))
        let m = try #require(d.orders)
        #expect(m.orders.count == 3)  // 2001, 2002, 2005
        // 2001 = 2 × 12 + 1 × 8 − 4 (Cart Discount, once) = 28; 2002 = 3 × 8 = 24; 2005 = 1 × 30 = 30
        #expect(try values(d) == ["2001": 28, "2002": 24, "2005": 30])
        // revenue 28 + 24 + 30 = 82
        #expect(abs(m.orders.value.reduce(0, +) - 82) < 1e-9)
        // customers 11, 0 (the guest id as written) and 12
        #expect(m.customers.count == 3)
        #expect(m.lineCount == 4)  // 2 + 1 + 1
        // cancelled: 2003 (1 line) + 2004 (2) + 2006 failed (1) = 4 lines in 3 orders
        #expect(d.cleaning.cancelledLines == 4)
        #expect(d.cleaning.cancelledOrders == 3)
        // shipping is the order's fee once: 2001 5.00, 2002 0.00, 2005 5.00
        #expect(m.orders.shipping.reduce(0, +) == 10)
    }

    // MARK: Olist

    /// Fixtures/layouts/olist: Kaggle's five files. o1 (2 items, delivered), o2 (1, delivered), o3 (1,
    /// canceled), o4 (2, delivered; same person as o1 under another customer_id), o5 (1, unavailable).
    @Test func olistFolderJoinsFiles() throws {
        let d = try DatasetLoader.load(path: TestSupport.fixture("layouts/olist"))
        let m = try #require(d.orders)
        #expect(d.roles[.customer] == d.table.columnIndex(named: "customer_unique_id"))
        #expect(d.roles[.category] == d.table.columnIndex(named: "product_category_name_english"))
        #expect(m.orders.count == 3)  // o1, o2, o4
        let v = try values(d)
        // o1 = 50.00 + 50.00 = 100; o2 = 120.00; o4 = 50.00 + 35.90 = 85.90 (freight is shipping, not value)
        #expect(v.values.sorted() == [85.9, 100, 120])
        // revenue 100 + 120 + 85.90 = 305.90
        #expect(abs(m.orders.value.reduce(0, +) - 305.9) < 1e-9)
        // o1 and o4 are one person (u…01), o2 another (u…02)
        #expect(m.customers.count == 2)
        #expect(m.lineCount == 5)  // 2 + 1 + 2
        // canceled o3 (1 line) + unavailable o5 (1 line)
        #expect(d.cleaning.cancelledLines == 2)
        #expect(d.cleaning.cancelledOrders == 2)
        // o1's time is order_purchase_timestamp 2017-10-02 10:56:33 from the orders file
        let o1 = try #require(m.orders.key.firstIndex(of: "o1aa0000000000000000000000000001"))
        #expect(CivilDate.format(seconds: m.orders.time[o1]) == "2017-10-02")
    }

    /// Without the orders file the folder cannot give times, statuses or customers: a clear error.
    @Test func olistFolderNeedsOrdersFile() throws {
        let folder = NSTemporaryDirectory() + "upshell-olist-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.copyItem(atPath: TestSupport.fixture("layouts/olist/olist_order_items_dataset.csv"),
                                         toPath: folder + "/olist_order_items_dataset.csv")
        #expect(throws: LoadError.self) { try DatasetLoader.load(path: folder) }
        do { _ = try DatasetLoader.load(path: folder) } catch let e as LoadError {
            #expect(e.message.contains("olist_orders_dataset.csv"))
        }
    }
}
