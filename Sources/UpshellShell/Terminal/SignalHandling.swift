#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CLibEdit
import Synchronization
import UpshellCore

/// Signal dispositions for the interactive shell.
///
/// - SIGINT (Ctrl-C) while a command runs calls ``Cancellation/request()`` and prints nothing; the
///   command stops at its next ``Cancellation/check()`` and the shell returns to the prompt. If the
///   command still has not returned when Ctrl-C is pressed again at least ``escalationDelay`` (5 s)
///   after the first press, the default action is restored and the process ends, saying what is lost
///   (an escape hatch for a command that never checks). Pressing again sooner only says so.
/// - In a script (``escalateImmediately()``) the first Ctrl-C stops the running command and the script
///   (exit status 130, see ``Cancellation/wasInterrupted``); a second one ends the process at once.
/// - SIGINT between commands (outside ``runCommand(_:)``) only sets the cancellation flag, which is
///   reset before the next command.
/// - While a line is edited, Ctrl-C is a key (see ``LineEditor``) and libedit's `EL_SIGNAL` handling
///   restores the terminal for SIGTERM, SIGHUP, SIGTSTP and redraws after SIGCONT and SIGWINCH;
///   outside editing the terminal is already in its normal mode, so the default actions are safe.
public enum SignalHandling {
    /// Minimum time between the first and a second Ctrl-C for the second to end an unresponsive command.
    public static let escalationDelay: Duration = .seconds(5)

    /// In a script (no session to keep at a prompt), a second Ctrl-C while the first is unanswered
    /// ends the process at once, by SIGINT (exit status 130).
    public static func escalateImmediately() { immediateEscalation.store(true, ordering: .relaxed) }

    /// Installs the SIGINT handler (with `SA_RESTART`, so interrupted reads in commands resume).
    /// Idempotent.
    /// Also unblocks the signals the shell relies on, since a blocked mask can be inherited from the
    /// parent process (seen when started from a test runner through tmux).
    public static func installForCommands() {
        ups_install_signal_handler(SIGINT, signalHandlingInterrupt, 1)
        ups_unblock_shell_signals()
    }

    /// Runs one command: resets ``Cancellation``, marks a command as running (for the escalation rule)
    /// and returns `body`'s result.
    public static func runCommand<Result>(_ body: () throws -> Result) rethrows -> Result {
        Cancellation.clearInterrupt()
        firstInterruptNanoseconds.store(0, ordering: .relaxed)
        commandRunning.store(true, ordering: .releasing)
        defer { commandRunning.store(false, ordering: .releasing) }
        return try body()
    }

    /// Whether a command is running inside ``runCommand(_:)``.
    public static var isCommandRunning: Bool { commandRunning.load(ordering: .acquiring) }
}

private let commandRunning = Atomic<Bool>(false)
private let immediateEscalation = Atomic<Bool>(false)
/// Monotonic time of the first unanswered Ctrl-C of the running command, 0 when none.
private let firstInterruptNanoseconds = Atomic<Int64>(0)

private func monotonicNanoseconds() -> Int64 {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
}

/// The SIGINT handler: async-signal-safe (atomics, `clock_gettime`, `write`, `sigaction`, `raise`).
private func signalHandlingInterrupt(_ signal: Int32) {
    let now = monotonicNanoseconds()
    let running = commandRunning.load(ordering: .acquiring)
    let first = firstInterruptNanoseconds.load(ordering: .relaxed)
    if immediateEscalation.load(ordering: .relaxed) && Cancellation.wasInterrupted {
        let message: StaticString = "\nupshell: interrupted twice; stopping the script now\n"
        _ = write(2, message.utf8Start, message.utf8CodeUnitCount)
        ups_default_signal_handler(SIGINT)
        raise(SIGINT)
        return
    }
    if running && Cancellation.isRequested && first > 0 {
        let delay = SignalHandling.escalationDelay.components
        let delayNanoseconds = delay.seconds * 1_000_000_000 + delay.attoseconds / 1_000_000_000
        if now - first >= delayNanoseconds {
            let message: StaticString = "\nupshell: the command did not stop 5 s after Ctrl-C; exiting now: the loaded datasets and the session's results (cells) are lost; history and saved files are kept\n"
            _ = write(2, message.utf8Start, message.utf8CodeUnitCount)
            ups_default_signal_handler(SIGINT)
            raise(SIGINT)
        } else {
            let message: StaticString = "\nupshell: still stopping; Ctrl-C again 5 s after the first ends the shell and loses the session\n"
            _ = write(2, message.utf8Start, message.utf8CodeUnitCount)
        }
        return
    }
    if running { firstInterruptNanoseconds.store(now, ordering: .relaxed) }
    Cancellation.request()
}
