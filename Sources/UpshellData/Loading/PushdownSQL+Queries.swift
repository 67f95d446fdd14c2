import Foundation

/// SQL quoting for generated statements (standard: `"identifier"`, `'literal'`).
public enum SQLQuote {
    /// `name` as a quoted identifier (`"Order ID"`, with `"` doubled).
    public static func identifier(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    /// `schema.table` or `table` as quoted identifiers.
    public static func relation(_ name: String) -> String {
        name.split(separator: ".", maxSplits: 1).map { identifier(String($0)) }.joined(separator: ".")
    }

    /// A string literal (`'it''s'`).
    public static func literal(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }
}

extension PushdownSQL {
    /// Lines per cleaning category (and lines without a customer): one row, for the cleaning report.
    public var cleaningCounts: String {
        let o = column(.order)!
        func count(_ category: String) -> String { "SUM(CASE WHEN upshell_category = '\(category)' THEN 1 ELSE 0 END)" }
        let noCustomer = missingCustomer.map { "SUM(CASE WHEN \($0) THEN 1 ELSE 0 END)" } ?? "0"
        return """
            \(keptLines)
            SELECT COUNT(*) AS lines,
                   \(count("cancelled")) AS cancelled_lines,
                   COUNT(DISTINCT CASE WHEN upshell_category = 'cancelled' THEN \(o) END) AS cancelled_orders,
                   \(count("adjustments")) AS adjustment_lines,
                   \(count("returns")) AS return_lines,
                   \(count("non-positive-price")) AS non_positive_price_lines,
                   \(count("missing-values")) AS missing_value_lines,
                   \(noCustomer) AS missing_customer_lines,
                   \(count("missing-customer")) AS dropped_missing_customer_lines
            FROM classified
            """
    }

    /// The select list of the order query over `kept`, one row per order.
    private var orderSelect: String {
        var items = ["\(column(.order)!) AS \(SQLQuote.identifier(orderColumns[0].name))"]
        if let c = column(.customer) {
            let value = isCustomerText ? "NULLIF(\(c), '')" : c
            items.append("MIN(\(value)) AS \(c)")
        }
        if let t = column(.time) { items.append("MIN(\(t)) AS \(t)") }
        if let v = lineValue { items.append("COALESCE(SUM(\(v)), 0) AS order_value") }
        items.append("SUM(\(lineUnits)) AS units")
        if let s = column(.shippingFee) { items.append("MAX(\(s)) AS shipping") }
        if let uc = column(.unitCost) { items.append("COALESCE(SUM(\(lineUnits) * \(uc)), 0) AS cost") }
        return items.joined(separator: ",\n       ")
    }

    private var isCustomerText: Bool { roles[.customer].map { fields[$0].isText } ?? false }

    /// One row per order: order id, customer, time (earliest line), value, units, shipping (highest line
    /// fee), cost — what the order model keeps per order.
    public var orders: String {
        """
        \(keptLines)
        SELECT \(orderSelect)
        FROM kept
        GROUP BY \(column(.order)!)
        ORDER BY \(column(.order)!)
        """
    }

    /// One row per customer: first and last order time, orders (frequency), total value (monetary) —
    /// the inputs of RFM, lifecycle and the BG/NBD and Gamma-Gamma fits. Built on the order rows, so an
    /// order's time is its earliest line's, as in the order model. `nil` without a customer column.
    public var customers: String? {
        guard let c = column(.customer) else { return nil }
        let t = column(.time)
        let value = lineValue == nil ? "0" : "SUM(order_value)"
        return """
            \(keptLines),
            order_rows AS (
              SELECT \(orderSelect.replacingOccurrences(of: "\n       ", with: "\n         "))
              FROM kept
              GROUP BY \(column(.order)!)
            )
            SELECT \(c), \(t.map { "MIN(\($0)) AS first_purchase, MAX(\($0)) AS last_purchase, " } ?? "")COUNT(*) AS frequency, \(value) AS monetary
            FROM order_rows
            WHERE \(c) IS NOT NULL
            GROUP BY \(c)
            ORDER BY \(c)
            """
    }

    /// One row per product: name, category, brand, orders holding it, units, revenue, lowest, mean and
    /// highest unit price, mean unit cost. `nil` without a product column.
    public var products: String? {
        guard let p = product else { return nil }
        var items = ["\(p) AS product"]
        if let n = column(.productName), column(.product) != nil { items.append("MIN(\(n)) AS product_name") }
        if let c = column(.category) { items.append("MIN(\(c)) AS category") }
        if let b = column(.brand) { items.append("MIN(\(b)) AS brand") }
        items.append("COUNT(DISTINCT \(column(.order)!)) AS orders")
        items.append("COUNT(*) AS lines")
        items.append("SUM(\(lineUnits)) AS units")
        if let v = lineValue { items.append("COALESCE(SUM(\(v)), 0) AS revenue") }
        if let up = column(.unitPrice) {
            items += ["MIN(\(up)) AS min_price", "AVG(\(up)) AS mean_price", "MAX(\(up)) AS max_price"]
        }
        if let uc = column(.unitCost) { items.append("AVG(\(uc)) AS cost") }
        return """
            \(keptLines)
            SELECT \(items.joined(separator: ",\n       "))
            FROM kept
            WHERE \(p) IS NOT NULL
            GROUP BY \(p)
            ORDER BY \(p)
            """
    }

    /// `baskets AS (…)`: distinct (order, product) of the kept lines, without the `excluded` products
    /// (non-product lines left out of baskets).
    private func baskets(excluding excluded: [String]) -> String {
        let p = product!, o = column(.order)!
        return """
            baskets AS (
              SELECT DISTINCT \(o) AS order_id, \(p) AS item
              FROM kept
              WHERE \(basketCondition(excluding: excluded, exclusionOnItsOwnLine: true))
            )
            """
    }

    /// Which kept lines go into baskets: those with an order and a product, the `excluded` products (non-product
    /// lines) left out; `exclusionOnItsOwnLine` puts the `NOT IN` on a line of its own.
    private func basketCondition(excluding excluded: [String], exclusionOnItsOwnLine: Bool) -> String {
        let p = product!, o = column(.order)!
        let both = "\(o) IS NOT NULL AND \(p) IS NOT NULL"
        guard !excluded.isEmpty else { return both }
        return both + (exclusionOnItsOwnLine ? "\n    " : " ") + "AND \(p) NOT IN (\(excluded.map(SQLQuote.literal).joined(separator: ", ")))"
    }

    /// The number of orders holding at least one product (the N of support), one row. A `GROUP BY` of the
    /// orders, counted: `COUNT(DISTINCT …)` over the baskets always sorts on one process, and PostgreSQL 15's
    /// hash aggregate of the distinct baskets, spilling to disk at the default 4 MB `work_mem`, took over five
    /// minutes at 10 M lines where this takes 15 s.
    public func basketOrders(excluding excluded: [String] = []) -> String? {
        guard product != nil, let o = column(.order) else { return nil }
        return """
            \(keptLines)
            SELECT COUNT(*) AS basket_orders
            FROM (SELECT \(o) FROM kept WHERE \(basketCondition(excluding: excluded, exclusionOnItsOwnLine: false)) GROUP BY \(o)) AS upshell_orders
            """
    }

    /// Pairs of products bought in at least `floor` orders together (a literal; `nil` prints `:floor`):
    /// products in fewer orders than the floor are left out before the self-join.
    public func pairs(floor: Int?, excluding excluded: [String] = []) -> String? {
        guard product != nil else { return nil }
        let f = floor.map(String.init) ?? ":floor"
        return """
            \(keptLines),
            \(baskets(excluding: excluded)),
            frequent AS (
              SELECT item FROM baskets GROUP BY item HAVING COUNT(*) >= \(f)
            )
            SELECT a.item AS item_a, b.item AS item_b, COUNT(*) AS orders
            FROM baskets a JOIN baskets b ON a.order_id = b.order_id AND a.item < b.item
            WHERE a.item IN (SELECT item FROM frequent) AND b.item IN (SELECT item FROM frequent)
            GROUP BY a.item, b.item
            HAVING COUNT(*) >= \(f)
            ORDER BY a.item, b.item
            """
    }

    /// Every statement with a comment saying what it returns, separated by blank lines.
    public func script(floor: Int?) -> String {
        var parts: [(String, String?)] = [
            ("cleaning counts: lines per category of the cleaning report (one row)", cleaningCounts),
            ("order table: one row per order (id, customer, time, value, units, shipping, cost)", orders),
            ("product table: orders, units, revenue and prices per product", products),
            ("customer summaries: first and last purchase, frequency, monetary (RFM, lifecycle, CLV inputs; upshell builds the same from the order table)", customers),
            ("orders holding a product: N of pair support", basketOrders()),
        ]
        let floorNote = floor.map { "floor=\($0)" } ?? ":floor = 0.1% of the count above, rounded up (set with floor=N)"
        parts.append(("pairs bought together in at least \(floorNote)", pairs(floor: floor)))
        return parts.compactMap { title, text in text.map { "-- \(title)\n\($0);" } }.joined(separator: "\n\n")
    }
}
