/// How a filtered view's orders line up with its parent's: the parent's order id of each view order,
/// found through the rows the orders start on, never through order-key strings.
enum ParentOrders {
    /// The parent order of each order of `view` (`-1` where the parent has no such order, e.g. an
    /// order whose other lines the parent's cleaning dropped as an outlier).
    ///
    /// `rows` are the parent table's rows the view was made of. Orders are the same when their first
    /// rows hold the same order key (the order column's value, or customer and day for derived orders);
    /// the view's columns are the parent's, so keys compare as integers (dictionary codes or values).
    /// - Complexity: O(parent orders + view orders).
    static func map(view: OrderModel, rows: [Int32], parent: OrderModel, table: Table, roles: RoleMapping) -> [Int32] {
        var parentOfKey: [Identity: Int32] = [:]
        parentOfKey.reserveCapacity(parent.orders.count)
        for (o, r) in parent.orders.firstRow.enumerated() {
            if let k = identity(table, roles, row: Int(r)) { parentOfKey[k] = Int32(o) }
        }
        return view.orders.firstRow.map { r in
            identity(table, roles, row: Int(rows[Int(r)])).flatMap { parentOfKey[$0] } ?? -1
        }
    }

    /// An order's key at a row of `table`: the order column's grouping key, or (customer, day).
    struct Identity: Hashable {
        var first: Int64
        var second: Int64
    }

    static func identity(_ table: Table, _ roles: RoleMapping, row: Int) -> Identity? {
        let p = table.physicalRow(row)
        if let c = roles[.order] { return Identity(first: groupingKey(table.columns[c], p), second: 0) }
        guard let cc = roles[.customer], let tc = roles[.time] else { return nil }
        let t = table.columns[tc].rawInteger(p)
        guard t != .min else { return nil }
        let day = t >= 0 ? t / 86_400 : (t - 86_399) / 86_400
        return Identity(first: groupingKey(table.columns[cc], p), second: day)
    }

    /// The value ``Table/groupingKeys(column:)`` gives physical row `p`.
    static func groupingKey(_ column: Column, _ p: Int) -> Int64 {
        if case .double(let a) = column.values { return a[p].isNaN ? .min : Int64(bitPattern: a[p].bitPattern) }
        return column.rawInteger(p)
    }
}
