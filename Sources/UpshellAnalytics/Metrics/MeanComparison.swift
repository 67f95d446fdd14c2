import UpshellCore

/// Two samples of order values compared: AOV of each, the difference B − A with a Welch and a bootstrap
/// interval, and the Mann–Whitney test as a check that does not lean on the mean of a heavy tail.
public struct MeanComparison: Sendable {
    /// Summaries of A (first) and B (second).
    public let first: SampleSummary
    public let second: SampleSummary
    /// Medians of A and B.
    public let firstMedian: Double
    public let secondMedian: Double
    /// Welch's t-test and interval of mean(B) − mean(A).
    public let welch: WelchTTest
    /// Percentile bootstrap interval of mean(B) − mean(A).
    public let bootstrap: BootstrapInterval
    /// Mann–Whitney U test (two-sided, normal approximation with tie and continuity corrections).
    public let mannWhitney: MannWhitneyTest

    /// mean(B) − mean(A).
    public var difference: Double { second.mean - first.mean }
    /// mean(B) ÷ mean(A) − 1 (`.nan` when mean(A) is 0).
    public var relativeLift: Double { first.mean != 0 ? second.mean / first.mean - 1 : .nan }

    /// Compares `first` (A) and `second` (B); each needs at least two values.
    ///
    /// - Parameters:
    ///   - resamples: bootstrap draws; `seed` makes them reproducible.
    /// - Complexity: O(resamples · (n₁ + n₂)) for the bootstrap, O(n log n) for Mann–Whitney.
    /// - Throws: ``StatisticsError`` for too few or non-finite values; `CancelledError` on Ctrl-C.
    public static func compare(first: [Double], second: [Double], level: Double = 0.95, resamples: Int = 2_000,
                               seed: UInt64, names: (String, String) = ("A", "B")) throws -> MeanComparison {
        let welch = try WelchTest.test(first: first, second: second, level: level, names: names)
        let bootstrap = try Bootstrap.differenceOfMeans(first: first, second: second, resamples: resamples,
                                                        level: level, seed: seed, names: names)
        let mw = try MannWhitney.test(first: first, second: second, names: names)
        return MeanComparison(first: SampleSummary(first), second: SampleSummary(second),
                              firstMedian: Quantile.linear(sorted: first.sorted(), 0.5),
                              secondMedian: Quantile.linear(sorted: second.sorted(), 0.5),
                              welch: welch, bootstrap: bootstrap, mannWhitney: mw)
    }
}
