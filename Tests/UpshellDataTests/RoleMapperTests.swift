import Foundation
import Testing
@testable import UpshellData

/// Role mapping on each known layout: the expected mappings are written out by hand from the headers.
@Suite struct RoleMapperTests {
    private func split(_ line: String) -> [String] { line.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }

    @Test func uciOnlineRetail() {
        let headers = split("InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country")
        let inference = RoleMapper.inferDetailed(headers: headers)
        #expect(inference.mapping == RoleMapping([
            .order: 0, .product: 1, .productName: 2, .quantity: 3, .time: 4, .unitPrice: 5, .customer: 6,
            .country: 7,
        ]))
        #expect(inference.timeParts == nil)
        #expect(inference.layout == nil)
        #expect(!inference.needsDerivedOrders)
        #expect(RoleMapper.missingRolesMessage(for: inference) == nil)
    }

    @Test func onlineRetailII() {
        let headers = split("Invoice,StockCode,Description,Quantity,InvoiceDate,Price,Customer ID,Country")
        #expect(RoleMapper.infer(headers: headers) == RoleMapping([
            .order: 0, .product: 1, .productName: 2, .quantity: 3, .time: 4, .unitPrice: 5, .customer: 6,
            .country: 7,
        ]))
    }

    @Test func bakerySplitsDateAndTime() {
        let inference = RoleMapper.inferDetailed(headers: split("Date,Time,Transaction,Item"))
        #expect(inference.mapping == RoleMapping([.time: 0, .order: 2, .product: 3]))
        #expect(inference.timeParts == RoleMapper.TimeParts(date: 0, time: 1))
        #expect(inference.notes.contains("order time combines 'Date' and 'Time'"))
        #expect(inference.notes.contains("product names are taken from 'Item'"))
    }

    @Test func olistOrderItems() {
        let headers = split("order_id,order_item_id,product_id,seller_id,shipping_limit_date,price,freight_value")
        let inference = RoleMapper.inferDetailed(headers: headers)
        #expect(inference.layout == .olist)
        #expect(inference.mapping == RoleMapping([.order: 0, .product: 2, .unitPrice: 5, .shippingFee: 6]))
        #expect(inference.notes.contains("no purchase time: 'map time=shipping_limit_date' gives an approximate date"))
    }

    @Test func olistJoinedPrefersUniqueCustomer() {
        let headers = split(
            "order_id,customer_id,order_status,order_purchase_timestamp,order_item_id,product_id,seller_id,"
                + "shipping_limit_date,price,freight_value,customer_unique_id,customer_zip_code_prefix,"
                + "customer_city,customer_state,product_category_name")
        #expect(RoleMapper.infer(headers: headers) == RoleMapping([
            .order: 0, .status: 2, .time: 3, .product: 5, .unitPrice: 8, .shippingFee: 9, .customer: 10,
            .category: 14,
        ]))
    }

    /// Header row of a real Shopify Admin → Orders export (one row per line item).
    static let shopifyHeaders = [
        "Name", "Email", "Financial Status", "Paid at", "Fulfillment Status", "Fulfilled at", "Accepts Marketing",
        "Currency", "Subtotal", "Shipping", "Taxes", "Total", "Discount Code", "Discount Amount", "Shipping Method",
        "Created at", "Lineitem quantity", "Lineitem name", "Lineitem price", "Lineitem compare at price",
        "Lineitem sku", "Lineitem requires shipping", "Lineitem taxable", "Lineitem fulfillment status",
        "Billing Name", "Billing Street", "Billing Address1", "Billing Address2", "Billing Company", "Billing City",
        "Billing Zip", "Billing Province", "Billing Country", "Billing Phone", "Shipping Name", "Shipping Street",
        "Shipping Address1", "Shipping Address2", "Shipping Company", "Shipping City", "Shipping Zip",
        "Shipping Province", "Shipping Country", "Shipping Phone", "Notes", "Note Attributes", "Cancelled at",
        "Payment Method", "Payment Reference", "Refunded Amount", "Vendor", "Outstanding Balance", "Employee",
        "Location", "Device ID", "Id", "Tags", "Risk Level", "Source", "Lineitem discount", "Tax 1 Name",
        "Tax 1 Value", "Phone", "Receipt Number", "Duties", "Payment ID",
    ]

    @Test func shopifyOrderExport() throws {
        let h = Self.shopifyHeaders
        func at(_ name: String) throws -> Int { try #require(h.firstIndex(of: name)) }
        let inference = RoleMapper.inferDetailed(headers: h)
        #expect(inference.layout == .shopify)
        #expect(inference.mapping == RoleMapping([
            .order: try at("Name"), .customer: try at("Email"), .status: try at("Financial Status"),
            .shippingFee: try at("Shipping"), .time: try at("Created at"), .quantity: try at("Lineitem quantity"),
            .productName: try at("Lineitem name"), .unitPrice: try at("Lineitem price"),
            .product: try at("Lineitem sku"), .country: try at("Billing Country"), .brand: try at("Vendor"),
            .discount: try at("Lineitem discount"), .cancelledAt: try at("Cancelled at"),
        ]))
        // Order-level totals and the sales channel stay unmapped.
        #expect(inference.mapping[.lineTotal] == nil)
        #expect(inference.mapping[.offer] == nil)
    }

    @Test func wooCommerceOrderExport() {
        let headers = [
            "Order ID", "Order Number", "Order Date", "Order Status", "Customer User ID", "Billing Email",
            "Billing Country", "Item #", "Item Name", "SKU", "Quantity", "Item Cost", "Order Shipping",
            "Cart Discount", "Order Total", "Category",
        ]
        let inference = RoleMapper.inferDetailed(headers: headers)
        #expect(inference.layout == .wooCommerce)
        #expect(inference.mapping == RoleMapping([
            .order: 0, .time: 2, .status: 3, .customer: 4, .country: 6, .productName: 8, .product: 9,
            .quantity: 10, .unitPrice: 11, .shippingFee: 12, .discount: 13, .category: 15,
        ]))
    }

    @Test func demoStoreLayout() {
        let headers = split(
            "order_id,customer_id,created_at,sku,product_name,quantity,unit_price,unit_cost,shipping_fee,discount,"
                + "status,channel,offer,variant,country")
        #expect(RoleMapper.infer(headers: headers) == RoleMapping([
            .order: 0, .customer: 1, .time: 2, .product: 3, .productName: 4, .quantity: 5, .unitPrice: 6,
            .unitCost: 7, .shippingFee: 8, .discount: 9, .status: 10, .offer: 12, .variant: 13, .country: 14,
        ]))
    }

    /// The generated demo store's real header (Datasets/demo/orders.csv) maps every role it has.
    @Test func demoStoreFileHeaderMaps() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Datasets/demo/orders.csv")
        let text = try String(contentsOf: url, encoding: .utf8)
        let header = try #require(text.split(separator: "\n", maxSplits: 1).first)
        let mapping = RoleMapper.infer(headers: split(String(header)))
        #expect(mapping.columns.count == 14)  // every column but `channel`
        #expect(mapping[.order] == 0 && mapping[.variant] == 13 && mapping[.offer] == 12)
    }

    /// The first line of a dataset file (`.gz` inflated), split into fields by `separator` (whitespace when `nil`).
    private func firstLine(_ path: String, separator: Character?) throws -> [String] {
        let bytes = try FileBytes.open(path: path).withBytes { Array($0.prefix(4096)) }
        let text = String(decoding: bytes, as: UTF8.self)
        let line = String(text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })[0])
        if let separator { return line.split(separator: separator, omittingEmptySubsequences: false).map(String.init) }
        return line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    }

    @Test func realPublicDatasetHeaders() throws {
        #expect(RoleMapper.infer(headers: try firstLine(TestSupport.dataset("online_retail.csv"), separator: ",")) == RoleMapping([
            .order: 0, .product: 1, .productName: 2, .quantity: 3, .time: 4, .unitPrice: 5, .customer: 6,
            .country: 7,
        ]))
        // CDNOW has no header: its first line is recognised by shape.
        let cdnowLine = try firstLine(TestSupport.dataset("cdnow_sample.txt"), separator: nil)
        #expect(RoleMapper.knownHeaderless(columnCount: cdnowLine.count, sample: [cdnowLine]) == .cdnow)
    }

    /// Bakery stays outside the project (licence unverified): skipped, visibly, when the file is absent.
    @Test(.enabled(if: TestSupport.hasBakery, "../shared/datasets/bakery.csv is missing"))
    func bakeryHeaderSplitsDateAndTime() throws {
        let bakery = RoleMapper.inferDetailed(headers: try firstLine(TestSupport.bakery, separator: ","))
        #expect(bakery.mapping == RoleMapping([.time: 0, .order: 2, .product: 3]))
        #expect(bakery.timeParts == RoleMapper.TimeParts(date: 0, time: 1))
    }

    @Test func genericNamesAreCaseSpaceUnderscoreAndDashInsensitive() {
        #expect(RoleMapper.infer(headers: ["Transaction-ID", "MEMBER NUMBER", "stock_code", "Product Name", "QTY",
                                           "Unit-Price", "Line Total", "COGS", "Order_Date", "Department", "Brand",
                                           "Freight", "Discount", "Status", "Country", "arm", "Source"])
                == RoleMapping([
                    .order: 0, .customer: 1, .product: 2, .productName: 3, .quantity: 4, .unitPrice: 5,
                    .lineTotal: 6, .unitCost: 7, .time: 8, .category: 9, .brand: 10, .shippingFee: 11,
                    .discount: 12, .status: 13, .country: 14, .variant: 15, .offer: 16,
                ]))
        #expect(RoleMapper.infer(headers: ["basket_id", "user_id", "article", "title", "units", "amount",
                                           "timestamp", "vendor", "group", "offer"])
                == RoleMapping([
                    .order: 0, .customer: 1, .product: 2, .productName: 3, .quantity: 4, .lineTotal: 5,
                    .time: 6, .brand: 7, .variant: 8, .offer: 9,
                ]))
        #expect(RoleMapper.infer(headers: ["invoice", "client", "item", "description", "qty", "price", "cost",
                                           "date", "category", "shipping", "variant"])
                == RoleMapping([
                    .order: 0, .customer: 1, .product: 2, .productName: 3, .quantity: 4, .unitPrice: 5,
                    .unitCost: 6, .time: 7, .category: 8, .shippingFee: 9, .variant: 10,
                ]))
    }

    @Test func exactMatchesBeatSuffixMatchesAndEarlierSynonymsWin() {
        // `sales_order_id` only suffix-matches, `order_number` matches exactly: the exact one wins.
        #expect(RoleMapper.infer(headers: ["sales_order_id", "order_number", "sku"])[.order] == 1)
        // With no exact candidate, the suffix match is used.
        #expect(RoleMapper.infer(headers: ["sales_order_id", "sku"])[.order] == 0)
        // Two columns for one role: the earlier synonym (`order_id` before `order_number`) wins.
        #expect(RoleMapper.infer(headers: ["order_number", "order_id"])[.order] == 1)
        // A unit price and a total: both mapped, each to its own role.
        #expect(RoleMapper.infer(headers: ["unit_price", "line_total"]) == RoleMapping([.unitPrice: 0, .lineTotal: 1]))
    }

    @Test func eachColumnGetsAtMostOneRole() {
        let mapping = RoleMapper.infer(headers: ["sku", "sku", "item"])
        #expect(mapping == RoleMapping([.product: 0]))
        let columns = Array(mapping.columns.values)
        #expect(Set(columns).count == columns.count)
    }

    @Test func cdnowColumnsMapAndNeedDerivedOrders() {
        let inference = RoleMapper.inferDetailed(headers: ["customer", "index", "date", "quantity", "line-total"])
        #expect(inference.mapping == RoleMapping([.customer: 0, .time: 2, .quantity: 3, .lineTotal: 4]))
        #expect(inference.needsDerivedOrders)
        #expect(RoleMapper.missingRoles(in: inference).isEmpty)
        #expect(inference.notes.contains("no order column: each customer's purchases on one calendar day form one order"))
    }

    @Test func cdnowIsRecognisedWithoutHeader() {
        let sample = [["00001", "1", "19970101", "1", "11.77"], ["00002", "2", "19970112", "1", "12.00"]]
        let layout = RoleMapper.knownHeaderless(columnCount: 5, sample: sample)
        #expect(layout == .cdnow)
        #expect(layout?.loadOptions == "header=false columns=customer,index,date,quantity,line-total")
        #expect(RoleMapper.knownHeaderless(columnCount: 5, sample: [["a", "1", "19970101", "1", "1"]]) == nil)
        #expect(RoleMapper.knownHeaderless(columnCount: 5, sample: [["1", "1", "19971301", "1", "1"]]) == nil)
        #expect(RoleMapper.knownHeaderless(columnCount: 4, sample: [["1", "1", "19970101", "1"]]) == nil)
    }

    @Test func missingOrderSaysHowToMapIt() throws {
        let inference = RoleMapper.inferDetailed(headers: ["Beleg", "Artikel", "Menge"])
        let error = try #require(RoleMapper.missingRolesError(for: inference))
        #expect(error.missing == [.order])
        #expect(error.message == "no column looks like an order id (missing roles: order)")
        #expect(error.hint == "map them by hand: 'map order=COLUMN'; columns without a role: 'Beleg', 'Artikel', 'Menge'; "
            + "without an order id, map customer and time and orders are formed per customer and day")
        #expect(RoleMapper.missingRolesMessage(for: inference) == error.description)
        let both = RoleMapper.missingRoles(in: RoleMapper.inferDetailed(headers: ["x"]), required: [.order, .product])
        #expect(both == [.order, .product])
    }

    @Test func manualAssignmentKeepsTheMappingOneToOne() throws {
        let headers = ["InvoiceNo", "StockCode", "Price"]
        var mapping = RoleMapper.infer(headers: headers)
        // 'Price' (column 2) is inferred as the unit price; giving it the line total takes that role away.
        #expect(mapping[.unitPrice] == 2)
        mapping.assign(.lineTotal, to: 2)
        #expect(mapping == RoleMapping([.order: 0, .product: 1, .lineTotal: 2]))
        // another column for the order role: the old column loses it, nothing else changes
        mapping.assign(.order, to: 1)
        #expect(mapping == RoleMapping([.order: 1, .lineTotal: 2]))
        mapping.assign(.lineTotal, to: nil)
        #expect(mapping == RoleMapping([.order: 1]))
    }
}
