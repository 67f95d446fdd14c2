import Foundation
import Testing
import UpshellCore
@testable import UpshellShell

/// Issue 15 (floods): a 10 MB cell made `head` print 60 MB and `describe` take 9 s; a 10 MB file without a
/// newline echoed the whole "header" into the error message. Cells show at most 120 characters and
/// messages 1,000, cut with `…`; CSV and JSON keep the whole value (they are data, not display).
@Suite struct LongValueTests {
    static let huge = String(repeating: "x", count: 10_000_000)

    @Test func cutKeepsShortTextAndCutsLongText() {
        #expect(LongText.cut("Crème brûlée", to: 12) == "Crème brûlée")
        #expect(LongText.cut("Crème brûlée!", to: 12) == "Crème brûlé…")
        #expect(LongText.cut(Self.huge, to: 120).count == 120)
        #expect(LongText.cutMessage("short") == "short")
        #expect(LongText.cutMessage(Self.huge, to: 10) == "xxxxxxxxx… (10000000 bytes in all)")
    }

    @Test func aHugeCellIsCutInTablesButNotInCSV() {
        let table = ResultTable(columns: [ResultColumn("id"), ResultColumn("note")], rows: [[.text("1"), .text(Self.huge)]])
        let shown = TableRenderer(settings: RenderSettings()).render(CommandOutput([.table(table)]), cell: nil, command: "t").stdout
        #expect(shown.utf8.count < 1_000)
        #expect(shown.contains(String(repeating: "x", count: 119) + "…"))
        let csv = CSVRenderer(settings: RenderSettings()).render(CommandOutput([.table(table)]), cell: nil, command: "t").stdout
        #expect(csv.utf8.count > 10_000_000)
    }

    @Test func aFileWithoutNewlinesGivesAShortError() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("nonl-\(UUID().uuidString).csv")
        try Self.huge.write(to: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: path) }
        let console = BufferConsole()
        let failures = Interpreter(session: Session(console: console)).run("load \"\(path.path)\"")
        #expect(failures == 1)
        #expect(console.stderr.utf8.count < 1_500, "\(console.stderr.utf8.count) bytes")
        #expect(console.stderr.contains("has a header") && console.stderr.contains("bytes in all"))
    }
}
