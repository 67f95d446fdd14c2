import Foundation
import Testing
@testable import UpshellShell

/// Bad input against the real server: each error names what went wrong and how to fix it, never shows the
/// password, keeps the session, and registers no dataset.
@Suite(.serialized) struct PostgresBadInputTests {
    /// Runs `command` after a CSV load (so the session has something to keep); returns stderr.
    static func failure(_ command: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> String {
        let (session, console) = TestServer.session("load \"\(TestServer.demo)/orders.csv\" as kept brief")
        let failures = Interpreter(session: session).run(command)
        #expect(failures == 1, "'\(command)' should fail", sourceLocation: sourceLocation)
        #expect(session.datasets.names == ["kept"], "nothing registered, the session kept", sourceLocation: sourceLocation)
        return console.stderr
    }

    @Test func refusedConnectionNamesTheServer() throws {
        guard let url = TestServer.url() else { return }
        let port = url.components(separatedBy: "@127.0.0.1:")[1].components(separatedBy: "/")[0]
        // port 1 on loopback: nothing listens there
        let err = Self.failure("load \(TestServer.changed(url, replacing: ":\(port)/", with: ":1/")) table=orders")
        #expect(err.contains("127.0.0.1:1 refused the connection"), "\(err)")
        #expect(!err.contains(TestServer.password(url)))
    }

    @Test func unknownHostIsUnreachable() throws {
        guard let url = TestServer.url() else { return }
        let err = Self.failure("load \(TestServer.changed(url, replacing: "@127.0.0.1:", with: "@no-such-host.invalid:")) table=orders")
        #expect(err.contains("cannot reach the PostgreSQL server no-such-host.invalid"), "\(err)")
        #expect(!err.contains(TestServer.password(url)))
    }

    @Test func wrongPasswordIsRejectedWithoutEchoingIt() throws {
        guard let url = TestServer.url() else { return }
        let wrong = "wrongPassw0rdXYZ"
        let err = Self.failure("load \(TestServer.changed(url, replacing: TestServer.password(url), with: wrong)) table=orders")
        #expect(err.contains("did not accept the login: password authentication failed for user \"upshell_test\""), "\(err)")
        #expect(err.contains("hint: check the user 'upshell_test'"))
        #expect(!err.contains(wrong) && !err.contains(TestServer.password(url)))
    }

    @Test func unknownTableSuggestsTheNearest() throws {
        guard let url = TestServer.url() else { return }
        let err = Self.failure("load \(url) table=ordres")
        #expect(err.contains("there is no table or view 'ordres' in the database"), "\(err)")
        #expect(err.contains("did you mean 'orders'?"))
    }

    @Test func unknownColumnSuggestsTheNearestAndShowsWhere() throws {
        guard let url = TestServer.url() else { return }
        let err = Self.failure("load \(url) query=\"SELECT order_id, custmer_id FROM orders\"")
        // 'custmer_id' starts at character 18 of the query ("SELECT order_id, " is 17 characters): the position the
        // server reports (1-based), shifted back from the wrapping SELECT upshell sends
        #expect(err.contains("column \"custmer_id\" does not exist at character 18: 'SELECT order_id, ⟶custmer_id FROM orders'"), "\(err)")
        #expect(err.contains("did you mean 'customer_id'?"))
    }

    @Test func serverErrorGivesItsMessageAndPosition() throws {
        guard let url = TestServer.url() else { return }
        let err = Self.failure("load \(url) query=\"SELECT order_id FROM orders WHERE quantity > 'many'\"")
        // PostgreSQL 15's message; the literal 'many' starts at character 46 (the 45 characters before it counted by hand)
        #expect(err.contains("invalid input syntax for type integer: \"many\" at character 46"), "\(err)")
    }

    @Test func unmappableTypeNamesTheColumn() throws {
        guard let url = TestServer.url() else { return }
        let err = Self.failure("load \(url) query=\"SELECT order_id, sku, decode('00ff', 'hex') AS raw FROM orders\"")
        #expect(err.contains("column 'raw' has type BYTEA, which upshell cannot read"), "\(err)")
        #expect(err.contains("raw::text"))
    }

    @Test func sslRequireIsHonoured() throws {
        guard let url = TestServer.url() else { return }
        // the test server runs without TLS: require must fail, disable must connect
        let err = Self.failure("load \(url) table=orders sslmode=require")
        #expect(err.contains("does not offer TLS, and sslmode=require asks for it"), "\(err)")
        let (session, _) = TestServer.session("load \(url) table=products sslmode=disable as p brief")
        #expect(session.datasets.names == ["p"])
    }

    @Test func tableOrQueryIsRequired() {
        let err = Self.failure("load postgres://ann@127.0.0.1:1/shop")
        #expect(err.contains("names a database: say which rows to read"), "\(err)")
    }
}
