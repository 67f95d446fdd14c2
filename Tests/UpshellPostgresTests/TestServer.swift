import Foundation
import Testing
import UpshellPostgres
@testable import UpshellShell

/// The test server that Scripts/pg_test_server starts (Scripts/test exports its URL): a database `shop` holding
/// the demo store (Datasets/demo) in tables orders, customers and products.
enum TestServer {
    /// `UPSHELL_TEST_PG_URL`, or a recorded failure saying how to start the server (never a silent skip).
    static func url(sourceLocation: Testing.SourceLocation = #_sourceLocation) -> String? {
        guard let url = ProcessInfo.processInfo.environment["UPSHELL_TEST_PG_URL"], !url.isEmpty else {
            Issue.record("UPSHELL_TEST_PG_URL is not set: run bash Scripts/test, or export UPSHELL_TEST_PG_URL=$(bash Scripts/pg_test_server start)",
                         sourceLocation: sourceLocation)
            return nil
        }
        return url
    }

    /// The password in the test URL (`postgres://USER:PASSWORD@…`).
    static func password(_ url: String) -> String {
        let authority = url.components(separatedBy: "://")[1].components(separatedBy: "@")[0]
        return authority.components(separatedBy: ":").dropFirst().joined(separator: ":")
    }

    /// The URL with `part` of it replaced (`port`, `password`, `host`, `database`).
    static func changed(_ url: String, replacing old: String, with new: String) -> String {
        url.replacingOccurrences(of: old, with: new)
    }

    /// The project folder (for Datasets/demo).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let demo = root.appendingPathComponent("Datasets/demo").path

    /// A session that can read postgres:// URLs, after running `commands`; returns it with its console.
    static func session(_ commands: String, expectSuccess: Bool = true, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> (Session, BufferConsole) {
        RemoteSources.register(UpshellPostgresSourceForTests.source)
        let console = BufferConsole()
        let session = Session(console: console)
        let failures = Interpreter(session: session).run(commands)
        if expectSuccess { #expect(failures == 0, "\(console.stderr)", sourceLocation: sourceLocation) }
        return (session, console)
    }
}
