/// Store exports whose headers mean something other than the generic synonyms suggest.
///
/// A layout is recognised by headers it must contain (normalized, see ``RoleSynonyms/normalize(_:)``).
/// Its `assignments` win over the generic table, its `ignored` headers are never mapped, and its notes
/// tell the loader what the layout needs beyond the mapping (order-level fields on the first line only,
/// and so on).
public struct KnownLayout: Sendable, Equatable {
    /// Display name, e.g. `Shopify order export`.
    public let name: String
    /// Normalized headers that must all be present.
    let requiresAll: [String]
    /// Normalized headers of which at least one must be present (empty: no condition).
    let requiresAny: [String]
    /// Normalized header → role, applied before the generic synonyms.
    let assignments: [(header: String, role: ColumnRole)]
    /// Normalized headers that are never mapped in this layout (order totals, row ids, sales channels).
    let ignored: Set<String>
    /// What the loader should know about this layout.
    public let notes: [String]
    /// Order-level fields written on an order's first line only, which the loader fills down (Shopify).
    public var fillDown: OrderFillDown? = nil

    /// Whether a file with these normalized headers has this layout.
    func matches(_ normalized: Set<String>) -> Bool {
        requiresAll.allSatisfy(normalized.contains)
            && (requiresAny.isEmpty || requiresAny.contains(where: normalized.contains))
    }

    public static func == (a: KnownLayout, b: KnownLayout) -> Bool { a.name == b.name }

    /// Shopify's Orders export (Admin → Orders → Export): one row per line item, the order called `Name`
    /// (`#1001`), the customer known by `Email`, order-level fields filled on the first line of each order.
    public static let shopify = KnownLayout(
        name: "Shopify order export",
        requiresAll: ["lineitemname"],
        requiresAny: ["lineitemquantity", "lineitemprice", "lineitemsku"],
        assignments: [
            ("name", .order), ("email", .customer), ("lineitemsku", .product), ("lineitemname", .productName),
            ("lineitemquantity", .quantity), ("lineitemprice", .unitPrice), ("createdat", .time),
            ("shipping", .shippingFee), ("lineitemdiscount", .discount), ("discountamount", .discount),
            ("financialstatus", .status), ("billingcountry", .country), ("shippingcountry", .country),
            ("vendor", .brand), ("cancelledat", .cancelledAt),
        ],
        ignored: [
            "total", "subtotal", "taxes", "source", "id", "discountcode", "refundedamount",
            "outstandingbalance", "lineitemcompareatprice", "paymentid", "receiptnumber", "number",
        ],
        notes: [
            "Shopify export: order-level fields (Email, Financial Status, Created at, Shipping, Billing Country, "
                + "Cancelled at …) are on the first line of each order only: the loader fills them down to the "
                + "order's other lines",
            "Shopify export: refunded and voided orders, and orders with a 'Cancelled at', are cancelled; "
                + "partially refunded orders are purchases",
        ],
        fillDown: .shopify)

    /// WooCommerce order exports (the built-in and "Customer/Order CSV Export" style): one row per item,
    /// `Item Cost` is the price paid per item, `Order Total` is the whole order's total.
    public static let wooCommerce = KnownLayout(
        name: "WooCommerce order export",
        requiresAll: ["ordertotal"],
        requiresAny: ["itemcost", "itemname", "itemno"],
        assignments: [
            ("orderid", .order), ("ordernumber", .order), ("orderdate", .time), ("orderstatus", .status),
            ("customeruserid", .customer), ("customerid", .customer), ("billingemail", .customer),
            ("sku", .product), ("itemname", .productName), ("quantity", .quantity), ("itemcost", .unitPrice),
            ("ordershipping", .shippingFee), ("cartdiscount", .discount), ("category", .category),
            ("billingcountry", .country), ("shippingcountry", .country),
        ],
        ignored: ["ordertotal", "itemno", "ordersubtotal", "ordertotaltax", "ordershippingtax"],
        notes: [
            "WooCommerce export: 'Item Cost' is the price paid per item; 'Order Total' is not used as a "
                + "line total; guest orders may have customer id 0",
            "WooCommerce export: order fields repeat on every line; 'Cart Discount' is kept on each order's "
                + "first line so that it is taken off once",
        ],
        fillDown: .wooCommerce)

    /// Olist (Brazilian e-commerce, Kaggle) `order_items`, alone or joined with orders, customers and
    /// products. `price` and `freight_value` are per item; `customer_unique_id` identifies a person
    /// (`customer_id` is per order).
    public static let olist = KnownLayout(
        name: "Olist order items",
        requiresAll: ["orderid", "orderitemid"],
        requiresAny: [],
        assignments: [
            ("orderid", .order), ("customeruniqueid", .customer), ("productid", .product),
            ("price", .unitPrice), ("freightvalue", .shippingFee), ("orderpurchasetimestamp", .time),
            ("orderstatus", .status), ("productcategorynameenglish", .category),
            ("productcategoryname", .category),
        ],
        ignored: ["orderitemid", "sellerid", "shippinglimitdate", "customerzipcodeprefix", "customerstate"],
        notes: [
            "Olist: each line is one item (quantity 1); 'freight_value' is charged per item",
        ])

    /// All layouts, tried in this order; the first that matches is used.
    public static let all: [KnownLayout] = [.shopify, .wooCommerce, .olist]

    /// The layout of a file with these headers (as written), if one matches.
    public static func recognised(headers: [String]) -> KnownLayout? {
        let normalized = Set(headers.map(RoleSynonyms.normalize))
        return all.first { $0.matches(normalized) }
    }
}

/// Column names for a headerless file recognised from its shape.
public struct HeaderlessLayout: Sendable, Equatable {
    /// What the file looks like, e.g. `CDNOW purchases`.
    public let name: String
    /// Names to give the columns; each maps to a role through ``RoleMapper/infer(headers:)``.
    public let columns: [String]
    /// The equivalent shell option, e.g. `header=false columns=customer,index,date,quantity,line-total`.
    public var loadOptions: String { "header=false columns=" + columns.joined(separator: ",") }

    /// The CDNOW layout (Fader, Hardie & Lee 2005): customer id, customer id again (sample index),
    /// date `YYYYMMDD`, number of CDs, dollar value.
    public static let cdnow = HeaderlessLayout(
        name: "CDNOW purchases", columns: ["customer", "index", "date", "quantity", "line-total"])
}
