import Foundation
import Testing
@testable import UpshellPostgres

/// The settings `aggregate=server` gives its own session before the statements (``PostgresClient/prepareForAggregation()``):
/// grouping by sorting, and `work_mem` raised to 64 MB when lower but never lowered. Read back with `current_setting`.
@Suite(.serialized) struct AggregationSessionTests {
    static func setting(_ client: PostgresClient, _ name: String) throws -> String {
        var value = ""
        try client.run("SELECT current_setting('\(name)')") { row in value = String(buffer: row.first!.bytes!) }
        return value
    }

    @Test func workMemoryIsRaisedNeverLoweredAndHashAggregationIsOff() throws {
        guard let url = TestServer.url() else { return }
        let client = try PostgresClient.connect(PostgresLocation(url: url, environment: [:]))
        defer { client.close() }
        try client.run("SET work_mem = '4MB'") { _ in }   // PostgreSQL's default
        client.prepareForAggregation()
        #expect(try Self.setting(client, "work_mem") == "64MB")
        #expect(try Self.setting(client, "enable_hashagg") == "off")
        try client.run("SET work_mem = '1GB'") { _ in }
        client.prepareForAggregation()
        #expect(try Self.setting(client, "work_mem") == "1GB", "a session that has more keeps it")
        // other sessions are untouched
        let other = try PostgresClient.connect(PostgresLocation(url: url, environment: [:]))
        defer { other.close() }
        #expect(try Self.setting(other, "enable_hashagg") == "on")
    }
}
