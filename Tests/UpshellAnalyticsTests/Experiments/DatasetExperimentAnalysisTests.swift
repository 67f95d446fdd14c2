import Foundation
import Testing
import UpshellData
@testable import UpshellAnalytics

/// `DatasetExperimentAnalysis` on a small order file written here. Every expected number is recomputed in
/// the test from the fixture's lines (`Fixture.lines`) by brute force — a second computation that does not
/// go through the order model, the dictionary codes or the analysis — and the sample-ratio and Welch values
/// from their textbook formulas (χ² with one degree of freedom: p = erfc(√(χ²/2)); Welch–Satterthwaite).
@Suite struct DatasetExperimentAnalysisTests {
    /// One line of the fixture.
    struct Line {
        var order: String, customer: String, day: Int, variant: String, sku: String
        var quantity: Int, price: Double, status: String = "completed", offer: String = ""
    }

    enum Fixture {
        // Variant A: o11–o16 (o15 wholly cancelled: gone after cleaning; o14 has a refunded line). Order ids do
        // not start with A or C, which cleaning reads as adjustment and cancellation prefixes.
        // Variant B: o21–o25 (o24 has a cancelled line). Offers: "cross-sell" counts, "upsell" does not.
        static let lines: [Line] = [
            Line(order: "o11", customer: "c1", day: 1, variant: "A", sku: "p1", quantity: 1, price: 20),
            Line(order: "o11", customer: "c1", day: 1, variant: "A", sku: "p2", quantity: 1, price: 5, offer: "cross-sell"),
            Line(order: "o12", customer: "c1", day: 3, variant: "A", sku: "p1", quantity: 2, price: 20),
            Line(order: "o13", customer: "c2", day: 5, variant: "A", sku: "p3", quantity: 1, price: 12),
            Line(order: "o14", customer: "c3", day: 8, variant: "A", sku: "p1", quantity: 1, price: 20),
            Line(order: "o14", customer: "c3", day: 8, variant: "A", sku: "p3", quantity: 1, price: 12, status: "refunded"),
            Line(order: "o15", customer: "c4", day: 10, variant: "A", sku: "p2", quantity: 3, price: 5, status: "cancelled"),
            Line(order: "o16", customer: "c5", day: 12, variant: "A", sku: "p3", quantity: 2, price: 12, offer: "upsell"),
            Line(order: "o21", customer: "c6", day: 2, variant: "B", sku: "p1", quantity: 1, price: 20),
            Line(order: "o21", customer: "c6", day: 2, variant: "B", sku: "p2", quantity: 2, price: 5, offer: "cross-sell"),
            Line(order: "o22", customer: "c7", day: 4, variant: "B", sku: "p3", quantity: 1, price: 12),
            Line(order: "o23", customer: "c10", day: 6, variant: "B", sku: "p1", quantity: 1, price: 20),
            Line(order: "o24", customer: "c8", day: 9, variant: "B", sku: "p2", quantity: 1, price: 5, status: "cancelled"),
            Line(order: "o24", customer: "c8", day: 9, variant: "B", sku: "p1", quantity: 1, price: 20),
            Line(order: "o25", customer: "c9", day: 14, variant: "B", sku: "p3", quantity: 3, price: 12),
        ]

        static var csv: String {
            "order_id,customer_id,created_at,variant,sku,quantity,unit_price,status,offer\n" + lines.map { l in
                "\(l.order),\(l.customer),2025-03-\(String(format: "%02d", l.day)) 10:00:00,\(l.variant),\(l.sku),\(l.quantity),\(l.price),\(l.status),\(l.offer)"
            }.joined(separator: "\n")
        }

        static func isCancelled(_ l: Line) -> Bool { ["cancel", "refund"].contains { l.status.contains($0) } }

        /// Orders kept by cleaning (at least one line not cancelled), per variant, in file order.
        static func keptOrders(_ variant: String) -> [String] {
            var seen: [String] = []
            for l in lines where l.variant == variant && !isCancelled(l) && !seen.contains(l.order) { seen.append(l.order) }
            return seen
        }

        /// Merchandise value of an order over its lines that cleaning keeps.
        static func value(_ order: String) -> Double {
            lines.filter { $0.order == order && !isCancelled($0) }.reduce(0) { $0 + Double($1.quantity) * $1.price }
        }
    }

    static func dataset() throws -> Dataset { try TestData.load(csv: Fixture.csv, name: "test") }

    @Test func armsAreTheVariantLabelsWithTheirOrders() throws {
        let d = try Self.dataset()
        let arms = try DatasetExperimentAnalysis.arms(d, variantColumn: "variant")
        let model = try #require(d.orders)
        #expect(arms.column == "variant" && arms.names == ["A", "B"])
        #expect(arms.orders.map { $0.map { model.orders.key[$0] }.sorted() } == [Fixture.keptOrders("A").sorted(), Fixture.keptOrders("B").sorted()])
    }

    @Test func summaryHealthAndRatesMatchABruteForceCount() throws {
        let d = try Self.dataset()
        let arms = try DatasetExperimentAnalysis.arms(d, variantColumn: "variant")
        var options = ConversionAnalysisOptions()
        options.looks = 1
        let r = try DatasetExperimentAnalysis.analyze(d, arms: arms, parameters: .init(conversion: options, seed: 7, visitors: [100, 120]))

        let total = Double(Fixture.keptOrders("A").count + Fixture.keptOrders("B").count)
        for (i, v) in ["A", "B"].enumerated() {
            let orders = Fixture.keptOrders(v)
            let values = orders.map(Fixture.value).sorted()
            let revenue = values.reduce(0, +)
            let customers = Set(Fixture.lines.filter { orders.contains($0.order) }.map(\.customer)).count
            let s = r.summary[i]
            #expect(s.name == v && s.orders == orders.count && s.customers == customers)
            #expect(close(s.orderShare, Double(orders.count) / total) && close(s.revenue, revenue) && close(s.averageOrderValue, revenue / Double(orders.count)))
            #expect(s.medianOrderValue == values[values.count / 2])  // odd counts: the middle value
            #expect(close(try #require(r.revenuePerVisitor)[i], revenue / Double([100, 120][i])))
        }
        // Days: first and last order kept, both days counted (March 1 to March 14).
        #expect(r.daysRun == 14)
        let span = try #require(r.orderTimeSpan)
        #expect(span.first == 1_740_823_200 && span.last == 1_741_946_400)  // 2025-03-01 and 2025-03-14 10:00 UTC

        // Sample ratio on customers: χ² = (a − b)² / (a + b), one degree of freedom.
        let c = r.summary.map { Double($0.customers ?? 0) }
        let chi2 = (c[0] - c[1]) * (c[0] - c[1]) / (c[0] + c[1])
        #expect(r.sampleRatio.onCustomers && r.sampleRatio.counts == [4, 5])
        #expect(close(r.sampleRatio.pValue, erfc((chi2 / 2).squareRoot()), rel: 1e-9))
        #expect(close(try #require(r.sampleRatio.orderSplitPValue), 1))  // 5 orders against 5

        // Attach rate: orders with a "cross-sell" line only (o16's "upsell" line does not count).
        let attach = try #require(r.attachRate)
        #expect(r.attachedLine == .crossSell)
        #expect(attach.variants.map(\.conversions) == [1, 1] && attach.variants.map(\.visitors) == [5, 5])

        // Cancel/refund rate over all raw orders, before cleaning: A has o14 (refund) and o15; B has o24.
        let cancel = try #require(r.cancellations)
        let raw = ["A", "B"].map { v in Set(Fixture.lines.filter { $0.variant == v }.map(\.order)) }
        let bad = ["A", "B"].map { v in Set(Fixture.lines.filter { $0.variant == v && Fixture.isCancelled($0) }.map(\.order)) }
        #expect(cancel.variants.map(\.visitors) == raw.map(\.count) && cancel.variants.map(\.conversions) == bad.map(\.count))
        #expect(r.statusColumn == "status")

        // Conversion: orders ÷ visitors.
        let conversion = try #require(r.conversion)
        #expect(conversion.variants.map(\.conversions) == [5, 5] && conversion.variants.map(\.visitors) == [100, 120])
        #expect(!r.sequentialComputed)
    }

    @Test func orderValueComparisonIsWelchOnTheKeptOrders() throws {
        let d = try Self.dataset()
        let arms = try DatasetExperimentAnalysis.arms(d, variantColumn: "variant")
        let r = try DatasetExperimentAnalysis.analyze(d, arms: arms, parameters: .init(conversion: .init(), seed: 7))
        let a = Fixture.keptOrders("A").map(Fixture.value), b = Fixture.keptOrders("B").map(Fixture.value)
        func meanVar(_ x: [Double]) -> (Double, Double) {
            let m = x.reduce(0, +) / Double(x.count)
            return (m, x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(x.count - 1))
        }
        let (ma, va) = meanVar(a), (mb, vb) = meanVar(b)
        let se2 = va / Double(a.count) + vb / Double(b.count)
        // Welch–Satterthwaite degrees of freedom
        let df = se2 * se2 / (pow(va / Double(a.count), 2) / Double(a.count - 1) + pow(vb / Double(b.count), 2) / Double(b.count - 1))
        let c = try #require(r.orderValues.comparisons.first)
        #expect(c.variant == "B" && c.control == "A")
        #expect(close(c.difference, mb - ma, rel: 1e-12))
        #expect(close(c.welch.t, (mb - ma) / se2.squareRoot(), rel: 1e-12))
        #expect(close(c.welch.degreesOfFreedom, df, rel: 1e-12))
        #expect(r.orderValues.options.seed == 7 && r.orderValues.options.metric == "AOV")
        #expect(r.conversion == nil && r.revenuePerVisitor == nil)
    }

    @Test func givenDaysReplaceTheOrderTimes() throws {
        let d = try Self.dataset()
        let arms = try DatasetExperimentAnalysis.arms(d, variantColumn: "variant")
        var options = ConversionAnalysisOptions()
        options.daysRun = 21
        let r = try DatasetExperimentAnalysis.analyze(d, arms: arms, parameters: .init(conversion: options, seed: 1))
        #expect(r.daysRun == 21 && r.orderTimeSpan == nil && r.orderValues.options.daysRun == 21)
    }

    @Test func oneVariantOrNoneIsATypedError() throws {
        let single = try TestData.load(csv: "order_id,variant,sku,quantity,unit_price\no1,A,p1,1,10\no2,A,p1,1,10\no3, ,p1,1,10\n")
        #expect(throws: DatasetExperimentError.singleVariant(column: "variant", level: "A")) {
            try DatasetExperimentAnalysis.arms(single, variantColumn: "variant")
        }
        let blank = try TestData.load(csv: "order_id,variant,sku,quantity,unit_price\no1, ,p1,1,10\no2, ,p1,1,10\n")
        #expect(throws: DatasetExperimentError.noVariantLabels(column: "variant")) {
            try DatasetExperimentAnalysis.arms(blank, variantColumn: "variant")
        }
    }

    @Test func peekingWarningFollowsSampleRatioAndDuration() {
        let srm = ExperimentWarning.sampleRatioMismatch(pValue: 1e-5, observedShares: [0.6, 0.4], expectedShares: [0.5, 0.5])
        let short = ExperimentWarning.shortDuration(days: 5, minimumDays: 14)
        let few = ExperimentWarning.fewConversions(variant: "a", conversions: 3, ruleOfThumb: 350)
        let old = ExperimentWarning.peeking(looks: 9, sequentialIntervalIncluded: false)
        let placed = DatasetExperimentAnalysis.placingPeeking([srm, old, short, few], looks: 3, sequentialComputed: true)
        #expect(placed == [srm, short, .peeking(looks: 3, sequentialIntervalIncluded: true), few])
        #expect(DatasetExperimentAnalysis.placingPeeking([old, few], looks: 1, sequentialComputed: false) == [few])
    }
}
