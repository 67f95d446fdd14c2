extension OrderModelBuilder {
    /// Product attributes: key, first non-empty name / category / brand, price statistics and mean
    /// unit cost over kept lines, orders / units / revenue from the baskets.
    static func buildProducts(table: Table, roles: RoleMapping, productFirst: [Int32], productOf: [Int32], keep: [Bool],
                              price: [Double]?, quantity: [Double]?, total: [Double]?, unitCost: [Double]?,
                              orders: Orders) -> Products {
        let count = productFirst.count
        var p = Products()
        guard let productColumn = productColumn(roles) else { return p }
        p.key = productFirst.map { table.columns[productColumn].displayString(table.physicalRow(Int($0))) }
        func firstText(_ role: ColumnRole) -> [String] {
            guard let c = roles[role] else { return [String](repeating: "", count: count) }
            var out = [String?](repeating: nil, count: count)
            var missing = count
            let col = table.columns[c]
            for i in 0..<table.rowCount where keep[i] && productOf[i] >= 0 && missing > 0 {
                let k = Int(productOf[i])
                if out[k] == nil {
                    let s = col.displayString(table.physicalRow(i))
                    if !s.isEmpty { out[k] = s; missing -= 1 }
                }
            }
            return out.map { $0 ?? "" }
        }
        p.name = firstText(.productName)
        p.category = firstText(.category)
        p.brand = firstText(.brand)
        p.minPrice = [Double](repeating: .infinity, count: count)
        p.maxPrice = [Double](repeating: -.infinity, count: count)
        p.meanPrice = [Double](repeating: 0, count: count)
        p.cost = [Double](repeating: 0, count: count)
        var priceLines = [Int](repeating: 0, count: count), costLines = [Int](repeating: 0, count: count)
        for i in 0..<table.rowCount where keep[i] && productOf[i] >= 0 {
            let k = Int(productOf[i])
            var unit = Double.nan
            if let price { unit = price[i] } else if let total {
                let q = quantity?[i] ?? 1
                if q != 0 { unit = total[i] / q }
            }
            if !unit.isNaN {
                p.minPrice[k] = min(p.minPrice[k], unit)
                p.maxPrice[k] = max(p.maxPrice[k], unit)
                p.meanPrice[k] += unit
                priceLines[k] += 1
            }
            if let unitCost, !unitCost[i].isNaN { p.cost[k] += unitCost[i]; costLines[k] += 1 }
        }
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
        p.orderCount = [Int32](repeating: 0, count: count)
        p.units = [Double](repeating: 0, count: count)
        p.revenue = [Double](repeating: 0, count: count)
        for e in orders.items.indices {
            let k = Int(orders.items[e])
            p.orderCount[k] += 1
            p.units[k] += Double(orders.quantities[e])
            p.revenue[k] += orders.lineValues[e]
        }
        return p
    }
}
