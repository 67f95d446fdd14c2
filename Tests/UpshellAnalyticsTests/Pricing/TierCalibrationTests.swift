import Foundation
import Testing
import UpshellData
@testable import UpshellAnalytics

/// `TierCalibration` on a small order file written here. Expected values are recomputed in the test from
/// the fixture's lines (`lines`) by brute force: units, value, costs and orders summed directly, the
/// geometric mean as exp(Σ units·ln(mean price)/Σ units), days as (last − first order time) / 86,400.
@Suite struct TierCalibrationTests {
    /// order, day of January 2025, sku, name, category, quantity, unit price, unit cost (nil: unknown)
    static let lines: [(order: String, day: Int, sku: String, name: String, category: String, quantity: Int, price: Double, cost: Double?)] = [
        ("o1", 1, "h1", "Headphones Basic", "Audio", 2, 30, 18),
        ("o2", 2, "h2", "Headphones Pro", "Audio", 1, 60, 30),
        ("o2", 2, "k1", "Kettle", "Kitchen", 1, 25, nil),
        ("o3", 4, "k1", "Kettle", "Kitchen", 3, 25, nil),
        ("o4", 6, "h1", "Headphones Basic", "Audio", 1, 28, 18),
        ("o5", 11, "h2", "Headphones Pro", "Audio", 1, 60, 30),
        ("o5", 11, "h1", "Headphones Basic", "Audio", 1, 30, 18),
    ]

    static func model() throws -> OrderModel {
        let csv = "order_id,created_at,sku,product_name,category,quantity,unit_price,unit_cost\n" + lines.map { l in
            "\(l.order),2025-01-\(String(format: "%02d", l.day)) 10:00:00,\(l.sku),\(l.name),\(l.category),\(l.quantity),\(l.price),\(l.cost.map { "\($0)" } ?? "")"
        }.joined(separator: "\n")
        return try #require(try TestData.load(csv: csv).orders)
    }

    /// Brute-force figures over the lines of `category` (nil: all).
    static func expected(category: String?) -> (units: [String: Double], value: [String: Double], costRatio: Double, orders: Int) {
        let kept = lines.filter { category == nil || $0.category == category }
        var units: [String: Double] = [:], value: [String: Double] = [:]
        var cost = 0.0, costedValue = 0.0
        for l in kept {
            units[l.sku, default: 0] += Double(l.quantity); value[l.sku, default: 0] += Double(l.quantity) * l.price
            if let c = l.cost { cost += Double(l.quantity) * c; costedValue += Double(l.quantity) * l.price }
        }
        return (units, value, cost / costedValue, Set(kept.map(\.order)).count)
    }

    @Test func categoryCalibrationFitsItsPricePoints() throws {
        let c = TierCalibration.calibrate(try Self.model(), orders: nil, category: "Audio")
        let e = Self.expected(category: "Audio")
        #expect(c.categoryProducts == 2)
        #expect(close(try #require(c.costRatio), e.costRatio, rel: 1e-12))  // (4·18 + 2·30) / (118 + 120)
        #expect(c.ordersWithItems == e.orders && close(c.dailyOrders, Double(e.orders) / 10))  // January 1 to 11: 10 days
        let fit = try #require(c.fit)
        // price points 28 (1 unit), 30 (3 units), 60 (2 units)
        let reference = try #require(IdealSpendFit.fit(prices: [28, 30, 60], units: [1, 3, 2]))
        #expect(fit.pricePoints == 3 && fit.units == 6)
        #expect(fit.medianSpend == reference.medianSpend && fit.sigma == reference.sigma)

        let spend = c.idealSpend(median: nil, sigma: nil)
        #expect(spend.medianSource == .fitted && spend.sigmaSource == .fitted)
        #expect(spend.medianSpend == fit.medianSpend && spend.sigma == fit.sigma)
        #expect(spend.fitBox.map(\.medianSpend) == [fit.medianRange.lower, fit.medianRange.lower, fit.medianRange.upper, fit.medianRange.upper])
        #expect(spend.fitBox.map(\.sigma) == [fit.sigmaRange.lower, fit.sigmaRange.upper, fit.sigmaRange.lower, fit.sigmaRange.upper])
        // a given m keeps σ at its default: σ is fitted only together with m
        let givenM = c.idealSpend(median: 55, sigma: nil)
        #expect(givenM.medianSpend == 55 && givenM.medianSource == .given)
        #expect(givenM.sigma == 0.8 && givenM.sigmaSource == .modelDefault && givenM.fitBox.isEmpty)
        let givenSigma = c.idealSpend(median: nil, sigma: 0.5)
        #expect(givenSigma.medianSource == .fitted && givenSigma.sigma == 0.5 && givenSigma.sigmaSource == .given && givenSigma.fitBox.isEmpty)
    }

    @Test func storeCalibrationFallsBackToTheGeometricMeanPrice() throws {
        let c = TierCalibration.calibrate(try Self.model(), orders: nil, category: nil)
        let e = Self.expected(category: nil)
        #expect(c.categoryProducts == nil)
        #expect(close(try #require(c.costRatio), e.costRatio, rel: 1e-12))  // the kettle has no cost: left out
        #expect(c.ordersWithItems == 5 && close(c.dailyOrders, 0.5))
        // mean price per product (value ÷ units), weighted by units, in logs
        let total = e.units.values.reduce(0, +)
        let geometric = exp(e.units.keys.reduce(0) { $0 + e.units[$1]! * log(e.value[$1]! / e.units[$1]!) } / total)
        let fit = try #require(c.fit)
        #expect(close(fit.geometricMeanPrice, geometric, rel: 1e-12) && fit.units == total)
        let spend = c.idealSpend(median: nil, sigma: nil)
        #expect(spend.medianSource == .geometricMean && close(spend.medianSpend, geometric, rel: 1e-12))
        #expect(spend.sigma == 0.8 && spend.sigmaSource == .modelDefault && spend.fitBox.isEmpty)
    }

    @Test func selectedOrdersAloneAreCounted() throws {
        let model = try Self.model()
        let o3 = Int32(try #require(model.orders.key.firstIndex(of: "o3")))
        let c = TierCalibration.calibrate(model, orders: [o3], category: nil)
        // o3: three kettles without a cost
        #expect(c.ordersWithItems == 1 && c.costRatio == nil)
        #expect(close(try #require(c.fit).geometricMeanPrice, 25, rel: 1e-12))
        let empty = TierCalibration.calibrate(model, orders: [o3], category: "Audio")
        #expect(empty.fit == nil && empty.ordersWithItems == 0)
        let spend = empty.idealSpend(median: nil, sigma: nil)
        #expect(spend.medianSpend == TierModelParameters().medianSpend && spend.medianSource == .modelDefault)
    }

    @Test func categoriesMatchIgnoringCase() throws {
        let model = try Self.model()
        #expect(try ProductCategories.match("audio", in: model) == "Audio")
        #expect(throws: PricingError.unknownCategory("Garden", available: ["Audio", "Kitchen"])) {
            try ProductCategories.match("Garden", in: model)
        }
    }
}
