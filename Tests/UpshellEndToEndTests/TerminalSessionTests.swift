import Foundation
import Testing

/// The shell in a real terminal (tmux): completion, history across restarts, Ctrl-C, UTF-8 editing.
/// Needs `tmux` on the PATH (CI installs it with apt).
@Suite("Terminal session", .serialized, .timeLimit(.minutes(2)))
struct TerminalSessionTests {
    /// Starts a shell and waits for its first prompt.
    private func startedShell(scratch: URL? = nil) throws -> TerminalDriver {
        let driver = try TerminalDriver(scratch: scratch)
        try driver.start()
        #expect(driver.waitFor(text: "upshell>"), "first prompt; screen: \(driver.screen())")
        return driver
    }

    /// The last row holding a prompt.
    private func promptRow(_ driver: TerminalDriver) -> String {
        driver.screen().last { $0.contains("upshell>") } ?? ""
    }

    @Test("TAB completes a command word and adds a space")
    func completesCommandWord() throws {
        let shell = try startedShell()
        defer { shell.kill() }
        try shell.type("hel")
        try shell.send(keys: "Tab")
        #expect(shell.waitFor(text: "upshell> help"), "screen: \(shell.screen())")
        // The space after "help" is invisible on screen; the cursor shows it.
        let row = promptRow(shell)
        let helpEnd = row.range(of: "upshell> help").map { row.distance(from: row.startIndex, to: $0.upperBound) }
        #expect(shell.waitFor(timeout: 2) { _ in shell.cursorColumn() == helpEnd.map { $0 + 1 } },
            "cursor \(String(describing: shell.cursorColumn())) after 'help ' in \(row)")
    }

    @Test("TAB completes loaded dataset names and file paths")
    func completesDatasetsAndPaths() throws {
        let shell = try startedShell()
        defer { shell.kill() }
        // The demo store is loaded at start: 'demo', 'demo-products', 'demo-customers'.
        #expect(shell.waitFor(text: "'demo' loaded"), "screen: \(shell.screen())")
        try shell.type("describe de")
        try shell.send(keys: "Tab")
        #expect(shell.waitFor { _ in self.promptRow(shell).hasSuffix("describe demo") }, "screen: \(shell.screen())")
        try shell.send(keys: "C-c")
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
        try shell.type("load \(root)/Datasets/de")
        try shell.send(keys: "Tab")
        #expect(shell.waitFor { _ in self.promptRow(shell).hasSuffix("Datasets/demo/") }, "screen: \(shell.screen())")
    }

    @Test("the rc file runs at interactive start-up, and --no-rc skips it")
    func rcFileRunsAtStartUp() throws {
        let driver = try TerminalDriver(scratch: nil)
        let rc = driver.scratch.appendingPathComponent("config/upshell/rc")
        try FileManager.default.createDirectory(at: rc.deletingLastPathComponent(), withIntermediateDirectories: true)
        // issue 15: a bad line in the rc file is reported and the rest still runs (as psql does with psqlrc)
        try "bogus-command\nset greeting = from-rc\n".write(to: rc, atomically: true, encoding: .utf8)
        try driver.start(arguments: [])
        defer { driver.kill() }
        #expect(driver.waitFor(text: "upshell>"), "screen: \(driver.screen())")
        try driver.type("echo \"got $greeting\"")
        try driver.send(keys: "Enter")
        #expect(driver.waitFor(text: "got from-rc"), "screen: \(driver.screen())")
        #expect(driver.screen().contains { $0.contains("rc:1: unknown command 'bogus-command'") }, "screen: \(driver.screen())")
        #expect(driver.screen().contains { $0.contains("1 line of") && $0.contains("failed") }, "screen: \(driver.screen())")

        let skipped = try TerminalDriver(scratch: driver.scratch)
        try skipped.start(arguments: ["--no-rc"])
        defer { skipped.kill() }
        #expect(skipped.waitFor(text: "upshell>"), "screen: \(skipped.screen())")
        try skipped.type("echo \"got $greeting\"")
        try skipped.send(keys: "Enter")
        #expect(skipped.waitFor(text: "unknown variable '$greeting'"), "screen: \(skipped.screen())")
    }

    /// Issue 15: a history file that stops being writable mid-session gives one warning (it used to give
    /// none: the error was kept and never shown), not one per command, and the session goes on. (A folder
    /// replaces the file: root ignores permissions, so a read-only file would not fail here.)
    @Test("a history file that cannot be written gives one warning")
    func unwritableHistoryWarnsOnce() throws {
        let driver = try startedShell()
        defer { driver.kill() }
        try driver.type("echo line-1")
        try driver.send(keys: "Enter")
        #expect(driver.waitFor(text: "line-1"), "screen: \(driver.screen())")
        try? FileManager.default.removeItem(at: driver.historyFile)
        try FileManager.default.createDirectory(at: driver.historyFile, withIntermediateDirectories: true)
        for k in 2...4 {
            try driver.type("echo line-\(k)")
            try driver.send(keys: "Enter")
        }
        #expect(driver.waitFor(text: "line-4"), "screen: \(driver.screen())")
        let warnings = driver.screen().filter { $0.contains("history is not saved") }
        #expect(warnings.count == 1, "screen: \(driver.screen())")
    }

    @Test("a command run before quitting is recalled with Up after a restart")
    func historySurvivesRestart() throws {
        let first = try startedShell()
        try first.type("set x = 1")
        try first.send(keys: "Enter")
        #expect(first.waitFor { TerminalDriver.promptCount($0) >= 2 }, "screen: \(first.screen())")
        try first.type("quit")
        try first.send(keys: "Enter")
        #expect(first.waitForExit(), "quit leaves the shell")
        first.kill()
        let history = (try? String(contentsOf: first.historyFile, encoding: .utf8)) ?? ""
        #expect(history.contains("set x = 1\n"), "history file: \(history)")

        let second = try startedShell(scratch: first.scratch)
        defer { second.kill() }
        try second.send(keys: "Up")
        #expect(second.waitFor { _ in self.promptRow(second).hasSuffix("upshell> quit") },
            "Up recalls the last command first; screen: \(second.screen())")
        try second.send(keys: "Up")
        #expect(second.waitFor { _ in self.promptRow(second).hasSuffix("upshell> set x = 1") },
            "screen: \(second.screen())")
    }

    @Test("Ctrl-C during a long command returns to the prompt and the session stays usable")
    func interruptsRunningCommand() throws {
        let shell = try startedShell()
        defer { shell.kill() }
        try shell.type("sleep 30")
        try shell.send(keys: "Enter")
        usleep(1_000_000)
        let prompts = shell.promptCount()
        try shell.send(keys: "C-c")
        #expect(shell.waitFor(timeout: 2) { TerminalDriver.promptCount($0) > prompts },
            "a new prompt within 2 s; screen: \(shell.screen())")
        #expect(shell.isRunning)
        try shell.type("echo still here")
        try shell.send(keys: "Enter")
        #expect(shell.waitFor { rows in rows.contains { $0.trimmingCharacters(in: .whitespaces) == "still here" } },
            "the next command runs; screen: \(shell.screen())")
    }

    @Test("UTF-8 text is edited by character: move left, delete é")
    func editsUTF8() throws {
        let shell = try startedShell()
        defer { shell.kill() }
        try shell.type("echo \"Crème brûlée\"")
        #expect(shell.waitFor(text: "echo \"Crème brûlée\""), "typed text intact; screen: \(shell.screen())")
        try shell.send(keys: "Left", "Left", "BSpace")
        #expect(shell.waitFor { _ in self.promptRow(shell).hasSuffix("echo \"Crème brûle\"") },
            "é before the last e deleted; screen: \(shell.screen())")
        // The cursor sits before `e"`: two cells left of the end of the line.
        let row = promptRow(shell)
        #expect(shell.cursorColumn() == row.count - 2, "cursor in \(row)")
        try shell.type("X")
        #expect(shell.waitFor { _ in self.promptRow(shell).hasSuffix("echo \"Crème brûlXe\"") },
            "insert after a multi-byte character; screen: \(shell.screen())")
        try shell.send(keys: "Enter")
        #expect(shell.waitFor { rows in rows.contains { !$0.contains("upshell>") && $0.contains("Crème brûlXe") } },
            "the edited text reaches the command; screen: \(shell.screen())")
    }

    @Test("Ctrl-C on a half-typed line clears it and shows a fresh prompt")
    func interruptClearsLine() throws {
        let shell = try startedShell()
        defer { shell.kill() }
        try shell.type("set y = 2")
        #expect(shell.waitFor(text: "upshell> set y = 2"))
        let prompts = shell.promptCount()
        try shell.send(keys: "C-c")
        #expect(shell.waitFor(timeout: 2) { TerminalDriver.promptCount($0) > prompts }, "screen: \(shell.screen())")
        #expect(promptRow(shell).hasSuffix("upshell>"), "the new line is empty: \(promptRow(shell))")
        try shell.type("echo fresh")
        try shell.send(keys: "Enter")
        #expect(shell.waitFor { rows in rows.contains { $0.trimmingCharacters(in: .whitespaces) == "fresh" } },
            "only the new text runs; screen: \(shell.screen())")
        let history = (try? String(contentsOf: shell.historyFile, encoding: .utf8)) ?? ""
        #expect(!history.contains("set y = 2"), "an abandoned line is not history: \(history)")
    }

    @Test("Ctrl-D on an empty line leaves the shell")
    func endOfInputQuits() throws {
        let shell = try startedShell()
        defer { shell.kill() }
        try shell.send(keys: "C-d")
        #expect(shell.waitForExit(), "screen: \(shell.screen())")
    }
}
