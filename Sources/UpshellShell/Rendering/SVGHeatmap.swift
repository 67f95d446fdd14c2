extension SVGChartRenderer {
    /// A heat map: one row of cells per label, one column per name, shaded with ``HeatmapShading/blues``
    /// and labelled with the value (so colour is never the only cue), a legend, and axis titles.
    func heatmap(_ chart: Chart, columns: [String]) -> String {
        let shading = HeatmapShading(values: chart.values, columns: columns.count)
        let labels = chart.labels.map(Self.printable)
        let left = min(160, 7 * (labels.map(\.count).max() ?? 0) + 16), top = 56, row = 22
        let cell = max(30, min(64, (width - left - 16) / max(1, columns.count)))
        let gridBottom = top + row * labels.count
        let height = gridBottom + 70
        var out = header(chart, height: height)
        for (c, name) in columns.enumerated() {
            out += "<text class=\"a\" x=\"\(left + c * cell + cell / 2)\" y=\"\(top - 6)\" text-anchor=\"middle\">\(Self.escape(Self.cut(name, to: 8)))</text>\n"
        }
        for (r, label) in labels.enumerated() {
            let y = top + r * row
            out += "<text x=\"\(left - 6)\" y=\"\(y + 15)\" text-anchor=\"end\">\(Self.escape(Self.cut(label, to: 22)))</text>\n"
            for c in columns.indices {
                let v = chart.heatValue(row: r, column: c)
                guard let level = shading.level(v) else { continue }
                let text = Value.double(v).display(chart.format, currency: currency)
                out += "<rect x=\"\(left + c * cell)\" y=\"\(y)\" width=\"\(cell - 1)\" height=\"\(row - 1)\" fill=\"\(HeatmapShading.blues[level])\"><title>\(Self.escape(label)), \(Self.escape(columns[c])): \(Self.escape(text))</title></rect>\n"
                let ink = level >= 3 ? "#fff" : "#000"
                out += "<text x=\"\(left + c * cell + cell / 2)\" y=\"\(y + 15)\" text-anchor=\"middle\" style=\"fill:\(ink);font-size:10px\">\(Self.escape(text))</text>\n"
            }
        }
        let names = HeatmapAxisNames(title: chart.title)
        out += "<text class=\"a\" x=\"\(left + columns.count * cell / 2)\" y=\"\(top - 24)\" text-anchor=\"middle\">\(Self.escape(names.columns))</text>\n"
        out += "<text class=\"a\" x=\"8\" y=\"\(top - 6)\">\(Self.escape(names.rows))</text>\n"
        for level in 0...4 {
            let x = left + level * 72, y = gridBottom + 20
            let text = "≥ " + Value.double(shading.bandStart(level)).display(chart.format, currency: currency)
            out += "<rect x=\"\(x)\" y=\"\(y)\" width=\"14\" height=\"14\" fill=\"\(HeatmapShading.blues[level])\" stroke=\"#999\"/>\n"
            out += "<text class=\"a\" x=\"\(x + 18)\" y=\"\(y + 12)\">\(Self.escape(text))</text>\n"
        }
        out += "<text class=\"a\" x=\"\(left)\" y=\"\(gridBottom + 56)\">\(Self.escape(names.value))\(AxisNames.unit(chart.format, currency: currency).map { " (\(Self.escape($0)))" } ?? ""); blank: not observed</text>\n"
        return out + "</svg>\n"
    }
}

/// Axis titles of a heat map from its title, `"VALUE by ROWS × COLUMNS"`: e.g. `"Retention by cohort × months
/// since the first order"`.
struct HeatmapAxisNames: Equatable {
    var value: String
    var rows: String
    var columns: String

    init(title: String?) {
        let text = title ?? "value"
        guard let by = text.range(of: " by "), let times = text.range(of: " × ", range: by.upperBound..<text.endIndex) else {
            value = text; rows = ""; columns = ""
            return
        }
        value = String(text[..<by.lowerBound])
        rows = String(text[by.upperBound..<times.lowerBound])
        columns = String(text[times.upperBound...])
    }
}
