import Foundation
import Testing
@testable import UpshellPostgres

/// URL, PG* environment and ~/.pgpass, completed as libpq documents (PostgreSQL 15 manual, 34.1.1 and 34.15–34.16).
@Suite struct LocationTests {
    @Test func urlGivesEveryPart() throws {
        let l = try PostgresLocation(url: "postgresql://ann:p%40ss@db.example:5433/shop?sslmode=require", environment: [:])
        #expect(l.host == "db.example" && l.port == 5433 && l.user == "ann" && l.password == "p@ss" && l.database == "shop")
        #expect(l.sslMode == .require)
        #expect(l.display == "postgresql://ann@db.example:5433/shop")
    }

    @Test func environmentFillsWhatTheURLLeavesOut() throws {
        let env = ["PGHOST": "h", "PGPORT": "6543", "PGUSER": "bob", "PGPASSWORD": "pw", "PGDATABASE": "d", "PGSSLMODE": "disable"]
        let l = try PostgresLocation(url: "postgres://", environment: env)
        #expect(l.host == "h" && l.port == 6543 && l.user == "bob" && l.password == "pw" && l.database == "d" && l.sslMode == .disable)
        // the option beats the URL, which beats the environment
        let m = try PostgresLocation(url: "postgres://ann@x/y?sslmode=require", sslMode: "disable", environment: env)
        #expect(m.user == "ann" && m.host == "x" && m.database == "y" && m.sslMode == .disable && m.port == 6543)
        // libpq's defaults: the database is named after the user
        let n = try PostgresLocation(url: "postgres://carol@", environment: [:])
        #expect(n.host == "localhost" && n.port == 5432 && n.database == "carol" && n.sslMode == .prefer)
    }

    @Test func passFileGivesThePasswordOfTheFirstMatchingLine() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("pgpass-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "# comment\nother:5432:*:ann:no\ndb:*:shop:ann:first\\:part\n*:*:*:*:fallback\n".write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        let l = try PostgresLocation(url: "postgres://ann@db:5433/shop", environment: ["PGPASSFILE": path])
        #expect(l.password == "first:part")
        let m = try PostgresLocation(url: "postgres://zed@elsewhere/x", environment: ["PGPASSFILE": path])
        #expect(m.password == "fallback")
        // group- or world-readable: ignored, as libpq does
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        #expect(try PostgresLocation(url: "postgres://ann@db:5433/shop", environment: ["PGPASSFILE": path]).password == nil)
    }

    @Test func badURLsSayWhatIsWrongWithoutThePassword() {
        #expect(throws: PostgresSourceError.self) { try PostgresLocation(url: "mysql://a:secret@h/d", environment: [:]) }
        do {
            _ = try PostgresLocation(url: "postgres://a:secret@h:99999/d", environment: [:])
            Issue.record("a port past 65535 was accepted")
        } catch {
            #expect(!"\(error)".contains("secret"), "\(error)")
        }
        #expect(throws: PostgresSourceError.self) { try PostgresLocation(url: "postgres://a@h/d", sslMode: "sometimes", environment: [:]) }
    }
}
