import Foundation

/// The loader's checks of role columns whose values are mostly numbers or dates but not all: an
/// unreadable or out-of-range cell is an error at its `file:line:column`, or with `bad-values=null` a
/// null that the load notes name — never a reason to drop the column's role silently.
extension DatasetLoader {
    /// In a text column whose dictionary entries are `usable` or not: the first row holding an unusable value
    /// when at least half of the column's values are usable (so the rest are mistakes rather than a text
    /// column); `nil` otherwise. - Complexity: O(rows).
    static func firstMistake(_ table: Table, column c: Int, usable: [Bool]) -> Int? {
        var usableCount = 0, mistakes = 0, first: Int?
        for (row, code) in table.codes(column: c).enumerated() where code >= 0 {
            if usable[Int(code)] { usableCount += 1 } else {
                mistakes += 1
                if first == nil { first = row }
            }
        }
        return usableCount >= mistakes && usableCount > 0 ? first : nil
    }

    /// Each dictionary entry as a usable number, or `nil`. Usable: finite, and at most 15 digits (what a
    /// `Double` holds exactly) — `1e400`, `NaN`, `inf` and `99999999999999999999` are not. A comma is read
    /// as the decimal point only in a file with decimal commas.
    static func usableNumbers(_ dictionary: [String], decimalComma: Bool) -> [Double?] {
        dictionary.map { entry -> Double? in
            let t = entry.trimmingCharacters(in: .whitespaces)
            guard let v = Double(decimalComma ? t.replacingOccurrences(of: ",", with: ".") : t) else { return nil }
            return v.isFinite && t.filter(\.isNumber).count <= 15 ? v : nil
        }
    }

    /// The first row whose value is not a usable number (``usableNumbers(_:decimalComma:)``), when at least
    /// half of the column's values are numbers; `nil` otherwise.
    static func firstTextInMostlyNumericColumn(_ table: Table, column c: Int, decimalComma: Bool) -> Int? {
        guard case .text(_, let dictionary) = table.columns[c].values else { return nil }
        let numeric = usableNumbers(dictionary, decimalComma: decimalComma).map { $0 != nil }
        return firstMistake(table, column: c, usable: numeric)
    }

    /// Numeric role columns that hold text: when the column is mostly numbers, an error at the first text
    /// value (or, with `bad-values=null`, the column as numbers with such cells null, listed in `nulled`);
    /// otherwise the role is dropped with a note.
    static func checkNumericRoles(_ roles: inout RoleMapping, _ notes: inout [String], read: inout CSVReadResult, path: String,
                                  badValues: BadValues, nulled: inout [NulledCells]) throws {
        for role in numericRoles {
            guard let c = roles[role], read.table.columns[c].type == .text else { continue }
            let name = read.table.columns[c].name
            if badValues == .error, let b = read.typeBreaks[c] {
                throw LoadError.textInNumericColumn(position: b.position, column: name, role: role.shellName, found: b.text)
            }
            // Mostly numbers with some text: an error at the first text value, never a silent unmapping.
            if let bad = firstTextInMostlyNumericColumn(read.table, column: c, decimalComma: read.dialect.decimalComma) {
                guard badValues == .null else {
                    throw LoadError.textInNumericColumn(position: position(row: bad, column: c, read: read, path: path),
                                                        column: name, role: role.shellName,
                                                        found: read.table.columns[c].displayString(bad))
                }
                nulled.append(nullingBadNumbers(&read, column: c, role: role))
                continue
            }
            notes.append("column '\(name)' holds text: not used as \(role.shellName)")
            roles[role] = nil
        }
    }

    /// Replaces text column `c` (mostly numbers) by its numbers, unusable cells null; returns what was nulled.
    static func nullingBadNumbers(_ read: inout CSVReadResult, column c: Int, role: ColumnRole) -> NulledCells {
        guard case .text(let codes, let dictionary) = read.table.columns[c].values else {
            return NulledCells(column: read.table.columns[c].name, role: role.shellName)
        }
        let numbers = usableNumbers(dictionary, decimalComma: read.dialect.decimalComma)
        var cells = NulledCells(column: read.table.columns[c].name, role: role.shellName)
        var values = [Double](repeating: .nan, count: codes.count)
        for row in 0..<codes.count {
            let code = codes.code(row)
            guard code >= 0 else { continue }
            if let v = numbers[Int(code)] { values[row] = v } else {
                cells.record(line: line(ofRow: row, read: read), value: dictionary[Int(code)])
            }
        }
        read.table.replaceValues(c, with: .double(values))
        return cells
    }

    /// A time column read as text because a few values are not dates in the layout most of its values
    /// have: an error at the first such value (file:line:column), never a silent loss of the time role —
    /// or, with `bad-values=null`, the column as dates in that layout with such cells null.
    static func checkTimeColumn(_ roles: RoleMapping, read: inout CSVReadResult, path: String,
                                badValues: BadValues, nulled: inout [NulledCells]) throws {
        guard let c = roles[.time], read.table.columns[c].type == .text,
              let (row, format) = firstUnreadableDateInMostlyDateColumn(read.table, column: c) else { return }
        guard badValues == .null else {
            throw LoadError.unreadableDate(position: position(row: row, column: c, read: read, path: path),
                                           column: read.table.columns[c].name, found: read.table.columns[c].displayString(row),
                                           format: format.display)
        }
        nulled.append(nullingBadDates(&read, column: c, format: format))
        read.dateFormats[c] = format
    }

    /// Replaces text column `c` (mostly dates in `format`) by its dates, other cells null.
    static func nullingBadDates(_ read: inout CSVReadResult, column c: Int, format: DateFormat) -> NulledCells {
        var cells = NulledCells(column: read.table.columns[c].name, role: ColumnRole.time.shellName)
        guard case .text(let codes, let dictionary) = read.table.columns[c].values else { return cells }
        let seconds = dictionary.map { readDate($0, format) }
        var values = [Int64](repeating: .min, count: codes.count)
        var dateOnly = true
        for row in 0..<codes.count {
            let code = codes.code(row)
            guard code >= 0 else { continue }
            if let v = seconds[Int(code)] {
                values[row] = v
                if v % 86_400 != 0 { dateOnly = false }
            } else {
                cells.record(line: line(ofRow: row, read: read), value: dictionary[Int(code)])
            }
        }
        read.table.replaceValues(c, with: .timestamp(IntStorage.narrowing(values), dateOnly: dateOnly))
        return cells
    }

    /// `entry` as seconds since 1970 in `format`, or `nil` when it is not a date in that layout.
    static func readDate(_ entry: String, _ format: DateFormat) -> Int64? {
        var bytes = Array(entry.trimmingCharacters(in: .whitespaces).utf8)
        guard !bytes.isEmpty else { return nil }
        return bytes.withUnsafeMutableBufferPointer { b -> Int64? in
            if case .seconds(let s) = DateParser.parse(b.baseAddress!, b.count, format) { return s }
            return nil
        }
    }

    /// The first row whose value is not a date in the layout that reads most of the column's values, when
    /// that layout reads at least half of them; `nil` otherwise (a text column, or no dates at all).
    static func firstUnreadableDateInMostlyDateColumn(_ table: Table, column c: Int) -> (row: Int, format: DateFormat)? {
        guard case .text(_, let dictionary) = table.columns[c].values else { return nil }
        var uses = [Int](repeating: 0, count: dictionary.count)
        for code in table.codes(column: c) where code >= 0 { uses[Int(code)] += 1 }
        func count(_ readable: [Bool]) -> Int {
            var n = 0
            for (r, u) in zip(readable, uses) where r { n += u }
            return n
        }
        // the layout that reads the most values (the first of equals); then its first mistake
        var best: (format: DateFormat, readable: [Bool], count: Int)?
        for format in DateFormat.allCases {
            let readable = dictionary.map { readDate($0, format) != nil }
            let n = count(readable)
            if n > (best?.count ?? -1) { best = (format, readable, n) }
        }
        guard let best, let row = firstMistake(table, column: c, usable: best.readable) else { return nil }
        return (row, best.format)
    }
}

/// Cells of one column read as null under `bad-values=null`: how many, and the first few with their lines.
public struct NulledCells: Sendable, Equatable {
    /// How many of the first cells are named.
    static let shown = 5
    /// The column's name in the file.
    public let column: String
    /// The role it plays (`quantity`, `unit-price`, `time`…).
    public let role: String
    /// Cells read as null.
    public private(set) var count = 0
    /// The 1-based file lines of the first few, in file order.
    public private(set) var lines: [Int] = []
    /// Their values as written.
    public private(set) var values: [String] = []

    init(column: String, role: String) {
        self.column = column
        self.role = role
    }

    mutating func record(line: Int, value: String) {
        count += 1
        if lines.count < Self.shown {
            lines.append(line)
            values.append(value)
        }
    }

    /// The load note: `bad-values=null: 2 cells of 'quantity' (quantity) read as null: line 7 'NaN', line 11 '1e400'`.
    public var note: String {
        let listed = zip(lines, values).map { "line \($0) '\($1)'" }.joined(separator: ", ")
        let more = count > lines.count ? ", …" : ""
        return "bad-values=null: \(count) cell\(count == 1 ? "" : "s") of '\(column)' (\(role)) read as null: \(listed)\(more); "
            + "the lines count in the cleaning report's missing-values"
    }
}
