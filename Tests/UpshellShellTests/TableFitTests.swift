import Foundation
import Testing
@testable import UpshellShell

/// Tables wider than the terminal hide middle columns behind a `…` column and say which (DuckDB's CLI
/// habit), instead of wrapping lines; golden files at fixed widths, and checks that no line is wider.
@Suite struct TableFitTests {
    /// The columns of `sweep threshold`: eleven, about 150 characters wide in all.
    static let sweep: ResultTable = {
        var table = ResultTable(title: "Free-shipping threshold sweep", columns: [
            ResultColumn("threshold", .money), ResultColumn("top-ups", .decimal(0)), ResultColumn("AOV merch", .money),
            ResultColumn("Δ merch", .money), ResultColumn("Δ fees", .money), ResultColumn("Δ margin", .money),
            ResultColumn("Δ contribution", .money), ResultColumn("bootstrap low", .money), ResultColumn("bootstrap high", .money),
            ResultColumn("band low", .money), ResultColumn("band high", .money),
        ])
        for (i, t) in [40.0, 50, 60].enumerated() {
            let d = Double(i + 1)
            table.append([.double(t), .double(12 * d), .double(80 + d), .double(310 * d), .double(-95 * d), .double(120 * d),
                          .double(176.42 * d), .double(-20 * d), .double(350 * d), .double(90 * d), .double(260 * d)])
        }
        return table
    }()

    static func render(width: Int, fit: Bool = true) -> String {
        var settings = RenderSettings(width: width)
        settings.fitWidth = fit
        return TableRenderer(settings: settings).render(CommandOutput([.table(sweep)]), cell: nil, command: "").stdout
    }

    @Test(arguments: [60, 100])
    func wideTableMatchesItsGoldenFileAtFixedWidth(_ width: Int) throws {
        let text = Self.render(width: width)
        try ChartGoldenTests.compare(text, golden: "table-fit-\(width).txt")
        for line in text.split(separator: "\n") { #expect(String(line).displayWidth <= width, "'\(line)' is wider than \(width)") }
        #expect(text.contains("  …  "), "the hidden columns' place is marked")
        #expect(text.contains("columns not shown: ") && text.contains("'format line' shows every field"), "\(text)")
    }

    @Test func firstAndLastColumnsStayAndTheMiddleGoes() {
        // widths 9 + 7 + 10 + 10: all four need 9+7+10+10 + 3·2 = 42
        #expect(ColumnFit.choose([9, 7, 10, 10], limit: 42) == .all(4))
        // at 41: first (9) + "…" (2+1) + last (2+10) = 24, then second (2+7) = 33, then third (2+10) = 45 > 41
        #expect(ColumnFit.choose([9, 7, 10, 10], limit: 41) == ColumnFit(left: [0, 1], right: [3], hidden: [2]))
        #expect(ColumnFit.choose([50, 7, 10], limit: 30) == ColumnFit(left: [0], right: [], hidden: [1, 2]), "the first column always shows")
        // cutting every cell at 9 makes 9+7+9+9 + 6 = 40 ≤ 41
        #expect(ColumnFit.maxWidthThatFits([9, 7, 10, 10], limit: 41) == 9)
        #expect(ColumnFit.maxWidthThatFits([9, 7, 10, 10], limit: 10) == nil)
    }

    @Test func pipesAndNarrowTablesAreNotCut() {
        #expect(!Self.render(width: 60, fit: false).contains("not shown"), "not a terminal: every column")
        #expect(!Self.render(width: 200).contains("not shown"), "fits: every column")
        #expect(Self.render(width: 200).contains("band high"))
    }
}
