/// A numeric role column (quantity, unit price, line total, cost, fee) read line by line as `Double`,
/// straight from the table's compact storage instead of a widened copy.
///
/// A 10 M-line table stores quantities in 1 byte and prices in 2–3; widened into `[Double]` they took
/// 8 bytes a line each while the order model was built, the largest part of a load's peak memory.
/// Reading converts exactly as ``Table/doubles(column:)`` does (`Double(value) / 10^scale`, NaN for
/// null), so every number is the same bit for bit.
struct LineNumbers: RandomAccessCollection, ExpressibleByArrayLiteral, Sendable {
    private enum Source: Sendable {
        case doubles([Double])
        case stored(IntStorage, divisor: Double)
    }

    private let source: Source
    let endIndex: Int
    var startIndex: Int { 0 }

    private init(_ source: Source, count: Int) {
        self.source = source
        endIndex = count
    }

    /// Numbers given as doubles (a computed column, a view's rows, tests).
    init(_ values: [Double]) { self.init(.doubles(values), count: values.count) }

    init(arrayLiteral values: Double...) { self.init(values) }

    /// Column `c` of `table` per row: its own storage when the table is not a view of selected rows.
    init(table: Table, column c: Int) {
        if table.rowSelection == nil {
            switch table.columns[c].values {
            case .integer(let s), .timestamp(let s, _):
                self.init(.stored(s, divisor: 1), count: s.count)
                return
            case .fixed(let s, let scale):
                self.init(.stored(s, divisor: powersOfTen[scale]), count: s.count)
                return
            case .double, .text:
                break
            }
        }
        self.init(table.doubles(column: c))
    }

    @inline(__always)
    subscript(i: Int) -> Double {
        switch source {
        case .doubles(let a): return a[i]
        case .stored(let s, let divisor):
            let v = s[i]
            return v == .min ? .nan : Double(v) / divisor
        }
    }
}
