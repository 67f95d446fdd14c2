import Foundation
import Synchronization
import Testing
@testable import UpshellShell

/// The progress bar's rate and time left, driven by a fake clock: nothing in the first second, then the
/// bar with the rate so far and ETA = work left / rate (the constant-rate estimate of pv and tqdm).
@Suite struct ProgressLineTests {
    /// A clock the test moves by hand, and the text the bar wrote.
    final class FakeTerminal: Sendable {
        let now = Mutex(0.0)
        let written = Mutex([String]())
        func progress() -> TerminalProgress {
            TerminalProgress(width: 10, clock: { self.now.withLock { $0 } }, write: { text in self.written.withLock { $0.append(text) } })
        }
        func advance(to t: Double) { now.withLock { $0 = t } }
        var last: String { written.withLock { $0.last ?? "" } }
        var count: Int { written.withLock { $0.count } }
    }

    @Test func rateAndTimeLeftFollowTheWorkDone() {
        // 48 MB of 100 MB in 4 s: 12 MB/s, 52 MB left → 4.33 s, shown rounded up as 5 s
        #expect(ProgressLine.rate(done: 48_000_000, elapsed: 4) == 12_000_000)
        #expect(abs(ProgressLine.secondsLeft(done: 48_000_000, total: 100_000_000, elapsed: 4)! - 52.0 / 12.0) < 1e-12)
        #expect(ProgressLine.text(done: 48_000_000, total: 100_000_000, elapsed: 4, unit: "bytes", barWidth: 10)
                == "[████░░░░░░] 48%  12.0 MB/s  ETA 5 s  (Ctrl-C cancels)")
        #expect(ProgressLine.secondsLeft(done: 0, total: 10, elapsed: 3) == nil, "no rate before any work")
        #expect(ProgressLine.text(done: 0, total: 10, elapsed: 2, unit: "draws", barWidth: 4) == "[░░░░] 0%  (Ctrl-C cancels)")
        // An iterative fit's total is a guess: 400 of ~1,000 evaluations in 2 s → 200/s, 3 s left, marked ≈.
        #expect(ProgressLine.text(done: 400, total: 1_000, elapsed: 2, unit: "evaluations", barWidth: 10, estimated: true)
                == "[████░░░░░░] 40%  200 evaluations/s  ETA ≈ 3 s  (Ctrl-C cancels)")
    }

    @Test func ratesAndDurationsReadLikePeopleWriteThem() {
        #expect(ProgressLine.rateText(1_234_567, unit: "baskets") == "1.2 M baskets/s")
        #expect(ProgressLine.rateText(34_500, unit: "queries") == "34.5 k queries/s")
        #expect(ProgressLine.rateText(120, unit: "steps") == "120 steps/s")
        #expect(ProgressLine.rateText(2.5, unit: "") == "2.5 steps/s")
        #expect(ProgressLine.rateText(3_400, unit: "bytes") == "3.4 kB/s")
        #expect(ProgressLine.duration(0.2) == "1 s")
        #expect(ProgressLine.duration(125) == "2 min 05 s")
        #expect(ProgressLine.duration(3_725) == "1 h 02 min")
    }

    @Test func barWaitsASecondThenDrawsWithRateAndEraseOnFinish() {
        let terminal = FakeTerminal()
        let progress = terminal.progress()
        progress.begin(unit: "draws")
        progress.update(done: 0, total: 200)          // t = 0: the task starts
        terminal.advance(to: 0.5)
        progress.update(done: 50, total: 200)
        #expect(terminal.count == 0, "nothing in the first second")
        terminal.advance(to: 2)
        progress.update(done: 100, total: 200)        // 50 draws/s, 100 left → 2 s
        #expect(terminal.last == "\r[█████░░░░░] 50%  50 draws/s  ETA 2 s  (Ctrl-C cancels)")
        terminal.advance(to: 2.05)
        progress.update(done: 101, total: 200)
        #expect(terminal.count == 1, "at most ten draws a second")
        terminal.advance(to: 4)
        progress.update(done: 140, total: 200)        // 35 draws/s, 60 left → 1.71 s → 2 s
        #expect(terminal.last == "\r[███████░░░] 70%  35 draws/s  ETA 2 s  (Ctrl-C cancels)")
        progress.finish()
        #expect(terminal.last.hasPrefix("\r     ") && terminal.last.hasSuffix("\r"), "the bar is erased")
        // the next task waits its own second again
        terminal.advance(to: 4.5)
        progress.update(done: 1, total: 2)
        #expect(terminal.count == 3)
    }
}
