import Dispatch
import Foundation
import PostgresNIO
import UpshellCore
import UpshellData

/// A table's full load read over several connections at once, the table cut into chunks of ``chunkPages``
/// pages dealt out in turn: stream `k` of `n` reads chunks `k`, `k + n`, `k + 2n`… With `ctid >= '(a,0)' AND
/// ctid < '(b,0)'` a chunk is a TID range scan (PostgreSQL 14 and later), so each backend reads only its pages;
/// the chunks, put back in chunk order as they arrive (``ChunkSequencer``), give the rows in the table's
/// physical order — the order of a single `SELECT *` on it — straight into one CSV, with no ranges to join
/// afterwards. All connections read one snapshot (`pg_export_snapshot`, as `pg_dump --jobs` does).
///
/// Each chunk comes as one row whose one cell holds the chunk's record texts (`string_agg`): a few thousand
/// messages instead of a million, which is where postgres-nio spends its time per row.
struct TableSplit: Equatable {
    /// Connections reading the table at once.
    var streams: Int
    /// The table's pages when it was split; the last chunk runs to the end of the table (pages added since
    /// the size was read included).
    var pages: Int

    /// Pages per chunk: about a thousand rows of order lines, 100 kB of text.
    static let chunkPages = 16

    /// Fewest pages (8 kB each by default) per stream worth a connection of its own.
    static let minimumPages = 64
    /// Most connections one load opens.
    static let maximumStreams = 8

    /// Up to `streams` streams (one for a small table), or `nil` for no pages.
    static func even(pages: Int, streams: Int) -> TableSplit? {
        guard pages > 0 else { return nil }
        return TableSplit(streams: max(1, min(streams, maximumStreams, pages / minimumPages)), pages: pages)
    }

    /// The chunks: `0 ..< chunks`, chunk `c` starting at page `c × chunkPages`.
    var chunks: Int { (max(pages, 1) + Self.chunkPages - 1) / Self.chunkPages }

    /// The chunk of stream `k`'s `j`-th row.
    func chunk(stream k: Int, row j: Int) -> Int { k + j * streams }

    /// The query giving stream `k`'s chunks of `source` (`SELECT * FROM relation`), in page order: one row per
    /// chunk, a cell of its rows' record texts (``SourceColumn/recordExpression``) joined by `\n` (NULL for a
    /// chunk without rows). The table's last chunk has no end.
    func chunkQuery(_ k: Int, source: String, columns: [SourceColumn]) -> String {
        let step = Self.chunkPages
        let lastStart = (chunks - 1) * step
        // qualified: the table's own columns may have any name
        let page = "upshell_chunk.first_page"
        let upper = "CASE WHEN \(page) >= \(lastStart) THEN 4294967295 ELSE \(page) + \(step) END"
        let chunk = source + " WHERE ctid >= ('(' || \(page) || ',0)')::tid AND ctid < ('(' || (\(upper)) || ',0)')::tid"
        let records = "SELECT string_agg((upshell_line.*)::text, E'\\n') FROM (SELECT " + columns.map(\.recordExpression).joined(separator: ", ")
            + " FROM (" + chunk + ") AS upshell_rows) AS upshell_line"
        return "SELECT (" + records + ") FROM generate_series(\(k * step), \(lastStart), \(streams * step)) AS upshell_chunk(first_page)"
    }
}

extension PostgresClient {
    /// How to split `table` into up to `streams` page ranges (one for `threads=1` or a small table), or `nil` to
    /// read it with one plain query, a cell per row: a server older than 14 (no TID range scans), not a plain
    /// table or materialized view (views, partitioned tables and tables with inheritance children read other
    /// relations too), or no pages.
    func split(table: String, streams: Int) -> TableSplit? {
        var version = 0, plain = false, pages = 0
        let relation = SQLText.literal(SQLText.relation(table))
        let sql = "SELECT current_setting('server_version_num'), (c.relkind IN ('r', 'm') AND NOT c.relhassubclass)::text, "
            + "(pg_relation_size(c.oid) / current_setting('block_size')::bigint)::text FROM pg_class c WHERE c.oid = to_regclass(\(relation))"
        try? run(sql) { row in
            let cells = row.map { $0.bytes.map { String(buffer: $0) } ?? "" }
            guard cells.count == 3 else { return }
            version = Int(cells[0]) ?? 0
            plain = cells[1] == "true"
            pages = Int(cells[2]) ?? 0
        }
        guard version >= 140000, plain else { return nil }
        return TableSplit.even(pages: pages, streams: streams)
    }

    /// Starts a repeatable-read, read-only transaction and exports its snapshot for the other streams;
    /// `nil` (and no transaction) when the server refuses.
    func exportSnapshot() -> String? {
        var id: String?
        do {
            try run("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") { _ in }
            try run("SELECT pg_export_snapshot()") { row in id = row.first?.bytes.map { String(buffer: $0) } }
        } catch {
            id = nil
        }
        if id == nil { try? run("ROLLBACK") { _ in } }
        return id
    }

    /// Starts a repeatable-read, read-only transaction that sees the snapshot `id` (``exportSnapshot()``).
    func importSnapshot(_ id: String) throws {
        try run("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") { _ in }
        try run("SET TRANSACTION SNAPSHOT " + SQLText.literal(id)) { _ in }
    }

    /// Runs query `k` on `clients[k]`, all at once, each calling its own `onRow[k]` on its connection's
    /// thread. Waits for all. After Ctrl-C, or when one query fails, cancels the others' server queries,
    /// waits for them to end and throws ``CancelledError`` or that first failure (as ``PostgresSourceError``).
    static func runAll(_ clients: [PostgresClient], _ queries: [String], rows: @escaping () -> Int,
                       onRow: [(PostgresRow) throws -> Void]) throws {
        let outcomes = Outcomes(count: clients.count)
        let done = DispatchSemaphore(value: 0)
        for k in clients.indices {
            clients[k].start(queries[k], onRow: onRow[k]).whenComplete { result in
                outcomes.record(k, result.map { _ in () })
                done.signal()
            }
        }
        var finished = 0, stopping = false, interrupted = false
        while finished < clients.count {
            if done.wait(timeout: .now() + .milliseconds(50)) == .success { finished += 1 }
            let failed = outcomes.firstFailure != nil
            if !stopping, failed || Cancellation.isRequested {
                stopping = true
                interrupted = !failed
                for k in outcomes.running { clients[k].cancelServerQuery() }
            }
        }
        if interrupted { throw CancelledError() }
        if let error = outcomes.firstFailure {
            try PostgresErrors.translating(clients[0].location, rows: rows) { throw error }
        }
    }
}

/// What the streams of ``PostgresClient/runAll(_:_:rows:onRow:)`` ended with, written from their threads.
private final class Outcomes: @unchecked Sendable {
    private let lock = NSLock()
    private var ended: [Bool]
    private var failure: (any Error)?

    init(count: Int) { ended = Array(repeating: false, count: count) }

    func record(_ k: Int, _ result: Result<Void, any Error>) {
        lock.withLock {
            ended[k] = true
            if case .failure(let error) = result, failure == nil { failure = error }
        }
    }

    var firstFailure: (any Error)? { lock.withLock { failure } }
    var running: [Int] { lock.withLock { ended.indices.filter { !ended[$0] } } }
}

/// One full table load over ``TableSplit``'s streams: stream 0 on `client` (which exported `snapshot`), the
/// others on connections of their own that import it; every chunk into one CSV, in chunk order.
struct ParallelLoad {
    let client: PostgresClient
    let columns: [SourceColumn]
    let source: String
    let split: TableSplit
    /// The snapshot the other streams' connections import; `nil` for one stream.
    let snapshot: String?
    /// Where the rows are parsed as they come instead of kept as CSV (``ChunkSequencer``); `nil`: the CSV.
    var stream: CSVStream? = nil

    /// Reads every chunk: the CSV of `header` and the table's rows in page order (empty when they went into
    /// ``stream``), and the rows streamed. Throws the first stream's failure, or ``CancelledError``.
    func read(header: [String], estimate: Int, progress: any ProgressReporter) throws -> (csv: CSVRowWriter, streamedRows: Int) {
        let timer = PhaseTimer("postgres")
        let clients = try connections()
        var complete = false
        defer {
            // every connection ends its snapshot's transaction (the server logs a connection closed in one)
            if snapshot != nil { for c in clients { try? c.run(complete ? "COMMIT" : "ROLLBACK") { _ in } } }
            for other in clients.dropFirst() { other.close() }
        }
        // fewer connections than asked for (the server's connection limit): the chunks dealt among those there are
        let split = TableSplit(streams: clients.count, pages: split.pages)
        let queries = (0..<split.streams).map { k in split.chunkQuery(k, source: source, columns: columns) }
        // the chunk queries' estimated cost would have them compiled (JIT), which takes longer than it saves
        for other in clients { try? other.run("SET jit = off") { _ in } }
        stream?.expectedRows = estimate
        let sequencer = ChunkSequencer(reserving: PostgresSource.reserve(estimate), header: header, stream: stream)
        defer { sequencer.stop() }
        let onRow: [(PostgresRow) throws -> Void] = (0..<split.streams).map { k in
            var j = 0   // rows of stream k so far, on its connection's thread only
            return { row in
                let done = sequencer.add(chunk: split.chunk(stream: k, row: j), row)
                j += 1
                progress.update(done: done, total: max(estimate, done + 1))
            }
        }
        try PostgresClient.runAll(clients, queries, rows: { sequencer.rows }, onRow: onRow)
        timer.mark("chunks read (\(sequencer.cameEarly) of \(split.chunks) early, at most \(sequencer.mostWaiting) waiting)")
        complete = true
        let read = try sequencer.finish(chunks: split.chunks, server: client.location.display)
        if stream != nil { timer.mark("rows parsed as they came") }
        return read
    }
}

extension ParallelLoad {
    /// `client` and a connection for each other stream, in the snapshot; fewer when the server refuses more.
    func connections() throws -> [PostgresClient] {
        var clients = [client]
        for _ in 1..<split.streams {
            do {
                let other = try PostgresClient.connect(client.location)
                do {
                    if let snapshot { try other.importSnapshot(snapshot) }
                } catch {
                    other.close()
                    throw error
                }
                clients.append(other)
            } catch let error as CancelledError {
                for other in clients.dropFirst() { other.close() }
                throw error
            } catch {
                break
            }
        }
        return clients
    }
}
