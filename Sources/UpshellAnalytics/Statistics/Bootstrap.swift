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
            interval: ConfidenceInterval(lower: sortedQuantile(differences, alpha / 2),
                                         upper: sortedQuantile(differences, 1 - alpha / 2), level: level),
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

    /// Quantile q of ascending `sorted` by linear interpolation (numpy `quantile`, method 'linear').
    static func sortedQuantile(_ sorted: [Double], _ q: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let position = q * Double(sorted.count - 1)
        let low = Int(position.rounded(.down)), high = min(low + 1, sorted.count - 1)
        let fraction = position - Double(low)
        return sorted[low] + fraction * (sorted[high] - sorted[low])
    }
}
