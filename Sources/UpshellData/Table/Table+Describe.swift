/// One line of `describe`: a column's name, role, type, nulls, distinct count, and range.
public struct ColumnDescription: Sendable, Equatable {
    /// Column name.
    public var name: String
    /// The role's shell spelling (`unit-price`), or `""` when the column plays none.
    public var role: String
    /// `integer`, `decimal`, `timestamp` or `text`.
    public var type: String
    /// Number of null (empty) values.
    public var nulls: Int
    /// Number of distinct non-null values.
    public var distinct: Int
    /// Smallest value as displayed (text: first in byte order), `""` when all null.
    public var min: String
    /// Largest value as displayed.
    public var max: String
}

extension Table {
    /// Per-column description (see ``ColumnDescription``); `roles` supplies the role names.
    ///
    /// - Complexity: O(rows × columns); distinct counts use a hash set per numeric column.
    public func describe(roles: RoleMapping = RoleMapping()) -> [ColumnDescription] {
        var roleOf: [Int: String] = [:]
        for (role, index) in roles.columns { roleOf[index] = role.shellName }
        return columns.indices.map { c in
            let col = columns[c]
            var nulls = 0
            var minText = "", maxText = ""
            var distinct = 0
            switch col.values {
            case .text(let storage, let dictionary):
                var seen = [Bool](repeating: false, count: dictionary.count)
                for i in 0..<rowCount {
                    let k = storage.code(physicalRow(i))
                    if k < 0 { nulls += 1 } else { seen[Int(k)] = true }
                }
                var lo: String?, hi: String?
                for (k, s) in dictionary.enumerated() where seen[k] {
                    distinct += 1
                    if lo == nil || s.utf8.lexicographicallyPrecedes(lo!.utf8) { lo = s }
                    if hi == nil || hi!.utf8.lexicographicallyPrecedes(s.utf8) { hi = s }
                }
                minText = lo ?? ""
                maxText = hi ?? ""
            default:
                let keys = groupingKeys(column: c)
                var set = Set<Int64>()
                var lo = Double.infinity, hi = -Double.infinity
                var loRow = -1, hiRow = -1
                for i in 0..<keys.count {
                    if keys[i] == .min { nulls += 1; continue }
                    set.insert(keys[i])
                    let v = col.double(physicalRow(i))
                    if v < lo { lo = v; loRow = i }
                    if v > hi { hi = v; hiRow = i }
                }
                distinct = set.count
                if loRow >= 0 { minText = col.displayString(physicalRow(loRow)) }
                if hiRow >= 0 { maxText = col.displayString(physicalRow(hiRow)) }
            }
            return ColumnDescription(name: col.name, role: roleOf[c] ?? "", type: col.type.rawValue,
                                     nulls: nulls, distinct: distinct, min: minText, max: maxText)
        }
    }
}
