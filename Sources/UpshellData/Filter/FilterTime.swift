/// Calendar dates and date-times as the filter language writes them, as seconds since 1970-01-01 UTC.
///
/// Accepted: `2011-01-01`, `2011-01-01T10:00`, `2011-01-01T10:00:30`, and (inside quotes, where a
/// space cannot split the token) `2011-01-01 10:00[:30]`. A literal stands for the span it names: a
/// whole day, a whole minute or one second, which is how `=`, `<=` and `>` treat it.
enum FilterTime {
    /// A parsed literal: `start` of the span and its length in seconds (86,400, 60 or 1).
    struct Span: Equatable {
        var start: Int64
        var seconds: Int64
        var end: Int64 { start + seconds }
    }

    /// Result of recognising a date-like text.
    enum Parsed: Equatable {
        /// Not date-shaped at all.
        case notADate
        /// Date-shaped but impossible (month 13, 30 February, 25:00).
        case invalid
        case span(Span)
    }

    /// Parses `text`; `allowSpace` accepts a space between date and time.
    static func parse(_ text: String, allowSpace: Bool) -> Parsed {
        let c = Array(text.utf8)
        func digits(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= c.count else { return nil }
            var value = 0
            for i in from..<(from + count) {
                guard c[i] >= 48, c[i] <= 57 else { return nil }
                value = value * 10 + Int(c[i] - 48)
            }
            return value
        }
        guard c.count >= 10, let year = digits(0, 4), c[4] == UInt8(ascii: "-"), let month = digits(5, 2),
              c[7] == UInt8(ascii: "-"), let day = digits(8, 2)
        else { return .notADate }
        var seconds: Int64 = 86_400, clock: Int64 = 0
        if c.count > 10 {
            let separator = c[10]
            guard separator == UInt8(ascii: "T") || separator == UInt8(ascii: "t")
                    || (allowSpace && separator == UInt8(ascii: " ")),
                  c.count == 16 || c.count == 19, let hour = digits(11, 2), c[13] == UInt8(ascii: ":"),
                  let minute = digits(14, 2)
            else { return .notADate }
            var second = 0
            seconds = 60
            if c.count == 19 {
                guard c[16] == UInt8(ascii: ":"), let s = digits(17, 2) else { return .notADate }
                second = s
                seconds = 1
            }
            guard hour < 24, minute < 60, second < 60 else { return .invalid }
            clock = Int64(hour * 3600 + minute * 60 + second)
        }
        guard (1...12).contains(month), day >= 1, day <= daysInMonth(year, month) else { return .invalid }
        return .span(Span(start: daysFromCivil(year, month, day) * 86_400 + clock, seconds: seconds))
    }

    static func daysInMonth(_ year: Int, _ month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant, "chrono-compatible low-level
    /// date algorithms", `days_from_civil`).
    static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int64 {
        let y = year - (month <= 2 ? 1 : 0)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return Int64(era * 146_097 + doe - 719_468)
    }
}
