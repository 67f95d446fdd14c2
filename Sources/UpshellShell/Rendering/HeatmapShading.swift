import UpshellCore

/// How a heat map's values map to shades: five levels over `0…scaleMax`, where `scaleMax` is the largest
/// value outside the first column (month 0 of a cohort triangle is 100 % by definition and would wash the
/// rest out); values above it take the darkest level.
struct HeatmapShading: Equatable {
    /// The value that takes the darkest level.
    var scaleMax: Double

    /// Shading for `chart`'s values laid out in `columns` columns.
    init(values: [Double], columns: Int) {
        let rest = values.indices.filter { columns > 1 && $0 % columns != 0 }.map { values[$0] }.filter(\.isFinite)
        let all = values.filter(\.isFinite)
        scaleMax = max(0, (rest.max() ?? all.max()) ?? 0)
    }

    /// The level (0 = lightest … 4 = darkest) of `value`, `nil` for a cell not observed.
    func level(_ value: Double) -> Int? {
        guard value.isFinite else { return nil }
        guard scaleMax > 0 else { return 0 }
        return min(4, max(0, Int((value / scaleMax * 4).rounded())))
    }

    /// The lower value of each level's band, for the legend: level k covers `(k − ½, k + ½] · scaleMax / 4`.
    func bandStart(_ level: Int) -> Double { max(0, (Double(level) - 0.5) * scaleMax / 4) }

    /// Terminal shades, lightest first: a blank, then ░ ▒ ▓ █.
    static let blocks: [Character] = [" ", "░", "▒", "▓", "█"]
    /// ColorBrewer's sequential "Blues" in five classes (Brewer 2003; marked colour-blind safe on colorbrewer2.org).
    static let blues = ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"]
}

extension ChartRenderer {
    /// A heat map as a table of shaded cells (`▓ 23.0%`): one row per label, as many columns as fit the width,
    /// a legend of the shades, and a line naming the columns not shown.
    func heatmap(_ chart: Chart, columns: [String]) -> String {
        let shading = HeatmapShading(values: chart.values, columns: columns.count)
        let shown = chart.values.map { $0.isFinite ? Value.double($0).display(chart.format, currency: settings.currency) : "" }
        let labelWidth = min(24, max(6, chart.labels.map(\.displayWidth).max() ?? 0))
        let valueWidth = max(columns.map(\.displayWidth).max() ?? 0, shown.map(\.displayWidth).max() ?? 0)
        let cellWidth = valueWidth + 2
        let fitting = max(1, (settings.width - labelWidth - 2) / (cellWidth + 1))
        let count = min(columns.count, fitting)
        func pad(_ s: String, _ w: Int, right: Bool) -> String {
            let p = String(repeating: " ", count: max(0, w - s.displayWidth))
            return right ? p + s : s + p
        }
        var out = "  " + pad("", labelWidth, right: false)
        for c in 0..<count { out += " " + pad(columns[c], cellWidth, right: true) }
        out += "\n"
        for (r, label) in chart.labels.enumerated() {
            out += "  " + pad(LongText.cut(label, to: labelWidth), labelWidth, right: false)
            for c in 0..<count {
                let v = chart.heatValue(row: r, column: c)
                let text = r * columns.count + c < shown.count ? shown[r * columns.count + c] : ""
                let block = shading.level(v).map { String(HeatmapShading.blocks[$0]) } ?? " "
                out += " " + block + " " + pad(text, valueWidth, right: true)
            }
            while out.hasSuffix(" ") { out.removeLast() }
            out += "\n"
        }
        let legend = (1...4).map { "\(HeatmapShading.blocks[$0]) ≥ " + Value.double(shading.bandStart($0)).display(chart.format, currency: settings.currency) }
        out += "  shades: " + legend.joined(separator: "  ") + "; blank: not observed\n"
        if count < columns.count {
            let hidden = count == columns.count - 1 ? columns[count] : "\(columns[count])…\(columns[columns.count - 1])"
            out += "  \(hidden) not shown (\(settings.width) characters wide); export [n] FILE.svg draws them all\n"
        }
        return out
    }
}
