import Foundation
import Testing
@testable import UpshellData
@testable import UpshellShell

/// A `table=` load parses the rows as they arrive (``CSVStream``); when that cannot give the table the CSV would
/// (a column guessed as decimals holds text after the first 2,000 rows), the rows are read again as one CSV. The
/// reference is the `query=` load of the same rows, which always reads one CSV.
@Suite(.serialized) struct StreamedLoadTests {
    @Test func aTypeBreakAfterTheSampleIsReadAgainAsOneCSV() throws {
        guard let url = TestServer.url() else { return }
        let table = "upshell_late_text_\(UInt32.random(in: 0..<UInt32.max))"
        try ParallelLoadTests.execute(url, [
            "CREATE TABLE \(table) AS SELECT g AS order_id, 'p' || (g % 5) AS sku, 1 AS quantity, "
                + "CASE WHEN g = 6000 THEN 'n/a' ELSE (g % 7) || '.25' END AS weight FROM generate_series(1, 6000) AS g",
        ])
        defer { try? ParallelLoadTests.execute(url, ["DROP TABLE IF EXISTS \(table)"]) }
        let (streamed, streamedConsole) = TestServer.session("load \(url) table=\(table) threads=2 as t")
        let (whole, wholeConsole) = TestServer.session("load \(url) query=\"SELECT * FROM \(table)\" as t")
        let a = try streamed.datasets.resolve("t").table, b = try whole.datasets.resolve("t").table
        #expect(a.rowCount == 6_000)
        #expect(a.columns.map(\.name) == b.columns.map(\.name))
        #expect(a.columns[3].type == .text && b.columns[3].type == .text)
        #expect((0..<a.rowCount).map { a.rowStrings($0) } == (0..<b.rowCount).map { b.rowStrings($0) })
        let report: (String) -> [String] = { Array($0.components(separatedBy: "\n").dropFirst()) }
        #expect(report(streamedConsole.stdout) == report(wholeConsole.stdout))
        #expect(streamedConsole.stdout.contains("line 6001 has 'n/a'"), "\(streamedConsole.stdout)")
    }
}
