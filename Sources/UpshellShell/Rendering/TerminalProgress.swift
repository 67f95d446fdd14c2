import Foundation
import Synchronization
import UpshellCore

/// A progress bar on standard error for work that takes over a second, with its rate and the time left:
/// `[██████░░░░░░] 48%  12.4 MB/s  ETA 3 s  (Ctrl-C cancels)` (see ``ProgressLine``).
///
/// Only used when standard error is a terminal. Updates come from any thread; drawing is throttled to
/// ten times a second. ``finish()`` erases the bar and re-arms the one-second delay for the next task.
/// The clock and the output are injectable, so tests drive it with a fake clock.
public final class TerminalProgress: ProgressReporter {
    private struct State {
        var started: Double?
        var lastDraw = -Double.infinity
        var drawnWidth = 0
        var unit = ""
        var estimated = false
    }
    private let state = Mutex(State())
    private let width: Int
    private let clock: @Sendable () -> Double
    private let write: @Sendable (String) -> Void

    /// A bar `width` cells wide; `clock` gives seconds (monotonic), `write` draws.
    public init(width: Int = 30,
                clock: @escaping @Sendable () -> Double = { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 },
                write: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }) {
        self.width = width
        self.clock = clock
        self.write = write
    }

    /// Names what the next task counts (`"bytes"`, `"baskets"`, `"draws"`), for the rate beside the bar
    /// (`12.4 MB/s`, `1.2 M baskets/s`); `estimated` when its total is a guess (an iterative fit), so the
    /// time left is shown as approximate (`ETA ≈ 3 s`).
    public func begin(unit: String, estimated: Bool = false) { state.withLock { $0.unit = unit; $0.estimated = estimated } }

    public func update(done: Int, total: Int) {
        let now = clock()
        let line: String? = state.withLock { s in
            if s.started == nil { s.started = now }
            let elapsed = now - s.started!
            guard elapsed >= 1, now - s.lastDraw >= 0.1, total > 0 else { return nil }
            s.lastDraw = now
            let text = ProgressLine.text(done: done, total: total, elapsed: elapsed, unit: s.unit, barWidth: width, estimated: s.estimated)
            let pad = max(0, s.drawnWidth - text.count)
            s.drawnWidth = max(s.drawnWidth, text.count)
            return "\r" + text + String(repeating: " ", count: pad)
        }
        if let line { write(line) }
    }

    public func finish() {
        let drawn: Int = state.withLock { s in
            defer { s = State() }
            return s.drawnWidth
        }
        if drawn > 0 { write("\r" + String(repeating: " ", count: drawn) + "\r") }
    }
}
