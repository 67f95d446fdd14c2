import UpshellCore

/// The results of the push-down queries (``PushdownSQL``), as CSV with a header.
public struct PushdownResults: Sendable {
    /// ``PushdownSQL/cleaningCounts``: one row.
    public var counts: [UInt8]
    /// ``PushdownSQL/orders``: one row per order.
    public var orders: [UInt8]
    /// ``PushdownSQL/products``, when there is a product column.
    public var products: [UInt8]?
    /// ``PushdownSQL/basketOrders``' count.
    public var basketOrders: Int
    /// ``PushdownSQL/pairs(floor:excluding:)``.
    public var pairs: [UInt8]?
    /// The floor the pairs were asked with.
    public var floor: Int
    /// Rows and bytes transferred over all queries.
    public var rows: Int
    public var bytes: Int

    public init(counts: [UInt8], orders: [UInt8], products: [UInt8]?, basketOrders: Int, pairs: [UInt8]?, floor: Int, rows: Int, bytes: Int) {
        self.counts = counts
        self.orders = orders
        self.products = products
        self.basketOrders = basketOrders
        self.pairs = pairs
        self.floor = floor
        self.rows = rows
        self.bytes = bytes
    }
}

/// A small query result read as a table: cells by column name.
public struct ResultRows: Sendable {
    let table: Table

    /// Reads CSV with a header (a side table: no roles, no cleaning).
    public init(csv: [UInt8]) throws {
        var options = LoadOptions()
        options.kind = .table
        options.header = true
        table = try DatasetLoader.load(csv: csv, path: "query result", name: "result", options: options).table
    }

    public var count: Int { table.rowCount }

    /// Column `name`'s values as numbers (`.nan` for null), or `nil` when the result has no such column.
    public func numbers(_ name: String) -> [Double]? { table.columnIndex(named: name).map { table.doubles(column: $0) } }

    /// Column `name`'s values as text (`""` for null), or `nil` when the result has no such column.
    public func texts(_ name: String) -> [String]? {
        table.columnIndex(named: name).map { c in (0..<table.rowCount).map { table.columns[c].displayString(table.physicalRow($0)) } }
    }

    /// Row 0's value of column `name` as a whole number (0 when missing).
    public func integer(_ name: String) -> Int {
        guard count > 0, let v = numbers(name)?.first, v.isFinite else { return 0 }
        return Int(v)
    }
}

extension Products {
    /// The product table of ``PushdownSQL/products`` (and each product's line count, for the cleaning report).
    public static func fromServer(_ rows: ResultRows) -> Products {
        var p = Products()
        let n = rows.count
        func numbers(_ name: String) -> [Double] { rows.numbers(name) ?? [Double](repeating: .nan, count: n) }
        p.key = rows.texts("product") ?? []
        p.name = rows.texts("product_name") ?? [String](repeating: "", count: n)
        p.category = rows.texts("category") ?? [String](repeating: "", count: n)
        p.brand = rows.texts("brand") ?? [String](repeating: "", count: n)
        p.minPrice = numbers("min_price")
        p.meanPrice = numbers("mean_price")
        p.maxPrice = numbers("max_price")
        p.cost = numbers("cost")
        p.inventory = [Double](repeating: .nan, count: n)
        p.strategic = [Bool](repeating: false, count: n)
        p.orderCount = numbers("orders").map { Int32($0.isFinite ? $0 : 0) }
        p.units = numbers("units")
        p.revenue = (rows.numbers("revenue") ?? [Double](repeating: 0, count: n)).map { $0.isNaN ? 0 : $0 }
        return p
    }
}

extension Dataset {
    /// A dataset from the push-down results: the order rows become the table (one line per order, no
    /// product column) and the order model; the server's product table replaces the (empty) one built
    /// from those rows; the cleaning report holds the server's counts under `policy`, with the outlier
    /// orders counted here; non-products (``NonProductRule``) are found in the product table and marked
    /// out of baskets (the pairs query was sent without them: `nonProducts`).
    public static func aggregated(_ results: PushdownResults, sql: PushdownSQL, policy: CleaningPolicy, nonProducts: [String],
                                  path: String, name: String) throws -> Dataset {
        var options = LoadOptions()
        options.header = true
        options.sideTableWithoutOrders = false
        options.cleaning = ServerAggregates.orderRowPolicy(policy)
        for (column, role) in sql.orderColumns { if let role { options.roleOverrides[role] = column } }
        var dataset = try DatasetLoader.load(csv: results.orders, path: path, name: name, options: options)
        let productRows = try results.products.map(ResultRows.init(csv:))
        let products = productRows.map(Products.fromServer) ?? Products()
        var pairs: [ServerPair] = []
        if let csv = results.pairs {
            let rows = try ResultRows(csv: csv)
            var id: [String: Int32] = [:]
            for (k, key) in products.key.enumerated() { id[key] = Int32(k) }
            let a = rows.texts("item_a") ?? [], b = rows.texts("item_b") ?? [], n = rows.numbers("orders") ?? []
            for i in 0..<rows.count {
                guard let x = id[a[i]], let y = id[b[i]] else { continue }
                pairs.append(ServerPair(a: x, b: y, orders: Int(n[i])))
            }
        }
        dataset.serverAggregates = ServerAggregates(pairs: pairs, floor: results.floor, basketOrders: results.basketOrders,
                                                    rowsTransferred: results.rows, bytesTransferred: results.bytes)
        dataset.serverProducts = products
        dataset.serverProducts?.outOfBaskets = policy.nonProduct == .keep ? [] : products.key.map(nonProducts.contains)
        let fromRows = dataset.cleaning
        var report = try cleaningReport(ResultRows(csv: results.counts), policy: policy)
        report.outlierOrders = fromRows.outlierOrders
        report.outlierFence = fromRows.outlierFence
        report.droppedLines += fromRows.droppedLines
        if let productRows, let lines = productRows.numbers("lines") {
            let set = Set(nonProducts)
            report.nonProductLines = products.key.indices.reduce(0) { $0 + (set.contains(products.key[$1]) ? Int(lines[$1]) : 0) }
            report.nonProductCodes = nonProducts
        }
        dataset.cleaning = report
        dataset.attachServerModel()
        dataset.summary.lines = report.totalLines
        return dataset
    }

    /// The cleaning report from ``PushdownSQL/cleaningCounts``.
    static func cleaningReport(_ rows: ResultRows, policy: CleaningPolicy) -> CleaningReport {
        var r = CleaningReport()
        r.policy = policy
        r.totalLines = rows.integer("lines")
        r.cancelledLines = rows.integer("cancelled_lines")
        r.cancelledOrders = rows.integer("cancelled_orders")
        r.adjustmentLines = rows.integer("adjustment_lines")
        r.nonPositiveQuantityLines = rows.integer("return_lines")
        r.nonPositivePriceLines = rows.integer("non_positive_price_lines")
        r.missingValueLines = rows.integer("missing_value_lines")
        r.missingCustomerLines = rows.integer("missing_customer_lines")
        var dropped = rows.integer("dropped_missing_customer_lines")
        if policy.cancelled == .drop { dropped += r.cancelledLines }
        if policy.adjustments == .drop { dropped += r.adjustmentLines }
        if policy.nonPositiveQuantity == .drop { dropped += r.nonPositiveQuantityLines }
        if policy.nonPositivePrice == .drop { dropped += r.nonPositivePriceLines }
        if policy.missingValues == .drop { dropped += r.missingValueLines }
        r.droppedLines = dropped
        return r
    }

    /// Puts the server's product table and the per-order costs (the order rows' `cost` column) into the
    /// model built from the order rows, and the line count the server kept.
    mutating func attachServerModel() {
        guard var model = orders, let products = serverProducts else { return }
        model.products = products
        if let c = table.columnIndex(named: "cost") {
            let costs = table.doubles(column: c)
            model.orders.cost = OptionalAmounts(model.orders.firstRow.map { costs[Int($0)] })
        }
        model.lineCount = cleaning.keptLines
        orders = model
        summary.products = products.count
    }
}
