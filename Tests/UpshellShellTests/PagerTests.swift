import Foundation
import Testing
@testable import UpshellShell

/// The pager decision (psql's and DuckDB's habit): only on a terminal, only when the setting is on, only
/// when the result has more lines than the screen holds below the prompt; `$PAGER` or `less -SRXF`.
@Suite struct PagerTests {
    static func lines(_ n: Int) -> String { (1...n).map { "row \($0)\n" }.joined() }

    @Test func pagesOnlyATerminalSessionWithTheSettingOn() {
        var settings = PagerSettings()
        #expect(!settings.shouldPage(Self.lines(500), screenRows: 24), "not a terminal: never")
        settings.onTerminal = true
        #expect(settings.shouldPage(Self.lines(500), screenRows: 24))
        settings.enabled = false
        #expect(!settings.shouldPage(Self.lines(500), screenRows: 24), "pager off")
        settings.enabled = true
        #expect(!settings.shouldPage(Self.lines(500), screenRows: nil), "height unknown")
    }

    @Test func pagesWhenRowsDoNotFitAboveThePrompt() {
        var settings = PagerSettings()
        settings.onTerminal = true
        // a 24-row screen shows 23 lines of output and the prompt line
        #expect(!settings.shouldPage(Self.lines(23), screenRows: 24))
        #expect(settings.shouldPage(Self.lines(24), screenRows: 24))
        #expect(!settings.shouldPage("", screenRows: 24))
        #expect(settings.shouldPage(Self.lines(23) + "no newline at the end", screenRows: 24))
        #expect(PagerSettings.lineCount(Self.lines(1000), atMost: 50) == 50, "counting stops at the screen")
    }

    @Test func pagerCommandComesFromTheEnvironment() {
        #expect(PagerSettings.command(environment: [:]) == "less -SRXF")
        #expect(PagerSettings.command(environment: ["PAGER": "  "]) == "less -SRXF")
        #expect(PagerSettings.command(environment: ["PAGER": "more"]) == "more")
    }

    @Test func pagerCommandSwitchesTheSettingAndScriptsNeverPage() {
        let console = BufferConsole()
        let session = Session(console: console)
        let interpreter = Interpreter(session: session)
        #expect(interpreter.run("pager off") == 0 && !session.pager.enabled)
        #expect(interpreter.run("pager on") == 0 && session.pager.enabled)
        #expect(interpreter.run("pager") == 0)
        #expect(console.stdout.contains("pager on (") && console.stdout.contains("not used here"), "\(console.stdout)")
        #expect(interpreter.run("pager maybe") == 1)
        #expect(console.stderr.contains("maybe"), "\(console.stderr)")
        // a session that is not at a terminal prints a long result itself
        #expect(interpreter.run("echo \"" + String(repeating: "x\n", count: 300) + "\"") == 0)
        #expect(console.stdout.components(separatedBy: "\n").count > 300)
    }

    @Test func aPagerThatCannotStartIsReported() {
        #expect(throws: PagerError.self) { try TerminalPager.show("text\n", command: "/nonexistent/pager-\(getpid())") }
        // `true` reads nothing and exits: the write ends at the broken pipe without killing the test process
        #expect(throws: Never.self) { try TerminalPager.show(Self.lines(100_000), command: "true") }
    }
}
