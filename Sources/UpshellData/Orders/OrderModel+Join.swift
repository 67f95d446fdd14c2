/// What a join attached and how well the keys matched.
public struct JoinSummary: Sendable, Equatable {
    /// Side-table column that held the keys.
    public var keyColumn: String
    /// Products (or customers) of the data that found a row in the side table.
    public var matched: Int
    /// Products (or customers) of the data without a row.
    public var unmatched: Int
    /// Side-table rows whose key is not in the data.
    public var unusedRows: Int
    /// Attributes attached (`category`, `brand`, `cost`, `inventory`, `margin`, `strategic`, or the
    /// customer columns).
    public var attached: [String]
}

/// A side table joined to a dataset, kept so that rebuilding the model (`clean`, `map`) re-applies it.
public struct SideTableJoin: Sendable {
    /// Products or customers.
    public enum Target: String, Sendable { case products, customers }
    /// What the side table describes.
    public var target: Target
    /// The side table.
    public var table: Table
    /// Its column holding the product or customer key.
    public var keyColumn: String
}

extension OrderModel {
    /// Column names recognised in a product table, by attribute.
    static let productAttributeNames: [(attribute: String, names: [String])] = [
        ("category", ["category", "product_category", "product category", "category_name", "type", "product_type"]),
        ("brand", ["brand", "vendor", "manufacturer", "brand_name"]),
        ("cost", ["cost", "unit_cost", "unit-cost", "unitcost", "cogs", "cost_price", "purchase_price"]),
        ("inventory", ["inventory", "stock", "on_hand", "in_stock", "inventory_quantity", "stock_level", "units_in_stock"]),
        ("margin", ["margin", "margin_pct", "gross_margin"]),
        ("strategic", ["strategic", "is_strategic", "strategic_flag", "featured", "priority"]),
    ]

    static func keyIndex(_ table: Table, keyColumn: String) throws -> Int {
        guard let k = table.columnIndex(named: keyColumn) else {
            throw LoadError.unknownColumn(name: keyColumn, columns: table.columnNames)
        }
        return k
    }

    /// Rows of `table` by key text (first row wins).
    static func rowsByKey(_ table: Table, column k: Int) -> [String: Int] {
        var out: [String: Int] = [:]
        for i in 0..<table.rowCount {
            let s = table.columns[k].displayString(table.physicalRow(i))
            if !s.isEmpty, out[s] == nil { out[s] = i }
        }
        return out
    }

    /// Attaches product attributes from a product table whose column `keyColumn` holds the product key
    /// (as in ``Products/key``): category, brand, cost, inventory, margin (cost = mean price × (1 − margin)
    /// where no cost is given; margins above 1 are read as percentages), strategic flag (`yes`, `true`,
    /// `1`, `y`, `x`). Order costs are recomputed from unit costs where the lines had none.
    ///
    /// - Complexity: O(products + side rows + basket entries).
    public mutating func join(products side: Table, on keyColumn: String) throws -> JoinSummary {
        let k = try OrderModel.keyIndex(side, keyColumn: keyColumn)
        let rows = OrderModel.rowsByKey(side, column: k)
        var columnOf: [String: Int] = [:]
        for (attribute, names) in OrderModel.productAttributeNames {
            if let c = side.columns.indices.first(where: { $0 != k && names.contains(side.columns[$0].name.lowercased()) }) {
                columnOf[attribute] = c
            }
        }
        var matched = 0
        var used = Set<Int>()
        for p in 0..<products.count {
            guard let r = rows[products.key[p]] else { continue }
            matched += 1
            used.insert(r)
            let row = side.physicalRow(r)
            func text(_ a: String) -> String? { columnOf[a].map { side.columns[$0].displayString(row) } }
            func number(_ a: String) -> Double? {
                guard let c = columnOf[a] else { return nil }
                let v = side.columns[c].double(row)
                return v.isNaN ? nil : v
            }
            if let v = text("category"), !v.isEmpty { products.category[p] = v }
            if let v = text("brand"), !v.isEmpty { products.brand[p] = v }
            if let v = number("cost") {
                products.cost[p] = v
            } else if var m = number("margin"), products.meanPrice[p].isFinite {
                if m > 1 { m /= 100 }
                products.cost[p] = products.meanPrice[p] * (1 - m)
            }
            if let v = number("inventory") { products.inventory[p] = v }
            if let v = text("strategic") { products.strategic[p] = ["yes", "true", "1", "y", "x"].contains(v.lowercased()) }
        }
        if columnOf["cost"] != nil || columnOf["margin"] != nil {
            for o in 0..<orders.count where orders.cost[o].isNaN {
                var total = 0.0, known = false
                for e in Int(orders.offsets[o])..<Int(orders.offsets[o + 1]) {
                    let c = products.cost[Int(orders.items[e])]
                    if c.isFinite { total += c * Double(orders.quantities[e]); known = true }
                }
                if known { orders.cost[o] = total }
            }
        }
        return JoinSummary(keyColumn: side.columns[k].name, matched: matched, unmatched: products.count - matched,
                           unusedRows: rows.count - used.count,
                           attached: OrderModel.productAttributeNames.map(\.attribute).filter { columnOf[$0] != nil })
    }

    /// Attaches every other column of a customer table (keyed by `keyColumn`, matching
    /// ``Customers/key``) to ``Customers/attributes`` as display text.
    ///
    /// - Complexity: O(customers × attributes + side rows).
    public mutating func join(customers side: Table, on keyColumn: String) throws -> JoinSummary {
        let k = try OrderModel.keyIndex(side, keyColumn: keyColumn)
        let rows = OrderModel.rowsByKey(side, column: k)
        let attributeColumns = side.columns.indices.filter { $0 != k }
        var values = attributeColumns.map { _ in [String](repeating: "", count: customers.count) }
        var matched = 0
        var used = Set<Int>()
        for c in 0..<customers.count {
            guard let r = rows[customers.key[c]] else { continue }
            matched += 1
            used.insert(r)
            for (a, col) in attributeColumns.enumerated() {
                values[a][c] = side.columns[col].displayString(side.physicalRow(r))
            }
        }
        for (a, col) in attributeColumns.enumerated() { customers.attributes[side.columns[col].name] = values[a] }
        return JoinSummary(keyColumn: side.columns[k].name, matched: matched, unmatched: customers.count - matched,
                           unusedRows: rows.count - used.count, attached: attributeColumns.map { side.columns[$0].name })
    }
}
