import Foundation
import Testing
@testable import UpshellShell

/// `save session` then replay: every command keeps its cell number, so `[n]`, `last` and `$name` point at the
/// same results after a command failed, was not saved (`save`, `source`), or ran from a sourced script.
@Suite struct SavedSessionReplayTests {
    static let demo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Datasets/demo").path

    static func folder() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("upshell-replay-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Runs `script` line by line (each line one entry, as typed at the prompt) and returns the session.
    static func session(running lines: [String]) -> (Session, BufferConsole) {
        let console = BufferConsole()
        let session = Session(console: console)
        let interpreter = Interpreter(session: session)
        for line in lines { interpreter.run(line) }
        return (session, console)
    }

    /// Cell number → (command, rendered output) of every cell with a result.
    static func results(_ session: Session) -> [Int: String] {
        session.cells.mapValues { cell in
            cell.command + "\n" + OutputFormat.csv.renderer(session.renderSettings).render(cell.output, cell: nil, command: cell.command).stdout
        }
    }

    @Test func aFailedCommandDoesNotRenumberLaterCellsOnReplay() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sourced = dir.appendingPathComponent("part.ups").path
        try "orders by month\n".write(toFile: sourced, atomically: true, encoding: .utf8)
        let saved = dir.appendingPathComponent("saved.ups").path
        let (first, firstConsole) = Self.session(running: [
            "load \"\(Self.demo)\" as demo brief",   // [1] (no result cell: brief)
            "set top = 3",                            // [2]
            "pairs top=abc",                          // [3] fails: not a number
            "aov by month",                           // [4]
            "pairs top=$top",                         // [5]
            "source \"\(sourced)\"",                  // [6] source; [7] its command
            "pairs top=-1",                           // [8] fails
            "show [5]",                               // [9]
            "save session \"\(saved)\"",              // [10]
        ])
        #expect(first.failedCells.keys.sorted() == [3, 8], "\(firstConsole.stderr)")
        #expect(first.cells.keys.sorted() == [4, 5, 7, 9])

        let script = try String(contentsOfFile: saved, encoding: .utf8)
        // the failed commands are named beside the skips that keep their numbers
        #expect(script.contains("skip 1  # [3] failed: pairs top=abc"), "\(script)")
        #expect(script.contains("skip 1\norders by month"), "the 'source' cell is skipped, its command kept: \(script)")

        let console = BufferConsole()
        let replay = Session(console: console)
        let failures = ScriptRunner(interpreter: Interpreter(session: replay)).run(bytes: Array(script.utf8), name: "saved.ups")
        #expect(failures == 0, "\(console.stderr)")
        // same cells, same commands, same results: [9] 'show [5]' still shows the pairs of [5]
        #expect(replay.cells.keys.sorted() == [4, 5, 7, 9])
        #expect(Self.results(replay) == Self.results(first))
        #expect(replay.nextCellNumber == 10, "the next command takes the number 'save' had")
    }

    @Test func aReferenceToAFailedCellSaysItFailed() {
        let (session, console) = Self.session(running: ["pairs top=abc", "show [1]"])
        #expect(session.failedCells[1]?.command == "pairs top=abc")
        #expect(console.stderr.contains("cell [1] has no result: its command 'pairs top=abc' failed"), "\(console.stderr)")
    }

    @Test func aReferencePastTheLastCellNamesTheCurrentOne() {
        let (_, console) = Self.session(running: ["echo a", "echo b", "show [99]"])
        #expect(console.stderr.contains("there is no cell [99] yet: this command is cell [3]"), "\(console.stderr)")
        #expect(console.stderr.contains("cells run so far are [1] to [2]"), "\(console.stderr)")
    }

    @Test func skipLeavesCellNumbersEmpty() {
        let (session, console) = Self.session(running: ["skip 3", "echo x", "skip", "skip 0"])
        #expect(session.nextCellNumber == 7, "skip 3 uses [1]–[3], echo [4], skip [5], the failed skip 0 [6]")
        #expect(console.stderr.contains("skip got '0': expected a whole number of cells from 1 to 1000000"), "\(console.stderr)")
        #expect(session.journal.map(\.command) == ["echo x"])
    }
}
