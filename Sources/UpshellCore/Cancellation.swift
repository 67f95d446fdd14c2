import Synchronization

/// Cooperative cancellation of the running command.
///
/// The shell's SIGINT handler calls ``request()``; long loops call ``check()`` every few thousand
/// iterations, which throws ``CancelledError`` once cancellation was requested. The shell calls
/// ``reset()`` before each command. The flag is a lock-free atomic, safe to set from a signal handler.
///
/// A request is also remembered until ``clearInterrupt()`` (``wasInterrupted``): ``reset()`` readies the
/// next command, but a script must not go on to it after Ctrl-C, and its exit code must say it was
/// interrupted (130), even when the interrupted command finished before it checked.
public enum Cancellation {
    private static let flag = Atomic<Bool>(false)
    private static let interrupted = Atomic<Bool>(false)

    /// Asks the running command to stop at its next check, and remembers the interrupt. Async-signal-safe.
    public static func request() {
        interrupted.store(true, ordering: .relaxed)
        flag.store(true, ordering: .relaxed)
    }

    /// Whether Ctrl-C was pressed since the last ``clearInterrupt()``: a script stops before its next
    /// command and exits with 130.
    public static var wasInterrupted: Bool { interrupted.load(ordering: .relaxed) }

    /// Forgets an interrupt and any pending request: the interactive shell calls it when a new entry is
    /// typed, since the user has answered the interrupt.
    public static func clearInterrupt() {
        interrupted.store(false, ordering: .relaxed)
        flag.store(false, ordering: .relaxed)
    }

    /// Clears a pending request; called before each command starts.
    public static func reset() { flag.store(false, ordering: .relaxed) }

    /// Whether cancellation was requested since the last ``reset()``.
    public static var isRequested: Bool { flag.load(ordering: .relaxed) }

    /// Throws ``CancelledError`` if cancellation was requested.
    @inline(__always)
    public static func check() throws(CancelledError) {
        if flag.load(ordering: .relaxed) { throw CancelledError() }
    }
}

/// Thrown by ``Cancellation/check()`` when the user pressed Ctrl-C.
public struct CancelledError: UserFacingError {
    public init() {}
    public var message: String { "cancelled" }
    /// The process exit code after an interrupt, as shells report death by SIGINT (128 + 2).
    public static let exitCode: Int32 = 130
}
