// The upshell executable: parses flags, then hands over to UpshellShell. Nothing else lives here.
import ArgumentParser
import Foundation
import Ink
import UpshellPostgres
import UpshellShell

struct Upshell: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "upshell",
        abstract: "An interactive analytics shell for online stores: AOV, baskets, segments, pricing what-ifs, A/B tests.",
        discussion: """
            With no arguments on a terminal, upshell starts on the bundled demo store. Commands come from the \
            prompt, from -c, from a script (-f) or from standard input when it is not a terminal. Scripts stop \
            at the first error with exit code 1 (unless --keep-going); usage errors exit with 2.
            History: $XDG_STATE_HOME/upshell/history. Start-up commands: $XDG_CONFIG_HOME/upshell/rc. NO_COLOR turns colour off.
            """,
        version: UpshellVersion.string)

    @Option(name: [.customShort("f"), .customLong("file")], help: ArgumentHelp("Run the commands of a script file.", valueName: "script"))
    var file: String?

    @Option(name: [.customShort("c"), .customLong("command")], help: ArgumentHelp("Run these commands (separated by ';') and exit.", valueName: "commands"))
    var command: String?

    @Option(name: [.customShort("D"), .customLong("define")], help: ArgumentHelp("Set a script variable, used as $name.", valueName: "name=value"))
    var define: [String] = []

    @Option(help: ArgumentHelp("How results print: table, csv, json, markdown or line.", valueName: "format"))
    var format: String?

    @Flag(help: "Run the remaining commands after an error (exit code 1 at the end).")
    var keepGoing = false

    @Flag(name: .customLong("no-rc"), help: "Do not run the start-up file.")
    var noRC = false

    @Flag(inversion: .prefixedNo, help: "Load the bundled demo store (default: only interactively, without datasets).")
    var demo: Bool?

    @Argument(help: ArgumentHelp("Order datasets to load at start.", valueName: "dataset"))
    var datasets: [String] = []

    func validate() throws {
        if let format, OutputFormat(name: format) == nil {
            throw ValidationError("'--format \(format)' is not a format; use table, csv, json, markdown or line")
        }
        for d in define where !d.contains("=") || d.hasPrefix("=") {
            throw ValidationError("'-D \(d)' must be name=value, e.g. -D threshold=50")
        }
        if file != nil && command != nil { throw ValidationError("give either -f or -c, not both") }
    }

    func launchOptions() -> LaunchOptions {
        var options = LaunchOptions()
        options.scriptFile = file
        options.commands = command
        options.definitions = define.map { d in
            let eq = d.firstIndex(of: "=")!
            return (String(d[..<eq]), String(d[d.index(after: eq)...]))
        }
        options.format = format.flatMap(OutputFormat.init(name:))
        options.keepGoing = keepGoing
        options.noRC = noRC
        options.datasets = datasets
        options.demo = demo
        return options
    }
}

/// `upshell run NOTEBOOK.md`: runs a Markdown notebook's upshell blocks and writes their outputs back.
struct RunNotebook: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "upshell run",
        abstract: "Run the ```upshell blocks of a Markdown notebook and write each one's output in the ```output block under it.",
        discussion: """
            Blocks run in order in one session; nothing else in the file changes, and a run on unchanged data \
            leaves the file byte-identical. A failing block stops the run: the outputs so far are written, the \
            failing block's output shows the error, and the exit code is 1.
            """)

    @Argument(help: ArgumentHelp("The notebook (Markdown).", valueName: "notebook.md"))
    var notebook: String

    @Option(name: [.customShort("D"), .customLong("define")], help: ArgumentHelp("Set a variable, used as $name in the blocks.", valueName: "name=value"))
    var define: [String] = []

    @Flag(help: "Write nothing to the notebook; exit 1 and print the first difference if any output would change.")
    var check = false

    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("Also write the run as a self-contained HTML report.", valueName: "report.html"))
    var output: String?

    func validate() throws {
        for d in define where !d.contains("=") || d.hasPrefix("=") {
            throw ValidationError("'-D \(d)' must be name=value, e.g. -D month=2026-03")
        }
    }

    func options() -> NotebookOptions {
        var options = NotebookOptions(path: notebook)
        options.definitions = define.map { d in
            let eq = d.firstIndex(of: "=")!
            return (String(d[..<eq]), String(d[d.index(after: eq)...]))
        }
        options.check = check
        options.report = output
        options.markdown = { MarkdownParser().html(from: $0) }
        return options
    }
}

/// `-Dname=value` is split into `-D name=value` (the parser reads `=` as the start of a value).
func normalizedArguments() -> [String] {
    CommandLine.arguments.dropFirst().flatMap { arg -> [String] in
        if arg.hasPrefix("-D"), arg.count > 2 { return ["-D", String(arg.dropFirst(2))] }
        return [arg]
    }
}

/// Runs a parsed command line; exits 0 for --help, 2 for a usage error.
func launch<C: ParsableCommand>(_ type: C.Type, _ arguments: [String], _ body: (C) -> Int32) -> Never {
    do {
        exit(body(try type.parse(arguments)))
    } catch {
        usageExit(type, error)
    }
}

func usageExit<C: ParsableCommand>(_ type: C.Type, _ error: Error) -> Never {
    // --help and --version are "errors" that exit 0; everything else is a usage error: exit 2.
    let code = type.exitCode(for: error)
    let message = type.fullMessage(for: error)
    if code == .success {
        print(message)
        exit(0)
    }
    FileHandle.standardError.write(Data(("error: " + message.replacingOccurrences(of: "Error: ", with: "") + "\n").utf8))
    exit(ExitCode.usage)
}

// `load postgres://…`: the PostgreSQL source, linked here so the shell's libraries need no network client.
RemoteSources.register(PostgresSource())
let arguments = normalizedArguments()
if arguments.first == "run" {
    launch(RunNotebook.self, Array(arguments.dropFirst())) { command in
        Launcher.prepareUnattended()
        return NotebookRun.run(command.options())
    }
}
launch(Upshell.self, arguments) { Launcher.run($0.launchOptions()) }
