import Foundation

/// Draws charts with block characters: horizontal bars (eighth-block resolution) and sparklines.
public struct ChartRenderer {
    public var settings: RenderSettings
    public init(settings: RenderSettings) { self.settings = settings }

    private static let eighths: [Character] = [" ", "▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"]
    private static let sparks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    public func render(_ chart: Chart) -> String {
        var out = ""
        if let title = chart.title { out += (settings.color ? "\u{1B}[1m\(title)\u{1B}[0m" : title) + "\n" }
        switch chart.kind {
        case .sparkline: out += sparkline(chart.values) + "\n"
        case .bars, .histogram: out += bars(chart)
        case .heatmap(let columns): out += heatmap(chart, columns: columns)
        }
        return out
    }

    /// One block character per value, scaled between the minimum and maximum.
    public func sparkline(_ values: [Double]) -> String {
        let finite = values.filter(\.isFinite)
        guard let lo = finite.min(), let hi = finite.max() else { return "" }
        return String(values.map { v -> Character in
            guard v.isFinite else { return " " }
            let t = hi > lo ? (v - lo) / (hi - lo) : 0.5
            return Self.sparks[min(7, Int(t * 7.999))]
        })
    }

    func bars(_ chart: Chart) -> String {
        let labels = chart.labels
        let shown = chart.values.map { Value.double($0).display(chart.format, currency: settings.currency) }
        let labelWidth = min(32, labels.map(\.displayWidth).max() ?? 0)
        let valueWidth = shown.map(\.displayWidth).max() ?? 0
        let barWidth = max(10, min(60, settings.width - labelWidth - valueWidth - 8))
        let finite = chart.values.filter(\.isFinite)
        let origin = chart.baseline ?? 0
        let hi = max(finite.max() ?? origin, origin), lo = min(finite.min() ?? origin, origin)
        let span = hi - lo
        let zeroAt = span > 0 ? Int(((origin - lo) / span * Double(barWidth)).rounded()) : 0
        var out = ""
        for (i, v) in chart.values.enumerated() {
            var label = labels[i]
            if label.displayWidth > labelWidth { label = String(label.prefix(labelWidth - 1)) + "…" }
            let pad = String(repeating: " ", count: max(0, labelWidth - label.displayWidth))
            var bar = ""
            if v.isFinite, span > 0 {
                let length = abs(v - origin) / span * Double(barWidth)
                let full = Int(length)
                let part = Int((length - Double(full)) * 8)
                if v >= origin {
                    bar = String(repeating: " ", count: zeroAt) + String(repeating: "█", count: full) + (part > 0 ? String(Self.eighths[part]) : "")
                } else {
                    let start = max(0, zeroAt - full - (part > 0 ? 1 : 0))
                    bar = String(repeating: " ", count: start) + (part > 0 ? "▕" : "") + String(repeating: "█", count: full)
                }
            }
            let barPad = String(repeating: " ", count: max(0, barWidth + 1 - bar.count))
            let valuePad = String(repeating: " ", count: max(0, valueWidth - shown[i].displayWidth))
            var row = "  " + label + pad + "  " + bar + barPad + valuePad + shown[i]
            if chart.marked == i { row += settings.color ? "  \u{1B}[32m◀ best\u{1B}[0m" : "  ◀ best" }
            out += row + "\n"
        }
        return out
    }
}
