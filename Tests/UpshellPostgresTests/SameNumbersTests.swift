import Foundation
import Testing
@testable import UpshellData
@testable import UpshellShell

/// `load postgres://… table=orders` against `load Datasets/demo`: the server holds the same rows (Scripts/pg_test_server
/// copies Datasets/demo/orders.csv into it with psql's \copy), so every number must be the same. The CSV load is the
/// reference: its numbers are checked against lifetimes, pandas and the demo generator in the other suites.
@Suite(.serialized) struct SameNumbersTests {
    /// The analyses the issue names: orders and customers (load summary), AOV by month, top pairs, RFM segment
    /// counts and the CLV parameters (BG/NBD and Gamma-Gamma fits).
    static let analyses = ["aov by month", "pairs top=10", "segment rfm", "clv fit"]

    static func outputs(load: String) -> [String] {
        var texts: [String] = []
        for command in analyses {
            let (_, console) = TestServer.session("\(load); \(command)")
            texts.append(console.stdout.components(separatedBy: "\n").dropFirst().joined(separator: "\n"))
        }
        return texts
    }

    @Test func tableLoadGivesTheNumbersOfTheCSVLoad() throws {
        guard let url = TestServer.url() else { return }
        let (fromCSV, _) = TestServer.session("load \"\(TestServer.demo)\" as shop brief")
        let (fromServer, _) = TestServer.session("load \(url) table=orders as shop brief")
        let a = try #require(try fromCSV.datasets.resolve("shop").orders)
        let b = try #require(try fromServer.datasets.resolve("shop").orders)
        // 31,497 lines in Datasets/demo/orders.csv (wc -l less the header), and SELECT count(*) FROM orders on the server
        #expect(try fromServer.datasets.resolve("shop").table.rowCount == 31_497)
        #expect(a.orders.count == b.orders.count)
        #expect(a.customers.orderCount.count == b.customers.orderCount.count && a.customers.orderCount.sorted() == b.customers.orderCount.sorted())
        #expect(a.orders.count > 10_000)
        let csv = Self.outputs(load: "load \"\(TestServer.demo)\" as shop brief")
        let server = Self.outputs(load: "load \(url) table=orders as shop brief")
        for (k, command) in Self.analyses.enumerated() {
            #expect(!csv[k].isEmpty)
            #expect(csv[k] == server[k], "'\(command)' differs between the CSV and the PostgreSQL load")
        }
    }

    @Test func queryLoadGivesTheNumbersOfTheCSVLoad() throws {
        guard let url = TestServer.url() else { return }
        let csv = Self.outputs(load: "load \"\(TestServer.demo)\" as shop brief")
        let server = Self.outputs(load: "load \(url) query=\"SELECT * FROM orders ORDER BY order_id, sku;\" as shop brief")
        for (k, command) in Self.analyses.enumerated() {
            #expect(csv[k] == server[k], "'\(command)' differs between the CSV and the query load")
        }
    }

    /// The load report (roles, cleaning) is the CSV file's, line for line, but for the summary line's source.
    @Test func roleMappingAndCleaningReportAreTheCSVFiles() throws {
        guard let url = TestServer.url() else { return }
        let (_, fromCSV) = TestServer.session("load \"\(TestServer.demo)/orders.csv\" as shop")
        let (_, fromServer) = TestServer.session("load postgresql://\(url.components(separatedBy: "://")[1]) table=public.orders as shop")
        let report: (String) -> String = { $0.components(separatedBy: "\n").dropFirst().joined(separator: "\n") }
        #expect(report(fromCSV.stdout) == report(fromServer.stdout))
        #expect(fromServer.stdout.contains("Column roles"))
    }
}
