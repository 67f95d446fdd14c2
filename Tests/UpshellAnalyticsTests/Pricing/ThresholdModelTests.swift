import Foundation
import XCTest
import UpshellData
import UpshellCore
@testable import UpshellAnalytics

/// The threshold model's closed-form expectations (MODELS.md §1.1) against a Monte Carlo simulation of
/// the same model, its identities, and threshold detection.
final class ThresholdModelTests: XCTestCase {
    /// A crafted flat-fee store: order values spread over $5…$120 in cents, item prices $2…$40.
    static func crafted(seed: UInt64 = 3) -> PricingSample {
        var rng = SeededGenerator(seed: seed)
        let values = (0..<20_000).map { _ in ((5 + 115 * pow(rng.nextUniform(), 1.6)) * 100).rounded() / 100 }
        let items = ItemPriceTable((0..<60).map { k in
            let p = 2 + Double(k) * 38 / 59
            return .init(price: (p * 100).rounded() / 100, units: Double(1 + k % 7), marginPerUnit: 0.35 * p)
        })
        let m = (0..<values.count).map { _ in 0.3 + 0.2 * rng.nextUniform() }
        return PricingSample(value: values, fee: [Double](repeating: 4.95, count: values.count), marginRatio: m, items: items)
    }
    func craftedSample(seed: UInt64 = 3) -> PricingSample { Self.crafted(seed: seed) }

    func testClosedFormMatchesMonteCarloWithinSamplingError() {
        let s = craftedSample()
        let current = ShippingPolicy.flat(4.95), proposal = ShippingPolicy(threshold: 50, fee: 4.95)
        let response = TopUpResponse(reach: 15, pi0: 0.35, decay: 7.5)
        let econ = ThresholdEconomics(shipCost: 6.5, elasticityDown: 0, elasticityUp: 1, returnShare: 0.1)
        let closed = ThresholdModel.evaluate(s, policy: proposal, current: current, response: response, economics: econ)
        // Monte Carlo: each order tops up with probability π(g), drawing a filler item units-weighted in [g, g + cap]
        var rng = SeededGenerator(seed: 11)
        let reps = 200
        var tops = [Double](), merch = [Double](), fees = [Double](), margin = [Double]()
        for _ in 0..<reps {
            var t = 0.0, mr = 0.0, fe = 0.0, gm = 0.0
            for i in 0..<s.count {
                let x = s.value[i], g = 50 - x
                let pi = response.probability(gap: g)
                if pi > 0, rng.nextUniform() < pi, let f = s.items.drawFiller(gap: g, cap: response.overshootCap, uniform: rng.nextUniform()) {
                    t += 1; mr += x + f.price; gm += x * s.marginRatio[i] + 0.9 * f.margin
                } else {
                    mr += x; gm += x * s.marginRatio[i]; fe += proposal.fee(for: x)
                }
            }
            tops.append(t); merch.append(mr); fees.append(fe); margin.append(gm)
        }
        func check(_ name: String, _ sims: [Double], _ expected: Double) {
            let mean = sims.reduce(0, +) / Double(sims.count)
            let sd = (sims.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(sims.count - 1)).squareRoot()
            let se = sd / Double(sims.count).squareRoot()
            XCTAssertLessThan(abs(mean - expected), 4 * se + 1e-6, "\(name): closed \(expected) vs MC \(mean) ± \(se)")
        }
        XCTAssertGreaterThan(closed.topUps, 100)
        check("top-ups", tops, closed.topUps)
        check("merchandise", merch, closed.merchandise)
        check("fees", fees, closed.fees)
        check("margin", margin, closed.margin)
        // orders in reach counted directly
        let inReach = s.value.filter { 50 - $0 > 0 && 50 - $0 <= 15 + 1e-9 }.count
        XCTAssertEqual(closed.inReach, Double(inReach))
    }

    func testShippingGivenUpIdentityWithNoConversionResponse() {
        // ΔFees = −F·(N_above_paid + N_top) when e_down = 0 (MODELS.md §1.1)
        let s = craftedSample(seed: 5)
        let current = ShippingPolicy.flat(4.95), proposal = ShippingPolicy(threshold: 60, fee: 4.95)
        let response = TopUpResponse(reach: 12, pi0: 0.4, decay: 6)
        let econ = ThresholdEconomics(shipCost: 4.95)
        let cur = ThresholdModel.evaluate(s, policy: current, current: current, response: response, economics: econ)
        let prop = ThresholdModel.evaluate(s, policy: proposal, current: current, response: response, economics: econ)
        XCTAssertEqual(cur.fees, 4.95 * Double(s.count), accuracy: 1e-6)
        XCTAssertEqual(prop.fees - cur.fees, -4.95 * (prop.abovePaid + prop.topUps), accuracy: 1e-6)
        XCTAssertEqual(prop.orders, Double(s.count), accuracy: 1e-9)
    }

    func testNoTopUpsWhenTheReachWindowHoldsNoOrders() {
        let values = [10.0, 12, 20, 25, 55, 60, 80, 99.99]
        let items = ItemPriceTable([.init(price: 5, units: 1, marginPerUnit: 2), .init(price: 15, units: 1, marginPerUnit: 6)])
        let s = PricingSample(value: values, fee: values.map { _ in 4.95 }, items: items)
        let r = ThresholdModel.evaluate(s, policy: ShippingPolicy(threshold: 50, fee: 4.95), current: .flat(4.95),
                                        response: TopUpResponse(reach: 15, pi0: 0.5), economics: ThresholdEconomics(shipCost: 5))
        XCTAssertEqual(r.inReach, 0)
        XCTAssertEqual(r.topUps, 0)
        XCTAssertEqual(r.merchandise, values.reduce(0, +), accuracy: 1e-9)
    }

    func testConversionChannelRaisesOrdersWhenFeeFalls() {
        let s = craftedSample(seed: 8)
        let econ = ThresholdEconomics(shipCost: 5, elasticityDown: 1)
        let r = ThresholdModel.evaluate(s, policy: ShippingPolicy(threshold: 50, fee: 4.95), current: .flat(4.95),
                                        response: TopUpResponse(reach: 10, pi0: 0), economics: econ)
        // orders above T: k = (x + 4.95)/x each
        let expected = s.value.reduce(0.0) { $0 + ($1 >= 50 ? (($1 + 4.95) / $1) : 1) }
        XCTAssertEqual(r.orders, expected, accuracy: 1e-6)
    }

    /// Without a fee column the threshold comes from the value histogram: the planted $50 on ten lumpy
    /// synthetic stores, nothing on the control stores.
    func testDetectsThresholdFromHistogramOnSyntheticStores() {
        for seed in 1...10 {
            let store = SyntheticStore(seed: UInt64(seed)) { _ in 0.30 }
            let found = ThresholdDetection.confirmedFromHistogram(store.values)
            XCTAssertEqual(found?.candidate.threshold, 50, "seed \(seed): \(found.map { "T \($0.candidate.threshold) z \($0.candidate.z)" } ?? "none")")
        }
        for seed in 1...10 {
            let control = SyntheticStore(seed: UInt64(seed)) { _ in 0 }
            let found = ThresholdDetection.confirmedFromHistogram(control.values)
            XCTAssertNil(found, "control seed \(seed): \(found.map { "T \($0.candidate.threshold) z \($0.candidate.z) pi0 \($0.estimate.pi0) R \($0.estimate.reach)" } ?? "")")
        }
    }

    /// The demo store (Datasets/demo/README.md): $4.95 flat until 2025-06-01, then free from $50.
    func testDetectsDemoThresholdFromFeeColumnWithStartDate() throws {
        let path = TestData.packageRoot.appendingPathComponent("Datasets/demo/orders.csv").path
        let d = try DatasetLoader.load(path: path)
        let s = PricingSample(model: d.orders!)
        let det = try XCTUnwrap(ThresholdDetection.fromFees(s))
        XCTAssertEqual(det.policy.threshold, 50)
        XCTAssertEqual(det.policy.fee, 4.95)
        XCTAssertTrue(det.accepted)
        let since = try XCTUnwrap(det.since)
        XCTAssertEqual(CivilDate.format(seconds: since), "2025-06-01")
        // calibration: bunching on the threshold period; 50 % of carts in [$30, $50) top up
        let cal = ThresholdCalibration.calibrate(s, fee: nil, proposal: 50)
        XCTAssertTrue(cal.isCalibrated)
        if let check = cal.selfCheck { XCTAssertEqual(check.model, check.observed, accuracy: 0.01 * check.observed) }
    }
}

final class OrderValueAggregateTests: XCTestCase {
    /// Expectations over the value aggregate equal those over the orders (the formulas are linear in weight
    /// and weight × margin at each value).
    func testAggregateEvaluationEqualsPerOrderEvaluation() {
        let s = ThresholdModelTests.crafted(seed: 9)
        var rng = SeededGenerator(seed: 2)
        let w = (0..<s.count).map { _ in 0.5 + rng.nextUniform() }
        let agg = OrderValueAggregate(s, weights: w)
        XCTAssertLessThan(agg.value.count, s.count)
        let response = TopUpResponse(reach: 12, pi0: 0.3, decay: 8)
        let econ = ThresholdEconomics(shipCost: 5, elasticityDown: 0.7, elasticityUp: 1.3)
        for (policy, current) in [(ShippingPolicy(threshold: 45, fee: 4.95), ShippingPolicy.flat(4.95)),
                                  (ShippingPolicy(threshold: 70, fee: 5.95), ShippingPolicy(threshold: 50, fee: 4.95)),
                                  (ShippingPolicy.flat(4.95), ShippingPolicy(threshold: 50, fee: 4.95))] {
            let a = ThresholdModel.evaluate(s, weights: w, policy: policy, current: current, response: response, economics: econ)
            let b = ThresholdModel.evaluate(agg, items: s.items, policy: policy, current: current, response: response, economics: econ)
            XCTAssertEqual(a.orders, b.orders, accuracy: 1e-6)
            XCTAssertEqual(a.topUps, b.topUps, accuracy: 1e-6)
            XCTAssertEqual(a.merchandise, b.merchandise, accuracy: 1e-4)
            XCTAssertEqual(a.fees, b.fees, accuracy: 1e-4)
            XCTAssertEqual(a.margin, b.margin, accuracy: 1e-4)
            XCTAssertEqual(a.contribution, b.contribution, accuracy: 1e-4)
        }
    }
}
