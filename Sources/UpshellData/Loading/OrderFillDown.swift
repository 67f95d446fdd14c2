/// Order-level fields that an export writes on the first line of each order only (Shopify's order export:
/// `Email`, `Financial Status`, `Created at`, `Shipping`, `Billing Country`, `Cancelled at` … are empty on
/// an order's later lines), and how the loader carries them down to the order's other lines.
///
/// Every column is filled except the order column, line-level columns (a header starting with one of
/// ``lineLevelPrefixes``, or one of ``neverFilled``) and order amounts that the model adds up over lines
/// (``neverFilled``: `Subtotal`, `Total`, `Discount Amount` … stay on the first line so they count once).
/// `Shipping` is filled: an order's shipping fee is the largest on its lines, so it counts once either way.
public struct OrderFillDown: Sendable, Equatable {
    /// Normalized header of the order column (``RoleSynonyms/normalize(_:)``).
    let orderHeader: String
    /// Normalized header prefixes of line-level columns, never filled (`lineitem`).
    let lineLevelPrefixes: [String]
    /// Normalized headers never filled: line-level fields and order amounts summed over lines.
    let neverFilled: Set<String>
    /// Normalized headers of order amounts the export repeats on every line of the order although the model
    /// adds them up over lines (WooCommerce's `Cart Discount`): kept on the order's first line only.
    var firstLineOnly: Set<String> = []
    /// Whether to fill order-level columns down (Shopify); `false` when only ``firstLineOnly`` applies.
    var fills = true

    /// What a fill-down did: cells filled, the columns that received values, and the orders touched.
    public struct Outcome: Sendable, Equatable {
        /// Empty cells that received their order's value.
        public var cells = 0
        /// Names of the columns where at least one cell was filled, in table order.
        public var columns: [String] = []
        /// Orders with at least one filled cell.
        public var orders = 0
        /// Columns kept on each order's first line only, and the repeated cells emptied on later lines.
        public var firstLineOnlyColumns: [String] = []
        public var emptied = 0

        /// The lines for the load report.
        public func notes(filling: Bool) -> [String] {
            var out: [String] = []
            if filling { out.append(fillNote) }
            for name in firstLineOnlyColumns {
                out.append("'\(name)' is an order amount repeated on every line: kept on each order's first line "
                           + "only, so it counts once (\(emptied) repeated \(emptied == 1 ? "cell" : "cells") emptied)")
            }
            return out
        }

        var fillNote: String {
            guard cells > 0 else { return "order-level fields: every line already had them; nothing to fill" }
            let shown = columns.prefix(6).map { "'\($0)'" }.joined(separator: ", ")
                + (columns.count > 6 ? " and \(columns.count - 6) more" : "")
            return "filled \(cells) empty \(cells == 1 ? "cell" : "cells") of order-level fields (\(shown)) "
                + "from the first line of \(orders) \(orders == 1 ? "order" : "orders") to the later lines"
        }
    }

    /// Shopify's order export: `Name` is the order; `Lineitem …` and `Vendor` are per line; the order
    /// amounts `Subtotal`, `Taxes`, `Total`, `Discount Amount`, `Refunded Amount`, `Outstanding Balance`,
    /// `Duties` and `Tax N Value` stay on the first line only.
    public static let shopify = OrderFillDown(
        orderHeader: "name", lineLevelPrefixes: ["lineitem"],
        neverFilled: ["vendor", "subtotal", "taxes", "total", "discountamount", "refundedamount",
                      "outstandingbalance", "duties", "tax1value", "tax2value", "tax3value", "tax4value", "tax5value"])

    /// WooCommerce's one-row-per-item export repeats order fields on every line; of them only
    /// `Cart Discount` is an amount the model adds up over lines, so it stays on the first line.
    public static let wooCommerce = OrderFillDown(
        orderHeader: "orderid", lineLevelPrefixes: [], neverFilled: [], firstLineOnly: ["cartdiscount"], fills: false)

    /// The order column, the columns to fill and those to keep on the first line only, by index, for a
    /// header row; `nil` without the order column.
    func columns(headers: [String]) -> (order: Int, fill: [Int], firstOnly: [Int])? {
        let normalized = headers.map(RoleSynonyms.normalize)
        guard let order = normalized.firstIndex(of: orderHeader) else { return nil }
        let fill = !fills ? [] : normalized.indices.filter { c in
            let key = normalized[c]
            return c != order && !key.isEmpty && !neverFilled.contains(key) && !firstLineOnly.contains(key)
                && !lineLevelPrefixes.contains(where: { key.hasPrefix($0) })
        }
        return (order, fill, normalized.indices.filter { firstLineOnly.contains(normalized[$0]) })
    }

    /// Empties the cells of `columns` on every line of an order but its first (order amounts repeated on
    /// each line, which would otherwise count once per line); the number of cells emptied.
    static func keepFirstLineOnly(_ table: inout Table, columns: [Int], orderOf: [Int32], firstRow: [Int32]) -> Int {
        var emptied = 0
        for c in columns {
            var isFirst = [Bool](repeating: false, count: orderOf.count)
            for r in firstRow { isFirst[Int(r)] = true }
            switch table.columns[c].values {
            case .double(var v):
                for i in v.indices where orderOf[i] >= 0 && !isFirst[i] && !v[i].isNaN { v[i] = .nan; emptied += 1 }
                table.replaceValues(c, with: .double(v))
            case .integer(let s), .fixed(let s, _):
                var v = s.int64Values()
                for i in v.indices where orderOf[i] >= 0 && !isFirst[i] && v[i] != .min { v[i] = .min; emptied += 1 }
                let storage = IntStorage.narrowing(v)
                if case .fixed(_, let scale) = table.columns[c].values {
                    table.replaceValues(c, with: .fixed(storage, scale: scale))
                } else {
                    table.replaceValues(c, with: .integer(storage))
                }
            case .text, .timestamp: continue
            }
        }
        return emptied
    }

    /// Fills the empty cells of the order-level columns of `table` with the value of the latest earlier
    /// line of the same order (same value in the order column) that has one; a line with its own value
    /// keeps it, and nothing crosses from one order to another. Works on whole columns (codes and raw
    /// integers), no text per row. A view (row selection) is left as it is.
    ///
    /// - Complexity: O(rows × filled columns).
    public func apply(to table: inout Table) -> Outcome {
        var outcome = Outcome()
        guard !table.isView, let (order, fill, firstOnly) = columns(headers: table.columnNames) else { return outcome }
        let n = table.rowCount
        let (orderOf, firstRow) = DenseIds.assign(table, column: order, keep: [Bool](repeating: true, count: n))
        outcome.firstLineOnlyColumns = firstOnly.map { table.columns[$0].name }
        outcome.emptied = Self.keepFirstLineOnly(&table, columns: firstOnly, orderOf: orderOf, firstRow: firstRow)
        var touched = [Bool](repeating: false, count: firstRow.count)
        for c in fill {
            var cells = 0
            switch table.columns[c].values {
            case .text(let codes, let dictionary):
                var v = codes.codeValues()
                cells = Self.fill(&v, orderOf, firstRow.count, &touched, null: -1) { $0 < 0 }
                if cells > 0 {
                    table.replaceValues(c, with: .text(codes: .narrowingCodes(v, dictionarySize: dictionary.count),
                                                       dictionary: dictionary))
                }
            case .integer(let s), .fixed(let s, _), .timestamp(let s, _):
                var v = s.int64Values()
                cells = Self.fill(&v, orderOf, firstRow.count, &touched, null: .min) { $0 == .min }
                if cells > 0 {
                    let storage = IntStorage.narrowing(v)
                    let values: ColumnValues = switch table.columns[c].values {
                    case .fixed(_, let scale): .fixed(storage, scale: scale)
                    case .timestamp(_, let dateOnly): .timestamp(storage, dateOnly: dateOnly)
                    default: .integer(storage)
                    }
                    table.replaceValues(c, with: values)
                }
            case .double(let a):
                var v = a
                cells = Self.fill(&v, orderOf, firstRow.count, &touched, null: .nan) { $0.isNaN }
                if cells > 0 { table.replaceValues(c, with: .double(v)) }
            }
            if cells > 0 {
                outcome.cells += cells
                outcome.columns.append(table.columns[c].name)
            }
        }
        outcome.orders = touched.reduce(0) { $0 + ($1 ? 1 : 0) }
        return outcome
    }

    /// Fills null entries of `values` (those `isNull` says, `null` being one) from the latest earlier
    /// non-null entry of the same order; the count. Doubles pass `.nan` and `\.isNaN` (NaN equals nothing).
    static func fill<T>(_ values: inout [T], _ orderOf: [Int32], _ orderCount: Int, _ touched: inout [Bool],
                        null: T, isNull: (T) -> Bool) -> Int {
        var last = [T](repeating: null, count: orderCount)
        var cells = 0
        for i in values.indices {
            let o = Int(orderOf[i])
            guard o >= 0 else { continue }
            if isNull(values[i]) {
                if !isNull(last[o]) {
                    values[i] = last[o]
                    cells += 1
                    touched[o] = true
                }
            } else {
                last[o] = values[i]
            }
        }
        return cells
    }
}
