import Dispatch
import UpshellCore

/// Builds an ``OrderModel`` from an order-line table, its roles and a cleaning policy.
///
/// Steps: classify lines (``LineClassifier``); give orders, products and customers dense ids in
/// order of first appearance; count lines per order and place them in CSR order (a counting sort);
/// sort each basket by product id and merge repeated products; aggregate orders, then customers and
/// products. Line total = the line-total column, else quantity × unit price (quantity 1 when absent).
/// Outlier orders (value above the fence) are counted and, if the policy says so, removed by a second
/// pass without them. - Complexity: O(*n* log *b*) for *n* lines and baskets of at most *b* items.
///
/// Without an order column but with customer and time, each customer's lines on one calendar day
/// (UTC) form one order (CDNOW's convention). Without a product column the product name stands in;
/// without either, orders have values and units but empty baskets.
public enum OrderModelBuilder {
    /// Builds the model; throws ``LoadError/missingRoles`` when no column is (or derives) the order.
    public static func build(table: Table, roles: RoleMapping, policy: CleaningPolicy,
                             path: String = "") throws -> (model: OrderModel, report: CleaningReport) {
        if roles[.order] == nil && (roles[.customer] == nil || roles[.time] == nil) {
            throw LoadError.missingRoles(path: path, missing: [ColumnRole.order.shellName], columns: table.columnNames)
        }
        let lines = LineColumns(table: table, roles: roles)
        // Kept duplicates change no line's fate: count them on a second core while the model is built.
        let parallelDuplicates = policy.duplicates == .keep
        var (keep, report) = try LineClassifier.classify(table, roles: roles, policy: policy, quantity: lines.quantity,
                                                         price: lines.price ?? lines.total,
                                                         countDuplicates: !parallelDuplicates)
        var model: OrderModel
        if parallelDuplicates {
            let keptSoFar = keep
            var built: Result<OrderModel, any Error>?
            var duplicates: Result<Int, any Error>?
            withUnsafeMutablePointer(to: &built) { modelPointer in
                withUnsafeMutablePointer(to: &duplicates) { duplicatesPointer in
                    let modelOut = SendablePointer(modelPointer), duplicatesOut = SendablePointer(duplicatesPointer)
                    DispatchQueue.concurrentPerform(iterations: 2) { k in
                        if k == 0 {
                            duplicatesOut.pointer.pointee = Result { try LineClassifier.countDuplicates(table) }
                        } else {
                            modelOut.pointer.pointee = Result { try assemble(table: table, roles: roles, keep: keptSoFar, lines: lines) }
                        }
                    }
                }
            }
            guard let built, let duplicates else {
                throw InternalError("order model: a parallel step did not run")
            }
            model = try built.get()
            report.duplicateLines = try duplicates.get()
        } else {
            model = try assemble(table: table, roles: roles, keep: keep, lines: lines)
        }
        if model.hasMoney, model.orders.count >= 4 {
            let values = model.orders.value
            let q1 = Quantiles.linear(values, 0.25), q3 = Quantiles.linear(values, 0.75)
            let fence = q3 + policy.outlierFence * (q3 - q1)
            report.outlierFence = fence
            let outliers = model.orders.value.indices.filter { model.orders.value[$0] > fence }
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
        return (model, report)
    }

    /// The numeric role columns as numbers per row, read once for cleaning and assembly.
    ///
    /// With a discount column, `total` is the line's value net of its discount: (line total, else
    /// quantity × unit price) − discount, so order values, AOV, revenue and margin are what customers
    /// paid for merchandise. Order-level discounts filled on one line of the order (Shopify's
    /// `Discount Amount`) count once that way too.
    struct LineColumns: Sendable {
        var quantity, price, total, unitCost, shippingFee: [Double]?
        init(table: Table, roles: RoleMapping) {
            quantity = roles[.quantity].map { table.doubles(column: $0) }
            price = roles[.unitPrice].map { table.doubles(column: $0) }
            total = roles[.lineTotal].map { table.doubles(column: $0) }
            if let dc = roles[.discount], total != nil || price != nil {
                let discount = table.doubles(column: dc)
                let q = quantity, p = price, t = total
                total = discount.indices.map { i in
                    var v = t.map { $0[i] } ?? .nan
                    if v.isNaN, let p { v = (q.map { $0[i].isNaN ? 1 : $0[i] } ?? 1) * p[i] }
                    let d = discount[i]
                    return v.isNaN || d.isNaN ? v : v - d
                }
            }
            unitCost = roles[.unitCost].map { table.doubles(column: $0) }
            shippingFee = roles[.shippingFee].map { table.doubles(column: $0) }
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
        return table.columns[cc].displayString(p) + " " + (t == .min ? "" : CivilTime.format(seconds: t, dateOnly: true))
    }

    static func assemble(table: Table, roles: RoleMapping, keep: [Bool], lines: LineColumns) throws -> OrderModel {
        let n = table.rowCount
        let (orderOf, orderFirst) = DenseIds.assign(orderKeys(table, roles), keep: keep)
        let productKeys = productColumn(roles).map { table.groupingKeys(column: $0) } ?? [Int64](repeating: .min, count: n)
        let (productOf, productFirst) = DenseIds.assign(productKeys, keep: keep)
        let customerIds = roles[.customer].map { DenseIds.assign(table.groupingKeys(column: $0), keep: keep) }
        try Cancellation.check()
        let quantity = lines.quantity, price = lines.price, total = lines.total
        let unitCost = lines.unitCost, shippingFee = lines.shippingFee
        let times = roles[.time].flatMap { c in table.columns[c].type == .timestamp ? table.rawIntegers(column: c) : nil }
        let orderCount = orderFirst.count

        // CSR placement by order (counting sort, rows ascending within an order)
        var offsets = [Int32](repeating: 0, count: orderCount + 1)
        for i in 0..<n where orderOf[i] >= 0 { offsets[Int(orderOf[i]) + 1] += 1 }
        for o in 0..<orderCount { offsets[o + 1] += offsets[o] }
        let placed = Int(offsets[orderCount])
        var rowsInOrder = [Int32](repeating: 0, count: placed)
        var cursor = Array(offsets.dropLast())
        for i in 0..<n where orderOf[i] >= 0 {
            let o = Int(orderOf[i])
            rowsInOrder[Int(cursor[o])] = Int32(i)
            cursor[o] += 1
        }
        cursor = []
        try Cancellation.check()

        var orders = Orders()
        if let orderColumn = roles[.order] {
            orders.key = orderFirst.map { table.columns[orderColumn].displayString(table.physicalRow(Int($0))) }
        } else {
            orders.key = orderFirst.map { derivedOrderKey(table, roles, row: Int($0)) }
        }
        orders.customer = [Int32](repeating: -1, count: orderCount)
        orders.time = [Int64](repeating: .min, count: orderCount)
        orders.itemCount = [Int32](repeating: 0, count: orderCount)
        orders.units = [Double](repeating: 0, count: orderCount)
        orders.value = [Double](repeating: 0, count: orderCount)
        orders.cost = [Double](repeating: unitCost == nil ? .nan : 0, count: orderCount)
        orders.shipping = [Double](repeating: .nan, count: orderCount)
        orders.offsets = [Int32](repeating: 0, count: orderCount + 1)
        orders.items.reserveCapacity(placed)
        orders.quantities.reserveCapacity(placed)
        orders.lineValues.reserveCapacity(placed)

        // non-optional views of the optional columns, so the row loop tests a flag, not an optional
        let hasQuantity = quantity != nil, qs = quantity ?? []
        let hasTotal = total != nil, totals = total ?? []
        let hasPrice = price != nil, prices = price ?? []
        let hasCost = unitCost != nil, costs = unitCost ?? []
        let hasShipping = shippingFee != nil, fees = shippingFee ?? []
        let hasTimes = times != nil, ts = times ?? []
        let hasCustomer = customerIds != nil, cids = customerIds?.ids ?? []
        var entries: [(product: Int32, units: Double, value: Double)] = []
        for o in 0..<orderCount {
            if o & 16383 == 0 { try Cancellation.check() }
            entries.removeAll(keepingCapacity: true)
            var units = 0.0, value = 0.0, cost = 0.0, ship = -Double.infinity
            var time = Int64.max
            var customer: Int32 = -1
            for r in offsets[o]..<offsets[o + 1] {
                let i = Int(rowsInOrder[Int(r)])
                var q = 1.0
                if hasQuantity, !qs[i].isNaN { q = qs[i] }
                var v = 0.0
                if hasTotal, !totals[i].isNaN { v = totals[i] } else if hasPrice, !prices[i].isNaN { v = q * prices[i] }
                if productOf[i] >= 0 { entries.append((productOf[i], q, v)) }
                units += q
                value += v
                if hasCost, !costs[i].isNaN { cost += q * costs[i] }
                if hasShipping, !fees[i].isNaN { ship = max(ship, fees[i]) }
                if hasTimes, ts[i] != .min, ts[i] < time { time = ts[i] }
                if customer < 0, hasCustomer, cids[i] >= 0 { customer = cids[i] }
            }
            if entries.count <= 24 {
                // insertion sort: baskets are small and often already in order
                for a in 1..<max(entries.count, 1) {
                    let e = entries[a]
                    var b = a
                    while b > 0, entries[b - 1].product > e.product { entries[b] = entries[b - 1]; b -= 1 }
                    entries[b] = e
                }
            } else {
                entries.sort { $0.product < $1.product }
            }
            var k = 0
            while k < entries.count {
                var e = entries[k]
                k += 1
                while k < entries.count, entries[k].product == e.product { e.units += entries[k].units; e.value += entries[k].value; k += 1 }
                orders.items.append(e.product)
                orders.quantities.append(Float(e.units))
                orders.lineValues.append(e.value)
            }
            orders.offsets[o + 1] = Int32(orders.items.count)
            orders.itemCount[o] = orders.offsets[o + 1] - orders.offsets[o]
            orders.units[o] = units
            orders.value[o] = value
            if unitCost != nil { orders.cost[o] = cost }
            if ship > -Double.infinity { orders.shipping[o] = ship }
            if time != .max { orders.time[o] = time }
            orders.customer[o] = customer
        }
        rowsInOrder = []

        let customers = buildCustomers(table: table, column: roles[.customer], ids: customerIds, orders: orders)
        let products = buildProducts(table: table, roles: roles, productFirst: productFirst, productOf: productOf,
                                     keep: keep, price: price, quantity: quantity, total: total, unitCost: unitCost,
                                     orders: orders)
        let known = orders.time.filter { $0 != .min }
        let range = known.min().flatMap { lo in known.max().map { lo...$0 } }
        return OrderModel(orders: orders, customers: customers, products: products,
                          hasMoney: price != nil || total != nil, hasCustomers: roles[.customer] != nil,
                          hasTimes: times != nil, hasQuantities: quantity != nil,
                          lineCount: keep.reduce(0) { $0 + ($1 ? 1 : 0) }, dateRange: range)
    }

    static func buildCustomers(table: Table, column: Int?, ids: (ids: [Int32], firstRow: [Int32])?, orders: Orders) -> Customers {
        var c = Customers()
        guard let column, let ids else { return c }
        let count = ids.firstRow.count
        c.key = ids.firstRow.map { table.columns[column].displayString(table.physicalRow(Int($0))) }
        c.firstOrderTime = [Int64](repeating: .max, count: count)
        c.lastOrderTime = [Int64](repeating: .min, count: count)
        c.orderCount = [Int32](repeating: 0, count: count)
        c.value = [Double](repeating: 0, count: count)
        for o in 0..<orders.count where orders.customer[o] >= 0 {
            let k = Int(orders.customer[o])
            c.orderCount[k] += 1
            c.value[k] += orders.value[o]
            let t = orders.time[o]
            if t != .min {
                c.firstOrderTime[k] = min(c.firstOrderTime[k], t)
                c.lastOrderTime[k] = max(c.lastOrderTime[k], t)
            }
        }
        for k in 0..<count where c.firstOrderTime[k] == .max { c.firstOrderTime[k] = .min }
        return c
    }
}
