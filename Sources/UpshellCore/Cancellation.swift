import Synchronization

/// Cooperative cancellation of the running command.
///
/// The shell's SIGINT handler calls ``request()``; long loops call ``check()`` every few thousand
/// iterations, which throws ``CancelledError`` once cancellation was requested. The shell calls
/// ``reset()`` before each command. The flag is a lock-free atomic, safe to set from a signal handler.
public enum Cancellation {
    private static let flag = Atomic<Bool>(false)

    /// Asks the running command to stop at its next check. Async-signal-safe.
    public static func request() { flag.store(true, ordering: .relaxed) }

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
}
