import Foundation
import UpshellCore

/// `format table|csv|json|markdown|line`: how results print.
public struct FormatCommand: ShellCommand {
    public static let spec = CommandSpec(
        name: "format", aliases: ["mode"], group: .output,
        abstract: "choose how results print: table, csv, json, markdown or line (one field per line)",
        discussion: "csv and json print only data on standard output (numbers unformatted, no colour), so other programs can read them; notes and warnings go to standard error. json prints one object per command on one line. Numbers are exact (money rounded to the cent); p-values are numbers (tables show < 0.0001); an interval is two csv columns NAME low and NAME high (two rows in a name/value block) and a [low, high] array in json. line prints each row as one 'name | value' line per field (psql's \\x), for wide results.",
        subcommands: OutputFormat.allCases.map(\.rawValue),
        options: [Self.maxRows.spec, Self.width.spec],
        examples: ["format csv", "format table max-rows=100", "format line", "format"])

    /// Defaults are what a new session starts with; the command changes only what is given.
    static let maxRows = TypedOption.integer("max-rows", "rows shown in table mode before '… N more rows' (0 = all)")
        .checked { v, _ in v < 0 ? OptionProblem("max-rows must be 0 or more") : nil }
        .defaulting(to: String(RenderSettings().maxRows))
    static let width = TypedOption.integer("width", "width of charts in characters")
        .checked { v, _ in v < 20 ? OptionProblem("width must be at least 20") : nil }
        .defaulting(to: String(RenderSettings().width))

    let format: OutputFormat?
    let maxRows: Int?
    let width: Int?

    public init(arguments: Arguments) throws {
        try arguments.expectPositionals(atMost: 1)
        format = arguments.positionals.isEmpty ? nil : try arguments.subcommand(OutputFormat.self)
        maxRows = try arguments.value(Self.maxRows.option)
        width = try arguments.value(Self.width.option)
    }

    public func run(in session: Session) throws -> CommandOutput {
        if let format { session.format = format }
        if let maxRows { session.renderSettings.maxRows = maxRows }
        if let width { session.renderSettings.width = width }
        if format == nil && maxRows == nil && width == nil {
            return .text("format \(session.format.rawValue) max-rows=\(session.renderSettings.maxRows) width=\(session.renderSettings.width)")
        }
        return .empty
    }
}

/// `timer on|off`: print how long each command took.
public struct TimerCommand: ShellCommand {
    public static let spec = CommandSpec(
        name: "timer", group: .shell, abstract: "print the time each command takes (on or off)",
        subcommands: Switch.allCases.map(\.rawValue), examples: ["timer on"])
    let on: Bool
    public init(arguments: Arguments) throws {
        try arguments.expectPositionals(atMost: 1)
        on = try arguments.subcommand(Switch.self, default: arguments.positionals.isEmpty ? .on : nil) == .on
    }
    public func run(in session: Session) throws -> CommandOutput {
        session.timer = on
        return .empty
    }
}

/// `pager on|off`: whether results longer than the screen go through `$PAGER` (default `less -SRXF`).
public struct PagerCommand: ShellCommand {
    public static let spec = CommandSpec(
        name: "pager", group: .output, abstract: "page results longer than the screen through $PAGER (on or off)",
        discussion: "On a terminal, a result with more lines than the screen goes through $PAGER (default \(PagerSettings.defaultCommand)): q or Ctrl-C in the pager returns to the prompt. Never in pipes, scripts or notebooks. 'pager' alone says whether it is on.",
        subcommands: Switch.allCases.map(\.rawValue), examples: ["pager off", "pager on"])
    let on: Bool?
    public init(arguments: Arguments) throws {
        try arguments.expectPositionals(atMost: 1)
        on = arguments.positionals.isEmpty ? nil : try arguments.subcommand(Switch.self) == .on
    }
    public func run(in session: Session) throws -> CommandOutput {
        guard let on else {
            let command = PagerSettings.command(environment: ProcessInfo.processInfo.environment)
            let state = session.pager.enabled ? "on" : "off"
            return .text("pager \(state) (\(command)\(session.pager.onTerminal ? "" : "; not used here: output is not a terminal"))")
        }
        session.pager.enabled = on
        session.pager.failedOnce = false
        return .empty
    }
}

/// `echo TEXT…`: prints its words (useful in scripts, with `$variables`).
public struct EchoCommand: ShellCommand {
    public static let spec = CommandSpec(
        name: "echo", aliases: ["print"], group: .shell, abstract: "print text (variables expanded)",
        positionals: [PositionalSpec("text", .text, optional: true, repeats: true, "words to print")],
        examples: ["echo \"threshold is $threshold\""], freeTextFrom: 0)
    let text: String
    public init(arguments: Arguments) throws { text = arguments.positionals.map(\.text).joined(separator: " ") }
    public func run(in session: Session) throws -> CommandOutput { .text(text) }
}

/// `sleep SECONDS`: waits, cancellably (scripts that poll; a safe way to try Ctrl-C).
public struct SleepCommand: ShellCommand {
    public static let spec = CommandSpec(
        name: "sleep", group: .shell, abstract: "wait a number of seconds (Ctrl-C cancels)",
        positionals: [PositionalSpec("seconds", .number, "how long to wait, at most 86400")],
        examples: ["sleep 2"])
    let seconds: Double
    public init(arguments: Arguments) throws {
        try arguments.expectPositionals(atMost: 1)
        let token = try arguments.positional(0, "a number of seconds")
        guard let s = ValueParser.number(token.text), s >= 0, s <= 86_400 else {
            throw arguments.error("sleep got '\(token.text)': expected seconds from 0 to 86400", at: token)
        }
        seconds = s
    }
    public func run(in session: Session) throws -> CommandOutput {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            try Cancellation.check()
            usleep(UInt32(min(10_000, max(0, end.timeIntervalSinceNow * 1e6))))
        }
        return .empty
    }
}

/// `quit`: leaves the shell (Ctrl-D does too).
public struct QuitCommand: ShellCommand {
    public static let spec = CommandSpec(name: "quit", aliases: ["exit", ".quit"], group: .shell,
                                         abstract: "leave upshell (Ctrl-D does too)", examples: ["quit"])
    public init(arguments: Arguments) throws { try arguments.expectPositionals(atMost: 0) }
    public func run(in session: Session) throws -> CommandOutput {
        session.quitRequested = true
        return .empty
    }
}

/// `on` or `off`, the words of a switch (`timer on`).
enum Switch: String, CaseIterable {
    case on, off
}
