import Foundation
import UpshellCore

/// A reference to a result cell: `[7]` or `last`.
public enum CellReference: Sendable, Equatable {
    case number(Int)
    case last
}

/// A closed range of numbers from `A..B`; `isShare` when written with `%`.
public struct NumberRange: Sendable, Equatable {
    public var lower: Double
    public var upper: Double
    public var isShare: Bool
}

/// Parses the value forms of the command language. Each function returns `nil` for malformed text.
public enum ValueParser {
    /// A plain decimal number (`12`, `-3.5`, `1e3`, `1_000`); rejects `nan`, `inf`, `%`, currency.
    public static func number(_ text: String) -> Double? {
        let t = text.replacingOccurrences(of: "_", with: "")
        guard !t.isEmpty, t.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }),
              let value = Double(t), value.isFinite else { return nil }
        return value
    }

    /// A whole number (`10`, `-3`, `10_000`).
    public static func integer(_ text: String) -> Int? {
        Int(text.replacingOccurrences(of: "_", with: ""))
    }

    /// A share as a fraction: `0.5%` → 0.005, `0.005` → 0.005. `0.5%%` is rejected.
    public static func share(_ text: String) -> Double? {
        if text.hasSuffix("%") {
            return number(String(text.dropLast())).map { $0 / 100 }
        }
        return number(text)
    }

    /// Money: `$50`, `50`, `49.95`, `€20`, `£9.99`, `50$`, `-$5`.
    public static func money(_ text: String) -> Double? {
        var t = text
        var sign = 1.0
        if t.hasPrefix("-") { sign = -1; t.removeFirst() }
        if let first = t.first, "$€£¥".contains(first) { t.removeFirst() } else if let last = t.last, "$€£¥".contains(last) { t.removeLast() }
        return number(t).map { $0 * sign }
    }

    /// `A..B` of numbers, shares or money: `20..100`, `0..30%`, `$20..$100`. Requires A ≤ B.
    public static func range(_ text: String) -> NumberRange? {
        guard let dots = text.range(of: "..") else { return nil }
        let a = String(text[..<dots.lowerBound]), b = String(text[dots.upperBound...])
        let isShare = a.hasSuffix("%") || b.hasSuffix("%")
        func parse(_ s: String) -> Double? {
            if s.hasSuffix("%") { return share(s) }
            return money(s)
        }
        guard var lo = parse(a), var hi = parse(b) else { return nil }
        if isShare {
            // `0..30%`, `20..80%`: a bare bound beside a percentage is a percentage too (converted before
            // the bounds are compared, so `20..80%` is 20 %..80 %, not 20..0.8).
            if !a.hasSuffix("%") { lo /= 100 }
            if !b.hasSuffix("%") { hi /= 100 }
        }
        guard lo <= hi else { return nil }
        return NumberRange(lower: lo, upper: hi, isShare: isShare)
    }

    /// A date or date-time as seconds since 1970-01-01 UTC: `2011-01-31`, `2011-01` (first of the month),
    /// `2011-01-31T10:00`, `2011-01-31 10:00:05`. Impossible dates (`2011-02-30`) are rejected.
    public static func date(_ text: String) -> Int64? {
        let parts = text.split(whereSeparator: { $0 == "T" || $0 == " " })
        guard parts.count == 1 || parts.count == 2 else { return nil }
        let ymd = parts[0].split(separator: "-", omittingEmptySubsequences: false)
        guard ymd.count == 2 || ymd.count == 3, ymd[0].count == 4,
              let y = Int(ymd[0]), let m = Int(ymd[1]), let d = ymd.count == 3 ? Int(ymd[2]) : 1,
              let days = CivilDate.daysSinceEpoch(year: y, month: m, day: d) else { return nil }
        var seconds = Int64(days) * 86_400
        if parts.count == 2 {
            let hms = parts[1].split(separator: ":")
            guard hms.count == 2 || hms.count == 3, let h = Int(hms[0]), let mi = Int(hms[1]),
                  (0..<24).contains(h), (0..<60).contains(mi) else { return nil }
            let s = hms.count == 3 ? Int(hms[2]) : 0
            guard let s, (0..<60).contains(s) else { return nil }
            seconds += Int64(h * 3600 + mi * 60 + s)
        }
        return seconds
    }

    /// A span in days: `52w` → 364, `30d` → 30, `12m` → 365.25, `1y` → 365.25.
    public static func duration(_ text: String) -> Double? {
        guard let unit = text.last, let n = number(String(text.dropLast())), n > 0 else { return nil }
        switch unit {
        case "d": return n
        case "w": return n * 7
        case "m": return n * 365.25 / 12
        case "y": return n * 365.25
        default: return nil
        }
    }

    /// `on`/`off`, `true`/`false`, `yes`/`no`, `1`/`0`.
    public static func boolean(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "on", "true", "yes", "1": true
        case "off", "false", "no", "0": false
        default: nil
        }
    }

    /// `[7]`, `7` after `[`…`]`, `last`, `[last]`.
    public static func cell(_ text: String) -> CellReference? {
        var t = text.lowercased()
        if t.hasPrefix("[") && t.hasSuffix("]") { t = String(t.dropFirst().dropLast()) }
        if t == "last" { return .last }
        if let n = Int(t), n > 0 { return .number(n) }
        return nil
    }
}
