import Foundation

/// Draws a ``Chart`` as SVG: horizontal bars (bars, histograms, sweeps with the best value marked) or a line
/// (sparklines, series over periods), with a value axis whose title names the measure and its unit.
///
/// Colours are Okabe–Ito's colour-blind-safe palette (Okabe & Ito 2008, "Color Universal Design"): blue
/// `#0072B2` for values, vermillion `#D55E00` below the baseline, orange `#E69F00` for the marked (best)
/// value, which is also labelled in words so colour is never the only cue. The output is deterministic
/// (fixed size, rounded coordinates), so it can be compared with golden files.
public struct SVGChartRenderer {
    /// Width in pixels; bars grow in height with the number of labels, lines are `lineHeight` high.
    public var width: Int
    public var lineHeight: Int
    /// The currency symbol for money values.
    public var currency: String
    /// `true` for a file of its own (with the SVG namespace); `false` for SVG inside HTML, which needs none.
    public var standalone: Bool

    public init(width: Int = 640, lineHeight: Int = 300, currency: String = "$", standalone: Bool = true) {
        self.width = width
        self.lineHeight = lineHeight
        self.currency = currency
        self.standalone = standalone
    }

    static let blue = "#0072B2", vermillion = "#D55E00", orange = "#E69F00", grey = "#999999"

    /// The chart as an SVG document (or element, when not standalone).
    public func render(_ chart: Chart) -> String {
        switch chart.kind {
        case .bars, .histogram: return bars(chart)
        case .sparkline: return line(chart)
        case .heatmap(let columns): return heatmap(chart, columns: columns)
        }
    }

    /// The opening tag, title and style shared by both drawings.
    func header(_ chart: Chart, height: Int) -> String {
        let namespace = standalone ? " xmlns=\"http://www.w3.org/2000/svg\"" : ""
        let title = Self.escape(chart.title ?? "chart")
        return "<svg\(namespace) width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(title)\">\n"
            + "<title>\(title)</title>\n"
            + "<style>text{font-family:system-ui,sans-serif;font-size:12px;fill:#000}.t{font-size:14px;font-weight:600}.a{fill:#444}</style>\n"
            + "<text class=\"t\" x=\"8\" y=\"18\">\(title)</text>\n"
    }

    /// The value axis along the bottom of a bar chart (or the left of a line chart): ticks, grid lines, title.
    func ticks(_ scale: AxisScale, format: ValueFormat) -> [(value: Double, text: String)] {
        scale.ticks.map { ($0, AxisScale.tickText($0, step: scale.step, format: format, currency: currency)) }
    }

    func bars(_ chart: Chart) -> String {
        let labels = chart.labels.map(Self.printable)
        let shown = chart.values.map { Value.double($0).display(chart.format, currency: currency) }
        let labelWidth = min(220, 7 * (labels.map(\.count).max() ?? 0) + 8)
        let valueWidth = 7 * (shown.map(\.count).max() ?? 0) + (chart.marked == nil ? 12 : 48)
        let top = 40, row = 22, plotLeft = labelWidth + 12, plotRight = max(plotLeft + 80, width - valueWidth)
        let height = top + row * chart.values.count + 52
        let origin = chart.baseline ?? 0
        let scale = AxisScale(values: chart.values + [origin])
        func x(_ v: Double) -> Int { plotLeft + Int((scale.position(v) * Double(plotRight - plotLeft)).rounded()) }
        var out = header(chart, height: height)
        let axisY = top + row * chart.values.count + 4
        for (value, text) in ticks(scale, format: chart.format) {
            out += "<line x1=\"\(x(value))\" y1=\"\(top - 4)\" x2=\"\(x(value))\" y2=\"\(axisY)\" stroke=\"#ddd\"/>\n"
            out += "<text class=\"a\" x=\"\(x(value))\" y=\"\(axisY + 16)\" text-anchor=\"middle\">\(Self.escape(text))</text>\n"
        }
        for (i, v) in chart.values.enumerated() {
            let y = top + row * i
            out += "<text x=\"\(plotLeft - 6)\" y=\"\(y + 15)\" text-anchor=\"end\">\(Self.escape(Self.cut(labels[i], to: 30)))</text>\n"
            guard v.isFinite else { continue }
            let (a, b) = (x(min(v, origin)), x(max(v, origin)))
            let fill = chart.marked == i ? Self.orange : v < origin ? Self.vermillion : Self.blue
            out += "<rect x=\"\(a)\" y=\"\(y + 3)\" width=\"\(max(1, b - a))\" height=\"16\" fill=\"\(fill)\"><title>\(Self.escape(labels[i])): \(Self.escape(shown[i]))</title></rect>\n"
            out += "<text x=\"\(max(a, b) + 6)\" y=\"\(y + 15)\">\(Self.escape(shown[i]))\(chart.marked == i ? " ◀ best" : "")</text>\n"
        }
        out += "<line x1=\"\(x(origin))\" y1=\"\(top - 4)\" x2=\"\(x(origin))\" y2=\"\(axisY)\" stroke=\"#000\"/>\n"
        out += "<line x1=\"\(plotLeft)\" y1=\"\(axisY)\" x2=\"\(plotRight)\" y2=\"\(axisY)\" stroke=\"#000\"/>\n"
        let names = AxisNames(title: chart.title, format: chart.format, currency: currency)
        out += "<text class=\"a\" x=\"\((plotLeft + plotRight) / 2)\" y=\"\(axisY + 36)\" text-anchor=\"middle\">\(Self.escape(names.value))</text>\n"
        out += "<text class=\"a\" x=\"\(plotLeft - 6)\" y=\"\(top - 8)\" text-anchor=\"end\">\(Self.escape(names.category))</text>\n"
        return out + "</svg>\n"
    }

    func line(_ chart: Chart) -> String {
        let height = lineHeight
        let left = 72, right = width - 36, top = 36, bottom = height - 56
        let scale = AxisScale(values: chart.values)
        let count = chart.values.count
        func x(_ i: Int) -> Int { count <= 1 ? (left + right) / 2 : left + Int((Double(i) / Double(count - 1) * Double(right - left)).rounded()) }
        func y(_ v: Double) -> Int { bottom - Int((scale.position(v) * Double(bottom - top)).rounded()) }
        var out = header(chart, height: height)
        for (value, text) in ticks(scale, format: chart.format) {
            out += "<line x1=\"\(left)\" y1=\"\(y(value))\" x2=\"\(right)\" y2=\"\(y(value))\" stroke=\"#ddd\"/>\n"
            out += "<text class=\"a\" x=\"\(left - 6)\" y=\"\(y(value) + 4)\" text-anchor=\"end\">\(Self.escape(text))</text>\n"
        }
        out += "<line x1=\"\(left)\" y1=\"\(bottom)\" x2=\"\(right)\" y2=\"\(bottom)\" stroke=\"#000\"/>\n"
        out += "<line x1=\"\(left)\" y1=\"\(top)\" x2=\"\(left)\" y2=\"\(bottom)\" stroke=\"#000\"/>\n"
        // at most eight labels along the bottom, evenly spaced, always the first and the last
        let every = max(1, Int((Double(count) / 8).rounded(.up)))
        // (a regular label too close to the last one gives way to it)
        for i in 0..<count where (i % every == 0 && (i == count - 1 || x(count - 1) - x(i) >= 64)) || i == count - 1 {
            out += "<text class=\"a\" x=\"\(x(i))\" y=\"\(bottom + 16)\" text-anchor=\"middle\">\(Self.escape(Self.cut(Self.printable(chart.labels[i]), to: 12)))</text>\n"
        }
        let points = chart.values.indices.filter { chart.values[$0].isFinite }
        out += "<polyline fill=\"none\" stroke=\"\(Self.blue)\" stroke-width=\"2\" points=\"" + points.map { "\(x($0)),\(y(chart.values[$0]))" }.joined(separator: " ") + "\"/>\n"
        for i in points {
            let shown = Value.double(chart.values[i]).display(chart.format, currency: currency)
            let marked = chart.marked == i
            out += "<circle cx=\"\(x(i))\" cy=\"\(y(chart.values[i]))\" r=\"\(marked ? 5 : 3)\" fill=\"\(marked ? Self.orange : Self.blue)\"><title>\(Self.escape(Self.printable(chart.labels[i]))): \(Self.escape(shown))</title></circle>\n"
            if marked { out += "<text x=\"\(x(i) + 8)\" y=\"\(y(chart.values[i]) - 8)\">best: \(Self.escape(shown))</text>\n" }
        }
        let names = AxisNames(title: chart.title, format: chart.format, currency: currency)
        out += "<text class=\"a\" x=\"\((left + right) / 2)\" y=\"\(bottom + 40)\" text-anchor=\"middle\">\(Self.escape(names.category))</text>\n"
        out += "<text class=\"a\" transform=\"translate(16 \((top + bottom) / 2)) rotate(-90)\" text-anchor=\"middle\">\(Self.escape(names.value))</text>\n"
        return out + "</svg>\n"
    }

    /// Text made safe for XML: markup characters escaped.
    static func escape(_ text: String) -> String {
        var out = ""
        for c in printable(text) {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }

    /// Control characters shown as text (``ControlCharacters``): XML forbids most of them.
    static func printable(_ text: String) -> String { ControlCharacters.escaped(text) }

    static func cut(_ text: String, to limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }
}
