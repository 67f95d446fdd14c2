/// Receives progress of long work (loading, mining, sweeps) so the shell can draw a bar on a terminal.
///
/// Analytics and readers never print; they call ``update(done:total:)`` now and then. The shell decides
/// whether anything is shown (only on a terminal, only for work that takes over a second).
public protocol ProgressReporter: Sendable {
    /// Reports that `done` of `total` units of work are finished. Called from any thread.
    func update(done: Int, total: Int)
    /// The work is over (finished, failed or cancelled): remove any bar.
    func finish()
}

/// A reporter that shows nothing: the default for tests, scripts and pipes.
public struct SilentProgress: ProgressReporter {
    public init() {}
    public func update(done: Int, total: Int) {}
    public func finish() {}
}
