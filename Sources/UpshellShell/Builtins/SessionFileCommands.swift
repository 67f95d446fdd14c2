import Foundation
import UpshellCore

/// `save session FILE`: writes the commands that ran successfully as a script to re-run.
public struct SaveCommand: ShellCommand {
    public static let spec = CommandSpec(
        name: "save", group: .output, abstract: "save this session's successful commands as a script to re-run",
        subcommands: SavedThing.allCases.map(\.rawValue),
        positionals: [PositionalSpec("file", .path, "the script to write (.ups)")],
        flags: [overwriteFlag],
        examples: ["save session monday.ups", "save session weekly.ups --force"])
    /// What to save (the session's commands: the only form today).
    let what: SavedThing
    let path: String
    /// `--force`: replace an existing file.
    let overwrite: Bool
    public init(arguments: Arguments) throws {
        try arguments.expectPositionals(atMost: 2)
        overwrite = arguments.flag(overwriteFlag)
        what = try arguments.subcommand(SavedThing.self)
        path = (try arguments.positional(1, "a file to write").text as NSString).expandingTildeInPath
    }
    public func run(in session: Session) throws -> CommandOutput {
        let lines = SavedSession.lines(journal: session.journal, failed: session.failedCells, upTo: session.nextCellNumber - 1)
        let text = "# upshell session saved \(CivilDate.format(seconds: Int64(Date().timeIntervalSince1970), withTime: true)) UTC\n"
            + "# re-run with upshell -f: 'skip' keeps the cell numbers of commands that failed or were not saved\n"
            + lines.joined(separator: "\n") + "\n"
        let written = try SafeFile.write(Array(text.utf8), to: path, overwrite: overwrite)
        let count = session.journal.count
        return .text("saved \(count) command\(count == 1 ? "" : "s") to \(path)\(written.describedTarget); re-run with: upshell -f \(path)")
    }
}

/// The lines of a saved session: each successful command, and `skip N` where cells failed or ran
/// commands that are not saved, so a replay gives every command the cell number it had.
enum SavedSession {
    /// - Parameters:
    ///   - journal: successful commands with their cells, in order.
    ///   - failed: failed cells, named in a comment beside their `skip`.
    ///   - current: the cell of the `save` command itself; cells before it are covered.
    static func lines(journal: [JournalEntry], failed: [Int: FailedCell], upTo current: Int) -> [String] {
        var lines: [String] = []
        var next = 1
        func skip(to cell: Int) {
            guard cell > next else { return }
            let failures = (next..<cell).compactMap { n in failed[n].map { "[\(n)] failed: " + oneLine($0.command) } }
            lines.append("skip \(cell - next)" + (failures.isEmpty ? "" : "  # " + failures.joined(separator: "; ")))
            next = cell
        }
        for entry in journal {
            skip(to: entry.cell)
            lines.append(entry.command)
            next = entry.cell + 1
        }
        skip(to: current)
        return lines
    }

    private static func oneLine(_ text: String) -> String {
        LongText.cutMessage(text.replacingOccurrences(of: "\n", with: " "), to: 120)
    }
}

/// `skip [N]`: leaves cell numbers empty, so a replayed session keeps the numbers it had.
public struct SkipCommand: ShellCommand {
    public static let spec = CommandSpec(
        name: "skip", group: .output, abstract: "leave cell numbers empty (saved sessions keep their numbering)",
        discussion: "'save session' writes 'skip N' where N cells held commands that failed or are not saved (save, skip, source), so that on replay every command gets the cell number it had and [n] points at the same result. 'skip' counts its own cell: 'skip 3' uses this cell and the next two.",
        positionals: [PositionalSpec("count", .number, optional: true, "how many cells to leave empty, 1 to 1000000 (default 1)")],
        examples: ["skip", "skip 3"])
    let count: Int
    public init(arguments: Arguments) throws {
        try arguments.expectPositionals(atMost: 1)
        guard let token = arguments.positionals.first else { count = 1; return }
        guard let n = Int(token.text), n >= 1, n <= 1_000_000 else {
            throw arguments.error("skip got '\(token.text)': expected a whole number of cells from 1 to 1000000", at: token,
                                  hint: "skip 3 leaves this cell and the next two empty")
        }
        count = n
    }
    public func run(in session: Session) throws -> CommandOutput {
        session.skipCells(count - 1)
        return .empty
    }
}

/// What `save` writes: the session's commands as a script.
enum SavedThing: String, CaseIterable {
    case session
}
