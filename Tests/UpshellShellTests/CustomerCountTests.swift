import Foundation
import Testing
@testable import UpshellShell

/// One definition of a customer across commands (issue 14 item 2): every command that prints a customer
/// count on the demo store prints the loader's count. The reference is the demo store's customers with at
/// least one order after cleaning: 4,651 — Python's csv module on Datasets/demo/orders.csv, distinct non-empty
/// customer_id over lines whose status is neither cancelled nor refunded, with quantity and unit_price > 0.
/// Before the fix the threshold model printed 4,663: its 12 guest orders (no customer id) were counted as
/// customers.
@Suite struct CustomerCountTests {
    static let demo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Datasets/demo").path

    /// The first capture of `pattern` in `text`, as a number (thousands separators removed).
    func number(_ pattern: String, in text: String) throws -> Int? {
        let regex = try Regex(pattern)
        guard let match = text.firstMatch(of: regex), let range = match.output[1].range else { return nil }
        return Int(text[range].replacingOccurrences(of: ",", with: ""))
    }

    @Test func everyCommandCountsTheSameCustomers() throws {
        let console = BufferConsole()
        let session = Session(console: console)
        let failures = Interpreter(session: session).run("""
            load "\(Self.demo)" as demo brief
            threshold 50 draws=0
            clv fit
            discount first-order 10% draws=0
            format csv
            segment rfm
            """)
        #expect(failures == 0, "\(console.stderr)")
        let out = console.stdout + console.stderr
        let loaded = try #require(try number(#"· ([\d,]+) customers ·"#, in: out))
        #expect(loaded == 4_651)
        #expect(try number(#"orders, ([\d,]+) customers"#, in: out) == loaded, "threshold")
        #expect(try number(#"\n  customers +([\d,]+)"#, in: out) == loaded, "clv fit (calibration through the last day)")
        #expect(try number(#"assumption — ([\d,]+) first orders"#, in: out) == loaded, "discount first-order: one first order per customer")
        // segment rfm (csv): the customers column sums to the same count
        let rows = console.stdout.split(separator: "\n").filter { $0.hasPrefix("Champions,") || $0.hasPrefix("Lost,") }
        #expect(rows.count == 2)
        let header = try #require(console.stdout.split(separator: "\n").first { $0.hasPrefix("segment,customers") })
        #expect(header.split(separator: ",")[1] == "customers")
        let table = console.stdout.components(separatedBy: header).last ?? ""
        let sum = table.split(separator: "\n").prefix { !$0.isEmpty }.compactMap { Int($0.split(separator: ",")[1]) }.reduce(0, +)
        #expect(sum == loaded, "segment rfm")
        #expect(out.contains("(and 12 guest orders)"), "guest orders are named, not counted as customers")
    }
}
