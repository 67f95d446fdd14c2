/// A columnar table: named, typed columns of equal length, optionally seen through a row selection.
///
/// A *view* (``view(rows:)``) shares its parent's columns and keeps only the indices of the selected
/// rows, so `filter … as NEW` costs 4 bytes per selected row. Row `i` of a view is physical row
/// `rowSelection[i]` of the shared columns.
public struct Table: Sendable {
    /// The columns (shared copy-on-write with every view of this table).
    public private(set) var columns: [Column]
    /// Physical rows this table shows, in order, or `nil` for all of them.
    public let rowSelection: [Int32]?
    /// Number of physical rows in the columns.
    public let storedRowCount: Int

    /// Creates a table; every column must hold `rowCount` values.
    public init(columns: [Column], rowCount: Int) {
        self.columns = columns
        self.storedRowCount = rowCount
        self.rowSelection = nil
    }

    private init(columns: [Column], storedRowCount: Int, rowSelection: [Int32]?) {
        self.columns = columns
        self.storedRowCount = storedRowCount
        self.rowSelection = rowSelection
    }

    /// Number of rows seen through this table.
    public var rowCount: Int { rowSelection?.count ?? storedRowCount }

    /// Column names in order.
    public var columnNames: [String] { columns.map(\.name) }

    /// Whether this table is a view over another table's columns.
    public var isView: Bool { rowSelection != nil }

    /// The physical row behind row `i`.
    @inline(__always)
    public func physicalRow(_ i: Int) -> Int {
        if let rowSelection { return Int(rowSelection[i]) }
        return i
    }

    /// The index of the column called `name` (case-insensitive), if any.
    public func columnIndex(named name: String) -> Int? {
        if let exact = columns.firstIndex(where: { $0.name == name }) { return exact }
        let key = name.lowercased()
        return columns.firstIndex { $0.name.lowercased() == key }
    }

    /// A view of the rows `rows` (indices into this table, not physical rows) sharing the columns.
    ///
    /// - Complexity: O(`rows.count`).
    public func view(rows: [Int32]) -> Table {
        let physical: [Int32]
        if let rowSelection {
            physical = rows.map { rowSelection[Int($0)] }
        } else {
            physical = rows
        }
        return Table(columns: columns, storedRowCount: storedRowCount, rowSelection: physical)
    }

    /// Adds a column computed at load time (a table, not a view; `column` holds ``storedRowCount`` values).
    mutating func appendColumn(_ column: Column) {
        columns.append(column)
    }

    /// Replaces the values of column `index` (same row count; load-time transforms such as case folding).
    mutating func replaceValues(_ index: Int, with values: ColumnValues) {
        columns[index].values = values
    }

    /// Renames column `index` (used by `header=false` and by side-table joins).
    public mutating func renameColumn(_ index: Int, to name: String) {
        columns[index].name = name
    }

    /// Row `i` as display strings, one per column (`""` for null): what `head` prints.
    public func rowStrings(_ i: Int) -> [String] {
        let p = physicalRow(i)
        return columns.map { $0.displayString(p) }
    }

    /// Bytes held: column values and dictionaries (counted once even when shared), plus the selection.
    /// For a view, ``ownMemoryBytes`` is what the view adds.
    public var memoryBytes: Int {
        columns.reduce(0) { $0 + $1.memoryBytes } + ownMemoryBytes
    }

    /// Bytes this table holds beyond shared columns (the row selection of a view).
    public var ownMemoryBytes: Int { (rowSelection?.count ?? 0) * 4 }

    /// Values of column `c` for the rows of this table, as numbers (`.nan` for null and text).
    public func doubles(column c: Int) -> [Double] {
        let col = columns[c]
        if rowSelection == nil {
            switch col.values {
            case .double(let a): return a
            case .integer(let s), .timestamp(let s, _): return s.doubles()
            case .fixed(let s, let scale): return s.doubles(divisor: powersOfTen[scale])
            case .text: break
            }
        }
        return (0..<rowCount).map { col.double(physicalRow($0)) }
    }

    /// Raw integers of column `c` for the rows of this table (`Int64.min` for null); text gives codes.
    public func rawIntegers(column c: Int) -> [Int64] {
        let col = columns[c]
        if rowSelection == nil {
            switch col.values {
            case .integer(let s), .timestamp(let s, _), .fixed(let s, _): return s.int64Values()
            default: break
            }
        }
        return (0..<rowCount).map { col.rawInteger(physicalRow($0)) }
    }

    /// Dictionary codes of text column `c` for the rows of this table (`-1` null); `[]` if not text.
    public func codes(column c: Int) -> [Int32] {
        guard case .text(let storage, _) = columns[c].values else { return [] }
        if rowSelection == nil { return storage.codeValues() }
        return (0..<rowCount).map { storage.code(physicalRow($0)) }
    }

    /// Per-row keys for grouping by column `c`: text codes, integer or fixed raw values, timestamps,
    /// or the bit pattern of doubles. Equal values give equal keys; null gives `nil` in `isNull`.
    public func groupingKeys(column c: Int) -> [Int64] {
        let col = columns[c]
        switch col.values {
        case .text: return codes(column: c).map { $0 < 0 ? Int64.min : Int64($0) }
        case .double:
            return (0..<rowCount).map {
                let v = col.double(physicalRow($0))
                return v.isNaN ? Int64.min : Int64(bitPattern: v.bitPattern)
            }
        default: return rawIntegers(column: c)
        }
    }
}
