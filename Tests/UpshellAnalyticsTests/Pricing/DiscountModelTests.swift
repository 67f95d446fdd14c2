import Foundation
import XCTest
import UpshellData
@testable import UpshellAnalytics

/// Discount models against Tests/References/pricing/discounts.out (an independent implementation of
/// MODELS.md §3: N_A 1,000, a0 0.12, p_A 80, p_B 20, c_B 8, q 0.05, e 1.5 unless stated).
final class DiscountModelTests: XCTestCase {
    func inputs(onTotal: Bool, e: Double = 1.5, q: Double = 0.05) -> AttachInputs {
        AttachInputs(anchorOrders: 1000, attachRate: 0.12, anchorPrice: 80, addonPrice: 20, addonCost: 8, pullIn: q, elasticity: e, onTotal: onTotal)
    }

    func testBundleOnTotalMatchesReference() {
        // d, a1, extra bundles, subsidy, Δ margin
        let rows: [(Double, Double, Double, Double, Double)] = [(0.05, 0.182, 62.1, 616, -202), (0.10, 0.308, 187.7, 1294, -937), (0.15, 0.592, 471.6, 2154, -3498)]
        for (d, a1, e, sub, dm) in rows {
            let o = AttachDiscountModel.evaluate(inputs(onTotal: true), discount: d)!
            XCTAssertEqual(o.attachRate, a1, accuracy: 0.0005, "d \(d)")
            XCTAssertEqual(o.extraBundles, e, accuracy: 0.05)
            XCTAssertEqual(o.subsidy, sub, accuracy: 0.5)
            XCTAssertEqual(o.marginChange, dm, accuracy: 0.5)
        }
        let opt = AttachDiscountModel.optimum(inputs(onTotal: true))
        XCTAssertNil(opt.breakEven)
        XCTAssertEqual(opt.best, 0.0001, accuracy: 1e-9)
        XCTAssertEqual(opt.bestMargin, -0.17431143535814142, accuracy: 1e-6)
    }

    /// A saving at or above the add-on's price (S ≥ p_B) is modelled, not refused: the add-on is free plus a
    /// rebate, so a1 = 1 — the limit of the logit response as r → 1. Hand computation with the reference
    /// inputs at d 30 % on the total: S = 0.30 × 100 = 30, E = 1,000 × (1 − 0.12) = 880,
    /// Δ margin = E(1−q)(m_B − S) − E·q·S − N_A·a0·S = 836 × (12 − 30) − 44 × 30 − 120 × 30 = −19,968.
    func testSavingAboveTheAddonPriceIsModelledAsAFreeAddon() {
        let x = inputs(onTotal: true)
        XCTAssertEqual(AttachDiscountModel.maximumDiscount(x), 0.2, accuracy: 1e-12)
        let o = AttachDiscountModel.evaluate(x, discount: 0.30)!
        XCTAssertEqual(o.attachRate, 1)
        XCTAssertEqual(o.saving, 30, accuracy: 1e-9)
        XCTAssertEqual(o.extraBundles, 880, accuracy: 1e-9)
        XCTAssertEqual(o.marginChange, -19_968, accuracy: 1e-6)
        // continuous at the boundary: just below r = 1 the logit response is already ≈ 1
        XCTAssertEqual(AttachDiscountModel.evaluate(x, discount: 0.2 - 1e-9)!.attachRate, 1, accuracy: 1e-6)
        XCTAssertNil(AttachDiscountModel.evaluate(x, discount: -0.01))
    }

    func testAddonDiscountMatchesReference() {
        for (d, a1, sub, dm) in [(0.10, 0.140, 242.0, -49.0), (0.20, 0.166, 489, -137), (0.30, 0.200, 744, -286)] {
            let o = AttachDiscountModel.evaluate(inputs(onTotal: false), discount: d)!
            XCTAssertEqual(o.attachRate, a1, accuracy: 0.0005)
            XCTAssertEqual(o.subsidy, sub, accuracy: 0.5)
            XCTAssertEqual(o.marginChange, dm, accuracy: 0.5)
        }
        // add-on, elasticity 3: break-even d 0.4260, best d 0.2704 (Δ margin 342.3)
        let opt = AttachDiscountModel.optimum(inputs(onTotal: false, e: 3))
        XCTAssertEqual(opt.best, 0.2704, accuracy: 0.00015)
        XCTAssertEqual(opt.bestMargin, 342.3, accuracy: 0.1)
        let be = try! XCTUnwrap(opt.breakEven)
        XCTAssertEqual(be, 0.4260, accuracy: 0.00005)
        // the break-even discount sets the net margin effect to zero (numerically)
        XCTAssertEqual(AttachDiscountModel.evaluate(inputs(onTotal: false, e: 3), discount: be)!.marginChange, 0, accuracy: 1e-6)
    }

    func testSubsidyIsDiscountTimesBothPricesTimesBaselineCoPurchases() {
        let x = inputs(onTotal: true, q: 0)
        for d in [0.02, 0.07, 0.12] {
            let o = AttachDiscountModel.evaluate(x, discount: d)!
            XCTAssertEqual(o.subsidy, d * (80 + 20) * (1000 * 0.12), accuracy: 1e-9)
        }
    }

    func testAttachElasticityAtZeroIsMinusE() {
        let x = inputs(onTotal: false, e: 2.2)
        let h = 1e-6
        let a0 = 0.12, a1 = AttachDiscountModel.evaluate(x, discount: h)!.attachRate
        // elasticity w.r.t. the effective price p_B(1 − r): d ln a / d ln(1 − r)
        XCTAssertEqual(log(a1 / a0) / log(1 - h), -2.2, accuracy: 1e-4)
    }

    /// d = 10 %: first-order loss 3,667 (discounts.out); the 111.1 extra customers × 0.857 (1 − 1.43·0.1)
    /// recover it once the cumulative margin per customer exceeds 3,667 / 95.24 = 38.5.
    func testPaybackMonthIsTheFirstMonthCoveringTheLoss() {
        let x = FirstOrderInputs(newCustomers: 1000, firstOrderValue: 60, marginRatio: 0.45, futureMargin: 40)
        let cumulative = (1...12).map { Double($0) * 40.0 / 12 } // 3.33 per month
        XCTAssertEqual(FirstOrderDiscountModel.paybackMonth(x, discount: 0.10, cumulativeMargin: cumulative), 12)
        XCTAssertNil(FirstOrderDiscountModel.paybackMonth(x, discount: 0.20, cumulativeMargin: cumulative))
        let fast = (1...12).map { Double($0) * 10.0 }
        XCTAssertEqual(FirstOrderDiscountModel.paybackMonth(x, discount: 0.10, cumulativeMargin: fast), 4)
    }

    func testFirstOrderMatchesReference() {
        let x = FirstOrderInputs(newCustomers: 1000, firstOrderValue: 60, marginRatio: 0.45, futureMargin: 40)
        for (d, u, sub, first, future) in [(0.10, 0.111, 6000.0, -3667.0, 142.0), (0.15, 0.176, 9000, -5824, -279), (0.20, 0.25, 12000, -8250, -1110)] {
            let o = FirstOrderDiscountModel.evaluate(x, discount: d)
            XCTAssertEqual(o.uplift, u, accuracy: 0.0005)
            XCTAssertEqual(o.subsidy, sub, accuracy: 1e-6)
            XCTAssertEqual(o.firstOrderMarginChange, first, accuracy: 0.5)
            XCTAssertEqual(o.withFutureChange, future, accuracy: 0.5)
        }
    }
}

/// Co-purchase counts and pull-in measured on a hand-made store (counted by hand in the comments).
final class AttachDataTests: XCTestCase {
    func testCountsAndPullInOnAHandMadeStore() throws {
        let csv = """
        order_id,customer_id,created_at,sku,quantity,unit_price
        O1,C1,2025-01-01 10:00:00,A,1,80
        O1,C1,2025-01-01 10:00:00,B,1,20
        O2,C2,2025-01-02 10:00:00,A,1,80
        O3,C2,2025-01-10 10:00:00,B,1,20
        O4,C3,2025-01-03 10:00:00,A,1,80
        O5,C3,2025-03-01 10:00:00,B,1,20
        O6,C4,2025-01-05 10:00:00,A,1,80
        O7,C5,2025-01-06 10:00:00,C,2,5
        """
        let d = try TestData.load(csv: csv)
        let model = try XCTUnwrap(d.orders)
        let a = Int(try XCTUnwrap(model.products.id(named: "A"))), b = Int(try XCTUnwrap(model.products.id(named: "B")))
        let sample = PricingSample(model: model)
        let x = AttachData.measure(model, orders: nil, sample: sample, anchor: a, addon: b, windowDays: 30)
        // anchor orders O1, O2, O4, O6; with both: O1 → a0 = 1/4
        XCTAssertEqual(x.anchorOrders, 4)
        XCTAssertEqual(x.bothOrders, 1)
        // without B: O2 (C2 buys B 8 days later: pulled in), O4 (57 days later: not), O6 (never) → q = 1/3
        XCTAssertEqual(x.pullInCandidates, 3)
        XCTAssertEqual(x.pulledIn, 1)
        XCTAssertEqual(x.anchorPrice, 80, accuracy: 1e-12)
        XCTAssertEqual(x.addonPrice, 20, accuracy: 1e-12)
        // add-on at checkout: every order is an anchor; B in O1, O3, O5
        let addon = AttachData.measure(model, orders: nil, sample: sample, anchor: nil, addon: b, windowDays: 30)
        XCTAssertEqual(addon.anchorOrders, 7)
        XCTAssertEqual(addon.bothOrders, 3)
        // bootstrap clusters hold the same totals
        var t = [0.0, 0.0, 0.0, 0.0]
        for c in 0..<x.clusterCount { for j in 0..<4 { t[j] += x.clusterCounts[c * 4 + j] } }
        XCTAssertEqual(t, [4, 1, 3, 1])
    }
}
