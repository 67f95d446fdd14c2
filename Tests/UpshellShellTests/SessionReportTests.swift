import Foundation
import Testing
@testable import UpshellShell

/// `export session report.html` (every result) and `export [n] FILE.html`: one self-contained HTML file.
@Suite struct SessionReportTests {
    @Test func exportSessionWritesEveryResultWithChartsAsInlineSVG() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("upshell-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let console = BufferConsole()
        let interpreter = Interpreter(session: Session(console: console))
        let path = dir.appendingPathComponent("r.html").path
        // [1] [2] [3] cells (tables), [4] a chart of [3], then the export
        #expect(interpreter.run("cells; cells; cells; chart [3] value=rows; export session \"\(path)\"") == 0, "\(console.stderr)")
        #expect(console.stdout.contains("wrote 4 results to \(path) (html report)"))
        let html = try String(contentsOfFile: path, encoding: .utf8)
        #expect(html.hasPrefix("<!doctype html>"))
        #expect(html.components(separatedBy: "<svg").count - 1 == 1, "one chart, one svg")
        #expect(html.components(separatedBy: "<section class=\"cell\">").count - 1 == 4)
        #expect(html.contains("<th class=\"num\">rows</th>") && html.contains("<td class=\"num\">1</td>"), "numbers right-aligned")
        #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("<script"))

        #expect(interpreter.run("export session \"\(dir.appendingPathComponent("r.csv").path)\"") == 1)
        #expect(console.stderr.contains("'export session' writes an HTML report"), "\(console.stderr)")
        #expect(interpreter.run("export [4] \"\(path)\"") == 1, "no overwrite without --force")
        #expect(interpreter.run("export [4] \"\(path)\" --force") == 0)
        #expect(try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "<section class=\"cell\">").count - 1 == 1)
    }

    @Test func controlCharactersFromDataAreEscapedInTheReport() {
        let table = ResultTable(title: "t", columns: [ResultColumn("product")], rows: [[.text("\u{1B}[2Jwiped <b>")]])
        let html = HTMLReport(title: "x", parts: [.commands(code: ["c"], results: [ReportResult(command: "c", output: CommandOutput([.table(table)]), currency: "$")], error: nil)]).render()
        #expect(html.contains("<td>\\u{1B}[2Jwiped &lt;b&gt;</td>"), "\(html)")
        #expect(!html.unicodeScalars.contains { $0.value == 0x1B })
    }
}
