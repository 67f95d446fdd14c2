import Foundation
import UpshellCore

/// A bootstrap interval and the estimate it surrounds.
public struct BootstrapInterval: Sendable, Hashable {
    /// The statistic on the original samples: mean(second) − mean(first).
    public let estimate: Double
    /// Percentile interval of the resampled statistic.
    public let interval: ConfidenceInterval
    /// Number of resamples drawn.
    public let resamples: Int
    /// The seed that reproduces this interval.
    public let seed: UInt64
}

/// Nonparametric bootstrap (Efron & Tibshirani, *An Introduction to the Bootstrap*, 1993, ch. 13).
public enum Bootstrap {
    /// Percentile interval for mean(second) − mean(first): each resample draws n₁ values from `first` and n₂
    /// from `second` with replacement; the interval's ends are the (1 ± level)/2 quantiles of the resampled
    /// differences (linear interpolation between order statistics, numpy's default). Seeded: the same seed
    /// gives the same interval. Checks for cancellation between resamples.
    ///
    /// - Complexity: O(resamples·(n₁ + n₂)) time, O(resamples) memory.
    /// - Throws: ``StatisticsError`` for an empty sample, a non-finite value or a bad level;
    ///   `CancelledError` on Ctrl-C.
    public static func differenceOfMeans(first: [Double], second: [Double], resamples: Int = 2_000,
                                         level: Double = 0.95, seed: UInt64 = 20_240_601,
                                         names: (String, String) = ("first", "second")) throws -> BootstrapInterval {
        guard level > 0, level < 1 else { throw StatisticsError.invalidLevel(level) }
        guard !first.isEmpty else { throw StatisticsError.tooFewObservations(group: names.0, count: 0, needed: 1) }
        guard !second.isEmpty else { throw StatisticsError.tooFewObservations(group: names.1, count: 0, needed: 1) }
        guard first.allSatisfy(\.isFinite) else { throw StatisticsError.nonFiniteValue(group: names.0) }
        guard second.allSatisfy(\.isFinite) else { throw StatisticsError.nonFiniteValue(group: names.1) }
        let b = max(1, resamples)
        var rng = SeededGenerator(seed: seed)
        var differences = [Double]()
        differences.reserveCapacity(b)
        let work = first.count + second.count
        let checkEvery = max(1, 20_000 / max(1, work))
        for r in 0..<b {
            if r % checkEvery == 0 { try Cancellation.check() }
            let meanFirst = resampledMean(first, &rng)
            let meanSecond = resampledMean(second, &rng)
            differences.append(meanSecond - meanFirst)
        }
        differences.sort()
        let alpha = 1 - level
        let estimate = SampleSummary(second).mean - SampleSummary(first).mean
        return BootstrapInterval(
            estimate: estimate,
            interval: ConfidenceInterval(lower: Quantile.linear(sorted: differences, alpha / 2),
                                         upper: Quantile.linear(sorted: differences, 1 - alpha / 2), level: level),
            resamples: b, seed: seed)
    }

    /// Mean of one resample with replacement.
    private static func resampledMean(_ values: [Double], _ rng: inout SeededGenerator) -> Double {
        values.withUnsafeBufferPointer { buffer in
            var sum = 0.0
            for _ in 0..<buffer.count { sum += buffer[rng.nextIndex(below: buffer.count)] }
            return sum / Double(buffer.count)
        }
    }

    /// The customer-clustered bootstrap of MODELS.md §0.2 (the pricing commands): resample whole customers
    /// (clusters) with replacement, keeping all their orders. Calls `body` with the multiplicity of each of
    /// `clusters` clusters for `draws` seeded draws; statistics that are sums over orders are then computed from
    /// per-cluster sums, so a draw costs O(clusters), not O(orders), and every what-if of a sweep sees the same
    /// draws. The random stream differs from ``differenceOfMeans(first:second:resamples:level:seed:names:)``'s
    /// (one index per cluster per draw), so the two stay separate entry points.
    ///
    /// - Complexity: O(draws · clusters) plus the work of `body`.
    /// - Throws: what `body` throws; `CancelledError` on Ctrl-C (checked every 16 draws).
    public static func forEachClusterDraw(clusters: Int, draws: Int, seed: UInt64, _ body: ([Double]) throws -> Void) throws {
        var rng = SeededGenerator(seed: seed)
        var m = [Double](repeating: 0, count: clusters)
        for d in 0..<draws {
            if d % 16 == 0 { try Cancellation.check() }
            for c in 0..<clusters { m[c] = 0 }
            for _ in 0..<clusters { m[rng.nextIndex(below: clusters)] += 1 }
            try body(m)
        }
    }

    /// The percentile interval of the finite `values` at `level` (type-7 quantiles, ``Quantile/linear(sorted:_:)``);
    /// NaN ends when none is finite. - Complexity: O(n log n).
    public static func percentileInterval(_ values: [Double], level: Double = 0.90) -> (lower: Double, upper: Double) {
        let s = values.filter(\.isFinite).sorted()
        guard !s.isEmpty else { return (.nan, .nan) }
        let a = (1 - level) / 2
        return (Quantile.linear(sorted: s, a), Quantile.linear(sorted: s, 1 - a))
    }
}
