import UpshellCore

extension OrderModelBuilder {
    /// Product attributes: key, first non-empty name / category / brand, price statistics and mean
    /// unit cost over kept lines, orders / units / revenue from the baskets.
    static func buildProducts(table: Table, roles: RoleMapping, productFirst: [Int32], productOf: [Int32], keep: [Bool],
                              price: LineNumbers?, quantity: LineNumbers?, total: LineNumbers?, unitCost: LineNumbers?,
                              orders: Orders) throws -> Products {
        let count = productFirst.count
        var p = Products()
        guard let productColumn = productColumn(roles) else { return p }
        p.key = productFirst.map { table.columns[productColumn].displayString(table.physicalRow(Int($0))) }
        func firstText(_ role: ColumnRole) throws -> [String] {
            guard let c = roles[role] else { return [String](repeating: "", count: count) }
            var out = [String?](repeating: nil, count: count)
            var missing = count
            let col = table.columns[c]
            for i in 0..<table.rowCount where keep[i] && productOf[i] >= 0 {
                if missing == 0 { break }  // every product has its text: the rest of the lines need no look
                if i & 0xFFFFF == 0 { try Cancellation.check() }
                let k = Int(productOf[i])
                if out[k] == nil {
                    let s = col.displayString(table.physicalRow(i))
                    if !s.isEmpty { out[k] = s; missing -= 1 }
                }
            }
            return out.map { $0 ?? "" }
        }
        p.name = try firstText(.productName)
        p.category = try firstText(.category)
        p.brand = try firstText(.brand)
        var minPrice = [Double](repeating: .infinity, count: count)
        var maxPrice = [Double](repeating: -.infinity, count: count)
        var priceSum = [Double](repeating: 0, count: count)
        var costSum = [Double](repeating: 0, count: count)
        var priceLines = [Int](repeating: 0, count: count), costLines = [Int](repeating: 0, count: count)
        // one pass over the lines with the optional columns decided once, not per line
        let hasPrice = price != nil, prices = price ?? [], hasTotal = total != nil, totals = total ?? []
        let hasQuantity = quantity != nil, quantities = quantity ?? []
        let hasCost = unitCost != nil, costs = unitCost ?? []
        for i in 0..<table.rowCount where keep[i] && productOf[i] >= 0 {
            if i & 0xFFFFF == 0 { try Cancellation.check() }
            let k = Int(productOf[i])
            var unit = Double.nan
            if hasPrice { unit = prices[i] } else if hasTotal {
                let q = hasQuantity ? quantities[i] : 1
                if q != 0 { unit = totals[i] / q }
            }
            if !unit.isNaN {
                minPrice[k] = min(minPrice[k], unit)
                maxPrice[k] = max(maxPrice[k], unit)
                priceSum[k] += unit
                priceLines[k] += 1
            }
            if hasCost, !costs[i].isNaN { costSum[k] += costs[i]; costLines[k] += 1 }
        }
        p.minPrice = minPrice
        p.maxPrice = maxPrice
        p.meanPrice = priceSum
        p.cost = costSum
        for k in 0..<count {
            if priceLines[k] == 0 {
                p.minPrice[k] = .nan; p.maxPrice[k] = .nan; p.meanPrice[k] = .nan
            } else {
                p.meanPrice[k] /= Double(priceLines[k])
            }
            p.cost[k] = costLines[k] == 0 ? .nan : p.cost[k] / Double(costLines[k])
        }
        p.inventory = [Double](repeating: .nan, count: count)
        p.strategic = [Bool](repeating: false, count: count)
        try countSales(into: &p, orders: orders)
        return p
    }

    /// Orders, units and revenue per product, from the baskets.
    static func countSales(into p: inout Products, orders: Orders) throws {
        let count = p.key.count
        var orderCount = [Int32](repeating: 0, count: count)
        var units = [Double](repeating: 0, count: count)
        var revenue = [Double](repeating: 0, count: count)
        let items = orders.items, entryUnits = orders.quantities, entryValues = orders.lineValues
        for e in items.indices {
            if e & 0xFFFFF == 0 { try Cancellation.check() }
            let k = Int(items[e])
            orderCount[k] += 1
            units[k] += Double(entryUnits[e])
            revenue[k] += entryValues[e]
        }
        p.orderCount = orderCount
        p.units = units
        p.revenue = revenue
    }
}
