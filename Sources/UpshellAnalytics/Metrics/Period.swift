import UpshellCore

/// A calendar period that orders are grouped by. All periods are UTC.
public enum Period: String, CaseIterable, Sendable {
    case day, week, month, quarter, year

    /// A sortable key of the period holding `seconds` (since 1970 UTC): days since the epoch for
    /// `day`, the Monday of the ISO week for `week`, `year × 12 + month − 1` for `month`, and so on.
    @inline(__always)
    public func key(seconds: Int64) -> Int {
        let days = Int((seconds >= 0 ? seconds : seconds - 86_399) / 86_400)
        switch self {
        case .day: return days
        case .week: return days - CivilDate.weekday(fromDays: days)
        case .month, .quarter, .year:
            let (y, m, _) = CivilDate.date(fromDays: days)
            switch self {
            case .month: return y * 12 + m - 1
            case .quarter: return y * 4 + (m - 1) / 3
            default: return y
            }
        }
    }

    /// The label of a key: `2011-03-14` (day, week start), `2011-03`, `2011-Q1`, `2011`.
    public func label(key: Int) -> String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        switch self {
        case .day, .week: return CivilDate.format(days: key)
        case .month: return "\(key / 12)-\(two(key % 12 + 1))"
        case .quarter: return "\(key / 4)-Q\(key % 4 + 1)"
        case .year: return "\(key)"
        }
    }
}
