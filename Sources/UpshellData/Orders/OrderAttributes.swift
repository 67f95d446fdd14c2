import UpshellCore

/// A per-order value taken from a line-level column (country, channel, status…): labels and, per
/// order, the index of its label (`-1` when unknown).
public struct OrderLabels: Sendable, Equatable {
    /// The column the labels came from.
    public var column: String
    /// Distinct values, as displayed.
    public var labels: [String]
    /// For each order, the index into ``labels`` of its first line's value, or `-1`.
    public var groupOfOrder: [Int32]
}

extension Dataset {
    /// The value of `column` for each order of the order model (the value on the order's first line in
    /// file order), for grouping orders by any column.
    ///
    /// Works on integer dictionary codes: each distinct order key and value is turned into a string
    /// once, never per line. - Complexity: O(lines + distinct keys).
    public func orderLabels(column name: String) throws -> OrderLabels {
        guard let model = orders, let orderColumn = roles[.order] else {
            throw LoadError.missingRoles(path: sourcePath, missing: ["order"], columns: table.columnNames)
        }
        guard let c = table.columnIndex(named: name) else {
            throw LoadError.unknownColumn(name: name, columns: table.columnNames)
        }
        // Order id of each distinct order key.
        var orderOfKey: [String: Int32] = [:]
        orderOfKey.reserveCapacity(model.orders.count)
        for (o, key) in model.orders.key.enumerated() { orderOfKey[key] = Int32(o) }
        let rowOrder = orderIds(column: orderColumn, orderOfKey: orderOfKey)

        let (labels, rowLabel) = rowLabels(column: c)
        var groupOfOrder = [Int32](repeating: -1, count: model.orders.count)
        for i in 0..<rowOrder.count {
            let o = rowOrder[i]
            if o >= 0 && groupOfOrder[Int(o)] < 0 { groupOfOrder[Int(o)] = rowLabel[i] }
        }
        return OrderLabels(column: table.columns[c].name, labels: labels, groupOfOrder: groupOfOrder)
    }

    /// The distinct values of column `c` as displayed, and for each row of the table the index of its
    /// value (`-1` for an empty cell). Text columns use their dictionary codes; other columns turn each
    /// distinct value into a string once. - Complexity: O(rows + distinct values).
    public func rowLabels(column c: Int) -> (labels: [String], rowLabel: [Int32]) {
        let column = table.columns[c]
        if case .text(_, let dictionary) = column.values {
            return (dictionary, table.codes(column: c))
        }
        var labels: [String] = []
        let keys = table.groupingKeys(column: c)
        var labelOfKey: [Int64: Int32] = [:]
        var rowLabel = [Int32](repeating: -1, count: keys.count)
        for i in keys.indices where keys[i] != Int64.min {
            if let k = labelOfKey[keys[i]] {
                rowLabel[i] = k
            } else {
                let k = Int32(labels.count)
                labelOfKey[keys[i]] = k
                labels.append(column.displayString(table.physicalRow(i)))
                rowLabel[i] = k
            }
        }
        return (labels, rowLabel)
    }

    /// The order id of each row of the table (`-1` for rows whose order was cleaned away).
    public func rowOrderIds() throws -> [Int32] {
        guard let model = orders, let orderColumn = roles[.order] else {
            throw LoadError.missingRoles(path: sourcePath, missing: ["order"], columns: table.columnNames)
        }
        var orderOfKey: [String: Int32] = [:]
        orderOfKey.reserveCapacity(model.orders.count)
        for (o, key) in model.orders.key.enumerated() { orderOfKey[key] = Int32(o) }
        return orderIds(column: orderColumn, orderOfKey: orderOfKey)
    }

    /// The product id of each row of the table (`-1` for rows whose product is not in the order model).
    public func rowProductIds() throws -> [Int32] {
        guard let model = orders, let productColumn = roles[.product] else {
            throw LoadError.missingRoles(path: sourcePath, missing: ["product"], columns: table.columnNames)
        }
        var idOfKey: [String: Int32] = [:]
        idOfKey.reserveCapacity(model.products.count)
        for (p, key) in model.products.key.enumerated() { idOfKey[key] = Int32(p) }
        return orderIds(column: productColumn, orderOfKey: idOfKey)
    }

    /// The dense id of each row's key in `column` through `orderOfKey` (`-1` when absent).
    private func orderIds(column c: Int, orderOfKey: [String: Int32]) -> [Int32] {
        let column = table.columns[c]
        if case .text(_, let dictionary) = column.values {
            let orderOfCode = dictionary.map { orderOfKey[$0] ?? -1 }
            return table.codes(column: c).map { $0 < 0 ? -1 : orderOfCode[Int($0)] }
        }
        let keys = table.groupingKeys(column: c)
        var cache: [Int64: Int32] = [:]
        var result = [Int32](repeating: -1, count: keys.count)
        for i in keys.indices where keys[i] != Int64.min {
            if let o = cache[keys[i]] {
                result[i] = o
            } else {
                let o = orderOfKey[column.displayString(table.physicalRow(i))] ?? -1
                cache[keys[i]] = o
                result[i] = o
            }
        }
        return result
    }
}
