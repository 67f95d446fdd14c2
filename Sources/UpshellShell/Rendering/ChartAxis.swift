import Foundation

/// A value axis: a range widened to "nice" tick steps (1, 2 or 5 times a power of ten), as Heckbert's
/// "Nice numbers for graph labels" (Graphics Gems, 1990) chooses them.
struct AxisScale: Equatable {
    var low: Double
    var high: Double
    var step: Double

    /// A scale covering the finite `values`, with about five ticks.
    init(values: [Double], ticks: Int = 5) {
        let finite = values.filter(\.isFinite)
        var lo = finite.min() ?? 0, hi = finite.max() ?? 1
        if hi == lo { (lo, hi) = lo == 0 ? (0, 1) : (min(0, lo), max(0, hi)) }
        if hi == lo { hi = lo + 1 }
        step = Self.nice((hi - lo) / Double(ticks))
        low = (lo / step).rounded(.down) * step
        high = (hi / step).rounded(.up) * step
    }

    /// 1, 2 or 5 times a power of ten, the nearest at or above `raw`.
    static func nice(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        let power = pow(10, (log10(raw)).rounded(.down))
        let fraction = raw / power
        return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * power
    }

    /// The ticks from `low` to `high`.
    var ticks: [Double] {
        let n = Int(((high - low) / step).rounded())
        return (0...max(0, min(n, 50))).map { low + Double($0) * step }
    }

    /// Where `value` sits between `low` (0) and `high` (1).
    func position(_ value: Double) -> Double { high > low ? (value - low) / (high - low) : 0.5 }

    /// A tick's text: short (whole money amounts without cents when the step allows), in the value's unit.
    static func tickText(_ value: Double, step: Double, format: ValueFormat, currency: String) -> String {
        let v = abs(value) < step * 1e-9 ? 0 : value
        let decimals = max(0, -Int(log10(step).rounded(.down)))
        switch format {
        case .money: return (v < 0 ? "-" : "") + currency + NumberFormat.grouped(abs(v), decimals: decimals)
        case .percent, .signedPercent: return NumberFormat.grouped(v * 100, decimals: max(0, decimals - 2)) + "%"
        case .points: return NumberFormat.grouped(v * 100, decimals: max(0, decimals - 2))
        default: return NumberFormat.grouped(v, decimals: decimals)
        }
    }
}

/// The titles of a chart's two axes, read from its title ("Δ contribution per 1,000 orders by threshold
/// (◀ best)" → value axis "Δ contribution per 1,000 orders ($)", category axis "threshold") and its unit.
struct AxisNames: Equatable {
    var value: String
    var category: String

    init(title: String?, format: ValueFormat, currency: String) {
        var text = title ?? "value"
        // what follows ';' or a parenthesis is a remark ("(◀ best)", "; bars start at …"), not a name
        if let cut = text.range(of: " (") ?? text.range(of: ";") { text = String(text[..<cut.lowerBound]) }
        if let by = text.range(of: " by ", options: .backwards) {
            value = String(text[..<by.lowerBound])
            category = String(text[by.upperBound...])
        } else {
            value = text
            category = ""
        }
        // "margin %" already says its unit
        if let unit = Self.unit(format, currency: currency), !(unit == "%" && value.hasSuffix("%")) { value += " (\(unit))" }
    }

    /// The unit a format shows values in, or `nil` for plain numbers.
    static func unit(_ format: ValueFormat, currency: String) -> String? {
        switch format {
        case .money, .amount: return currency.trimmingCharacters(in: .whitespaces)
        case .percent, .signedPercent: return "%"
        case .points: return "percentage points"
        case .integer: return "count"
        default: return nil
        }
    }
}
