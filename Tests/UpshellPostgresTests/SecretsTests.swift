import Foundation
import Testing
import UpshellCore
@testable import UpshellShell

/// The password of the URL never shows: not in output, errors, `datasets`, the history file, `save session`
/// or a notebook's outputs (issue 18, item 2).
@Suite(.serialized) struct SecretsTests {
    @Test func passwordAppearsNowhere() throws {
        guard let url = TestServer.url() else { return }
        let password = TestServer.password(url)
        #expect(password.count >= 8, "the test URL carries a password")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("upshell-secrets-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let saved = dir + "/session.ups"
        let script = "load \(url) table=orders as shop brief; datasets; cells; aov; save session \"\(saved)\""
        let (session, console) = TestServer.session(script)
        // a failing command that holds the URL: its error echo
        _ = Interpreter(session: session).run("load \(url) table=no_such_table as other")
        #expect(console.stderr.contains("no_such_table"), "the error was printed: \(console.stderr)")
        let savedText = try String(contentsOfFile: saved, encoding: .utf8)
        #expect(savedText.contains("load postgres://upshell_test@127.0.0.1:"), "\(savedText)")
        // history: what the REPL appends for each typed entry
        let history = HistoryFile(path: dir + "/history", capacity: 100)
        _ = try history.append("load \(url) table=orders")
        let historyText = try String(contentsOfFile: dir + "/history", encoding: .utf8)
        #expect(historyText.contains("load postgres://upshell_test@"))
        let journal = session.journal.map(\.command).joined(separator: "\n")
        for (place, text) in [("output", console.stdout), ("errors", console.stderr), ("saved session", savedText),
                              ("history file", historyText), ("journal", journal)] {
            #expect(!text.contains(password), "the password shows in the \(place)")
            #expect(!text.isEmpty, "\(place) is empty")
        }
    }

    @Test func notebookOutputsHoldNoPassword() throws {
        guard let url = TestServer.url() else { return }
        let password = TestServer.password(url)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("upshell-secrets-\(UUID().uuidString).md").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let notebook = "# Orders from the database\n\n```upshell\nload $db table=orders as shop brief\ndatasets\n```\n"
        try notebook.write(toFile: path, atomically: true, encoding: .utf8)
        RemoteSources.register(UpshellPostgresSourceForTests.source)
        var options = NotebookOptions(path: path)
        options.definitions = [("db", url)]
        _ = NotebookRun.run(options, console: BufferConsole())
        let written = try String(contentsOfFile: path, encoding: .utf8)
        #expect(written.contains("```output"), "\(written)")
        #expect(written.contains("postgres://upshell_test@127.0.0.1"), "\(written)")
        #expect(!written.contains(password))
    }

    /// Unit: what the redaction keeps and drops (no server needed).
    @Test func redactionDropsOnlyThePassword() {
        #expect(SecretRedaction.redact("load postgres://ann:s3cr%40t@db.example:5433/shop table=orders")
                == "load postgres://ann@db.example:5433/shop table=orders")
        #expect(SecretRedaction.redact("load postgresql://ann:pw@h/db?sslmode=require&password=x table=o")
                == "load postgresql://ann@h/db?sslmode=require table=o")
        #expect(SecretRedaction.redact("load orders.csv as shop") == "load orders.csv as shop")
        #expect(SecretRedaction.redact("load postgres://ann@h/db table=o") == "load postgres://ann@h/db table=o")
    }
}
