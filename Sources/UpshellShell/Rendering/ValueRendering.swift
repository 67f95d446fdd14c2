import Foundation
import UpshellCore

// How values become text. Only the renderers call these: the table and Markdown renderers use
// `display` (rounded for people), the csv and json renderers `exact` (every digit, money to the cent).

extension Value {
    /// The value as people read it in a column (or item) of the given format.
    func display(_ format: ValueFormat, currency: String) -> String {
        switch self {
        case .null: return "–"
        case .text(let s): return s
        case .time(let t): return CivilDateFormatting.string(t, format)
        case .int(let v): return format.display(Double(v), currency: currency, isInt: true)
        case .double(let v): return format.display(v, currency: currency, isInt: false)
        case let .typed(v, own): return own.display(v, currency: currency, isInt: false)
        case let .interval(low, high): return format.displayInterval(low, high, currency: currency)
        case let .change(from, to, relative):
            let change = format.display(from, currency: currency) + " → " + format.display(to, currency: currency)
            guard let relative else { return change }
            return change + " (" + ValueFormat.signedPercent(relative).display(to / from - 1, currency: currency) + ")"
        }
    }

    /// The value unformatted, for csv: exact numbers (money rounded to the cent), ISO dates, empty for
    /// null. An interval or a change is written as its two numbers separated by a comma; the csv renderer
    /// splits it into two fields instead.
    func exact(_ format: ValueFormat) -> String {
        switch self {
        case .null: ""
        case .text(let s): s
        case .int(let v): String(v)
        case .double(let v): NumberFormat.plain(format.exact(v))
        case let .typed(v, own): NumberFormat.plain(own.exact(v))
        case let .interval(low, high), let .change(low, high, _): NumberFormat.plain(format.exact(low)) + "," + NumberFormat.plain(format.exact(high))
        case .time(let t): CivilDateFormatting.iso(t)
        }
    }
}

extension ValueFormat {
    /// A number as people read it: rounded, grouped, with its currency, percent sign or sign.
    func display(_ v: Double, currency: String, isInt: Bool = false) -> String {
        if v.isNaN { return "–" }
        switch self {
        case .text: return isInt ? String(Int(v)) : NumberFormat.plain(v)
        case .integer: return NumberFormat.grouped(v, decimals: 0)
        case .decimal(let d): return NumberFormat.grouped(v, decimals: d)
        case .money: return NumberFormat.money(v, symbol: currency)
        case .amount: return NumberFormat.grouped(v, decimals: 2)
        case .percent(let d): return NumberFormat.percent(v, decimals: d)
        case .signedPercent(let d):
            guard v.isFinite else { return "–" }
            return (v >= 0 ? "+" : "") + NumberFormat.percent(v, decimals: d)
        case .points(let d): return NumberFormat.signedPoints(v, decimals: d) + " pts"
        case .pValue: return NumberFormat.pValue(v)
        case .date, .dateTime: return CivilDateFormatting.string(Int64(v), self)
        }
    }

    /// An interval as people read it: `3.02% … 3.61%`, `-$9.41 … $20.13`, `-0.10 … +1.58 pts`;
    /// `n/a` when a bound is not finite.
    func displayInterval(_ low: Double, _ high: Double, currency: String) -> String {
        guard low.isFinite, high.isFinite else { return "n/a" }
        if case .points(let d) = self {
            return NumberFormat.signedPoints(low, decimals: d) + " … " + NumberFormat.signedPoints(high, decimals: d) + " pts"
        }
        return display(low, currency: currency) + " … " + display(high, currency: currency)
    }

    /// The number written to csv/json: money rounded to the cent (no `53000.00000000001`), others as they are.
    func exact(_ v: Double) -> Double {
        guard self == .money || self == .amount, v.isFinite else { return v }
        return (v * 100).rounded() / 100
    }
}

/// Date rendering shared by the renderers.
enum CivilDateFormatting {
    static func string(_ seconds: Int64, _ format: ValueFormat) -> String {
        CivilDate.format(seconds: seconds, withTime: format == .dateTime)
    }
    static func iso(_ seconds: Int64) -> String {
        if seconds % 86_400 == 0 { return CivilDate.format(seconds: seconds) }
        return CivilDate.format(seconds: seconds, withTime: true).replacingOccurrences(of: " ", with: "T")
    }
}
