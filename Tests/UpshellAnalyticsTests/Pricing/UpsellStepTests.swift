import Foundation
import XCTest
@testable import UpshellAnalytics

/// The upsell acceptance curve against Tests/References/pricing/upsell.out (defaults s50 0.30, κ 3, A 0.20;
/// base $50, costs 60 % of price) and the calibration on simulated pairs.
final class UpsellStepTests: XCTestCase {
    func testDefaultsMatchReference() {
        let c = UpsellCurve.defaults
        for (s, acc, rev, mar) in [(0.10, 0.193, 964.0, 386.0), (0.20, 0.154, 1543, 617), (0.30, 0.100, 1500, 600), (0.40, 0.059, 1187, 475), (0.60, 0.022, 667, 267)] {
            let r = c.perThousand(p0: 50, p1: 50 * (1 + s), c0: 30, c1: 30 * (1 + s))
            XCTAssertEqual(r.acceptance, acc, accuracy: 0.0005, "step \(s)")
            XCTAssertEqual(r.revenue, rev, accuracy: 0.5)
            XCTAssertEqual(r.margin, mar, accuracy: 0.5)
        }
        XCTAssertEqual(c.revenueMaximisingStep!, 0.2381, accuracy: 0.00005)
    }

    func testRevenueMaximisingStepIsTheGridMaximum() {
        let c = UpsellCurve(s50: 0.42, kappa: 2.3, attention: 0.3)
        var best = 0.0, bestV = 0.0
        var s = 0.0001
        while s < 3 { let v = c.acceptance(s) * s; if v > bestV { bestV = v; best = s }; s += 0.0001 }
        XCTAssertEqual(c.revenueMaximisingStep!, best, accuracy: 0.0002)
        // with costs proportional to price, margin per unit step is proportional to revenue: same optimum
        XCTAssertEqual(c.marginMaximisingStep(p0: 100, c0: 60, upgradeCostRatio: 0.6), c.revenueMaximisingStep!, accuracy: 0.001)
    }

    /// upsell.out: "fit on simulated pairs (truth s50 .35, kappa 2.5): [0.352, 2.538, 0.052]" — our own
    /// simulation (binomial counts of 400 per pair at 40 steps) recovers the truth within 2 standard errors.
    func testFitRecoversSimulatedCurve() {
        var rng = SeededGenerator(seed: 5)
        let truth = UpsellCurve(s50: 0.35, kappa: 2.5, attention: 1)
        var pairs: [TradeUpPair] = []
        for k in 0..<40 {
            let s = 0.05 + Double(k) * 0.05
            let n = 400
            var up = 0
            for _ in 0..<n where rng.nextUniform() < truth.acceptance(s) { up += 1 }
            pairs.append(TradeUpPair(base: k, upgrade: k + 100, basePrice: 100, upgradePrice: 100 * (1 + s), baseUnits: Double(n - up), upgradeUnits: Double(up)))
        }
        let fit = UpsellCalibration.fit(pairs)!
        XCTAssertEqual(fit.kappa, 2.5, accuracy: 2 * fit.kappaSE + 1e-9)
        XCTAssertEqual(fit.s50, 0.35, accuracy: 0.02)
        XCTAssertGreaterThan(fit.kappaSE, 0)
        XCTAssertLessThan(fit.kappaSE, 0.2)
    }
}
