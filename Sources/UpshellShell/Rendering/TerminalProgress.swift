import Foundation
import Synchronization
import UpshellCore

/// A progress bar on standard error for work that takes over a second: `[██████░░░░░░] 48%`.
///
/// Only used when standard error is a terminal. Updates come from any thread; drawing is throttled to
/// ten times a second. ``finish()`` erases the bar and re-arms the one-second delay for the next task.
public final class TerminalProgress: ProgressReporter {
    private struct State {
        var started: Date?
        var lastDraw = Date.distantPast
        var drawn = false
    }
    private let state = Mutex(State())
    private let width: Int

    public init(width: Int = 30) { self.width = width }

    public func update(done: Int, total: Int) {
        let now = Date()
        let line: String? = state.withLock { s in
            if s.started == nil { s.started = now }
            guard now.timeIntervalSince(s.started!) >= 1, now.timeIntervalSince(s.lastDraw) >= 0.1, total > 0 else { return nil }
            s.lastDraw = now
            s.drawn = true
            let fraction = min(1, max(0, Double(done) / Double(total)))
            let filled = Int(fraction * Double(width))
            return "\r[" + String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled) + "] \(Int(fraction * 100))% (Ctrl-C cancels)"
        }
        if let line { FileHandle.standardError.write(Data(line.utf8)) }
    }

    public func finish() {
        let erase: Bool = state.withLock { s in
            defer { s = State() }
            return s.drawn
        }
        if erase { FileHandle.standardError.write(Data(("\r" + String(repeating: " ", count: width + 24) + "\r").utf8)) }
    }
}
