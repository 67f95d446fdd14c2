import Foundation
import PostgresNIO
import UpshellCore
import UpshellData
import UpshellShell

/// `load postgres://USER@HOST:PORT/DB table=NAME` or `query="SELECT …"`: the rows of a table or query,
/// every column cast to text on the server and streamed as CSV bytes into the file loader — so the
/// roles, cleaning report and order model are those of a CSV file of the same rows.
///
/// Register it once at start-up: `RemoteSources.register(PostgresSource())`.
public struct PostgresSource: RemoteSource {
    /// The process environment (`PG*` variables, `HOME` for `~/.pgpass`); tests pass their own.
    let environment: [String: String]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    public var schemes: [String] { ["postgres", "postgresql"] }

    public func fetch(_ request: RemoteRequest, progress: any ProgressReporter) throws -> RemoteRows {
        let location = try PostgresLocation(url: request.location, sslMode: request.sslMode, environment: environment)
        let client = try PostgresClient.connect(location)
        defer { client.close() }
        let source: String, userQuery: (text: String, offset: Int)?, name: String, shown: String
        if let table = request.table {
            source = "SELECT * FROM " + SQLText.relation(table)
            userQuery = nil
            name = String(table.split(separator: ".").last ?? Substring(table))
            shown = location.display + " table=" + table
        } else {
            let q = SQLText.trimmed(request.query ?? "")
            source = q
            userQuery = (q, 0)
            name = "query"
            shown = location.display + " query=\"" + SecretRedaction.redact(q) + "\""
        }
        let estimate = request.table.flatMap { client.estimatedRows(of: $0) } ?? 0
        var (csv, streamed) = try rows(client, source: source, userQuery: userQuery, table: request.table, streams: request.streams,
                                       stream: request.stream, estimate: estimate, progress: progress)
        progress.finish()
        let count = csv.rows + (streamed ?? 0)
        return RemoteRows(csv: csv.takeBytes(), displayLocation: shown, name: name, rows: count, streamed: streamed != nil)
    }

    /// The rows of `source` (a table's `SELECT *`, the user's query or a generated statement) as CSV, every
    /// column cast to text on the server and each row sent as one record text cell (``CSVRowWriter/appendRecord(_:)``).
    /// A table is read over up to `streams` connections at once, chunks of pages dealt in turn, when it can be
    /// (``TableSplit``); `nil` (generated statements) reads `source` with one plain query. A table read over
    /// streams goes into `stream` when given, parsed as it comes (the CSV is then empty), with the rows parsed.
    private func rows(_ client: PostgresClient, source: String, userQuery: (text: String, offset: Int)?, table: String?,
                      streams: Int? = nil, stream: CSVStream? = nil, estimate: Int,
                      progress: any ProgressReporter) throws -> (csv: CSVRowWriter, streamedRows: Int?) {
        let columns = try withSuggestions(client, table: table) {
            try client.describe(source: source, userQuery: userQuery)
        }
        let names = columns.map(\.name)
        if let table, let streams, var split = client.split(table: table, streams: streams) {
            let snapshot = split.streams > 1 ? client.exportSnapshot() : nil
            if snapshot == nil { split.streams = 1 }   // one stream: no snapshot to share
            let read = try ParallelLoad(client: client, columns: columns, source: source, split: split, snapshot: snapshot, stream: stream)
                .read(header: names, estimate: estimate, progress: progress)
            return (read.csv, stream == nil ? nil : read.streamedRows)
        }
        let (select, offset) = SourceColumn.recordSelect(columns, source: source)
        let writer = UncheckedBox(WriterBox(reserving: Self.reserve(estimate), header: names))
        try withSuggestions(client, table: table) {
            try client.run(select, userQuery: userQuery.map { ($0.text, offset) }, rows: { writer.value.csv.rows }) { row in
                writer.value.csv.appendRecord(row)
                let n = writer.value.csv.rows
                if n & 0x3FFF == 0 { progress.update(done: n, total: max(estimate, n + 1)) }
            }
        }
        return (writer.value.csv, nil)
    }

    /// Bytes to reserve for the CSV of about `estimate` rows (the planner's count; 0 when unknown).
    static func reserve(_ estimate: Int) -> Int { max(1 << 20, min(estimate, 1 << 28) * 128) }

    public func fields(_ request: RemoteRequest) throws -> [SourceField] {
        let location = try PostgresLocation(url: request.location, sslMode: request.sslMode, environment: environment)
        let client = try PostgresClient.connect(location)
        defer { client.close() }
        let (source, userQuery) = Self.source(request)
        let columns = try withSuggestions(client, table: request.table) { try client.describe(source: source, userQuery: userQuery) }
        return columns.map { SourceField(name: $0.name, isNumeric: SourceColumn.numeric.contains($0.type), isText: SourceColumn.text.contains($0.type)) }
    }

    public var aggregationSettings: (note: String, statements: [String]) {
        ("PostgreSQL's own, for this session only: work_mem raised to \(PostgresClient.aggregationWorkMemory) when lower (never lowered), "
            + "and grouping by sorting (its hash aggregate spilled to disk for minutes at 10 M lines)", PostgresClient.aggregationSettings)
    }

    public func fetch(statements: [String], request: RemoteRequest, progress: any ProgressReporter) throws -> [RemoteRows] {
        let location = try PostgresLocation(url: request.location, sslMode: request.sslMode, environment: environment)
        let client = try PostgresClient.connect(location)
        defer { client.close() }
        client.prepareForAggregation()
        var results: [RemoteRows] = []
        for statement in statements {
            var csv = try rows(client, source: statement, userQuery: nil, table: request.table, estimate: 0, progress: progress).csv
            let count = csv.rows
            results.append(RemoteRows(csv: csv.takeBytes(), displayLocation: location.display, name: "query", rows: count))
        }
        progress.finish()
        return results
    }

    /// The `SELECT` of a request's rows, and the user's query with its offset in it (for error positions).
    private static func source(_ request: RemoteRequest) -> (String, (text: String, offset: Int)?) {
        if let table = request.table { return ("SELECT * FROM " + SQLText.relation(table), nil) }
        let q = SQLText.trimmed(request.query ?? "")
        return (q, (q, 0))
    }

    /// Runs `work`, adding "did you mean" to an unknown table (`table=`) or column (SQLSTATE 42P01, 42703).
    private func withSuggestions<T>(_ client: PostgresClient, table: String?, _ work: () throws -> T) throws -> T {
        do {
            return try work()
        } catch PostgresSourceError.server(let message, let detail, let serverHint, let position, let query, _) {
            if message.hasPrefix("relation "), message.hasSuffix(" does not exist") {
                let missing = table ?? message.split(separator: "\"").dropFirst().first.map(String.init) ?? ""
                let suggestion = Suggestions.closest(to: missing, in: client.relationNames()).first
                if table != nil { throw PostgresSourceError.unknownTable(name: missing, suggestion: suggestion) }
                throw PostgresSourceError.server(message: message, detail: detail, serverHint: serverHint, position: position, query: query, suggestion: suggestion)
            }
            if message.hasPrefix("column "), message.hasSuffix(" does not exist") {
                let missing = message.split(separator: "\"").dropFirst().first.map(String.init) ?? ""
                let bare = missing.split(separator: ".").last.map(String.init) ?? missing
                let suggestion = Suggestions.closest(to: bare, in: client.columnNames()).first
                throw PostgresSourceError.server(message: message, detail: detail, serverHint: serverHint, position: position, query: query, suggestion: suggestion)
            }
            throw PostgresSourceError.server(message: message, detail: detail, serverHint: serverHint, position: position, query: query, suggestion: nil)
        }
    }
}

/// The CSV being written, shared with the row callback.
final class WriterBox {
    var csv: CSVRowWriter

    /// An empty CSV with room for `capacity` bytes, starting with the header line of `header` when given.
    init(reserving capacity: Int, header: [String]? = nil) {
        csv = CSVRowWriter(reserving: capacity)
        if let header { csv.appendHeader(header) }
    }
}

extension PostgresClient {
    /// Memory each sort of this session may use before spilling to disk, for the aggregation statements.
    static let aggregationWorkMemory = "64MB"

    /// What ``prepareForAggregation()`` sends, in order (`explain load` prints them before the statements).
    static let aggregationSettings = [
        "SELECT set_config('work_mem', '\(aggregationWorkMemory)', false) WHERE pg_size_bytes(current_setting('work_mem')) < pg_size_bytes('\(aggregationWorkMemory)')",
        "SET enable_hashagg = off",
    ]

    /// Settings of this session (no other) for the aggregation statements of `aggregate=server`: `work_mem`
    /// raised to ``aggregationWorkMemory`` when lower (never lowered), and grouping by sorting instead of
    /// hashing (`enable_hashagg = off`). PostgreSQL 15's hash aggregate of the distinct (order, product) pairs
    /// spills to disk at 10 M lines and then ran for over seven minutes in the pairs statement (8.8 GB of
    /// temporary files); grouped by sorting the same statement takes 48 s (`Scripts/bench postgres`).
    func prepareForAggregation() {
        for setting in Self.aggregationSettings { try? run(setting) { _ in } }
    }

    /// The planner's row count of a table (`pg_class.reltuples`), for the progress bar; `nil` when unknown.
    func estimatedRows(of table: String) -> Int? {
        var n: Int?
        try? run("SELECT reltuples::bigint::text FROM pg_class WHERE oid = to_regclass(\(SQLText.literal(SQLText.relation(table))))") { row in
            if let b = row.first?.bytes { n = Int(String(buffer: b)) }
        }
        return n.flatMap { $0 > 0 ? $0 : nil }
    }
}
