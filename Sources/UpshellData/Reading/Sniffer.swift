/// Guesses the dialect, the header and the column types from the first rows of a file.
enum Sniffer {
    static let candidates: [UInt8] = [44, 59, 9, 124]  // , ; tab |

    /// Picks the delimiter that splits the first lines into the same number of fields (> 1), most
    /// fields first; whitespace-separated when no candidate appears but blanks separate tokens.
    static func dialect(_ buf: UnsafeBufferPointer<UInt8>, from start: Int) -> Dialect {
        let end = min(buf.count, start + 65_536)
        var lines: [[Int]] = []  // per line, counts per candidate
        var counts = [Int](repeating: 0, count: candidates.count)
        var inQuotes = false
        var blankRuns = 0
        var lineBlankRuns: [Int] = []
        var previousWasBlank = true
        var i = start
        while i < end, lines.count < 50 {
            let c = buf[i]
            if c == 34 { inQuotes.toggle() }
            if !inQuotes {
                if c == 10 {
                    lines.append(counts); lineBlankRuns.append(blankRuns)
                    counts = [Int](repeating: 0, count: candidates.count); blankRuns = 0; previousWasBlank = true
                    i += 1; continue
                }
                if let k = candidates.firstIndex(of: c) { counts[k] += 1 }
                let blank = c == 32 || c == 9 || c == 13
                if blank && !previousWasBlank && c != 13 { blankRuns += 1 }
                previousWasBlank = blank
            }
            i += 1
        }
        if i >= buf.count, counts.contains(where: { $0 > 0 }) || blankRuns > 0 {
            lines.append(counts); lineBlankRuns.append(blankRuns)
        }
        guard !lines.isEmpty else { return Dialect() }
        var best: (score: Int, delimiter: UInt8)? = nil
        for (k, d) in candidates.enumerated() {
            let perLine = lines.map { $0[k] }
            guard let first = perLine.first, first > 0 else { continue }
            let agreeing = perLine.filter { $0 == first }.count
            let score = agreeing * 1000 + first
            if agreeing * 10 >= perLine.count * 8, best == nil || score > best!.score { best = (score, d) }
        }
        if let best { return Dialect(delimiter: best.delimiter) }
        // fall back to the candidate present on most lines
        for (k, d) in candidates.enumerated() where lines.filter({ $0[k] > 0 }).count * 2 > lines.count {
            return Dialect(delimiter: d)
        }
        if lineBlankRuns.filter({ $0 > 0 }).count * 10 >= lineBlankRuns.count * 8 {
            return Dialect(whitespaceSeparated: true)
        }
        return Dialect()
    }

    /// What a sample value looks like.
    static func looksNumericOrDate(_ v: [UInt8], decimalComma: Bool) -> Bool {
        v.withUnsafeBufferPointer { b in
            guard let p = b.baseAddress, b.count > 0 else { return false }
            if NumberParser.decimal(p, b.count, decimalComma: decimalComma) != nil { return true }
            for f in DateFormat.allCases where f != .compact {
                if case .seconds = DateParser.parse(p, b.count, f) { return true }
            }
            return false
        }
    }

    /// Whether the first sample row is a header: some field of it is text where later rows hold
    /// numbers or dates, or all its fields are distinct non-empty text that never recurs below it.
    static func hasHeader(_ rows: [[[UInt8]]], decimalComma: Bool) -> Bool {
        guard let first = rows.first else { return true }
        if first.contains(where: { looksNumericOrDate($0, decimalComma: decimalComma) }) { return false }
        let rest = rows.dropFirst()
        if rest.isEmpty { return true }
        for (c, name) in first.enumerated() where !name.isEmpty {
            let numeric = rest.filter { c < $0.count && !$0[c].isEmpty && looksNumericOrDate($0[c], decimalComma: decimalComma) }.count
            if numeric * 2 > rest.count { return true }
        }
        if first.contains(where: \.isEmpty) || Set(first).count != first.count { return false }
        for (c, name) in first.enumerated() where rest.contains(where: { c < $0.count && $0[c] == name }) {
            return false
        }
        return true
    }

    /// Digits only (optional minus) that are not a canonical number: `007`, or longer than 15 digits.
    static func looksLikeIdentifier(_ v: [UInt8]) -> Bool {
        let digits = v.first == 45 ? v.dropFirst() : v[...]
        guard !digits.isEmpty, digits.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return false }
        return (digits.count > 1 && digits.first == 48) || digits.count > 15
    }

    /// `decimal=,` guess for `;`-delimited files: some value looks like `12,50`.
    static func decimalComma(_ rows: [[[UInt8]]]) -> Bool {
        for row in rows.prefix(200) {
            for v in row {
                guard let comma = v.firstIndex(of: 44), comma > 0, comma < v.count - 1 else { continue }
                let digits = v.enumerated().allSatisfy { ($0.element >= 48 && $0.element <= 57) || $0.offset == comma || ($0.offset == 0 && $0.element == 45) }
                if digits && !v.contains(46) { return true }
            }
        }
        return false
    }

    /// The type of one column from its sample values (nulls ignored): integer, decimal, a date
    /// layout, else text. `forcedDate` restricts date detection to one layout.
    static func kind(of values: [[UInt8]], decimalComma: Bool, forcedDate: DateFormat?) -> BuilderKind {
        let present = values.filter { !$0.isEmpty }
        // no value yet: start as integer, the narrowest guess, and let later values widen it
        guard !present.isEmpty else { return .integer }
        func all(_ test: (UnsafePointer<UInt8>, Int) -> Bool) -> Bool {
            present.allSatisfy { v in v.withUnsafeBufferPointer { test($0.baseAddress!, $0.count) } }
        }
        let dateCandidates: [DateFormat] = forcedDate.map { [$0] } ?? [.iso, .monthDayYear, .dayMonthYear, .dayMonthYearDot]
        let eightDigits = present.allSatisfy { $0.count == 8 && $0.allSatisfy { $0 >= 48 && $0 <= 57 } }
        if eightDigits && (forcedDate == nil || forcedDate == .compact) {
            let plausible = all { p, n in
                if case .seconds = DateParser.parse(p, n, .compact) {
                    let year = (Int(p[0]) - 48) * 1000 + (Int(p[1]) - 48) * 100
                    return year >= 1900 && year <= 2100
                }
                return false
            }
            if plausible { return .timestamp(.compact) }
        }
        // identifiers that a number would not keep: leading zeros (`007`), or more digits than a double holds
        if present.contains(where: { looksLikeIdentifier($0) }) { return .text }
        if all({ NumberParser.integer($0, $1) != nil }) { return .integer }
        if all({ NumberParser.decimal($0, $1, decimalComma: decimalComma) != nil }) { return .decimal }
        var best: (format: DateFormat, impossible: Int)?
        for f in dateCandidates where f != .compact {
            // a layout fits when every value parses or names an impossible day in it
            var parsed = 0, impossible = 0
            let fits = all { p, n in
                switch DateParser.parse(p, n, f) {
                case .seconds: parsed += 1; return true
                case .impossible: impossible += 1; return true
                case .mismatch: return false
                }
            }
            if fits && parsed > 0 && (best == nil || impossible < best!.impossible) { best = (f, impossible) }
        }
        if let best { return .timestamp(best.format) }
        return .text
    }
}
