import Foundation
import NIOCore
import struct PostgresNIO.PostgresRow
import Testing
import UpshellCore
@testable import UpshellPostgres
@testable import UpshellShell

/// Rows sent as one record text cell each, and a table read in page ranges over several connections at once
/// (issue 18's speed target): the CSV must be the one the plain one-cell-per-column, one-stream read gives.
@Suite(.serialized) struct ParallelLoadTests {
    static func client(_ url: String) throws -> PostgresClient {
        try PostgresClient.connect(PostgresLocation(url: url, environment: [:]))
    }

    /// Runs `statements` on a connection of its own.
    static func execute(_ url: String, _ statements: [String]) throws {
        let client = try client(url)
        defer { client.close() }
        for statement in statements { try client.run(statement) { _ in } }
    }

    /// One row's cells, one per column, as an RFC 4180 CSV line: a field quoted, `"` doubled, only when it holds
    /// `,` `"` or a line break; NULL empty (the second method the record path is compared with).
    static func csvLine(cells row: PostgresRow) -> [UInt8] {
        var out: [UInt8] = []
        for (k, cell) in row.enumerated() {
            if k > 0 { out.append(44) }
            guard let buffer = cell.bytes else { continue }
            let field = buffer.withUnsafeReadableBytes { Array($0) }
            guard field.contains(where: { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }) else { out += field; continue }
            out.append(34)
            for b in field {
                if b == 34 { out.append(34) }
                out.append(b)
            }
            out.append(34)
        }
        out.append(10)
        return out
    }

    /// The CSV of a `load … table=NAME threads=STREAMS`, as the source hands it to the loader.
    static func csv(_ url: String, table: String, streams: Int) throws -> RemoteRows {
        try PostgresSource(environment: [:]).fetch(RemoteRequest(location: url, table: table, streams: streams), progress: SilentProgress())
    }

    /// Awkward text — delimiters, quotes, backslashes, parentheses, line breaks, blanks, empty strings, NULLs, JSON,
    /// padded char(n), "char", booleans, floats, dates, times with a zone — gives the same CSV bytes as one record cell
    /// and as one cell per column.
    @Test func recordTextGivesTheCSVOfTheCells() throws {
        guard let url = TestServer.url() else { return }
        let client = try Self.client(url)
        defer { client.close() }
        try client.run(#"CREATE TEMP TABLE upshell_awkward (id int, t text, j json, b boolean, c char(6), ts timestamptz, n numeric, f float8, q "char", d date)"#) { _ in }
        try client.run(#"""
            INSERT INTO upshell_awkward (id, t, j, b, c, ts, n) VALUES
              (1, 'a,b', '{"k": [1, 2], "s": "x\"y"}', true, 'x', '2024-01-02 03:04:05+02', 1.50),
              (2, 'say "hi"', NULL, false, NULL, NULL, -0.01),
              (3, E'back\\slash', 'null', NULL, 'ab  ', 'infinity', NULL),
              (4, E'two\nlines', NULL, NULL, '', NULL, 'NaN'),
              (5, '', '""', NULL, NULL, NULL, NULL),
              (6, NULL, NULL, NULL, NULL, NULL, NULL),
              (7, ' padded ', NULL, NULL, ' c ', NULL, NULL),
              (8, '(paren)', NULL, NULL, NULL, NULL, NULL),
              (9, E'tab\there', NULL, NULL, NULL, NULL, NULL),
              (10, E'q"\\,"\\', NULL, NULL, NULL, NULL, NULL),
              (11, 'ünïcødé € 漢字', NULL, NULL, NULL, NULL, NULL),
              (12, E'cr\r', NULL, NULL, NULL, NULL, NULL),
              (13, '"', NULL, NULL, NULL, NULL, NULL),
              (14, E'\\', NULL, NULL, NULL, NULL, NULL),
              (15, 'abcdefghijklmnopqrstuvwxyz0123456789', NULL, NULL, 'abcdef', NULL, 123456789012.123456789),
              (16, 'abcdefg', '[1,2,3,4,5,6,7,8,9]', true, NULL, NULL, 1234567)
            """#) { _ in }
        try client.run("UPDATE upshell_awkward SET f = 0.1, q = 'x', d = '2024-02-29' WHERE id = 1") { _ in }
        try client.run("UPDATE upshell_awkward SET f = -1e300, q = ',', d = '-infinity' WHERE id = 2") { _ in }
        let source = "SELECT * FROM upshell_awkward ORDER BY id"
        let columns = try client.describe(source: source, userQuery: nil)
        var cells: [UInt8] = []
        let records = WriterBox(reserving: 64)
        let plain = "SELECT " + columns.map(\.textExpression).joined(separator: ", ") + " FROM (" + source + ") AS upshell_rows"
        try client.run(plain) { cells += Self.csvLine(cells: $0) }
        try client.run(SourceColumn.recordSelect(columns, source: source).sql) { records.csv.appendRecord($0) }
        #expect(records.csv.rows == 16)
        let a = cells, b = records.csv.takeBytes()
        #expect(a == b, "cells:\n\(String(decoding: a, as: UTF8.self))\nrecords:\n\(String(decoding: b, as: UTF8.self))")
    }

    /// Chunks arriving out of order (2, then 0, then 1 without rows) go into the CSV in chunk order; a chunk that
    /// never comes fails the load rather than leaving a gap.
    @Test func chunksGoInInChunkOrder() throws {
        let sequencer = ChunkSequencer(reserving: 64, header: ["a", "b"])
        #expect(sequencer.add(chunk: 2, text: ByteBuffer(string: "(5,\"x y\")")) == 0, "chunk 2 waits for 0 and 1")
        #expect(sequencer.add(chunk: 0, text: ByteBuffer(string: "(1,2)\n(3,)")) == 2)
        #expect(sequencer.add(chunk: 1, text: nil) == 3, "chunk 1 has no rows, so chunk 2 follows at once")
        var csv = try sequencer.finish(chunks: 3, server: "db").csv
        #expect(String(decoding: csv.takeBytes(), as: UTF8.self) == "a,b\n1,2\n3,\n5,x y\n")
        let gap = ChunkSequencer(reserving: 64, header: ["a"])
        _ = gap.add(chunk: 1, text: ByteBuffer(string: "(2)"))
        #expect(throws: PostgresSourceError.self) { try gap.finish(chunks: 2, server: "db") }
    }

    /// The demo store's orders read over 1, 2 and 4 connections at once: the same CSV, line for line, as a plain query.
    @Test func parallelLoadEqualsOneStreamLineForLine() throws {
        guard let url = TestServer.url() else { return }
        let client = try Self.client(url)
        #expect(client.split(table: "orders", streams: 2)?.streams == 2)
        #expect(client.split(table: "orders", streams: 4)?.streams == 4)
        client.close()
        // the reference: a plain query, a cell per row
        let one = try PostgresSource(environment: [:]).fetch(RemoteRequest(location: url, query: "SELECT * FROM orders"), progress: SilentProgress())
        #expect(one.rows == 31_497)
        for streams in [1, 2, 4] {
            let many = try Self.csv(url, table: "orders", streams: streams)
            #expect(many.rows == one.rows)
            #expect(many.csv == one.csv, "\(streams) streams give other CSV than one")
        }
    }

    /// A table whose columns have the names the chunk query uses for its own: read as a plain query reads it.
    @Test func chunkQueryNamesDoNotClashWithColumns() throws {
        guard let url = TestServer.url() else { return }
        let table = "upshell_clashing_names"
        try Self.execute(url, ["DROP TABLE IF EXISTS \(table)",
                               "CREATE TABLE \(table) AS SELECT g AS upshell_chunk, g * 2 AS first_page, 'row ' || g AS upshell_line FROM generate_series(1, 5000) AS g"])
        defer { try? Self.execute(url, ["DROP TABLE IF EXISTS \(table)"]) }
        let plain = try PostgresSource(environment: [:]).fetch(RemoteRequest(location: url, query: "SELECT * FROM \(table)"), progress: SilentProgress())
        let chunked = try Self.csv(url, table: table, streams: 1)
        #expect(chunked.rows == 5000)
        #expect(chunked.csv == plain.csv)
    }

    /// One range when asked (threads=1) and for small tables, a plain query for views; the shell's numbers are the
    /// same either way.
    @Test func oneStreamFallbacks() throws {
        guard let url = TestServer.url() else { return }
        let client = try Self.client(url)
        defer { client.close() }
        #expect(client.split(table: "orders", streams: 1)?.streams == 1)
        #expect(client.split(table: "products", streams: 2)?.streams == 1, "a table of a few pages is read by one stream")
        #expect(TableSplit.even(pages: 0, streams: 2) == nil)
        try client.run("CREATE TEMP VIEW upshell_orders_view AS SELECT * FROM orders") { _ in }
        #expect(client.split(table: "upshell_orders_view", streams: 2) == nil)
        #expect(TableSplit.even(pages: 10 * TableSplit.minimumPages, streams: 64)?.streams == TableSplit.maximumStreams)
        // 100 pages in chunks of 16: chunks 0…6, the last (pages 96…) without an end; two streams take them in turn
        let split = TableSplit(streams: 2, pages: 100), columns = [SourceColumn(name: "a", type: 25, typeName: "text")]
        #expect(split.chunks == 7)
        #expect(split.chunkQuery(0, source: "SELECT * FROM t", columns: columns).hasSuffix("generate_series(0, 96, 32) AS upshell_chunk(first_page)"))
        #expect(split.chunkQuery(1, source: "SELECT * FROM t", columns: columns).hasSuffix("generate_series(16, 96, 32) AS upshell_chunk(first_page)"))
        #expect(split.chunkQuery(1, source: "SELECT * FROM t", columns: columns).contains("WHEN upshell_chunk.first_page >= 96 THEN 4294967295"), "the last chunk has no end")
        #expect((0..<4).map { split.chunk(stream: 1, row: $0) } == [1, 3, 5, 7])
        let one = SameNumbersTests.outputs(load: "load \(url) table=orders threads=1 as shop brief")
        let two = SameNumbersTests.outputs(load: "load \(url) table=orders threads=2 as shop brief")
        #expect(one == two)
    }

    /// The server fails one range's query (a row-level security policy raising on the table's last row): the
    /// load fails with the server's message and registers nothing.
    @Test func aFailingStreamFailsTheLoad() throws {
        guard let url = TestServer.url() else { return }
        let table = "upshell_failing_orders"
        try Self.execute(url, ["DROP TABLE IF EXISTS \(table)", "CREATE TABLE \(table) AS SELECT * FROM orders"])
        defer { try? Self.execute(url, ["DROP TABLE IF EXISTS \(table)", "DROP FUNCTION IF EXISTS upshell_fail_on(bigint)"]) }
        let client = try Self.client(url)
        var last = ""
        try client.run("SELECT order_id::text FROM \(table) ORDER BY ctid DESC LIMIT 1") { row in last = String(buffer: row.first!.bytes!) }
        #expect(client.split(table: table, streams: 2)?.streams == 2)
        client.close()
        try Self.execute(url, [
            "CREATE OR REPLACE FUNCTION upshell_fail_on(id bigint) RETURNS boolean LANGUAGE plpgsql AS $$ BEGIN IF id = \(last) THEN RAISE EXCEPTION 'stream stopped on purpose'; END IF; RETURN true; END $$",
            "ALTER TABLE \(table) ENABLE ROW LEVEL SECURITY", "ALTER TABLE \(table) FORCE ROW LEVEL SECURITY",
            "CREATE POLICY upshell_fail ON \(table) USING (upshell_fail_on(order_id))",
        ])
        let (session, console) = TestServer.session("load \(url) table=\(table) threads=2 as failing", expectSuccess: false)
        #expect(console.stderr.contains("stream stopped on purpose"), "\(console.stderr)")
        #expect(!session.datasets.contains("failing"))
        #expect(!console.stderr.contains(TestServer.password(url)))
    }

    /// Ctrl-C during a load read by 2 streams (each row slowed down on the server): exit 130 within seconds, and
    /// neither range's query still runs on the server.
    @Test func ctrlCCancelsEveryStream() throws {
        guard let url = TestServer.url() else { return }
        let table = "upshell_slow_orders_\(UInt32.random(in: 0..<UInt32.max))"
        try Self.execute(url, [
            "CREATE TABLE \(table) AS SELECT * FROM orders",
            "CREATE OR REPLACE FUNCTION upshell_slow_row() RETURNS boolean LANGUAGE sql VOLATILE AS $$ SELECT pg_sleep(0.01) IS NOT NULL $$",
            "ALTER TABLE \(table) ENABLE ROW LEVEL SECURITY", "ALTER TABLE \(table) FORCE ROW LEVEL SECURITY",
            "CREATE POLICY upshell_slow ON \(table) USING (upshell_slow_row())",
        ])
        defer { try? Self.execute(url, ["DROP TABLE IF EXISTS \(table)", "DROP FUNCTION IF EXISTS upshell_slow_row()"]) }
        let (status, stderr, elapsed) = try InterruptionTests.interrupted("load \(url) table=\(table) threads=2 as slow", after: 2.5) {
            #expect(InterruptionTests.serverRuns(table, url: url), "the range queries run on the server before Ctrl-C")
        }
        #expect(status == 130, "\(stderr)")
        #expect(elapsed < 20)
        #expect(!InterruptionTests.serverRuns(table, url: url), "a range query still runs on the server")
    }
}
