import UpshellCore

/// Timestamps (seconds since 1970-01-01, UTC) as text; the calendar arithmetic is ``CivilDate``'s.
public enum CivilTime {
    /// Days since 1970-01-01 for year `y`, month `m` (1…12), day `d` (1…31), unchecked.
    @inline(__always)
    public static func days(year y: Int, month m: Int, day d: Int) -> Int { CivilDate.days(year: y, month: m, day: d) }

    /// Year, month, day for days since 1970-01-01.
    public static func civil(days: Int) -> (year: Int, month: Int, day: Int) { CivilDate.date(fromDays: days) }

    /// Number of days in `month` of `year`.
    @inline(__always)
    public static func daysInMonth(year: Int, month: Int) -> Int { CivilDate.daysInMonth(year: year, month: month) }

    /// `YYYY-MM-DD HH:MM:SS` (or `YYYY-MM-DD` when `dateOnly`) for seconds since the epoch.
    public static func format(seconds: Int64, dateOnly: Bool = false) -> String {
        let s = Int(seconds)
        var days = s / 86_400
        var rest = s % 86_400
        if rest < 0 { rest += 86_400; days -= 1 }
        let (y, m, d) = civil(days: days)
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        var yearText = String(y)
        while yearText.count < 4 { yearText = "0" + yearText }
        let date = "\(yearText)-\(two(m))-\(two(d))"
        if dateOnly { return date }
        return "\(date) \(two(rest / 3600)):\(two(rest / 60 % 60)):\(two(rest % 60))"
    }
}
