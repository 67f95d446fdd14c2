import Foundation
import UpshellCore

/// The version printed by `--version` and the banner.
public enum UpshellVersion {
    public static let string = "0.1.0"
}

/// What the command line asked for, already parsed by the executable.
public struct LaunchOptions: Sendable {
    /// `-f FILE`: a script to run.
    public var scriptFile: String?
    /// `-c "cmd; cmd"`: commands to run.
    public var commands: String?
    /// `-D name=value`, in order.
    public var definitions: [(String, String)] = []
    /// `--format`.
    public var format: OutputFormat?
    /// `--keep-going`.
    public var keepGoing = false
    /// `--no-rc`.
    public var noRC = false
    /// Datasets to load at start (positional arguments).
    public var datasets: [String] = []
    /// `--demo` / `--no-demo`: load the bundled demo store (default: only interactively without datasets).
    public var demo: Bool?
    public init() {}
}

/// Exit codes, as shells expect them.
public enum ExitCode {
    public static let success: Int32 = 0
    /// A command failed.
    public static let failure: Int32 = 1
    /// The command line was wrong (bad flag, missing script).
    public static let usage: Int32 = 2
}

/// Starts a session from launch options: runs scripts or commands, or the interactive shell.
public enum Launcher {
    /// Runs upshell and returns the process exit code.
    public static func run(_ options: LaunchOptions) -> Int32 {
        HeapPolicy.useOneArena()
        HeapPolicy.reuseFreedMemory()
        // a file-size limit (ulimit -f) makes writes fail with EFBIG, reported plainly, instead of killing the shell
        signal(SIGXFSZ, SIG_IGN)
        let stdinIsTerminal = isatty(STDIN_FILENO) == 1
        let stdoutIsTerminal = isatty(STDOUT_FILENO) == 1
        let interactive = stdinIsTerminal && stdoutIsTerminal && options.commands == nil && options.scriptFile == nil
        let session = Session(console: StandardConsole(), interactive: interactive)
        session.keepGoing = options.keepGoing
        session.format = options.format ?? .table
        session.renderSettings.color = stdoutIsTerminal && ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) ?? true
        if stdoutIsTerminal { session.renderSettings.width = max(40, min(160, terminalWidth())) }
        session.renderSettings.escapeControls = stdoutIsTerminal
        session.renderSettings.fitWidth = stdoutIsTerminal
        if !stdoutIsTerminal { session.renderSettings.maxRows = max(session.renderSettings.maxRows, 40) }
        for (name, value) in options.definitions { session.variables[name] = value }
        if isatty(STDERR_FILENO) == 1 { session.progress = TerminalProgress() }
        session.pager.onTerminal = interactive
        // Ctrl-C cancels the running command (scripts too); the session and its data stay.
        SignalHandling.installForCommands()
        if !interactive { SignalHandling.escalateImmediately() }
        let interpreter = Interpreter(session: session)
        let runner = ScriptRunner(interpreter: interpreter)

        // Script file: check it before anything else runs, so a wrong path is a usage error.
        var scriptBytes: [UInt8]?
        if let file = options.scriptFile {
            do {
                scriptBytes = try ScriptRunner.read(path: file)
            } catch {
                interpreter.report(error, at: .prompt)
                return ExitCode.usage
            }
        }

        var failures = 0
        for path in options.datasets {
            failures += interpreter.run("load " + quoted(path), at: SourceLocation(name: "command line", line: 1))
            if failures > 0 && !session.keepGoing { return Cancellation.wasInterrupted ? CancelledError.exitCode : ExitCode.failure }
        }
        if options.demo == true || (options.demo == nil && interactive && options.datasets.isEmpty) {
            failures += DemoStore.load(into: interpreter)
        }

        if let scriptBytes, let file = options.scriptFile {
            failures += runner.run(bytes: scriptBytes, name: file)
        } else if let commands = options.commands {
            failures += interpreter.run(commands, at: SourceLocation(name: "-c", line: 1))
        } else if interactive {
            if !options.noRC { failures = 0; runRCFile(runner) }
            InteractiveShell(interpreter: interpreter).run()
            return ExitCode.success
        } else {
            failures += runner.run(bytes: readAll(FileHandle.standardInput), name: "<stdin>")
        }
        if Cancellation.wasInterrupted { return CancelledError.exitCode }
        return failures == 0 ? ExitCode.success : ExitCode.failure
    }

    /// Sets the process up for unattended work (`upshell run`): one heap arena, file-size limits reported
    /// as errors, Ctrl-C stopping the run with 130.
    public static func prepareUnattended() {
        HeapPolicy.useOneArena()
        HeapPolicy.reuseFreedMemory()
        signal(SIGXFSZ, SIG_IGN)
        SignalHandling.installForCommands()
        SignalHandling.escalateImmediately()
    }

    /// Runs `$XDG_CONFIG_HOME/upshell/rc` (or `~/.config/upshell/rc`) if it exists.
    static func runRCFile(_ runner: ScriptRunner) {
        let path = XDGPaths.config.appendingPathComponent("upshell/rc").path
        guard FileManager.default.fileExists(atPath: path), let bytes = try? ScriptRunner.read(path: path) else { return }
        // as psql does with psqlrc: a bad line is reported (file:line) and the rest of the file still runs
        let session = runner.interpreter.session
        let keepGoing = session.keepGoing
        session.keepGoing = true
        defer { session.keepGoing = keepGoing }
        let failures = runner.run(bytes: bytes, name: path)
        if failures > 0 {
            session.console.err("warning: \(failures) line\(failures == 1 ? "" : "s") of \(path) failed (above); the rest of it ran\n")
        }
    }

    static func readAll(_ handle: FileHandle) -> [UInt8] {
        [UInt8](handle.readDataToEndOfFile())
    }

    static func quoted(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    static func terminalWidth() -> Int {
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 100
    }
}
