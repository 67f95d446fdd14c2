/// Joins a date column and a separate clock-time column (`Date,Time,…` as in the bakery data) into one
/// order timestamp, added to the table as a new column and mapped as ``ColumnRole/time``.
enum DateTimeCombiner {
    /// Seconds after midnight for `H:MM` or `HH:MM:SS` (optionally `.fff`), `nil` otherwise.
    static func clockSeconds(_ text: String) -> Int64? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3 else { return nil }
        let secondsText = parts.count == 3 ? parts[2].split(separator: ".").first.map(String.init) ?? "" : "0"
        guard let h = Int(parts[0]), let m = Int(parts[1]), let s = Int(secondsText),
              (0..<24).contains(h), (0..<60).contains(m), (0..<61).contains(s), parts[1].count == 2 else { return nil }
        return Int64(h * 3600 + m * 60 + s)
    }

    /// When the time role is a date-only column and an unmapped text column holds clock times, adds
    /// the combined column, maps time to it and says so in `notes`.
    static func combine(table: inout Table, roles: inout RoleMapping, notes: inout [String]) {
        guard !table.isView, let dc = roles[.time], case .timestamp(let dates, true) = table.columns[dc].values else { return }
        let mapped = Set(roles.columns.values)
        for c in table.columns.indices where !mapped.contains(c) {
            guard case .text(let codes, let dictionary) = table.columns[c].values, !dictionary.isEmpty else { continue }
            let clock = dictionary.map(clockSeconds)
            guard !clock.contains(where: { $0 == nil }) else { continue }
            var combined = [Int64](repeating: .min, count: table.storedRowCount)
            for i in 0..<table.storedRowCount {
                let d = dates[i], k = codes.code(i)
                if d != .min, k >= 0, let s = clock[Int(k)] { combined[i] = d + s }
            }
            let name = table.columns[dc].name + " " + table.columns[c].name
            table.appendColumn(Column(name: name, values: .timestamp(IntStorage.narrowing(combined), dateOnly: false)))
            roles[.time] = table.columns.count - 1
            notes.append("order time combines '\(table.columns[dc].name)' and '\(table.columns[c].name)' (column '\(name)')")
            return
        }
    }
}
