import Foundation
import Testing
@testable import UpshellAnalytics
import UpshellData

@Suite struct OrderMetricsTests {
    /// Four orders in two months; values by hand: o1 = 2×10 + 5 = 25, o2 = 40, o3 = 3×5 = 15, o4 = 20.
    static let csv = """
        order_id,customer_id,created_at,sku,quantity,unit_price,unit_cost,category,country
        o1,c1,2024-01-05 10:00:00,A,2,10,4,Kitchen,FR
        o1,c1,2024-01-05 10:00:00,B,1,5,1,Garden,FR
        o2,c2,2024-01-20 09:00:00,C,1,40,30,Kitchen,DE
        o3,c1,2024-02-02 12:00:00,B,3,5,1,Garden,FR
        o4,c3,2024-02-28 23:59:00,A,2,10,4,Kitchen,DE
        """

    @Test func overallAOVUnitsAndMargin() throws {
        let d = try TestData.load(csv: Self.csv)
        let all = try OrderMetrics.compute(d.orders!, by: .all)[0]
        #expect(all.orders == 4)
        #expect(all.revenue == 100)           // 25 + 40 + 15 + 20
        #expect(all.aov == 25)
        #expect(all.units == 9)               // 3 + 1 + 3 + 2
        #expect(all.cost == 9 + 30 + 3 + 8)   // 2×4+1, 30, 3×1, 2×4
        #expect(all.margin == 50)
    }

    @Test func byMonthAndByCountry() throws {
        let d = try TestData.load(csv: Self.csv)
        let months = try OrderMetrics.compute(d.orders!, by: .period(.month))
        #expect(months.map(\.label) == ["2024-01", "2024-02"])
        #expect(months.map(\.orders) == [2, 2])
        #expect(months.map(\.aov) == [32.5, 17.5])   // (25 + 40) / 2, (15 + 20) / 2
        #expect(months.map(\.revenueShare) == [0.65, 0.35])
        let labels = try d.orderLabels(column: "country")
        let countries = try OrderMetrics.compute(d.orders!, by: .orderLabels(name: "country", labels: labels.labels, groupOfOrder: labels.groupOfOrder))
        #expect(countries.map(\.label) == ["DE", "FR"])   // by revenue: DE 60, FR 40
        #expect(countries.map(\.revenue) == [60, 40])
    }

    @Test func byCategoryCountsOrdersInEachCategoryTheyTouch() throws {
        let d = try TestData.load(csv: Self.csv)
        let groups = try OrderMetrics.compute(d.orders!, by: .product(.category))
        let kitchen = try #require(groups.first { $0.label == "Kitchen" })
        let garden = try #require(groups.first { $0.label == "Garden" })
        #expect(kitchen.orders == 3 && kitchen.revenue == 80)   // o1 line A 20, o2 40, o4 20
        #expect(garden.orders == 2 && garden.revenue == 20)     // o1 line B 5, o3 15
        #expect(garden.aov == 20)                               // whole orders o1 (25) and o3 (15)
    }

    @Test func weeksStartOnMondayAndQuartersAreLabelled() {
        // 2024-01-05 is a Friday; its ISO week starts Monday 2024-01-01.
        let friday = Int64(CivilDateForTests.days(2024, 1, 5)) * 86_400
        #expect(Period.week.label(key: Period.week.key(seconds: friday)) == "2024-01-01")
        #expect(Period.quarter.label(key: Period.quarter.key(seconds: friday)) == "2024-Q1")
        #expect(Period.month.label(key: Period.month.key(seconds: friday)) == "2024-01")
    }

    /// AOV by month on the demo store equals a plain re-computation from the raw CSV: merchandise
    /// value = Σ (quantity × unit price − discount) of the lines whose status is not cancelled or refunded, grouped
    /// by order id, month of the order's time.
    /// The demo generator's own figures (Datasets/demo/README.md, computed by
    /// Scripts/demo/generate_demo_store.py when it wrote the store): paid merchandise revenue
    /// $1,592,425.08 and paid AOV $100.58, with exact duplicate lines removed and discounts taken off.
    @Test func demoRevenueMatchesTheGeneratorsFigures() throws {
        let path = TestData.packageRoot.appendingPathComponent("Datasets/demo/orders.csv").path
        var d = try DatasetLoader.load(path: path)
        var policy = d.cleaning.policy
        policy.duplicates = .drop
        try d.clean(policy)
        let overall = try #require(try OrderMetrics.compute(d.orders!, by: .all).first)
        #expect(abs(overall.revenue - 1_592_425.08) < 0.005)
        #expect(abs(overall.aov - 100.58) < 0.005)
    }

    @Test func demoAOVByMonthMatchesAPlainRecomputation() throws {
        let path = TestData.packageRoot.appendingPathComponent("Datasets/demo/orders.csv").path
        let d = try DatasetLoader.load(path: path)
        let months = try OrderMetrics.compute(d.orders!, by: .period(.month))

        let text = try String(contentsOfFile: path, encoding: .utf8)
        var lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = lines.removeFirst()
        let col = { (name: String) in header.firstIndex(of: name)! }
        var valueOfOrder: [String: Double] = [:]
        var monthOfOrder: [String: String] = [:]
        for f in lines where f.count == header.count && !["cancelled", "refunded"].contains(f[col("status")]) {
            let order = f[col("order_id")]
            valueOfOrder[order, default: 0] += Double(f[col("quantity")])! * Double(f[col("unit_price")])! - Double(f[col("discount")])!
            let month = String(f[col("created_at")].prefix(7))
            if monthOfOrder[order] == nil || month < monthOfOrder[order]! { monthOfOrder[order] = month }
        }
        var total: [String: (Double, Int)] = [:]
        for (order, value) in valueOfOrder { total[monthOfOrder[order]!, default: (0, 0)].0 += value; total[monthOfOrder[order]!, default: (0, 0)].1 += 1 }
        #expect(months.map(\.label) == total.keys.sorted())
        for m in months {
            let (value, count) = total[m.label]!
            #expect(m.orders == count, "orders in \(m.label)")
            #expect(abs(m.aov - value / Double(count)) < 1e-9, "AOV in \(m.label)")
        }
    }
}

enum CivilDateForTests {
    static func days(_ y: Int, _ m: Int, _ d: Int) -> Int {
        // Independent of the code under test: Foundation's Gregorian calendar in UTC.
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC")!
        let date = c.date(from: DateComponents(year: y, month: m, day: d))!
        return Int(date.timeIntervalSince1970 / 86_400)
    }
}
