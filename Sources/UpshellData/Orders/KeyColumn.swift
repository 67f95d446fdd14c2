/// The ids of orders or customers as the file wrote them, for display and lookups by id.
///
/// Ids read from a text column are kept as codes into that column's dictionary (shared with the
/// table, not copied): 4 bytes per order instead of a 16-byte string. Other ids (numbers, derived
/// `customer date` keys) are kept as strings. When the ids take the dictionary's values in order (a
/// file listing each order's lines together, every line kept), no codes are stored at all.
public struct KeyColumn: RandomAccessCollection, Sendable {
    private enum Storage: Sendable {
        case strings([String])
        case codes([Int32], dictionary: [String])
        /// Key `i` is `dictionary[i]` for the first `count` entries.
        case leading(count: Int, dictionary: [String])
    }

    private let storage: Storage

    /// Keys given as strings.
    public init(strings: [String] = []) { storage = .strings(strings) }

    /// Keys given as codes into `dictionary` (a negative code reads as `""`).
    public init(codes: [Int32], dictionary: [String]) { storage = .codes(codes, dictionary: dictionary) }

    /// The keys of `rows` of column `c` of `table`: codes for a text column, strings otherwise.
    init(table: Table, column c: Int, rows: [Int32]) {
        if case .text(let codes, let dictionary) = table.columns[c].values {
            let keyCodes = rows.map { codes.code(table.physicalRow(Int($0))) }
            let inOrder = keyCodes.count <= dictionary.count
                && keyCodes.indices.allSatisfy { keyCodes[$0] == Int32(truncatingIfNeeded: $0) }
            storage = inOrder ? .leading(count: keyCodes.count, dictionary: dictionary) : .codes(keyCodes, dictionary: dictionary)
        } else {
            storage = .strings(rows.map { table.columns[c].displayString(table.physicalRow(Int($0))) })
        }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int {
        switch storage {
        case .strings(let s): s.count
        case .codes(let c, _): c.count
        case .leading(let count, _): count
        }
    }

    public subscript(position: Int) -> String {
        switch storage {
        case .strings(let s): return s[position]
        case .codes(let c, let dictionary):
            let code = c[position]
            return code < 0 ? "" : dictionary[Int(code)]
        case .leading(let count, let dictionary):
            precondition(position >= 0 && position < count, "key index out of range")
            return dictionary[position]
        }
    }

    /// Bytes held by this column (a shared dictionary is the table's, not counted; strings at 16 bytes).
    public var memoryBytes: Int {
        switch storage {
        case .strings(let s): s.count * 16
        case .codes(let c, _): c.count * 4
        case .leading: 0
        }
    }
}
