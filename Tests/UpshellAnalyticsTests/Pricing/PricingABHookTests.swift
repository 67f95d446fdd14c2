import Foundation
import XCTest
@testable import UpshellAnalytics

/// The A/B block every what-if ends with, against Tests/References/pricing/ab_hooks.out (an independent
/// implementation using statsmodels) and the published calculator values of Tests/References/README.md.
final class PricingABHookTests: XCTestCase {
    /// ab_hooks.out: "tiers: conversion 0.1147 -> 0.1446: 1984 visitors/variant" and
    /// "tiers: RPV 6.472 (sd 19.86) -> 12.497 (sd 37.43): Welch 390 visitors/variant", from the model's T1 and T5.
    func testTiersHooksMatchReference() {
        let t1 = TierChoiceModel.evaluate([TierChoiceModelTests.basic, TierChoiceModelTests.pro], TierModelParameters())
        let t5 = TierChoiceModel.evaluate([TierChoiceModelTests.basic, TierChoiceModelTests.pro, TierChoiceModelTests.ent], TierModelParameters())
        let conv = PricingABHook.proportions(metric: "conversion", unit: "visitors", control: t1.conversion, variant: t5.conversion, daily: 1000)
        XCTAssertEqual(conv.perVariant, 1984)
        func sd(_ o: TierOutcome, _ prices: [Double]) -> Double {
            (zip(o.shares, prices).reduce(0) { $0 + $1.0 * $1.1 * $1.1 } - o.revenuePerVisitor * o.revenuePerVisitor).squareRoot()
        }
        let s1 = sd(t1, [29, 79]), s5 = sd(t5, [29, 79, 199])
        XCTAssertEqual(s1, 19.86, accuracy: 0.005)
        XCTAssertEqual(s5, 37.43, accuracy: 0.005)
        let rpv = PricingABHook.means(metric: "RPV", unit: "visitors", control: t1.revenuePerVisitor, variant: t5.revenuePerVisitor, sd: s1, variantSD: s5, daily: 1000)
        XCTAssertEqual(rpv.perVariant, 390)
        // duration: 2 × 1,984 visitors at 1,000/day = 4 days → run at least 14
        XCTAssertEqual(conv.days, 4)
        XCTAssertEqual(conv.recommendedDays, 14)
    }

    /// ab_hooks.out: "tiers: badge on Pro, Pro share of buyers 0.5274 -> 0.5586: 4014 buyers/variant = 27764
    /// visitors/variant" (T5 vs T6).
    func testBadgeHookMatchesReference() {
        let three = [TierChoiceModelTests.basic, TierChoiceModelTests.pro, TierChoiceModelTests.ent]
        let t5 = TierChoiceModel.evaluate(three, TierModelParameters())
        var p = TierModelParameters(); p.badge = 1
        let t6 = TierChoiceModel.evaluate(three, p)
        let h = PricingABHook.proportions(metric: "Pro share", unit: "buyers", control: t5.mix[1], variant: t6.mix[1], daily: 100)
        XCTAssertEqual(h.perVariant, 4014)
        XCTAssertEqual(ExperimentUnits.visitorsNeeded(orders: 4014, conversion: t6.conversion), 27764)
    }

    /// reference/README.md: pooled (R power.prop.test / statsmodels) 5 % → 6 %: 8,158; 20 % → 25 %: 1,094;
    /// 10 % → 11 %: 14,751; 3 % → 3.3 %: 53,211.
    func testProportionHookMatchesPublishedSizes() {
        for (p1, p2, n) in [(0.05, 0.06, 8158), (0.20, 0.25, 1094), (0.10, 0.11, 14751), (0.03, 0.033, 53211)] {
            XCTAssertEqual(PricingABHook.proportions(metric: "x", unit: "u", control: p1, variant: p2, daily: 100).perVariant, n, "\(p1) → \(p2)")
        }
        // abtest.out: AOV +$2 with sd $40: 6281 orders/variant (statsmodels TTestIndPower)
        XCTAssertEqual(PricingABHook.means(metric: "AOV", unit: "orders", control: 50, variant: 52, sd: 40, daily: 100).perVariant, 6281)
    }

    func testNoSizeWithoutAnEffect() {
        let h = PricingABHook.proportions(metric: "x", unit: "u", control: 0.1, variant: 0.1, daily: 100)
        XCTAssertNil(h.perVariant)
        XCTAssertNil(h.days)
    }
}

final class IdealSpendFitTests: XCTestCase {
    /// Units generated from the model itself (expected counts at m = 70, σ = 0.8 on 15 price points) are
    /// fitted back to within the grid's resolution.
    func testRecoversParametersFromModelCounts() {
        let prices = (0..<15).map { 10 * pow(1.3, Double($0)) }
        let gh = GaussHermite(points: 64)
        var cond = [Double](repeating: 0, count: prices.count)
        var buy = 0.0
        for (z, w) in zip(gh.nodes, gh.weights) {
            let mi = 70 * exp(0.8 * z)
            let v = prices.map { p -> Double in let x = log(p / mi); return log(0.1 / 0.9) + 2 * (x - exp(x) + 1) }
            let mx = v.max()!
            let e = v.map { exp($0 - mx) }
            let s = e.reduce(0, +)
            let b = 1 / (1 + exp(-(mx + log(s))))
            buy += w * b
            for j in prices.indices { cond[j] += w * b * e[j] / s }
        }
        let units = cond.map { 100_000 * $0 / buy }
        let fit = IdealSpendFit.fit(prices: prices, units: units)!
        XCTAssertEqual(fit.medianSpend, 70, accuracy: 70 * 0.05)
        XCTAssertEqual(fit.sigma, 0.8, accuracy: 0.8 * 0.08)
        XCTAssertLessThanOrEqual(fit.medianRange.lower, fit.medianSpend)
        XCTAssertGreaterThanOrEqual(fit.sigmaRange.upper, fit.sigma)
    }
}
