import Foundation

/// The date layouts the reader understands, detected from a sample or forced with `date-format=`.
public enum DateFormat: String, Sendable, CaseIterable, Equatable {
    /// `YYYY-MM-DD`, optionally followed by ` HH:MM[:SS[.fff]]` or `THH:MM…` and a UTC offset `Z`,
    /// `±HH:MM` or `±HHMM`, attached or after a space (Shopify: `2024-01-05 10:00:00 +0100`). Times with
    /// an offset are converted to UTC.
    case iso
    /// `YYYYMMDD` (eight digits).
    case compact
    /// `M/D/YYYY [H:MM[:SS]] [AM|PM]` (US).
    case monthDayYear
    /// `D/M/YYYY [H:MM[:SS]]`.
    case dayMonthYear
    /// `D.M.YYYY [H:MM[:SS]]` (German and others).
    case dayMonthYearDot

    /// Parses the shell spelling: `iso`, `yyyymmdd`, `m/d/yyyy`, `d/m/yyyy`, `d.m.yyyy`
    /// (also `YYYY-MM-DD`, `MM/DD/YYYY`, `DD/MM/YYYY`, `DD.MM.YYYY`).
    public init?(option: String) {
        switch option.lowercased() {
        case "iso", "iso8601", "iso-8601", "yyyy-mm-dd", "%y-%m-%d": self = .iso
        case "compact", "yyyymmdd", "%y%m%d": self = .compact
        case "m/d/yyyy", "mm/dd/yyyy", "us", "mdy": self = .monthDayYear
        case "d/m/yyyy", "dd/mm/yyyy", "dmy": self = .dayMonthYear
        case "d.m.yyyy", "dd.mm.yyyy": self = .dayMonthYearDot
        default: return nil
        }
    }

    /// The layout written as the user would (`M/D/YYYY`).
    public var display: String {
        switch self {
        case .iso: "YYYY-MM-DD"
        case .compact: "YYYYMMDD"
        case .monthDayYear: "M/D/YYYY"
        case .dayMonthYear: "D/M/YYYY"
        case .dayMonthYearDot: "D.M.YYYY"
        }
    }
}

/// The outcome of reading one date field.
enum DateParse: Equatable {
    /// Seconds since the epoch, UTC.
    case seconds(Int64)
    /// The field has the layout but names a day that does not exist (`2011-02-30`).
    case impossible
    /// The field does not have the layout.
    case mismatch
}

/// Reads dates from bytes without creating strings.
enum DateParser {
    /// Whether a date-time as written ends in a UTC offset (`+0100`, `-05:00`, `Z`) after its clock time.
    static func hasUTCOffset(_ text: String) -> Bool {
        let parts = text.trimmingCharacters(in: .whitespaces).split(maxSplits: 1, whereSeparator: { $0 == " " || $0 == "T" })
        guard parts.count == 2, parts[1].contains(":") else { return false }
        return parts[1].contains("+") || parts[1].contains("-") || parts[1].hasSuffix("Z")
    }

    /// Parses bytes `p[0..<n]` in `format`.
    static func parse(_ p: UnsafePointer<UInt8>, _ n: Int, _ format: DateFormat) -> DateParse {
        var i = 0
        @inline(__always) func digits(_ minCount: Int, _ maxCount: Int) -> Int? {
            var v = 0, k = 0
            while i < n, k < maxCount, p[i] >= 48, p[i] <= 57 { v = v * 10 + Int(p[i] - 48); i += 1; k += 1 }
            return k >= minCount ? v : nil
        }
        @inline(__always) func expect(_ c: UInt8) -> Bool {
            if i < n, p[i] == c { i += 1; return true }
            return false
        }
        var y = 0, m = 0, d = 0
        switch format {
        case .iso:
            guard let yy = digits(4, 4), expect(45), let mm = digits(1, 2), expect(45), let dd = digits(1, 2)
            else { return .mismatch }
            (y, m, d) = (yy, mm, dd)
        case .compact:
            guard n == 8, let v = digits(8, 8) else { return .mismatch }
            (y, m, d) = (v / 10000, v / 100 % 100, v % 100)
        case .monthDayYear, .dayMonthYear, .dayMonthYearDot:
            let sep: UInt8 = format == .dayMonthYearDot ? 46 : 47
            guard let a = digits(1, 2), expect(sep), let b = digits(1, 2), expect(sep), let yy = digits(4, 4)
            else { return .mismatch }
            y = yy
            if format == .monthDayYear { (m, d) = (a, b) } else { (d, m) = (a, b) }
        }
        var seconds = 0
        if i < n {
            guard p[i] == 32 || p[i] == 84 else { return .mismatch }
            i += 1
            while i < n, p[i] == 32 { i += 1 }
            guard var hh = digits(1, 2), expect(58), let mi = digits(2, 2) else { return .mismatch }
            var ss = 0
            if expect(58) {
                guard let s = digits(2, 2) else { return .mismatch }
                ss = s
                if expect(46) { _ = digits(1, 9) }
            }
            // 12-hour clock: ` AM` / ` PM`
            var k = i
            while k < n, p[k] == 32 { k += 1 }
            if k + 1 < n, p[k + 1] == 77 || p[k + 1] == 109, p[k] == 65 || p[k] == 97 || p[k] == 80 || p[k] == 112 {
                guard hh >= 1, hh <= 12 else { return .impossible }
                let pm = p[k] == 80 || p[k] == 112
                hh = hh % 12 + (pm ? 12 : 0)
                i = k + 2
            }
            guard hh < 24, mi < 60, ss < 61 else { return .impossible }
            seconds = hh * 3600 + mi * 60 + ss
            // UTC offset, attached (`+01:00`, `Z`) or after a space (Shopify's `10:00:00 +0100`): the time
            // is converted to UTC
            k = i
            while k < n, p[k] == 32 { k += 1 }
            if k < n, p[k] == 90 || p[k] == 43 || p[k] == 45 { i = k }
            if i < n {
                if p[i] == 90 { i += 1 } else if p[i] == 43 || p[i] == 45 {
                    let sign = p[i] == 45 ? -1 : 1
                    i += 1
                    guard let oh = digits(2, 2) else { return .mismatch }
                    _ = expect(58)
                    let om = digits(2, 2) ?? 0
                    guard oh <= 14, om < 60 else { return .impossible }
                    seconds -= sign * (oh * 3600 + om * 60)
                }
            }
            if i != n { return .mismatch }
        }
        guard m >= 1, m <= 12, d >= 1, d <= CivilTime.daysInMonth(year: y, month: m) else { return .impossible }
        return .seconds(Int64(CivilTime.days(year: y, month: m, day: d)) * 86_400 + Int64(seconds))
    }
}
