import Foundation

/// Drives the built `upshell` binary in a real terminal: a private `tmux` server (its own socket),
/// one 120 × 40 window, keys sent with `send-keys`, the screen read with `capture-pane -p`.
///
/// Each driver has a scratch directory holding the history file (`UPSHELL_HISTORY_FILE`) and an empty
/// config home (`XDG_CONFIG_HOME`), so tests never touch the user's files. The shell runs with
/// `LC_ALL=C.UTF-8` and `NO_COLOR=1`.
final class TerminalDriver {
    /// Errors setting up the terminal.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    let socket: String
    let scratch: URL
    var historyFile: URL { scratch.appendingPathComponent("history") }
    private(set) var started = false

    /// A driver with a fresh scratch directory, or sharing `scratch` with an earlier driver (to test
    /// that history survives a restart).
    init(scratch: URL? = nil) throws {
        socket = "upshell-test-\(getpid())-\(UUID().uuidString.prefix(8))"
        if let scratch {
            self.scratch = scratch
        } else {
            self.scratch = FileManager.default.temporaryDirectory
                .appendingPathComponent("upshell-terminal-\(UUID().uuidString)")
            try FileManager.default.createDirectory(
                at: self.scratch.appendingPathComponent("config"), withIntermediateDirectories: true)
        }
    }

    deinit { kill() }

    /// The `upshell` executable: beside the test bundle (the directory of `/proc/self/exe`), else
    /// `.build/debug/upshell` under the current directory.
    static func binaryPath() -> String? {
        var candidates: [String] = []
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            let real = URL(fileURLWithPath: exe).resolvingSymlinksInPath()
            candidates.append(real.deletingLastPathComponent().appendingPathComponent("upshell").path)
        }
        if let bundle = Bundle.allBundles.first(where: { $0.bundlePath.hasSuffix(".xctest") }) {
            candidates.append(URL(fileURLWithPath: bundle.bundlePath).deletingLastPathComponent()
                .appendingPathComponent("upshell").path)
        }
        candidates.append(FileManager.default.currentDirectoryPath + "/.build/debug/upshell")
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Starts `upshell arguments…` in a detached 120 × 40 tmux session.
    func start(arguments: [String] = ["--no-rc"]) throws {
        guard let binary = Self.binaryPath() else { throw Failure(description: "upshell binary not found") }
        let environment = [
            "UPSHELL_HISTORY_FILE=\(historyFile.path)",
            "XDG_CONFIG_HOME=\(scratch.appendingPathComponent("config").path)",
            "XDG_STATE_HOME=\(scratch.appendingPathComponent("state").path)",
            "LC_ALL=C.UTF-8", "LANG=C.UTF-8", "NO_COLOR=1",
        ]
        let command = (["env"] + environment + [binary] + arguments).map(Self.shellQuoted).joined(separator: " ")
        try tmux(["new-session", "-d", "-x", "120", "-y", "40", "-c", scratch.path, command])
        started = true
    }

    /// Sends tmux key names (`"Tab"`, `"C-c"`, `"Left"`, `"BSpace"`, `"Up"`, `"Enter"`).
    func send(keys: String...) throws {
        try tmux(["send-keys", "-t", "0"] + keys)
    }

    /// Types `text` literally (UTF-8 included).
    func type(_ text: String) throws {
        try tmux(["send-keys", "-t", "0", "-l", "--", text])
    }

    /// The visible screen, one string per row, trailing blanks removed.
    func screen() -> [String] {
        guard let text = try? tmux(["capture-pane", "-p", "-t", "0"]) else { return [] }
        var rows = text.components(separatedBy: "\n")
        while let last = rows.last, last.trimmingCharacters(in: .whitespaces).isEmpty { rows.removeLast() }
        return rows
    }

    /// The cursor's column (0-based, in terminal cells).
    func cursorColumn() -> Int? {
        (try? tmux(["display-message", "-p", "-t", "0", "#{cursor_x}"]))
            .flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    /// Polls the screen every 50 ms until `condition` holds; returns whether it did within `timeout` seconds.
    @discardableResult
    func waitFor(timeout: Double = 5, _ condition: ([String]) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if condition(screen()) { return true }
            if Date() >= deadline { return false }
            usleep(50_000)
        }
    }

    /// Waits until some row contains `text`.
    @discardableResult
    func waitFor(text: String, timeout: Double = 5) -> Bool {
        waitFor(timeout: timeout) { rows in rows.contains { $0.contains(text) } }
    }

    /// Number of rows showing the prompt `upshell> `.
    func promptCount() -> Int { Self.promptCount(screen()) }

    static func promptCount(_ rows: [String]) -> Int { rows.filter { $0.contains("upshell> ") || $0.hasSuffix("upshell>") }.count }

    /// Whether the tmux session (and so the shell) is still running.
    var isRunning: Bool { (try? tmux(["has-session"])) != nil }

    /// Waits for the shell to exit.
    @discardableResult
    func waitForExit(timeout: Double = 5) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while isRunning {
            if Date() >= deadline { return false }
            usleep(50_000)
        }
        return true
    }

    /// Ends the tmux server of this driver (and the shell in it).
    func kill() {
        guard started else { return }
        _ = try? tmux(["kill-server"])
        started = false
    }

    /// Runs `tmux -L socket -f /dev/null -u args…`; throws on a non-zero exit; returns standard output.
    ///
    /// Uses `posix_spawnp` + `waitpid` rather than `Process`: the tmux client forks the server, and
    /// Foundation's child monitoring was seen to miss the client's exit inside the test runner. Output
    /// goes to a file, not a pipe, which the forked server could keep open.
    @discardableResult
    private func tmux(_ args: [String]) throws -> String {
        let outputPath = scratch.appendingPathComponent("tmux-output-\(UUID().uuidString)").path
        defer { unlink(outputPath) }
        let argv = ["tmux", "-L", socket, "-f", "/dev/null", "-u"] + args
        var environment = ProcessInfo.processInfo.environment
        environment["LC_ALL"] = "C.UTF-8"
        environment.removeValue(forKey: "TMUX")
        let envp = environment.map { "\($0.key)=\($0.value)" }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Start tmux (and so the shell) with no blocked signals and default dispositions.
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var pid = pid_t()
        let spawned = withCStrings(argv) { cArgv in
            withCStrings(envp) { cEnvp in posix_spawnp(&pid, "tmux", &actions, &attributes, cArgv, cEnvp) }
        }
        guard spawned == 0 else { throw Failure(description: "cannot run tmux (error \(spawned))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let data = (try? Data(contentsOf: URL(fileURLWithPath: outputPath))) ?? Data()
        // WIFEXITED && WEXITSTATUS == 0
        guard status & 0x7f == 0, (status >> 8) & 0xff == 0 else {
            throw Failure(description: "tmux \(args.first ?? "") failed (status \(status))")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Calls `body` with a NULL-terminated C array of copies of `strings`.
    private func withCStrings<R>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> R) -> R {
        let pointers = strings.map { strdup($0) } + [nil]
        defer { pointers.forEach { free($0) } }
        return body(pointers)
    }

    private static func shellQuoted(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
