import Foundation
import Testing
import UpshellData
@testable import UpshellAnalytics

/// `UpsellStepAnalysis` on a small order file written here: a daypack family (18L at $50, 24L at $60, unit
/// costs 60 % of price) and a water bottle. One pair, one step, so the curve keeps its defaults (s50 0.30,
/// κ 3, A 20 %) and the step table at a $50 base with costs at 60 % must equal the published reference
/// (shared/reference/pricing/upsell.out, quoted in UpsellStepTests): steps 10/20/30/40/60 % →
/// acceptance .193/.154/.100/.059/.022, revenue 964/1543/1500/1187/667, margin 386/617/600/475/267 per
/// 1,000 base sales, s* = 0.2381. Counts (units, trade-up share, offers a day) are recomputed by brute force.
@Suite struct UpsellStepAnalysisTests {
    static let reference: [(step: Double, acceptance: Double, revenue: Double, margin: Double)] = [
        (0.10, 0.193, 964, 386), (0.20, 0.154, 1543, 617), (0.30, 0.100, 1500, 600), (0.40, 0.059, 1187, 475), (0.60, 0.022, 667, 267),
    ]

    /// 30 orders with two 18L daypacks (days 1–20), 10 of them also with three 24L daypacks, and 5 orders
    /// of one water bottle (days 1–5).
    static func model(costs: Bool = true) throws -> OrderModel {
        var rows: [String] = []
        func row(_ order: String, _ day: Int, _ sku: String, _ name: String, _ q: Int, _ price: Double) {
            rows.append("\(order),2025-02-\(String(format: "%02d", day)) 09:00:00,\(sku),\(name),Bags,\(q),\(price)" + (costs ? ",\(0.6 * price)" : ""))
        }
        for i in 0..<30 {
            row("o\(i)", 1 + i % 20, "d18", "Trail Daypack 18L", 2, 50)
            if i < 10 { row("o\(i)", 1 + i % 20, "d24", "Trail Daypack 24L", 3, 60) }
        }
        for i in 0..<5 { row("w\(i)", 1 + i, "w1", "Water bottle", 1, 10) }
        let header = "order_id,created_at,sku,product_name,category,quantity,unit_price" + (costs ? ",unit_cost" : "")
        return try #require(try TestData.load(csv: ([header] + rows).joined(separator: "\n")).orders)
    }

    static func product(_ model: OrderModel, _ sku: String) throws -> Int { try #require(model.products.key.firstIndex(of: sku)) }

    @Test func stepTableAndPairMatchTheReferenceCurve() throws {
        let model = try Self.model()
        var p = UpsellStepAnalysis.Parameters()
        let base = try Self.product(model, "d18"), upgrade = try Self.product(model, "d24")
        p.pair = (base, upgrade)
        let r = try UpsellStepAnalysis.run(model, orders: nil, parameters: p)

        // one pair: 60 base units, 30 upgrade units, share 30/90
        #expect(r.pairs.count == 1 && r.pairs[0].base == base && r.pairs[0].upgrade == upgrade)
        #expect(r.pairs[0].baseUnits == 60 && r.pairs[0].upgradeUnits == 30)
        #expect(r.rawFit == nil && r.fit == nil && r.curve == UpsellCurve.defaults)
        #expect(r.costRatioFromData && close(r.costRatio, (30 + 36 + 6) / 120.0, rel: 1e-12))
        #expect(r.basePrice == 50 && close(r.baseCost, 30, rel: 1e-12))

        #expect(r.steps.map(\.step) == [0.1, 0.2, try #require(r.curve.revenueMaximisingStep), 0.3, 0.4, 0.6, 1.0])
        for ref in Self.reference {
            let row = try #require(r.steps.first { $0.step == ref.step })
            #expect(abs(row.acceptance - ref.acceptance) <= 0.0005 && abs(row.revenue - ref.revenue) <= 0.5 && abs(row.margin - ref.margin) <= 0.5)
        }
        let pair = try #require(r.pair)
        #expect(close(pair.outcome.step, 0.2, rel: 1e-12))
        #expect(abs(pair.outcome.acceptance - 0.154) <= 0.0005 && abs(pair.outcome.revenue - 1543) <= 0.5 && abs(pair.outcome.margin - 617) <= 0.5)
        #expect(close(try #require(pair.observedTradeUpShare), 1.0 / 3, rel: 1e-12))
        // proportional costs: the margin optimum is the revenue optimum s* = 0.2381
        #expect(abs(r.marginMaximisingStep - 0.2381) <= 0.001)

        // band at the pair's step: κ 2–4 (no fit) × A 10–30 %, acceptance A / (1 + (s/s50)^κ)
        let band = [2.0, 4.0].flatMap { k in [0.1, 0.3].map { a in a / (1 + pow(0.2 / 0.3, k)) } }
        #expect(r.bandStep == pair.outcome.step && r.bandKappa == (2, 4))
        #expect(close(r.bandAcceptance.lower, band.min()!, rel: 1e-9) && close(r.bandAcceptance.upper, band.max()!, rel: 1e-9))
        #expect(r.comparisonStep == r.curve.revenueMaximisingStep)
        // 30 orders hold the base over February 1–20 (19 days)
        #expect(close(r.dailyOffers, 30.0 / 19, rel: 1e-12))
    }

    @Test func withoutAPairTheCurveIsShownAtAnIllustrativeBase() throws {
        let model = try Self.model(costs: false)
        var p = UpsellStepAnalysis.Parameters()
        p.category = "Bags"
        p.attention = 0.1
        p.kappa = 1
        let r = try UpsellStepAnalysis.run(model, orders: nil, parameters: p)
        #expect(!r.costRatioFromData && close(r.costRatio, 0.6, rel: 1e-12))  // 1 − the default 40 % margin
        #expect(r.basePrice == 100 && close(r.baseCost, 60, rel: 1e-12))
        #expect(r.curve == UpsellCurve(s50: 0.3, kappa: 1, attention: 0.1) && r.curve.revenueMaximisingStep == nil)
        #expect(r.steps.map(\.step) == [0.1, 0.2, 0.3, 0.4, 0.6, 1.0])
        #expect(r.pair == nil && r.bandStep == 0.2 && r.comparisonStep == 0.3)
        // all 35 orders in scope over February 1–20
        #expect(close(r.dailyOffers, 35.0 / 19, rel: 1e-12))
    }

    @Test func aTradeDownIsATypedError() throws {
        let model = try Self.model()
        var p = UpsellStepAnalysis.Parameters()
        let base = try Self.product(model, "d24"), upgrade = try Self.product(model, "d18")
        p.pair = (base, upgrade)
        #expect(throws: PricingError.upgradeNotDearer(base: base, upgrade: upgrade, basePrice: 60, upgradePrice: 50)) {
            try UpsellStepAnalysis.run(model, orders: nil, parameters: p)
        }
    }
}
