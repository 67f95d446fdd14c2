import XCTest
@testable import UpshellAnalytics

/// The notch-bunching estimator on synthetic lumpy stores (MODELS.md §1.4; the independent reference
/// implementation's results are in Tests/References/pricing/validate_bunching.out: 10/10 seeds within
/// ±5 points for planted flat 30 % within $10, and π̂0 ≈ 0 in the no-response control).
final class BunchingTests: XCTestCase {
    func testRecoversPlantedFlatThirtyPercentWithinTenDollarsOverTenSeeds() {
        var within = 0
        var errors: [Double] = []
        for seed in 1...10 {
            let store = SyntheticStore(seed: UInt64(seed)) { _ in 0.30 }
            let est = NotchBunching.estimate(values: store.values, threshold: 50)
            let truth = Double(store.moved) / Double(store.latentInReach)
            let share = est.share(within: 10)
            errors.append(share - truth)
            if abs(share - truth) <= 0.05 { within += 1 }
        }
        XCTAssertEqual(within, 10, "errors: \(errors.map { String(format: "%.3f", $0) })")
    }

    func testRecoversExponentialResponseTopUpCount() {
        var relErrors: [Double] = []
        for seed in 1...10 {
            let store = SyntheticStore(seed: UInt64(100 + seed), reach: 12) { g in 0.45 * exp(-g / 6) }
            let est = NotchBunching.estimate(values: store.values, threshold: 50)
            relErrors.append(est.topUps / Double(store.moved) - 1)
        }
        let mean = relErrors.reduce(0, +) / Double(relErrors.count)
        XCTAssertLessThan(abs(mean), 0.15, "\(relErrors)")
    }

    func testFindsNoResponseInControlStore() {
        for seed in 1...3 {
            let store = SyntheticStore(seed: UInt64(200 + seed)) { _ in 0 }
            let est = NotchBunching.estimate(values: store.values, threshold: 50)
            print("control seed \(seed): pi0 \(est.pi0) R \(est.reach) topUps \(est.topUps)")
            XCTAssertLessThan(est.pi0, 0.10, "seed \(seed): pi0 \(est.pi0)")
            XCTAssertLessThan(est.topUps / Double(store.values.count), 0.006)
        }
    }

    func testDeBunchedSampleKeepsOrderCount() {
        let store = SyntheticStore(seed: 7) { _ in 0.30 }
        let est = NotchBunching.estimate(values: store.values, threshold: 50)
        let w = est.deBunchingWeights(store.values)
        XCTAssertEqual(w.reduce(0, +), Double(store.values.count), accuracy: 1e-6)
    }
}
