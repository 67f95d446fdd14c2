import Foundation

/// Number formatting for tables: thousands separators, fixed decimals, money and percentages.
/// Deterministic (no locale): `,` for thousands, `.` for decimals.
public enum NumberFormat {
    /// `1234567.891` with 2 decimals → `1,234,567.89`.
    public static func grouped(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "–" : (value > 0 ? "∞" : "-∞") }
        let s = String(format: "%.\(decimals)f", value)
        var intPart = s
        var fraction = ""
        if let dot = s.firstIndex(of: ".") {
            intPart = String(s[..<dot])
            fraction = String(s[dot...])
        }
        var negative = false
        if intPart.hasPrefix("-") { negative = true; intPart.removeFirst() }
        var grouped = ""
        for (i, ch) in intPart.enumerated() {
            if i > 0 && (intPart.count - i) % 3 == 0 { grouped.append(",") }
            grouped.append(ch)
        }
        let result = grouped + fraction
        return negative && result.contains(where: { $0 != "0" && $0 != "." && $0 != "," }) ? "-" + result : result
    }

    /// A number as plain text, shortest exact form (`0.5`, `12`, `1e-07`), for csv/json and messages.
    public static func plain(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "" : (value > 0 ? "inf" : "-inf") }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    /// Money with a currency symbol: `$1,234.50`, `-$3.00`.
    public static func money(_ value: Double, symbol: String = "$") -> String {
        guard value.isFinite else { return grouped(value, decimals: 2) }
        let body = grouped(abs(value), decimals: 2)
        return (value < 0 && body.contains(where: { $0 != "0" && $0 != "." && $0 != "," }) ? "-" : "") + symbol + body
    }

    /// A fraction as a percentage: `0.1234` with 1 decimal → `12.3%`.
    public static func percent(_ fraction: Double, decimals: Int = 1) -> String {
        guard fraction.isFinite else { return grouped(fraction, decimals: decimals) }
        return grouped(fraction * 100, decimals: decimals) + "%"
    }

    /// A p-value with 4 decimals, `< 0.0001` below that, `–` when not finite.
    public static func pValue(_ value: Double) -> String {
        guard value.isFinite else { return "–" }
        if value < 0.0001 { return "< 0.0001" }
        return String(format: "%.4f", value)
    }

    /// A p-value in a sentence: `p = 0.0123`, `p < 0.0001` (never `p = < 0.0001`).
    public static func pClause(_ value: Double) -> String {
        value.isFinite && value < 0.0001 ? "p < 0.0001" : "p = " + pValue(value)
    }

    /// A difference of fractions in signed percentage points, without the unit: `0.0074` → `+0.74`.
    public static func signedPoints(_ difference: Double, decimals: Int = 2) -> String {
        (difference >= 0 ? "+" : "") + grouped(difference * 100, decimals: decimals)
    }
}
