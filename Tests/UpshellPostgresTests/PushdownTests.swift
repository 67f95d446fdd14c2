import Foundation
import Testing
@testable import UpshellData
@testable import UpshellShell

/// `load postgres://… aggregate=server` and `explain load` (issue 18, item 3) against `load Datasets/demo`: the
/// server holds the demo store's rows (Scripts/pg_test_server copies Datasets/demo/*.csv in with psql's \copy),
/// so everything that needs no order lines must come out the same. The reference is the file load, whose
/// numbers the other suites check against lifetimes, pandas and the demo generator.
@Suite(.serialized) struct PushdownTests {
    /// The analyses the issue names that need no line-level data: AOV by month, top pairs above the floor, RFM
    /// segment counts, CLV parameters (orders and customers are compared on the models below).
    static let analyses = ["aov", "aov by month", "segment rfm", "clv fit", "segment lifecycle", "orders by quarter"]

    static func output(_ script: String) -> String {
        let (_, console) = TestServer.session(script)
        return console.stdout.components(separatedBy: "\n").dropFirst().joined(separator: "\n")
    }

    @Test func ordersAndCustomersAreTheFileLoads() throws {
        guard let url = TestServer.url() else { return }
        let (fromFile, _) = TestServer.session("load \"\(TestServer.demo)\" as shop brief")
        let (fromServer, console) = TestServer.session("load \(url) table=orders aggregate=server as shop")
        let a = try #require(try fromFile.datasets.resolve("shop").orders)
        let server = try fromServer.datasets.resolve("shop")
        let b = try #require(server.orders)
        // 15,832 orders and 4,651 customers after cleaning: `load Datasets/demo` (docs/SCALE.md; 16,309 and 4,707 raw)
        #expect(a.orders.count == 15_832 && a.customers.count == 4_651)
        #expect(b.orders.count == a.orders.count)
        #expect(b.customers.count == a.customers.count)
        #expect(b.customers.orderCount.sorted() == a.customers.orderCount.sorted())
        #expect(abs(b.orders.value.reduce(0, +) - a.orders.value.reduce(0, +)) < 0.005)
        #expect(b.products.count == a.products.count)
        #expect(b.products.orderCount.sorted() == a.products.orderCount.sorted())
        // the cleaning report: the same categories and counts as the file's, line for line
        #expect(server.cleaning.cancelledLines == (try fromFile.datasets.resolve("shop").cleaning.cancelledLines))
        #expect(server.cleaning.keptLines == a.lineCount)
        #expect(server.summary.lines == 31_497)
        #expect(console.stdout.contains("aggregated on the server"), "\(console.stdout)")
        #expect(console.stdout.contains("bytes of CSV transferred"))
    }

    @Test func analysesWithoutLinesGiveTheFileNumbers() throws {
        guard let url = TestServer.url() else { return }
        for command in Self.analyses {
            let file = Self.output("load \"\(TestServer.demo)\" as shop brief; \(command)")
            let server = Self.output("load \(url) table=orders aggregate=server as shop brief; \(command)")
            #expect(!file.isEmpty)
            #expect(file == server, "'\(command)' differs between the file and the aggregate=server load")
        }
    }

    /// The top pairs: the same pairs with the same counts and measures (the table's rows, anchor first).
    @Test func topPairsAboveTheFloorAreTheFileLoads() throws {
        guard let url = TestServer.url() else { return }
        let (_, fileConsole) = TestServer.session("load \"\(TestServer.demo)\" as shop brief; pairs top=10")
        let (_, serverConsole) = TestServer.session("load \(url) table=orders aggregate=server as shop brief; pairs top=10")
        let fileRows = Self.pairRows(fileConsole.stdout), serverRows = Self.pairRows(serverConsole.stdout)
        #expect(fileRows.count == 10)
        #expect(fileRows == serverRows, "file:\n\(fileRows.joined(separator: "\n"))\nserver:\n\(serverRows.joined(separator: "\n"))")
    }

    /// The pair rows of `pairs` output: item A … attach A→B (the server's table stops there; the file's goes on
    /// with revenue columns), as text cells.
    static func pairRows(_ text: String) -> [String] {
        let lines = text.components(separatedBy: "\n")
        guard let header = lines.firstIndex(where: { $0.contains("item A") && $0.contains("attach A→B") }) else { return [] }
        let cut = lines[header].range(of: "attach A→B")!.upperBound
        let width = lines[header].distance(from: lines[header].startIndex, to: cut)
        return lines[(header + 1)...].prefix { !$0.trimmingCharacters(in: .whitespaces).isEmpty && !$0.hasPrefix("note") }
            .map { String($0.prefix(width)) }.filter { !$0.allSatisfy { "─-+| ".contains($0) } }
    }

    @Test func commandsNeedingLinesRefuseAndSayHow() throws {
        guard let url = TestServer.url() else { return }
        let (session, _) = TestServer.session("load \(url) table=orders aggregate=server as shop brief")
        for command in ["itemsets", "rules", "bundles", "revenue by category", "pairs sort=lift", "pairs level=category",
                        "pairs sort=revenue", "recommend product \"French press 350ml\"", "clean cancelled=keep"] {
            let console = session.console as! BufferConsole
            let before = console.stderr.count
            let failures = Interpreter(session: session).run(command)
            let message = String(console.stderr.dropFirst(before))
            #expect(failures == 1, "'\(command)' ran on an aggregate=server dataset")
            #expect(message.contains("aggregate=server"), "'\(command)': \(message)")
            #expect(message.contains("hint:"), "'\(command)': \(message)")
        }
        // at or above the floor, ranking by lift is exact
        let floor = try #require(try session.datasets.resolve("shop").serverAggregates?.floor)
        // 15,832 orders in the demo (the file load), all holding a product: the default floor is 0.1 % of them, rounded up
        #expect(floor == 16)
        #expect(Interpreter(session: session).run("pairs sort=lift min-orders=\(floor)") == 0)
    }

    @Test func explainPrintsTheSQLWithoutThePassword() throws {
        guard let url = TestServer.url() else { return }
        let (_, console) = TestServer.session("explain load \(url) table=orders aggregate=server floor=40")
        let text = console.stdout
        #expect(!text.contains(TestServer.password(url)))
        #expect(text.contains("WITH classified AS"))
        #expect(text.contains("HAVING COUNT(*) >= 40"))
        #expect(text.contains("LIKE '%cancel%'"))
        // the PostgreSQL session settings come first, as sent (PostgresClient.aggregationSettings), then the standard SQL
        let settings = "-- session settings sent first (PostgreSQL's own, for this session only: work_mem raised to 64MB when lower "
            + "(never lowered), and grouping by sorting (its hash aggregate spilled to disk for minutes at 10 M lines))\n"
            + "SELECT set_config('work_mem', '64MB', false) WHERE pg_size_bytes(current_setting('work_mem')) < pg_size_bytes('64MB');\n"
            + "SET enable_hashagg = off;\n\n"
        #expect(text.hasPrefix(settings), "\(text.prefix(600))")
        let golden = try String(contentsOfFile: TestServer.root.appendingPathComponent("Tests/UpshellDataTests/Fixtures/pushdown_demo.sql").path, encoding: .utf8)
        #expect(text.dropFirst(settings.count).trimmingCharacters(in: .whitespacesAndNewlines) == golden.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Wrong options say what is wrong before any connection (the URL points nowhere on purpose).
    @Test func badOptionsAreRefusedBeforeConnecting() {
        let nowhere = "postgres://ann:secret-pw@127.0.0.1:1/shop"
        for (command, expected) in [
            ("load \(nowhere) table=orders aggregate=client", "expected server"),
            ("load \(nowhere) table=orders floor=10", "floor= goes with aggregate=server"),
            ("load \(nowhere) table=orders aggregate=server floor=0", "floor"),
            ("load \"\(TestServer.demo)/orders.csv\" aggregate=server", "go with a database URL"),
            ("explain load \(nowhere) table=orders", "add it"),
            ("explain pairs", "explain shows the SQL of a load"),
        ] {
            let (_, console) = TestServer.session(command, expectSuccess: false)
            #expect(console.stderr.contains(expected), "'\(command)': \(console.stderr)")
            #expect(!console.stderr.contains("secret-pw"), "'\(command)' printed the password")
        }
    }
}
