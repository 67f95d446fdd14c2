import Testing
@testable import UpshellShell

@Suite struct LexerTests {
    func words(_ text: String) throws -> [[String]] {
        try Lexer.commands(in: text).map { $0.tokens.map(\.text) }
    }

    @Test func splitsWordsQuotesAndCommands() throws {
        #expect(try words("pairs top=10 min-support=0.5%") == [["pairs", "top=10", "min-support=0.5%"]])
        #expect(try words("rules then=\"phone case\"") == [["rules", "then=phone case"]])
        #expect(try words("a 'b c' \"d \\\"e\\\"\"") == [["a", "b c", "d \"e\""]])
        #expect(try words("load x.csv; aov by month ;; help") == [["load", "x.csv"], ["aov", "by", "month"], ["help"]])
        #expect(try words("# only a comment") == [])
        #expect(try words("help # trailing comment") == [["help"]])
        #expect(try words("echo a#b") == [["echo", "a#b"]])
        #expect(try words("echo \"a;b\"") == [["echo", "a;b"]])
    }

    @Test func continuationJoinsLines() throws {
        #expect(try words("pairs \\\n top=10") == [["pairs", "top=10"]])
        #expect(try words("echo \"two\nlines\"") == [["echo", "two\nlines"]])
        #expect(try words("help\nvars") == [["help"], ["vars"]])
    }

    @Test func isCompleteTracksQuotesAndBackslashes() {
        #expect(Lexer.isComplete("pairs top=10"))
        #expect(!Lexer.isComplete("pairs \\"))
        #expect(!Lexer.isComplete("echo \"open"))
        #expect(Lexer.isComplete("echo \"open\nclosed\""))
        #expect(!Lexer.isComplete("echo 'it"))
        #expect(Lexer.isComplete("echo \"a \\\" b\""))
        #expect(Lexer.isComplete("# it's a comment"))
    }

    @Test func unbalancedQuoteIsAnErrorWithItsPosition() {
        do {
            _ = try Lexer.commands(in: "echo \"abc")
            Issue.record("expected an error")
        } catch let error as LanguageError {
            #expect(error.message.contains("unbalanced quote"))
            #expect(error.range == 5..<6)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func variablesExpandOutsideSingleQuotes() throws {
        let vars = ["t": "50", "p": "Crème brûlée torch"]
        let cmds = try Lexer.commands(in: "x $t ${t} '$t' \"$t\" $50 for=$p", variables: { vars[$0] })
        #expect(cmds[0].tokens.map(\.text) == ["x", "50", "50", "$t", "50", "$50", "for=Crème brûlée torch"])
        #expect(throws: LanguageError.self) { try Lexer.commands(in: "x $nope", variables: { vars[$0] }) }
    }

    @Test func listItemsRespectQuotedCommas() throws {
        let token = try Lexer.commands(in: "cart \"espresso beans, 1kg\",\"paper filters\",mugs")[0].tokens[1]
        #expect(token.listItems == ["espresso beans, 1kg", "paper filters", "mugs"])
    }

    @Test func keyValueNeedsAPlainKey() throws {
        let tokens = try Lexer.commands(in: "x min-support=0.1% price>=5 \"a=b\" then=\"x y\"")[0].tokens
        #expect(tokens[1].keyValue?.key == "min-support")
        #expect(tokens[1].keyValue?.value.text == "0.1%")
        #expect(tokens[2].keyValue == nil)
        #expect(tokens[3].keyValue == nil)
        #expect(tokens[4].keyValue?.value.text == "x y")
    }

    @Test func aMegabyteLineLexes() throws {
        let long = "echo " + String(repeating: "a", count: 1_000_000)
        let cmds = try Lexer.commands(in: long)
        #expect(cmds[0].tokens[1].text.count == 1_000_000)
    }
}

@Suite struct ValueParserTests {
    @Test func sharesMoneyNumbers() {
        #expect(ValueParser.share("0.5%") == 0.005)
        #expect(ValueParser.share("0.005") == 0.005)
        #expect(ValueParser.share("0.5%%") == nil)
        #expect(ValueParser.share("abc") == nil)
        #expect(ValueParser.money("$50") == 50)
        #expect(ValueParser.money("49.95") == 49.95)
        #expect(ValueParser.money("€20") == 20)
        #expect(ValueParser.money("-$5") == -5)
        #expect(ValueParser.number("nan") == nil)
        #expect(ValueParser.number("1e3") == 1000)
        #expect(ValueParser.integer("10_000") == 10_000)
    }

    @Test func rangesDatesDurationsCells() {
        #expect(ValueParser.range("20..100") == NumberRange(lower: 20, upper: 100, isShare: false))
        #expect(ValueParser.range("0..30%") == NumberRange(lower: 0, upper: 0.3, isShare: true))
        #expect(ValueParser.range("$20..$100")?.upper == 100)
        #expect(ValueParser.range("100..20") == nil)
        // a bare lower bound beside a percentage is a percentage: 20..80% is 20 %..80 % (was rejected as 20 > 0.8)
        #expect(ValueParser.range("20..80%") == NumberRange(lower: 0.2, upper: 0.8, isShare: true))
        #expect(ValueParser.range("80..20%") == nil)
        #expect(ValueParser.date("2011-12-09") == 1_323_388_800)
        #expect(ValueParser.date("2011-12") == ValueParser.date("2011-12-01"))
        #expect(ValueParser.date("2011-12-09T01:01") == Int64(1_323_392_460))  // 1_323_388_800 + 1 h 1 min
        #expect(ValueParser.date("2011-02-30") == nil)
        #expect(ValueParser.duration("52w") == 364)
        #expect(ValueParser.duration("0d") == nil)
        #expect(ValueParser.cell("[7]") == .number(7))
        #expect(ValueParser.cell("last") == .last)
        #expect(ValueParser.cell("[0]") == nil)
    }
}

@Suite struct CommandTextsTests {
    @Test func splitsAtSemicolonsAndNewlinesOutsideQuotes() throws {
        #expect(try Lexer.commandTexts(in: "set x = 1; echo $x") == ["set x = 1", " echo $x"])
        #expect(try Lexer.commandTexts(in: "echo \"a;b\" ; echo 'c\nd'") == ["echo \"a;b\" ", " echo 'c\nd'"])
        #expect(try Lexer.commandTexts(in: "pairs \\\n top=3\n# comment\nhelp # tail") == ["pairs   top=3", "help "])
        #expect(throws: LanguageError.self) { try Lexer.commandTexts(in: "echo \"open") }
    }

    @Test func laterCommandsSeeEarlierVariables() {
        let console = BufferConsole()
        let session = Session(console: console)
        #expect(Interpreter(session: session).run("set x = 2; echo \"x=$x\"") == 0)
        #expect(console.stdout == "x=2\n")
    }
}
