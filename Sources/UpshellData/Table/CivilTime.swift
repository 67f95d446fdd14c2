import UpshellCore

/// Calendar arithmetic for the readers (forwarding to ``CivilDate``, which also formats dates).
public enum CivilTime {
    /// Days since 1970-01-01 for year `y`, month `m` (1…12), day `d` (1…31), unchecked.
    @inline(__always)
    public static func days(year y: Int, month m: Int, day d: Int) -> Int { CivilDate.days(year: y, month: m, day: d) }

    /// Year, month, day for days since 1970-01-01.
    public static func civil(days: Int) -> (year: Int, month: Int, day: Int) { CivilDate.date(fromDays: days) }

    /// Number of days in `month` of `year`.
    @inline(__always)
    public static func daysInMonth(year: Int, month: Int) -> Int { CivilDate.daysInMonth(year: year, month: month) }
}
