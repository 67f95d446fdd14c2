import Dispatch
import UpshellCore

/// Builds an ``OrderModel`` from an order-line table, its roles and a cleaning policy.
///
/// Steps: classify lines (``LineClassifier``); give orders, products and customers dense ids in
/// order of first appearance; count lines per order and place them in CSR order (a counting sort);
/// sort each basket by product id and merge repeated products; aggregate orders, then customers and
/// products; find non-product lines (``NonProductRule``) and drop them or mark them out of baskets.
/// Line total = the line-total column, else quantity × unit price (quantity 1 when absent).
/// Outlier orders (value above the fence) are counted and, if the policy says so, removed by a second
/// pass without them. - Complexity: O(*n* log *b*) for *n* lines and baskets of at most *b* items.
///
/// Without an order column but with customer and time, each customer's lines on one calendar day
/// (UTC) form one order (CDNOW's convention). Without a product column the product name stands in;
/// without either, orders have values and units but empty baskets.
public enum OrderModelBuilder {
    /// Whether `roles` give orders: an order column, or customer and time to form orders per day.
    public static func formsOrders(_ roles: RoleMapping) -> Bool {
        roles[.order] != nil || (roles[.customer] != nil && roles[.time] != nil)
    }

    /// Builds the model; throws ``LoadError/missingRoles`` when no column is (or derives) the order.
    /// `nonProductCodes`: the non-product codes to use instead of detecting them (a filtered view passes
    /// its parent's, so that a subset of the lines cannot change which products are postage or fees).
    public static func build(table: Table, roles: RoleMapping, policy: CleaningPolicy, path: String = "",
                             nonProductCodes: [String]? = nil) throws -> (model: OrderModel, report: CleaningReport) {
        if !formsOrders(roles) {
            throw LoadError.missingRoles(path: path, missing: [ColumnRole.order.shellName], columns: table.columnNames)
        }
        let timer = PhaseTimer("order model")
        // Kept duplicates change no line's fate: count them on another thread while the model is built.
        let parallelDuplicates = policy.duplicates == .keep
        let firstPass: @Sendable (_ countDuplicates: Bool) throws -> FirstPass = { countDuplicates in
            let lines = LineColumns(table: table, roles: roles)
            let (keep, report) = try LineClassifier.classify(table, roles: roles, policy: policy, quantity: lines.quantity,
                                                             price: lines.price ?? lines.total, total: lines.total,
                                                             times: lines.times, countDuplicates: countDuplicates)
            timer.mark("lines classified")
            let model = try assemble(table: table, roles: roles, keep: keep, lines: lines)
            return FirstPass(model: model, report: report, keep: keep, lines: lines)
        }
        var pass: FirstPass
        if parallelDuplicates {
            let duplicates = SideTask { Result { try LineClassifier.countDuplicates(table, groupColumn: roles[.order]) } }
            let built = Result { try firstPass(false) }
            timer.mark("assembled")
            let counted = duplicates.value
            pass = try built.get()
            pass.report.duplicateLines = try counted.get()
        } else {
            pass = try firstPass(true)
        }
        var model = pass.model, report = pass.report, keep = pass.keep
        let lines = pass.lines
        timer.mark("assembled, duplicates counted")
        let nonProducts = try separateNonProducts(&model, &report, &keep, table: table, roles: roles, policy: policy,
                                                  lines: lines, known: nonProductCodes)
        timer.mark("non-products")
        if model.hasMoney, model.orders.count >= 4 {
            let values = Array(model.orders.value)
            let q1 = Quantiles.linear(values, 0.25), q3 = Quantiles.linear(values, 0.75)
            let fence = q3 + policy.outlierFence * (q3 - q1)
            report.outlierFence = fence
            let outliers = values.indices.filter { values[$0] > fence }
            report.outlierOrders = outliers.count
            if policy.outliers == .drop, !outliers.isEmpty {
                let orderIds = DenseIds.assign(orderKeys(table, roles), keep: keep).ids
                var isOutlier = [Bool](repeating: false, count: model.orders.count)
                for o in outliers { isOutlier[o] = true }
                for i in keep.indices where keep[i] && orderIds[i] >= 0 && isOutlier[Int(orderIds[i])] {
                    keep[i] = false
                    report.droppedLines += 1
                }
                model = try assemble(table: table, roles: roles, keep: keep, lines: lines)
            }
        }
        markOutOfBaskets(&model, codes: nonProducts, policy: policy)
        return (model, report)
    }

    /// What the first pass over the lines yields: the model, the cleaning report, which lines were
    /// kept, and the numeric columns (reused when outliers are dropped).
    struct FirstPass: Sendable {
        var model: OrderModel
        var report: CleaningReport
        var keep: [Bool]
        var lines: LineColumns
    }

    /// The numeric role columns as numbers per row, read once for cleaning and assembly.
    ///
    /// With a discount column, `total` is the line's value net of its discount: (line total, else
    /// quantity × unit price) − discount, so order values, AOV, revenue and margin are what customers
    /// paid for merchandise. Order-level discounts filled on one line of the order (Shopify's
    /// `Discount Amount`) count once that way too.
    struct LineColumns: Sendable {
        var quantity, price, total, unitCost, shippingFee: LineNumbers?
        /// The time column's seconds per row (null `Int64.min`), when it holds timestamps: its own storage
        /// (``IntStorage`` reads back `Int64.min` for null), widened only for a view of selected rows.
        var times: IntStorage?
        init(table: Table, roles: RoleMapping) {
            times = roles[.time].flatMap { c -> IntStorage? in
                guard table.columns[c].type == .timestamp else { return nil }
                if table.rowSelection == nil, case .timestamp(let s, _) = table.columns[c].values { return s }
                return .i64(table.rawIntegers(column: c))
            }
            // read in place from the table's storage: no widened copies (the load's peak memory)
            let wanted: [ColumnRole] = [.quantity, .unitPrice, .lineTotal, .unitCost, .shippingFee, .discount]
            let converted = wanted.map { role in roles[role].map { LineNumbers(table: table, column: $0) } }
            quantity = converted[0]
            price = converted[1]
            total = converted[2]
            unitCost = converted[3]
            shippingFee = converted[4]
            if let discount = converted[5], total != nil || price != nil {
                let q = quantity, p = price, t = total
                total = LineNumbers(discount.indices.map { i in
                    var v = t.map { $0[i] } ?? .nan
                    if v.isNaN, let p { v = (q.map { $0[i].isNaN ? 1 : $0[i] } ?? 1) * p[i] }
                    let d = discount[i]
                    return v.isNaN || d.isNaN ? v : v - d
                })
            }
        }
    }

    /// The column standing for the product: the product id, else the product name.
    static func productColumn(_ roles: RoleMapping) -> Int? { roles[.product] ?? roles[.productName] }

    /// Per-row order keys: the order column's values, or customer × UTC day when there is none.
    static func orderKeys(_ table: Table, _ roles: RoleMapping) -> [Int64] {
        if let c = roles[.order] { return table.groupingKeys(column: c) }
        guard let cc = roles[.customer], let tc = roles[.time] else { return [Int64](repeating: .min, count: table.rowCount) }
        let customer = DenseIds.assign(table.groupingKeys(column: cc), keep: [Bool](repeating: true, count: table.rowCount)).ids
        let time = table.rawIntegers(column: tc)
        return (0..<table.rowCount).map { i in
            guard customer[i] >= 0, time[i] != .min else { return .min }
            let day = time[i] >= 0 ? time[i] / 86_400 : (time[i] - 86_399) / 86_400
            return Int64(customer[i]) << 32 | Int64(UInt32(truncatingIfNeeded: day))
        }
    }

    /// The shown id of a derived order: `customer date`.
    static func derivedOrderKey(_ table: Table, _ roles: RoleMapping, row: Int) -> String {
        guard let cc = roles[.customer], let tc = roles[.time] else { return "" }
        let p = table.physicalRow(row)
        let t = table.columns[tc].rawInteger(p)
        return table.columns[cc].displayString(p) + " " + (t == .min ? "" : CivilDate.format(seconds: t))
    }

    // hot loop: one pass over every kept line building the per-order arrays; one body so the per-row state stays in locals.
    static func assemble(table: Table, roles: RoleMapping, keep: [Bool], lines: LineColumns) throws -> OrderModel {
        let n = table.rowCount
        let timer = PhaseTimer("assemble")
        // dense ids of orders, products and customers, side by side
        let idJobs: [@Sendable () -> (ids: [Int32], firstRow: [Int32])] = [
            { roles[.order].map { DenseIds.assign(table, column: $0, keep: keep) } ?? DenseIds.assign(orderKeys(table, roles), keep: keep) },
            { productColumn(roles).map { DenseIds.assign(table, column: $0, keep: keep) } ?? ([Int32](repeating: -1, count: n), []) },
            { roles[.customer].map { DenseIds.assign(table, column: $0, keep: keep) } ?? ([], []) },
        ]
        var idResults = ParallelParts.each(idJobs.count) { idJobs[$0]() }
        // Each per-line array is held by one variable and emptied once no later step reads it, so the
        // order model's own arrays are never resident beside all of them (the load's peak memory).
        var orderOf = idResults[0].ids
        let orderFirst = idResults[0].firstRow, (productOf, productFirst) = idResults[1]
        var customerOf = roles[.customer] == nil ? nil : Optional(idResults[2].ids)
        let customerFirst = roles[.customer] == nil ? nil : Optional(idResults[2].firstRow)
        idResults = []
        try Cancellation.check()
        timer.mark("dense ids")
        let quantity = lines.quantity, price = lines.price, total = lines.total
        let unitCost = lines.unitCost
        let times = lines.times
        let orderCount = orderFirst.count

        // CSR placement by order (counting sort, rows ascending within an order). Files usually hold
        // each order's lines together: then ids never decrease along the rows and the kept rows are
        // already in place.
        var offsets = [Int32](repeating: 0, count: orderCount + 1)
        var grouped = true
        orderOf.withUnsafeBufferPointer { ids in
            offsets.withUnsafeMutableBufferPointer { counts in
                var previous: Int32 = -1
                for i in 0..<n {
                    let o = ids[i]
                    guard o >= 0 else { continue }
                    counts[Int(o) + 1] &+= 1
                    if o < previous { grouped = false }
                    previous = o
                }
                for o in 0..<orderCount { counts[o + 1] &+= counts[o] }
            }
        }
        let placed = Int(offsets[orderCount])
        // every line kept and each order's lines together: line r of the CSR is row r, no array needed
        let identity = grouped && placed == n
        var rowsInOrder = identity ? [] : [Int32](unsafeUninitializedCapacity: placed) { rows, initialized in
            orderOf.withUnsafeBufferPointer { ids in
                if grouped {
                    var w = 0
                    for i in 0..<n where ids[i] >= 0 { rows[w] = Int32(i); w += 1 }
                } else {
                    var cursor = Array(offsets.dropLast())
                    for i in 0..<n where ids[i] >= 0 {
                        let o = Int(ids[i])
                        rows[Int(cursor[o])] = Int32(i)
                        cursor[o] += 1
                    }
                }
            }
            initialized = placed
        }
        orderOf = []
        try Cancellation.check()
        timer.mark("lines placed by order")

        var orders = Orders()
        orders.firstRow = orderFirst
        if let orderColumn = roles[.order] {
            orders.key = KeyColumn(table: table, column: orderColumn, rows: orderFirst)
        } else {
            orders.key = KeyColumn(strings: orderFirst.map { derivedOrderKey(table, roles, row: Int($0)) })
        }
        timer.mark("order keys")
        var input: OrderLineInputs? = OrderLineInputs(offsets: offsets, rowsInOrder: rowsInOrder, productOf: productOf,
                                                      quantity: quantity, total: total, price: price, unitCost: unitCost,
                                                      shippingFee: lines.shippingFee, times: times, customerOf: customerOf)
        offsets = []
        rowsInOrder = []
        customerOf = nil
        var aggregated = try OrderAggregation.run(input!)
        input = nil
        timer.mark("baskets folded")
        // the per-entry arrays are narrowed on other threads while the per-order ones are made here, each
        // array held by one owner and emptied once narrowed
        var totals = aggregated.totals
        let entryItems = aggregated.items, entryQuantities = aggregated.quantities, entryValues = aggregated.values
        (aggregated.totals, aggregated.items, aggregated.quantities, aggregated.values) = (OrderTotalColumns(), [], [], [])
        let items = SideTask { ProductIds(entryItems) }
        let quantities = SideTask { CompactUnits(entryQuantities) }
        let lineValues = SideTask { CompactMoney(entryValues) }
        orders.customer = totals.customer
        totals.customer = []
        orders.time = CompactTimes(totals.time)
        totals.time = []
        try Cancellation.check()
        orders.units = CompactUnits(totals.units)
        totals.units = []
        orders.value = CompactMoney(totals.value)
        totals.value = []
        orders.cost = unitCost == nil ? OptionalAmounts(unknown: orderCount) : OptionalAmounts(totals.cost)
        orders.shipping = lines.shippingFee == nil ? OptionalAmounts(unknown: orderCount) : OptionalAmounts(totals.shipping)
        totals = OrderTotalColumns()
        orders.offsets = aggregated.offsets
        orders.items = items.value
        orders.quantities = quantities.value
        orders.lineValues = lineValues.value
        try Cancellation.check()
        timer.mark("orders aggregated")

        // customers on another thread while the products are made here
        let finishedOrders = orders
        let customerTask = SideTask { buildCustomers(table: table, column: roles[.customer], firstRows: customerFirst, orders: finishedOrders) }
        let products = try buildProducts(table: table, roles: roles, productFirst: productFirst, productOf: productOf,
                                     keep: keep, price: price, quantity: quantity, total: total, unitCost: unitCost,
                                     orders: orders)
        let customers = customerTask.value
        try Cancellation.check()
        timer.mark("customers and products")
        var earliest = Int64.max, latest = Int64.min
        for t in orders.time where t != .min {
            earliest = min(earliest, t)
            latest = max(latest, t)
        }
        let range = earliest <= latest ? earliest...latest : nil
        timer.mark("date range")
        return OrderModel(orders: orders, customers: customers, products: products,
                          hasMoney: price != nil || total != nil, hasCustomers: roles[.customer] != nil,
                          hasTimes: times != nil, hasQuantities: quantity != nil,
                          lineCount: keep.reduce(0) { $0 + ($1 ? 1 : 0) }, dateRange: range)
    }

    /// Customers from the orders: `firstRows`, each customer's first row (its dense id's order).
    static func buildCustomers(table: Table, column: Int?, firstRows: [Int32]?, orders: Orders) -> Customers {
        var c = Customers()
        guard let column, let firstRows else { return c }
        let count = firstRows.count
        c.key = KeyColumn(table: table, column: column, rows: firstRows)
        var first = [Int64](repeating: .max, count: count)
        var last = [Int64](repeating: .min, count: count)
        c.orderCount = [Int32](repeating: 0, count: count)
        var value = [Double](repeating: 0, count: count)
        for o in 0..<orders.count where orders.customer[o] >= 0 {
            let k = Int(orders.customer[o])
            c.orderCount[k] += 1
            value[k] += orders.value[o]
            let t = orders.time[o]
            if t != .min {
                first[k] = min(first[k], t)
                last[k] = max(last[k], t)
            }
        }
        for k in 0..<count where first[k] == .max { first[k] = .min }
        c.firstOrderTime = CompactTimes(first)
        c.lastOrderTime = CompactTimes(last)
        c.value = CompactMoney(value)
        return c
    }
}
