/// Which columns of a table fit a terminal's width, the rest hidden rather than wrapped (DuckDB's CLI
/// habit: keep the first and last columns, hide the middle ones behind a `…` column and say which).
///
/// Columns are taken alternately from the left and the right while the line, with two spaces between
/// columns and the one-character `…` column, stays within the width. The first column is always shown.
struct ColumnFit: Equatable {
    /// Columns shown before the `…` column, in order.
    var left: [Int]
    /// Columns shown after it, in order.
    var right: [Int]
    /// Columns not shown, in order.
    var hidden: [Int]

    /// Every one of `count` columns.
    static func all(_ count: Int) -> ColumnFit { ColumnFit(left: Array(0..<count), right: [], hidden: []) }

    /// The columns of display `widths` that fit in `limit` characters.
    /// - Complexity: O(columns).
    static func choose(_ widths: [Int], limit: Int) -> ColumnFit {
        let n = widths.count
        guard n > 1, lineWidth(widths) > limit else { return all(n) }
        var left = [0], right: [Int] = []
        var used = widths[0] + 3      // the first column and the "…" column after two spaces
        var nextLeft = 1, nextRight = n - 1
        var fromRight = true
        while nextLeft <= nextRight {
            let column = fromRight ? nextRight : nextLeft
            guard used + 2 + widths[column] <= limit else { break }
            used += 2 + widths[column]
            if fromRight { right.insert(column, at: 0); nextRight -= 1 } else { left.append(column); nextLeft += 1 }
            fromRight.toggle()
        }
        let hidden = nextLeft <= nextRight ? Array(nextLeft...nextRight) : []
        return ColumnFit(left: left, right: right, hidden: hidden)
    }

    /// The width of a line showing all columns of `widths`, two spaces apart.
    static func lineWidth(_ widths: [Int]) -> Int { widths.reduce(0, +) + 2 * max(0, widths.count - 1) }

    /// The smallest cut (`set maxwidth = N`, at least 4) that lets every column fit, or `nil` when even
    /// 4 characters a cell are too wide.
    static func maxWidthThatFits(_ widths: [Int], limit: Int) -> Int? {
        guard let widest = widths.max() else { return nil }
        for cut in stride(from: widest, through: 4, by: -1) where lineWidth(widths.map { min($0, cut) }) <= limit {
            return cut
        }
        return nil
    }
}
