/// Conversions between calendar dates (proleptic Gregorian, UTC) and days since 1970-01-01.
///
/// Algorithms from Howard Hinnant, "chrono-Compatible Low-Level Date Algorithms" (days_from_civil,
/// civil_from_days). Exact for all years in ±5 million.
public enum CivilDate {
    /// Days since 1970-01-01 for a valid date, or `nil` for an impossible one (`2011-02-30`).
    public static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int? {
        guard (1...12).contains(month), day >= 1, day <= daysInMonth(year: year, month: month) else { return nil }
        return days(year: year, month: month, day: day)
    }

    /// Days since 1970-01-01 for a date already known to be valid (no checks: for parsers' inner loops).
    @inlinable @inline(__always)
    public static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The calendar date of a day number (days since 1970-01-01).
    public static func date(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// Number of days in a month, leap years included.
    @inlinable
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Day of the week, 0 = Monday … 6 = Sunday (ISO).
    public static func weekday(fromDays days: Int) -> Int {
        ((days % 7) + 7 + 3) % 7
    }

    /// `YYYY-MM-DD` for seconds since the epoch (UTC), with ` HH:MM:SS` when `withTime`; the year has
    /// at least four digits. The one date formatter of upshell: data cells, load summaries, period
    /// labels and result tables all print dates through it.
    public static func format(seconds: Int64, withTime: Bool = false) -> String {
        let days = Int((seconds >= 0 ? seconds : seconds - 86_399) / 86_400)
        var s = format(days: days)
        if withTime {
            let rest = Int(seconds - Int64(days) * 86_400)
            let h = rest / 3600, mi = rest / 60 % 60, sec = rest % 60
            s += " " + [h, mi, sec].map { $0 < 10 ? "0\($0)" : "\($0)" }.joined(separator: ":")
        }
        return s
    }

    /// `YYYY-MM-DD` for days since 1970-01-01; the year has at least four digits.
    public static func format(days: Int) -> String {
        let (y, m, d) = date(fromDays: days)
        var year = String(y)
        while year.count < 4 { year = "0" + year }
        return "\(year)-\(m < 10 ? "0" : "")\(m)-\(d < 10 ? "0" : "")\(d)"
    }
}
