import Testing
@testable import UpshellShell

@Suite struct RendererTests {
    static let table = ResultTable(
        title: "AOV by month",
        columns: [ResultColumn("month"), ResultColumn("orders", .integer), ResultColumn("aov", .money), ResultColumn("share", .percent(1))],
        rows: [[.text("2011-01"), .int(1234), .double(1234.5), .double(0.125)],
               [.text("2011-02, late"), .int(56), .double(-3), .null]])

    @Test func numberFormatting() {
        #expect(NumberFormat.grouped(1_234_567.891, decimals: 2) == "1,234,567.89")
        #expect(NumberFormat.grouped(-999.5, decimals: 0) == "-1,000")
        #expect(NumberFormat.grouped(-0.001, decimals: 2) == "0.00")
        #expect(NumberFormat.money(-3) == "-$3.00")
        #expect(NumberFormat.percent(0.125) == "12.5%")
        #expect(NumberFormat.plain(0.5) == "0.5")
        #expect(NumberFormat.plain(12) == "12")
    }

    @Test func tableModeAlignsAndFormats() {
        let out = TableRenderer(settings: RenderSettings()).render(CommandOutput([.table(Self.table)]), cell: 1, command: "x").stdout
        #expect(out == """
            AOV by month
            month          orders        aov  share
            ─────────────  ──────  ─────────  ─────
            2011-01         1,234  $1,234.50  12.5%
            2011-02, late      56     -$3.00      –

            """)
    }

    @Test func tableModeTruncatesLongTables() {
        var t = ResultTable(columns: [ResultColumn("n", .integer)])
        for i in 0..<45 { t.append([.int(i)]) }
        let out = TableRenderer(settings: RenderSettings(maxRows: 40)).render(.table(t), cell: nil, command: "x").stdout
        #expect(out.contains("… 5 more rows"))
        #expect(!out.contains("\n44\n"))
        let csv = CSVRenderer(settings: RenderSettings(maxRows: 40)).render(.table(t), cell: nil, command: "x").stdout
        #expect(csv.split(separator: "\n").count == 46)
    }

    @Test func csvIsExactlyParseable() {
        let r = CSVRenderer(settings: RenderSettings()).render(CommandOutput([.table(Self.table), .note("assumption")]), cell: 1, command: "x")
        #expect(r.stdout == "month,orders,aov,share\n2011-01,1234,1234.5,0.125\n\"2011-02, late\",56,-3,\n")
        #expect(r.stderr == "note: assumption\n")
    }

    @Test func jsonIsOneObjectPerCommand() {
        let r = JSONRenderer(settings: RenderSettings()).render(CommandOutput([.table(Self.table), .warning("small \"n\"")]), cell: 3, command: "aov by month")
        #expect(r.stdout == #"{"cell":3,"command":"aov by month","tables":[{"title":"AOV by month","columns":[{"name":"month","unit":"text"},{"name":"orders","unit":"count"},{"name":"aov","unit":"currency"},{"name":"share","unit":"fraction"}],"rows":[{"month":"2011-01","orders":1234,"aov":1234.5,"share":0.125},{"month":"2011-02, late","orders":56,"aov":-3,"share":null}]}],"values":[],"text":[],"notes":[],"warnings":["small \"n\""]}"# + "\n")
    }

    @Test func markdownTable() {
        let r = MarkdownRenderer(settings: RenderSettings()).render(.table(Self.table), cell: 1, command: "x")
        #expect(r.stdout.contains("| month | orders | aov | share |\n| --- | ---: | ---: | ---: |\n| 2011-01 | 1,234 | $1,234.50 | 12.5% |"))
    }

    @Test func barsAndSparklines() {
        let chart = Chart(kind: .bars, labels: ["a", "b"], values: [1, 2], format: .integer, marked: 1)
        let out = ChartRenderer(settings: RenderSettings(width: 40)).render(chart)
        let lines = out.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[1].hasSuffix("2  ◀ best"))
        #expect(lines[1].filter { $0 == "█" }.count > lines[0].filter { $0 == "█" }.count)
        #expect(ChartRenderer(settings: RenderSettings()).sparkline([1, 2, 3, 4, 5, 6, 7, 8]) == "▁▂▃▄▅▆▇█")
    }

    @Test func displayWidthCountsWideAndCombining() {
        #expect("Crème".displayWidth == 5)
        #expect("e\u{301}".displayWidth == 1)
        #expect("日本".displayWidth == 4)
    }
}

@Suite struct ScriptTests {
    @Test func statementsJoinContinuationsAndKeepLineNumbers() throws {
        let lines = try ScriptReader.lines(of: Array("help\r\n\npairs \\\n top=3\necho \"a\nb\"\n".utf8))
        #expect(ScriptReader.statements(of: lines) == [
            ScriptStatement(text: "help", line: 1),
            ScriptStatement(text: "pairs \\\n top=3", line: 3),
            ScriptStatement(text: "echo \"a\nb\"", line: 5)])
    }

    /// Issue 15: a script saved with a UTF-8 byte-order mark failed with "unknown command '\u{FEFF}echo'".
    @Test func aByteOrderMarkIsSkipped() throws {
        let lines = try ScriptReader.lines(of: [0xEF, 0xBB, 0xBF] + Array("echo hi\necho \u{FEFF}x\n".utf8))
        #expect(lines == ["echo hi", "echo \u{FEFF}x"])  // only the mark that starts the file
    }

    @Test func invalidUTF8IsReportedWithLineAndColumn() {
        #expect(throws: InvalidUTF8Error.self) { try ScriptReader.lines(of: [0x68, 0x0A, 0x61, 0x62, 0xE9, 0x0A]) }
        do {
            _ = try ScriptReader.lines(of: [0x68, 0x0A, 0x61, 0x62, 0xE9, 0x0A])
        } catch let e as InvalidUTF8Error {
            #expect(e.line == 2 && e.column == 3 && e.byte == 0xE9)
        } catch {}
    }

    @Test func scriptsStopAtTheFirstErrorUnlessKeepGoing() {
        for keepGoing in [false, true] {
            let console = BufferConsole()
            let session = Session(console: console)
            session.keepGoing = keepGoing
            let failures = ScriptRunner(interpreter: Interpreter(session: session)).run(lines: ["echo one", "nope", "echo two", "bad2"], name: "s.ups")
            #expect(failures == (keepGoing ? 2 : 1))
            #expect(console.stderr.hasPrefix("s.ups:2: unknown command 'nope'"))
            #expect(console.stdout == (keepGoing ? "one\ntwo\n" : "one\n"))
        }
    }

    @Test func cellsAreNumberedAndReferable() {
        let console = BufferConsole()
        let session = Session(console: console)
        let interpreter = Interpreter(session: session)
        session.variables["a"] = "1"
        #expect(interpreter.run("vars; echo hi; show [1]; show last") == 0)
        #expect(session.cells.keys.sorted() == [1, 3, 4])
        #expect(interpreter.run("show [2]") == 1)
        #expect(console.stderr.contains("cell [2] has no result"))
    }
}
