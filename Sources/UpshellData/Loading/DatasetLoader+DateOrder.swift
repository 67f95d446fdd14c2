/// Which reading of day and month the loader chose for dates such as `03/04/2025`, and on what evidence.
extension DatasetLoader {
    /// A note on the time column's day/month order when its layout is `M/D/YYYY` or `D/M/YYYY` and no
    /// option forced it: how many values have a day above 12 (readable only in the chosen order, the
    /// evidence), with the first one's line; or, when none has, that nothing in the file shows the order
    /// and which option reads it the other way. `nil` for other layouts or a forced one.
    static func dateOrderNote(_ roles: RoleMapping, read: CSVReadResult, path: String, forced: Bool) -> String? {
        guard !forced, let c = roles[.time], let format = read.dateFormats[c],
              format == .monthDayYear || format == .dayMonthYear,
              case .timestamp(let seconds, _) = read.table.columns[c].values else { return nil }
        let name = read.table.columns[c].name
        var evidence = 0, dated = 0, first: Int?
        for row in 0..<seconds.count {
            let s = seconds[row]
            guard s != .min else { continue }
            dated += 1
            let day = Int(s >= 0 ? s / 86_400 : (s - 86_399) / 86_400)
            if CivilTime.civil(days: day).day > 12 {
                evidence += 1
                if first == nil { first = row }
            }
        }
        let chosen = format == .monthDayYear ? "month first (M/D/YYYY)" : "day first (D/M/YYYY)"
        let other = format == .monthDayYear ? "dates=dmy" : "dates=mdy"
        guard let first else {
            return "dates in '\(name)' read \(chosen): no value shows the order (every day is 12 or less), "
                + "so this is a guess; \(other) reads them the other way"
        }
        let share = Double(evidence) / Double(max(dated, 1)) * 100
        let percent = share >= 1 ? String(Int(share.rounded())) + "%" : "under 1%"
        return "dates in '\(name)' read \(chosen): \(evidence) of \(dated) values (\(percent), the first at line "
            + "\(line(ofRow: first, read: read))) have a day above 12 and read only this way"
    }
}
