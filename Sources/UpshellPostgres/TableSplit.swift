import Dispatch
import Foundation
import PostgresNIO
import UpshellCore

/// A table's full load read as several page ranges at once, one connection each: `ctid >= '(a,0)' AND
/// ctid < '(b,0)'` is a TID range scan (PostgreSQL 14 and later), so each backend reads only its pages and
/// the ranges, joined in order, give the rows in the table's physical order — the order of a single
/// `SELECT *` on it. All connections read one snapshot (`pg_export_snapshot`, as `pg_dump --jobs` does).
///
/// Each range's query sends its rows in chunks of ``chunkPages`` pages, one cell per chunk holding the chunk's
/// record texts (`string_agg`): a few thousand messages instead of a million, which is where postgres-nio spends
/// its time per row.
struct TableSplit: Equatable {
    /// First page of each range; the last range runs to the end of the table (pages added since the size
    /// was read included).
    var starts: [Int]
    /// The table's pages when it was split.
    var pages: Int

    /// Pages per chunk: about a thousand rows of order lines, 100 kB of text.
    static let chunkPages = 16

    /// Fewest pages (8 kB each by default) per range worth a connection of its own.
    static let minimumPages = 64
    /// Most connections one load opens.
    static let maximumStreams = 8

    /// Up to `streams` ranges of about the same number of pages (one for a small table), or `nil` for no pages.
    static func even(pages: Int, streams: Int) -> TableSplit? {
        guard pages > 0 else { return nil }
        let n = max(1, min(streams, maximumStreams, pages / minimumPages))
        return TableSplit(starts: (0..<n).map { $0 * pages / n }, pages: pages)
    }

    /// The query giving range `k` of `source` (`SELECT * FROM relation`) chunk by chunk, in page order: one row
    /// per chunk of ``chunkPages`` pages, a cell of its rows' record texts (``SourceColumn/recordExpression``)
    /// joined by `\n` (NULL for a chunk without rows). The last range's last chunk has no end.
    func chunkQuery(_ k: Int, source: String, columns: [SourceColumn]) -> String {
        let first = starts[k], step = Self.chunkPages
        let last = k + 1 == starts.count
        let end = last ? max(pages, first + 1) : starts[k + 1]
        // qualified: the table's own columns may have any name
        let page = "upshell_chunk.first_page"
        let upper = last ? "CASE WHEN \(page) + \(step) >= \(end) THEN 4294967295 ELSE \(page) + \(step) END"
            : "least(\(page) + \(step), \(end))"
        let chunk = source + " WHERE ctid >= ('(' || \(page) || ',0)')::tid AND ctid < ('(' || (\(upper)) || ',0)')::tid"
        let records = "SELECT string_agg((upshell_line.*)::text, E'\\n') FROM (SELECT " + columns.map(\.recordExpression).joined(separator: ", ")
            + " FROM (" + chunk + ") AS upshell_rows) AS upshell_line"
        return "SELECT (" + records + ") FROM generate_series(\(first), \(end - 1), \(step)) AS upshell_chunk(first_page)"
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

/// One full table load over ``TableSplit``'s ranges: range 0 on `client` (which exported `snapshot`), the
/// others on connections of their own that import it; each range into its own CSV, joined in range order.
struct ParallelLoad {
    let client: PostgresClient
    let columns: [SourceColumn]
    let source: String
    let split: TableSplit
    /// The snapshot the other ranges' connections import; `nil` for one range.
    let snapshot: String?

    /// Reads every range: the CSV of `header` and the ranges' rows in range order. Throws the first stream's
    /// failure, or ``CancelledError``.
    func read(header: [String], estimate: Int, progress: any ProgressReporter) throws -> CSVRowWriter {
        let clients = try connections()
        defer { for other in clients.dropFirst() { other.close() } }
        // fewer connections than ranges (the server's connection limit): the last range runs to the table's end
        let split = TableSplit(starts: Array(split.starts.prefix(clients.count)), pages: split.pages)
        let n = clients.count
        let queries = (0..<n).map { k in split.chunkQuery(k, source: source, columns: columns) }
        // the chunk queries' estimated cost would have them compiled (JIT), which takes longer than it saves
        for other in clients { try? other.run("SET jit = off") { _ in } }
        // range 0's CSV gets room for all, as the others are appended to it
        let writers = (0..<n).map { k in
            WriterBox(reserving: PostgresSource.reserve(k == 0 ? estimate : estimate / n), header: k == 0 ? header : nil)
        }
        let total = Counter()
        let onRow: [(PostgresRow) throws -> Void] = writers.map { writer in
            { row in
                let before = writer.csv.rows
                writer.csv.appendRecords(row)
                let done = total.add(writer.csv.rows - before)
                progress.update(done: done, total: max(estimate, done + 1))
            }
        }
        try PostgresClient.runAll(clients, queries, rows: { writers.reduce(0) { $0 + $1.csv.rows } }, onRow: onRow)
        if snapshot != nil { try? client.run("COMMIT") { _ in } }
        var joined = writers[0].csv
        writers[0].csv = CSVRowWriter(reserving: 0)   // `joined` is the only owner of its bytes: no copy
        joined.ensure(writers.dropFirst().reduce(0) { $0 + $1.csv.count })
        for writer in writers.dropFirst() {
            joined.append(contentsOf: writer.csv)
            writer.csv = CSVRowWriter(reserving: 0)
        }
        return joined
    }
}

extension ParallelLoad {
    /// `client` and a connection for each other range, in the snapshot; fewer when the server refuses more.
    func connections() throws -> [PostgresClient] {
        var clients = [client]
        for _ in 1..<split.starts.count {
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

/// Rows read by all streams, for the progress bar.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func add(_ n: Int) -> Int { lock.withLock { value += n; return value } }
}
