import Foundation
import Testing
@testable import UpshellShell

/// Output sized for people: `maxwidth` cuts long cells with …, `maxrows` limits table rows and says how many
/// are not shown, `format line` prints one field per line, and control characters from data are escaped.
@Suite struct OutputSizingTests {
    static let table = ResultTable(title: "Products", columns: [ResultColumn("product"), ResultColumn("orders", .integer)],
                                   rows: [[.text("Crème brûlée torch with a very long name indeed"), .int(1234)],
                                          [.text("\u{1B}]0;pwned\u{07}Mug"), .int(5)],
                                          [.text("Tea"), .int(7)]])

    @Test func maxwidthCutsLongCellsWithAnEllipsis() {
        var settings = RenderSettings()
        settings.maxWidth = 12
        let text = TableRenderer(settings: settings).render(CommandOutput([.table(Self.table)]), cell: nil, command: "").stdout
        // 11 characters and … (12 in all); the escaped OSC sequence is cut the same way
        #expect(text.contains("\nCrème brûlé…   1,234\n"), "\(text)")
        #expect(text.contains("\n\\u{1B}]0;pw…       5\n"), "\(text)")
    }

    @Test func controlCharactersNeverReachTheTerminalRaw() {
        let text = TableRenderer(settings: RenderSettings()).render(CommandOutput([.table(Self.table)]), cell: nil, command: "").stdout
        #expect(text.contains("\\u{1B}]0;pwned\\u{7}Mug"), "\(text)")
        #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
        #expect(ControlCharacters.escaped("a\tb\nc\u{9B}d") == "a\tb\nc\\u{9B}d", "tab and line feed stay; C1 CSI is escaped")
    }

    @Test func formatLinePrintsOneFieldPerLine() {
        var settings = RenderSettings()
        settings.maxRows = 2
        let text = LineRenderer(settings: settings).render(CommandOutput([.table(Self.table)]), cell: nil, command: "").stdout
        #expect(text.hasPrefix("Products\n-[ RECORD 1 ]---\nproduct | Crème brûlée torch with a very long name indeed\norders  | 1,234\n-[ RECORD 2 ]---\n"), "\(text)")
        #expect(text.hasSuffix("… 1 more record (set maxrows = 0 shows all)\n"), "\(text)")
    }

    @Test func maxrowsAndMaxwidthAreSettings() {
        let console = BufferConsole()
        let session = Session(console: console)
        let interpreter = Interpreter(session: session)
        #expect(interpreter.run("set maxrows = 5; set maxwidth = 30") == 0, "\(console.stderr)")
        #expect(session.renderSettings.maxRows == 5 && session.renderSettings.maxWidth == 30)
        #expect(interpreter.run("set maxwidth = 2") == 1)
        #expect(console.stderr.contains("maxwidth must be a whole number from 4 to 100000"), "\(console.stderr)")
        #expect(interpreter.run("format line; cells; cells") == 0, "the second lists the first")
        #expect(console.stdout.contains("-[ RECORD 1 ]"), "\(console.stdout)")
    }
}
