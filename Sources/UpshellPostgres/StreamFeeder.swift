import Foundation
import UpshellData

/// Feeds CSV lines to a ``CSVStream`` on a thread of its own, in the order they are queued, so neither
/// connection's thread parses: a thread that parsed whenever it brought the next chunk read its own socket
/// less, fell behind, and so brought the next chunk — and did all the parsing — ever more often (2,307 chunks
/// of the other stream waiting at once at 10 M lines).
final class StreamFeeder: @unchecked Sendable {
    private let stream: CSVStream
    private let condition = NSCondition()
    private var queue: [CSVRowWriter] = []
    private var ended = false
    private let done = DispatchSemaphore(value: 0)

    /// Starts the feeding thread.
    init(_ stream: CSVStream) {
        self.stream = stream
        let thread = Thread { [self] in run() }
        thread.name = "upshell-parse"
        thread.start()
    }

    /// Queues `lines` (whole rows) after those queued before.
    func enqueue(_ lines: CSVRowWriter) {
        condition.withLock {
            queue.append(lines)
            condition.signal()
        }
    }

    /// Waits until everything queued is fed, and ends the thread. Also what a failed or cancelled load calls,
    /// so the thread never outlives the load (the stream is then dropped unread).
    func finish() {
        let first = condition.withLock {
            defer { ended = true; condition.signal() }
            return !ended
        }
        if first { done.wait() }
    }

    private func run() {
        while true {
            condition.lock()
            while queue.isEmpty && !ended { condition.wait() }
            let batch = queue
            queue = []
            let last = ended
            condition.unlock()
            for lines in batch { lines.withBytes { stream.feed($0) } }
            if last && batch.isEmpty { break }
        }
        done.signal()
    }
}
