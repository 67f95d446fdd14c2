import Foundation
import PostgresNIO
import UpshellData

/// Puts the chunks of all streams into one CSV in chunk order as they arrive. Each stream's thread turns its
/// chunk's record texts into CSV lines on its own (``CSVRowWriter/appendRecords(_:)``), then, in turn, the
/// lines are copied into the CSV; a chunk that comes early waits, converted, until those before it are in.
/// Given a ``CSVStream``, the lines go in turn to a ``StreamFeeder`` instead, which parses them into it on its
/// own thread, and no CSV is kept.
///
/// Converting under the lock instead put the work of every chunk on whichever thread held the next one: the
/// stream behind did the others' converting too and fell further behind (1,814 chunks waiting at once at 10 M
/// lines, 180 MB).
final class ChunkSequencer: @unchecked Sendable {
    private let lock = NSLock()
    private var csv: CSVRowWriter
    private let feeder: StreamFeeder?
    /// Rows handed to the feeder (with a stream, `csv` stays empty).
    private var streamedRows = 0
    private var next = 0
    private var early: [Int: CSVRowWriter] = [:]
    /// Chunks that came before their turn, and the most that waited at once (for `UPSHELL_PROFILE`).
    private(set) var cameEarly = 0, mostWaiting = 0

    /// An empty CSV with room for `capacity` bytes, starting with the header line of `header`; with `stream`,
    /// the header line is parsed into it and the CSV stays empty.
    init(reserving capacity: Int, header: [String], stream: CSVStream? = nil) {
        csv = CSVRowWriter(reserving: stream == nil ? capacity : 64)
        csv.appendHeader(header)
        feeder = stream.map { StreamFeeder($0) }
        if let feeder {
            feeder.enqueue(csv)
            csv = CSVRowWriter(reserving: 64)
        }
    }

    /// Ends the feeding thread (``StreamFeeder/finish()``) after a failed or cancelled read; ``finish(chunks:server:)`` does it otherwise.
    func stop() { feeder?.finish() }

    /// Rows in the CSV (or parsed into the stream) so far.
    var rows: Int { lock.withLock { rowsIn } }

    /// ``rows``, under the lock.
    private var rowsIn: Int { csv.rows + streamedRows }

    /// Adds chunk `c`'s row (one cell of record texts, NULL for none); returns the rows in the CSV.
    func add(chunk c: Int, _ row: PostgresRow) -> Int { add(chunk: c, text: row.first?.bytes) }

    /// Adds chunk `c`'s record texts separated by `\n` (`nil`: a chunk without rows); returns the rows in the CSV.
    func add(chunk c: Int, text: ByteBuffer?) -> Int {
        // the CSV line of a record is never longer than the record
        var lines = CSVRowWriter(reserving: text?.readableBytes ?? 0)
        text?.withUnsafeReadableBytes { lines.appendRecords($0.bindMemory(to: UInt8.self)) }
        return lock.withLock {
            guard c == next else {
                early[c] = lines
                cameEarly += 1
                mostWaiting = max(mostWaiting, early.count)
                return rowsIn
            }
            deliver(lines)
            next += 1
            while let waiting = early.removeValue(forKey: next) {
                deliver(waiting)
                next += 1
            }
            return rowsIn
        }
    }

    /// The next chunk's lines to the feeder, or into the CSV; under the lock.
    private func deliver(_ lines: CSVRowWriter) {
        guard let feeder else { return csv.append(contentsOf: lines) }
        feeder.enqueue(lines)
        streamedRows += lines.rows
    }

    /// The CSV (empty with a stream) and the rows parsed into the stream, once all `chunks` are in; a chunk
    /// missing (a stream that ended early) is a lost connection.
    func finish(chunks: Int, server: String) throws -> (csv: CSVRowWriter, streamedRows: Int) {
        feeder?.finish()
        return try lock.withLock {
            guard next == chunks, early.isEmpty else { throw PostgresSourceError.lostConnection(server: server, rows: rowsIn) }
            let done = csv
            csv = CSVRowWriter(reserving: 0)   // the caller is the only owner of its bytes: no copy
            return (done, streamedRows)
        }
    }
}
