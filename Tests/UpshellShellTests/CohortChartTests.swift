import Foundation
import Testing
@testable import UpshellShell

/// The cohort retention heat map of `clv history`: its numbers against a second method, its terminal and SVG
/// drawings against golden files at fixed sizes, `export [n] FILE.svg`, and its place in the HTML report.
@Suite struct CohortChartTests {
    /// Seven customers over January–April 2025 (`Golden/cohort_orders.csv`, made for this test).
    static let orders = ChartGoldenTests.folder.appendingPathComponent("cohort_orders.csv").path

    /// Retention by cohort (rows) and month since the first order (columns), NaN where not observed, from
    /// `python3 Scripts/reference/cohort_retention.py Tests/UpshellShellTests/Golden/cohort_orders.csv`
    /// (pandas: distinct customers per cohort month and offset over cohort size) — and by hand: January's
    /// c1, c2, c3 with c1 back in February and April and c3 in March; February's c4 (back in March) and c5;
    /// March's c6 (back in April); April's c7.
    static let reference: [[Double]] = [
        [1.000000, 0.333333, 0.333333, 0.333333],
        [1.000000, 0.500000, 0.000000, .nan],
        [1.000000, 1.000000, .nan, .nan],
        [1.000000, .nan, .nan, .nan],
    ]

    static func history() throws -> (Interpreter, BufferConsole, Chart) {
        let console = BufferConsole()
        let interpreter = Interpreter(session: Session(console: console))
        #expect(interpreter.run("load \"\(orders)\" as cohorts; clv history") == 0, "\(console.stderr)")
        let cell = try interpreter.session.cell(.last)
        let chart = try #require(cell.output.blocks.lazy.compactMap { block -> Chart? in
            if case .chart(let c) = block { return c }
            return nil
        }.first)
        return (interpreter, console, chart)
    }

    @Test func retentionMatchesTheSecondMethod() throws {
        let (_, _, chart) = try Self.history()
        #expect(chart.kind == .heatmap(columns: ["m0", "m1", "m2", "m3"]))
        #expect(chart.labels == ["2025-01", "2025-02", "2025-03", "2025-04"])
        for (r, row) in Self.reference.enumerated() {
            for (c, expected) in row.enumerated() {
                let actual = chart.heatValue(row: r, column: c)
                if expected.isNaN {
                    #expect(actual.isNaN, "cohort \(r) m\(c) is not observed")
                } else {
                    #expect(abs(actual - expected) < 1e-6, "cohort \(r) m\(c): \(actual) vs \(expected)")
                }
            }
        }
        // its data table (csv/json/export) has one column per month, empty where not observed
        #expect(chart.table.columns.map(\.name) == ["label", "m0", "m1", "m2", "m3"])
        #expect(chart.table.rows[3][2] == .null)
    }

    @Test(arguments: [30, 100])
    func terminalHeatmapMatchesItsGoldenFile(_ width: Int) throws {
        let (_, _, chart) = try Self.history()
        let text = ChartRenderer(settings: RenderSettings(width: width)).render(chart)
        try ChartGoldenTests.compare(text, golden: "cohort-retention-\(width).txt")
        // shades scale to the largest value after m0 (March's 100 % in m1): 1/3 is level round(4/3) = 1 (░),
        // 1/2 level 2 (▒), 0 level 0 (blank shade, value shown); m0 is always █
        if width == 100 { #expect(text.contains("\n  2025-01 █ 100% ░  33% ░  33% ░  33%\n  2025-02 █ 100% ▒  50%     0%\n"), "\(text)") }
        if width == 30 { #expect(text.contains("m3…m3 not shown") || text.contains("m3 not shown"), "\(text)") }
    }

    @Test func svgHeatmapMatchesItsGoldenFileAndIsExported() throws {
        let (interpreter, console, chart) = try Self.history()
        let svg = SVGChartRenderer(width: 480).render(chart)
        try ChartGoldenTests.compare(svg, golden: "cohort-retention.svg")
        // one shaded cell per observed month: 4 + 3 + 2 + 1, plus five legend swatches
        #expect(svg.components(separatedBy: "<rect ").count - 1 == 10 + 5)
        #expect(svg.contains(">months since the first order<") && svg.contains(">cohort<") && svg.contains("Retention (%)"))
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("upshell-cohort-\(UUID().uuidString).svg").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(interpreter.run("export last \"\(path)\"") == 0, "\(console.stderr)")
        let written = try String(contentsOfFile: path, encoding: .utf8)
        #expect(written.hasPrefix("<svg xmlns=") && written.contains("Retention by cohort"))
        let cell = try interpreter.session.cell(.number(2))
        let html = HTMLReport(title: "r", parts: [.commands(code: ["clv history"], results: [ReportResult(command: "clv history", output: cell.output, currency: "$")], error: nil)]).render()
        #expect(html.contains("<svg") && html.contains("Retention by cohort"), "the report draws the heat map")
    }
}
