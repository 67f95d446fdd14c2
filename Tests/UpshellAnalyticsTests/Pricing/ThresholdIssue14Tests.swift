import XCTest
import UpshellCore
import UpshellData
@testable import UpshellAnalytics

/// Issue 14, item 7: the share within a stated window below T is `N̂ ÷ Σ f̂` over `[T − W, T)`
/// (docs/MODELS.md §1.4 step 5, `share_in(w)`), whatever the estimated reach; a reach fixed by the analyst
/// re-estimates the share for that window.
final class BunchingWindowShareTests: XCTestCase {
    /// Second method: the counterfactual mass of the bins whose midpoints lie in `[T − w, T)` (w a multiple of
    /// the $1 bin), summed from the histogram's own edges.
    private func counterfactualMass(_ e: BunchingEstimate, below t: Double, window w: Double) -> Double {
        var f = 0.0
        for i in e.counterfactual.indices {
            let mid = e.histogram.lowerEdge(i) + e.histogram.binWidth / 2
            if mid > t - w && mid < t { f += e.counterfactual[i] }
        }
        return f
    }

    /// Synthetic $50 stores with a planted flat 30 % within $10 where the estimated reach is $11, not $10
    /// (seeds 1 and 6 of SyntheticStore). Before the fix the "share within $10" repeated π̂0 (26.7 %, 24.9 %);
    /// the reference implementation's definition (issue 14: 30.2 % on a store with 30.4 % planted, where
    /// upshell printed π̂0 = 24.1 %; Tests/References/pricing/validate_bunching.out, "share-in-true-reach":
    /// max |error| 3.9 points for planted flat 30 % within $10) is N̂ over the counterfactual orders of the window.
    func testShareWithinTenDollarsIsTopUpsOverCounterfactualOrdersOfTheWindow() {
        for seed in [1, 6] {
            let store = SyntheticStore(seed: UInt64(seed)) { _ in 0.30 }
            let est = NotchBunching.estimate(values: store.values, threshold: 50)
            XCTAssertGreaterThan(est.reach, 10, "seed \(seed): the case needs an estimated reach wider than the window")
            let share = est.share(within: 10)
            let expected = est.topUps / counterfactualMass(est, below: 50, window: 10)
            XCTAssertEqual(share, expected, accuracy: 1e-12, "seed \(seed)")
            XCTAssertGreaterThan(share - est.pi0, 0.02, "seed \(seed): the window share must not repeat π̂0 \(est.pi0)")
            let truth = Double(store.moved) / Double(store.latentInReach)
            XCTAssertEqual(share, truth, accuracy: 0.039, "seed \(seed): planted share \(truth)")
        }
    }

    /// With the reach fixed at the window, `N̂ = π̂0 · Σ_dn f̂`, so the window share equals π̂0 exactly; and
    /// the calibration of a what-if with `reach=` uses that re-estimated share (not the free-reach π̂0).
    func testFixedReachReEstimatesTheShareForThatWindow() {
        let store = SyntheticStore(seed: 6) { _ in 0.30 }
        let free = NotchBunching.estimate(values: store.values, threshold: 50)
        let fixed = NotchBunching.estimate(values: store.values, threshold: 50, reach: 10)
        XCTAssertEqual(fixed.reach, 10)
        XCTAssertEqual(fixed.share(within: 10), fixed.pi0, accuracy: 1e-12)
        XCTAssertNotEqual(fixed.pi0, free.pi0, accuracy: 0.01)
        let truth = Double(store.moved) / Double(store.latentInReach)
        XCTAssertEqual(fixed.pi0, truth, accuracy: 0.039, "planted share \(truth)")
        // 'threshold 60 reach=10' on this store: the calibration re-estimates with the reach fixed, and its
        // response carries that share, not the free-reach π̂0
        let sample = PricingSample(value: store.values, fee: store.values.map { $0 >= 50 ? 0 : 4.95 }, items: store.items)
        let free0 = ThresholdCalibration.calibrate(sample, fee: nil, proposal: 60)
        let cal = ThresholdCalibration.calibrate(sample, fee: nil, proposal: 60, reach: 10)
        XCTAssertEqual(free0.response.pi0, free.pi0, accuracy: 1e-12)
        XCTAssertEqual(cal.response.pi0, fixed.pi0, accuracy: 1e-12)
        XCTAssertEqual(cal.response.reach, 10)
        // a partial bin counts with its part inside the window
        let half = fixed.share(within: 10.5)
        XCTAssertLessThan(half, fixed.share(within: 10))
        XCTAssertGreaterThan(half, fixed.share(within: 11))
    }
}

/// The estimator on the demo store's threshold period against a second, independent implementation of
/// MODELS.md §1.4 (Scripts/reference/notch_bunching_reference.py: numpy 2.4.6 / scipy 1.17.1, Poisson fits by
/// trust-region Newton instead of IRLS), with the reach chosen by likelihood and fixed at $10.
final class DemoBunchingReferenceTests: XCTestCase {
    func testDemoWindowShareAndFixedReachMatchTheSecondImplementation() throws {
        let path = TestData.packageRoot.appendingPathComponent("Datasets/demo/orders.csv").path
        let full = PricingSample(model: try XCTUnwrap(try DatasetLoader.load(path: path).orders))
        let since = Int64(CivilDate.days(year: 2025, month: 6, day: 1)) * 86_400
        let period = full.subset(full.time.indices.filter { full.time[$0] != .min && full.time[$0] >= since }).value
        XCTAssertEqual(period.count, 10_308)                                      // reference: orders 10308
        let free = NotchBunching.estimate(values: period, threshold: 50)
        XCTAssertEqual(free.reach, 20)                                            // reference: reach 20.00
        XCTAssertEqual(free.pi0, 0.470451, accuracy: 2e-5)                        // reference: pi0 0.470451
        XCTAssertEqual(free.topUps, 1027.060, accuracy: 0.05)                     // reference: top-ups 1027.060
        XCTAssertEqual(free.share(within: 10), 1.103278, accuracy: 2e-5)          // reference: share within $10 1.103278
        let fixed = NotchBunching.estimate(values: period, threshold: 50, reach: 10)
        XCTAssertEqual(fixed.pi0, 0.641341, accuracy: 2e-5)                       // reference: pi0 0.641341
        XCTAssertEqual(fixed.topUps, 609.799, accuracy: 0.05)                     // reference: top-ups 609.799
        XCTAssertEqual(fixed.share(within: 10), 0.641341, accuracy: 2e-5)         // reference: share within $10 0.641341
    }
}

/// Issue 14, item 9: the threshold parameter band evaluates every corner of its grid — π0, R, e_down and
/// e_up each low/high on its own (16 corners).
final class ThresholdBandCornerTests: XCTestCase {
    /// The demo store's flat-fee period (before 2025-06-01, $4.95 on every order; Datasets/demo/README.md),
    /// proposal free from $45 with a $7.50 fee below: the fee rises for orders under $45 and falls above, so
    /// the worst case is e_down = 0 with e_up = 2 — a corner the old band (elasticities moved together) never
    /// tried (it printed point … −$1,016.84 with the point −$1,768.28 as its low end).
    func testBandIsMinMaxOverAllSixteenCornersEnumeratedDirectly() throws {
        let path = TestData.packageRoot.appendingPathComponent("Datasets/demo/orders.csv").path
        let full = PricingSample(model: try XCTUnwrap(try DatasetLoader.load(path: path).orders))
        let since = Int64(CivilDate.days(year: 2025, month: 6, day: 1)) * 86_400
        let s = full.subset(full.time.indices.filter { full.time[$0] != .min && full.time[$0] < since })
        XCTAssertGreaterThan(s.count, 5000)
        let cal = ThresholdCalibration.calibrate(s, fee: 7.5, proposal: 45)
        XCTAssertEqual(cal.current, .flat(4.95))
        let proposal = ShippingPolicy(threshold: 45, fee: 7.5)
        let econ = ThresholdEconomics(shipCost: 7.5)
        let band = ThresholdBandSpec(calibrated: cal.isCalibrated)
        let pt = try XCTUnwrap(ThresholdWhatIf.run(s, calibration: cal, proposals: [proposal], response: cal.response,
                                                   economics: econ, band: band, draws: 0).first)
        // second method: nested loops over the stated grid, per-order evaluation (not the value aggregate)
        var values: [Double] = [pt.contributionPerThousand]
        var worst = (value: Double.infinity, down: -1.0, up: -1.0)
        for a in [0.5, 1.5] { for r in [0.75, 1.25] { for down in [0.0, 1.0] { for up in [0.5, 2.0] {
            let resp = TopUpResponse(reach: cal.response.reach * r, pi0: min(1, cal.response.pi0 * a),
                                     decay: cal.response.decay * r, overshootCap: cal.response.overshootCap * r)
            var e = econ; e.elasticityDown = down; e.elasticityUp = up
            let cur = ThresholdModel.evaluate(s, policy: cal.current, current: cal.current, response: resp, economics: e)
            let new = ThresholdModel.evaluate(s, policy: proposal, current: cal.current, response: resp, economics: e)
            let v = 1000 * (new.contribution - cur.contribution) / cur.orders
            values.append(v)
            if v < worst.value { worst = (v, down, up) }
        } } } }
        XCTAssertEqual(values.count, 17)
        XCTAssertEqual(pt.parameterBand.lower, values.min()!, accuracy: 1e-6)
        XCTAssertEqual(pt.parameterBand.upper, values.max()!, accuracy: 1e-6)
        XCTAssertEqual(worst.down, 0); XCTAssertEqual(worst.up, 2)
        // the worst corner lies well below the point, which the paired-elasticity band took as its low end
        XCTAssertLessThan(pt.parameterBand.lower, pt.contributionPerThousand - 300)
    }
}
