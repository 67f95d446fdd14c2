import Foundation
import Testing
@testable import UpshellShell

/// Charts at fixed sizes against golden files (`Golden/*.svg`, `Golden/*.txt`): the terminal's block-character
/// bars and sparklines and their SVG drawings. `UPSHELL_RECORD=1` rewrites the files and fails the run, so
/// every change of a drawing is reviewed as a diff. Independent checks of the SVG (one bar per value, the
/// marked bar in the palette's orange and named in words, axis titles with units, escaped text) stand beside.
@Suite struct ChartGoldenTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    /// A threshold sweep as `sweep threshold` draws it: losses below the baseline, the best value marked.
    static let sweep = Chart(kind: .bars, title: "Δ contribution per 1,000 orders by threshold (◀ best)",
                             labels: ["$20.00", "$30.00", "$40.00", "$50.00", "$60.00", "$70.00"],
                             values: [-1826.71, -742.55, -179.29, 0, 176.42, 306.66], format: .money, marked: 5)
    static let histogram = Chart(kind: .histogram, title: "Orders by order value",
                                 labels: ["0–25", "25–50", "50–100", "100–200", "200+"],
                                 values: [1200, 3400, 5100, 2900, 640], format: .integer)
    static let line = Chart(kind: .sparkline, title: "aov by month",
                            labels: (1...12).map { String(format: "2025-%02d", $0) },
                            values: [86.69, 96.84, 107.52, 92.54, 100.39, 96.79, 97.91, 88.54, 108.46, 103.36, 98.66, 105.03],
                            format: .money, marked: 8)

    static func compare(_ actual: String, golden name: String) throws {
        let url = folder.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["UPSHELL_RECORD"] == "1" {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try actual.write(to: url, atomically: true, encoding: .utf8)
            Issue.record("recorded \(name); review the diff and run again without UPSHELL_RECORD")
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("golden file \(name) is missing; record it with UPSHELL_RECORD=1")
            return
        }
        #expect(actual == expected, "\(name) differs from its golden file")
    }

    @Test(arguments: [("sweep", sweep), ("histogram", histogram), ("line", line)])
    func svgMatchesItsGoldenFile(_ name: String, _ chart: Chart) throws {
        try Self.compare(SVGChartRenderer(width: 640, currency: "$").render(chart), golden: "\(name).svg")
    }

    @Test(arguments: [("sweep", sweep), ("histogram", histogram), ("line", line)])
    func terminalChartMatchesItsGoldenFile(_ name: String, _ chart: Chart) throws {
        try Self.compare(ChartRenderer(settings: RenderSettings(color: false, width: 80)).render(chart), golden: "\(name).txt")
    }

    @Test func barsHaveOneRectPerValueTheBestMarkedAndUnitsOnTheAxis() {
        let svg = SVGChartRenderer(currency: "£").render(Self.sweep)
        #expect(svg.components(separatedBy: "<rect ").count - 1 == Self.sweep.values.count)
        #expect(svg.components(separatedBy: "fill=\"#E69F00\"").count - 1 == 1, "one bar in Okabe–Ito orange")
        #expect(svg.contains("£306.66 ◀ best"))
        #expect(svg.contains(">Δ contribution per 1,000 orders (£)</text>"), "value axis: measure and unit")
        #expect(svg.contains(">threshold</text>"), "category axis")
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(!SVGChartRenderer(standalone: false).render(Self.sweep).contains("http"), "inline SVG in a report names no URL")
    }

    @Test func lineChartsPlotEveryPointWithTheUnitOnTheValueAxis() {
        let svg = SVGChartRenderer().render(Self.line)
        #expect(svg.components(separatedBy: "<circle ").count - 1 == 12)
        #expect(svg.contains(">aov ($)</text>"))
        #expect(svg.contains("best: $108.46"))
    }

    @Test func controlCharactersAndMarkupInLabelsAreEscaped() {
        let chart = Chart(kind: .bars, title: "x <b> & y", labels: ["\u{1B}[31mred", "a\"b"], values: [1, 2], format: .integer)
        let svg = SVGChartRenderer().render(chart)
        #expect(!svg.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "no raw control characters")
        #expect(svg.contains("\\u{1B}[31mred"))
        #expect(svg.contains("x &lt;b&gt; &amp; y"))
        #expect(svg.contains("a&quot;b"))
    }

    @Test func exportDrawsSVGAndWritesAChartToCSVAsItsDataSayingSo() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("upshell-svg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let console = BufferConsole()
        let interpreter = Interpreter(session: Session(console: console))
        // [1] and [2] cells, [3] cells listing them (rows 0 and 1), [4] a chart of [3]
        #expect(interpreter.run("cells; cells; cells; chart [3] value=rows") == 0, "\(console.stderr)")
        let svg = dir.appendingPathComponent("c.svg").path, csv = dir.appendingPathComponent("c.csv").path
        #expect(interpreter.run("export [4] \"\(svg)\"; export [4] \"\(csv)\"; export [3] \"\(dir.appendingPathComponent("t.svg").path)\"") == 0, "\(console.stderr)")
        #expect(console.stdout.contains("wrote the chart of [4] to \(svg) (svg, 2 values: rows by cell)"), "\(console.stdout)")
        #expect(console.stdout.contains("(csv, 2 rows); its chart is written as data (label, value): export [4] FILE.svg draws it"), "\(console.stdout)")
        #expect(try String(contentsOfFile: svg, encoding: .utf8).components(separatedBy: "<rect ").count - 1 == 2)
        #expect(try String(contentsOfFile: csv, encoding: .utf8) == "label,value\n[1],0\n[2],1\n")
        #expect(interpreter.run("echo x; export [8] \"\(svg)\" --force") == 1)
        #expect(console.stderr.contains("cell [8] has no result"), "\(console.stderr)")
    }

    /// Nice steps (Heckbert 1990): 1, 2 or 5 × 10^k covering the data.
    @Test func axisStepsAreNice() {
        let money = AxisScale(values: [-1826.71, 306.66])
        #expect(money.low == -2000 && money.high == 500 && money.step == 500)
        let shares = AxisScale(values: [0.12, 0.31])
        #expect(shares.step == 0.05 && abs(shares.low - 0.10) < 1e-12 && abs(shares.high - 0.35) < 1e-12)
        #expect(AxisScale.nice(0.038) == 0.05)
        #expect(AxisScale.nice(130) == 200)
    }
}
