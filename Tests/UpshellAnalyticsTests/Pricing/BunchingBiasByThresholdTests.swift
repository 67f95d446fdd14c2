import Foundation
import XCTest
import UpshellCore
import UpshellData
@testable import UpshellAnalytics

/// Issue 14, item 8: the notch-bunching estimator (MODELS.md §1.4) on lumpy synthetic stores with planted responses
/// at T = $35, $50, $75 and $100, 10 seeds each — the top-ups' bias per T and the coverage of their band.
///
/// Reference: Tests/References/pricing/bunching_bias_by_threshold.out, the output of
/// `Scripts/.venv/bin/python Scripts/reference/validate_bunching_by_threshold.py` (numpy 2.4.6): the same stores
/// (Scripts/reference/bunching_synthetic.py re-implements SeededGenerator and SyntheticStore draw for draw) run
/// through an independent implementation of the estimator (full Newton on the exact Hessian instead of Fisher
/// scoring). Per store, upshell must reproduce the planted count exactly and the reference's top-ups and band; per T,
/// the band must cover the planted top-ups in ≥ 9 of 10 seeds and the mean relative error must stay within the bound
/// below (the reference's mean rounded up to the next 5 points).
final class BunchingBiasByThresholdTests: XCTestCase {
    /// One line of the reference: scenario, T, seed, planted top-ups, estimate, band.
    private struct ReferenceRow {
        var scenario: String, threshold: Int, seed: Int, planted: Int, topUps: Double, lower: Double, upper: Double
    }

    /// Planted responses (as in the reference script): A exponential 0.45·e^(−g/6) within $12, B flat 30 % within $10.
    private static let scenarios: [String: (reach: Double, offset: Int, response: @Sendable (Double) -> Double)] = [
        "A": (12, 0, { g in 0.45 * exp(-g / 6) }),
        "B": (10, 500, { _ in 0.30 }),
    ]

    /// |mean relative error| bound per scenario and T; reference means (bunching_bias_by_threshold.out):
    /// A −4.4 %, +11.1 %, −6.4 %, −6.7 %; B +17.0 %, −3.6 %, −1.1 %, +1.3 %.
    private static let biasBound: [String: [Int: Double]] = [
        "A": [35: 0.05, 50: 0.15, 75: 0.10, 100: 0.10],
        "B": [35: 0.20, 50: 0.05, 75: 0.05, 100: 0.05],
    ]

    private func referenceRows() throws -> [ReferenceRow] {
        let url = TestData.packageRoot.appendingPathComponent("Tests/References/pricing/bunching_bias_by_threshold.out")
        let text = try String(contentsOf: url, encoding: .utf8)
        let pattern = try NSRegularExpression(pattern:
            #"^([AB]) T (\d+) seed (\d+): planted (\d+) \| est top-ups ([\d.]+) .*\| quasi band ([\d.]+) … ([\d.]+)"#)
        var rows: [ReferenceRow] = []
        for line in text.split(separator: "\n").map(String.init) {
            guard let m = pattern.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)) else { continue }
            let g = (1...7).map { String(line[Range(m.range(at: $0), in: line)!]) }
            rows.append(ReferenceRow(scenario: g[0], threshold: Int(g[1])!, seed: Int(g[2])!, planted: Int(g[3])!,
                                     topUps: Double(g[4])!, lower: Double(g[5])!, upper: Double(g[6])!))
        }
        return rows
    }

    /// What one store gives: the planted top-ups, the estimate and its band.
    private struct StoreResult: Sendable {
        var planted = 0, topUps = Double.nan, lower = Double.nan, upper = Double.nan
    }

    /// Results per store, filled from concurrent workers (each writes only its own slot, under the lock).
    private final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var slots: [StoreResult]
        init(count: Int) { slots = Array(repeating: StoreResult(), count: count) }
        func set(_ i: Int, _ r: StoreResult) { lock.lock(); slots[i] = r; lock.unlock() }
        var all: [StoreResult] { lock.lock(); defer { lock.unlock() }; return slots }
    }

    private func check(scenario: String) throws {
        let rows = try referenceRows().filter { $0.scenario == scenario }
        XCTAssertEqual(rows.count, 40, "the reference must hold 10 seeds at each of 4 thresholds")
        let spec = try XCTUnwrap(Self.scenarios[scenario])
        let results = Results(count: rows.count)
        DispatchQueue.concurrentPerform(iterations: rows.count) { k in      // two cores: ~1.6× faster
            let ref = rows[k], t = ref.threshold
            let store = SyntheticStore(seed: UInt64(1000 * t + spec.offset + ref.seed), threshold: Double(t),
                                       reach: spec.reach, response: spec.response)
            let e = NotchBunching.estimate(values: store.values, threshold: Double(t))
            results.set(k, StoreResult(planted: store.moved, topUps: e.topUps, lower: e.topUpBand.lower, upper: e.topUpBand.upper))
        }
        let got = results.all
        for t in [35, 50, 75, 100] {
            var covered = 0, errors: [Double] = []
            for (ref, r) in zip(rows, got) where ref.threshold == t {
                let label = "\(scenario) T \(t) seed \(ref.seed)"
                XCTAssertEqual(r.planted, ref.planted, "\(label): the same store as the reference")
                XCTAssertEqual(r.topUps, ref.topUps, accuracy: max(0.06, 1e-4 * ref.topUps), label)
                XCTAssertEqual(r.lower, ref.lower, accuracy: max(0.06, 1e-3 * ref.lower), label)
                XCTAssertEqual(r.upper, ref.upper, accuracy: max(0.06, 1e-3 * ref.upper), label)
                if r.lower <= Double(r.planted) && Double(r.planted) <= r.upper { covered += 1 }
                errors.append(r.topUps / Double(r.planted) - 1)
            }
            XCTAssertEqual(errors.count, 10)
            let mean = errors.reduce(0, +) / Double(max(1, errors.count))
            XCTAssertGreaterThanOrEqual(covered, 9, "\(scenario) T \(t): the band covers \(covered)/10 seeds")
            XCTAssertLessThan(abs(mean), Self.biasBound[scenario]![t]!, "\(scenario) T \(t): mean relative error \(mean)")
        }
    }

    func testExponentialResponseBandCoversPlantedTopUpsAtEveryThreshold() throws { try check(scenario: "A") }

    func testFlatResponseBandCoversPlantedTopUpsAtEveryThreshold() throws { try check(scenario: "B") }

    /// The band on the demo store's threshold period against the second implementation
    /// (Tests/References/pricing/bunching_band_demo.out, from Scripts/reference/bunching_band_demo.py).
    func testDemoBandMatchesTheSecondImplementation() throws {
        let path = TestData.packageRoot.appendingPathComponent("Datasets/demo/orders.csv").path
        let full = PricingSample(model: try XCTUnwrap(try DatasetLoader.load(path: path).orders))
        let since = Int64(CivilDate.days(year: 2025, month: 6, day: 1)) * 86_400
        let period = full.subset(full.time.indices.filter { full.time[$0] != .min && full.time[$0] >= since }).value
        XCTAssertEqual(period.count, 10_308)                                         // reference: orders 10308
        let free = NotchBunching.estimate(values: period, threshold: 50)
        XCTAssertEqual(free.dispersion, 32.5415, accuracy: 1e-3)                     // reference: dispersion 32.5415
        XCTAssertEqual(free.topUpBand.lower, 534.189, accuracy: 0.01)                // reference: band 534.189 …
        XCTAssertEqual(free.topUpBand.upper, 1491.162, accuracy: 0.01)               // reference: … 1491.162
        let fixed = NotchBunching.estimate(values: period, threshold: 50, reach: 10)
        XCTAssertEqual(fixed.topUpBand.lower, 346.827, accuracy: 0.01)               // reference: band 346.827 …
        XCTAssertEqual(fixed.topUpBand.upper, 872.771, accuracy: 0.01)               // reference: … 872.771
    }
}
