#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Whether results go through a pager (`pager on|off`), and whether the session can use one at all.
///
/// Only an interactive session on a terminal pages (``onTerminal``); pipes, scripts, notebooks and tests
/// never do, whatever the setting (psql's `\pset pager`, DuckDB's `.pager`).
public struct PagerSettings: Sendable, Equatable {
    /// `pager on` (the default) or `pager off`.
    public var enabled = true
    /// Set by the launcher when a person types at a terminal and standard output is that terminal.
    public var onTerminal = false
    /// Set once the pager failed to start, so the shell says so only once and prints directly.
    public var failedOnce = false
    public init() {}

    /// The pager used when `$PAGER` is unset or empty: `less` chopping long lines (`-S`), passing
    /// colours (`-R`), leaving the text on screen (`-X`) and quitting at once when it fits (`-F`).
    public static let defaultCommand = "less -SRXF"

    /// The command line of the pager: `$PAGER`, else ``defaultCommand``.
    public static func command(environment: [String: String]) -> String {
        let given = environment["PAGER"]?.trimmingCharacters(in: .whitespaces) ?? ""
        return given.isEmpty ? defaultCommand : given
    }

    /// Whether `text` goes through the pager: the setting is on, the session is at a terminal, and the
    /// text has more lines than the screen holds below the prompt (`screenRows - 1`).
    /// - Parameter screenRows: the terminal's height in rows (`nil` when it cannot be read: no paging).
    public func shouldPage(_ text: String, screenRows: Int?) -> Bool {
        guard enabled, onTerminal, let screenRows, screenRows > 1 else { return false }
        return Self.lineCount(text, atMost: screenRows) > screenRows - 1
    }

    /// Lines in `text` (a last line without `\n` counts), counting no further than `limit`.
    static func lineCount(_ text: String, atMost limit: Int) -> Int {
        var lines = 0
        var pending = false
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\n") {
                lines += 1
                pending = false
                if lines >= limit { return lines }
            } else {
                pending = true
            }
        }
        return lines + (pending ? 1 : 0)
    }
}

/// The pager could not be started (no `less`, a `$PAGER` that is not a program).
public struct PagerError: Error, Sendable, Equatable {
    /// The command line that failed and why.
    public let message: String
}

/// Runs the pager as a child process (`/bin/sh -c "$PAGER"`) and writes text to its standard input.
///
/// While the pager runs, the shell ignores SIGINT (the pager, which starts with default signal
/// actions, gets Ctrl-C) and SIGPIPE (quitting the pager early ends the write, not the shell); both are
/// restored after, so Ctrl-C or `q` in the pager returns to the prompt with the session kept.
public enum TerminalPager {
    /// Shows `text` in the pager given by `command`; returns when the pager exits.
    /// - Throws: ``PagerError`` when the pager cannot be started or exits with status 126/127 (the
    ///   shell could not run it).
    public static func show(_ text: String, command: String) throws(PagerError) {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw PagerError(message: "cannot make a pipe for '\(command)'") }
        let (readEnd, writeEnd) = (fds[0], fds[1])
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, readEnd, STDIN_FILENO)
        posix_spawn_file_actions_addclose(&actions, writeEnd)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGINT)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF))

        let previousInterrupt = signal(SIGINT, SIG_IGN)
        let previousPipe = signal(SIGPIPE, SIG_IGN)
        defer {
            signal(SIGPIPE, previousPipe)
            signal(SIGINT, previousInterrupt)
        }
        var pid = pid_t()
        let argv: [UnsafeMutablePointer<CChar>?] = [strdup("/bin/sh"), strdup("-c"), strdup(command), nil]
        defer { for p in argv { free(p) } }
        let spawned = posix_spawn(&pid, "/bin/sh", &actions, &attributes, argv, environ)
        close(readEnd)
        guard spawned == 0 else {
            close(writeEnd)
            throw PagerError(message: "cannot start '\(command)': \(String(cString: strerror(spawned)))")
        }
        writeAll(text, to: writeEnd)
        close(writeEnd)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let exited = (status & 0x7f) == 0
        let code = (status >> 8) & 0xff
        if exited && (code == 126 || code == 127) {
            throw PagerError(message: "cannot start '\(command)' (the shell says exit status \(code): not found or not executable)")
        }
    }

    /// Writes `text` to `fd` until done or the reader goes away; returns the bytes written.
    @discardableResult
    private static func writeAll(_ text: String, to fd: Int32) -> Int {
        var written = 0
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            while written < buffer.count {
                let n = write(fd, base + written, buffer.count - written)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return }
                written += n
            }
        }
        return written
    }

    /// The height of the terminal on standard output in rows, or `nil` when it is not a terminal.
    public static func screenRows() -> Int? {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 0 else { return nil }
        return Int(size.ws_row)
    }
}
