import Foundation

/// Result of Welch's unequal-variance t-test of mean(second) − mean(first), two-sided.
public struct WelchTTest: Sendable, Hashable {
    /// t = (x̄₂ − x̄₁)/√(s₁²/n₁ + s₂²/n₂).
    public let t: Double
    /// Welch–Satterthwaite degrees of freedom.
    public let degreesOfFreedom: Double
    /// Two-sided p-value.
    public let pValue: Double
    /// x̄₂ − x̄₁.
    public let difference: Double
    /// Standard error of the difference.
    public let standardError: Double
    /// Interval for the difference: difference ± t_{1−α/2, df}·SE.
    public let interval: ConfidenceInterval
}

/// Summary statistics of one sample, computed in one pass (Welford's algorithm, numerically stable).
public struct SampleSummary: Sendable, Hashable {
    /// Number of observations.
    public let count: Int
    /// Arithmetic mean.
    public let mean: Double
    /// Sample variance with n − 1 in the denominator (0 for a single observation).
    public let variance: Double
    /// √variance.
    public var standardDeviation: Double { variance.squareRoot() }

    /// Summarises `values` in one pass. - Complexity: O(n).
    public init(_ values: [Double]) {
        var mean = 0.0, m2 = 0.0, n = 0.0
        for x in values {
            n += 1
            let d = x - mean
            mean += d / n
            m2 += d * (x - mean)
        }
        self.count = values.count
        self.mean = values.isEmpty ? .nan : mean
        self.variance = values.count > 1 ? m2 / (n - 1) : 0
    }
}

/// Welch's t-test (Welch 1947; scipy `ttest_ind(second, first, equal_var=False)` and its
/// `confidence_interval()`).
public enum WelchTest {
    /// Tests H₀: equal means. Needs at least two finite values per group and not both groups constant.
    /// - Complexity: O(n₁ + n₂).
    public static func test(first: [Double], second: [Double], level: Double = 0.95,
                            names: (String, String) = ("first", "second")) throws(StatisticsError) -> WelchTTest {
        guard level > 0, level < 1 else { throw .invalidLevel(level) }
        guard first.count >= 2 else { throw .tooFewObservations(group: names.0, count: first.count, needed: 2) }
        guard second.count >= 2 else { throw .tooFewObservations(group: names.1, count: second.count, needed: 2) }
        guard first.allSatisfy(\.isFinite) else { throw .nonFiniteValue(group: names.0) }
        guard second.allSatisfy(\.isFinite) else { throw .nonFiniteValue(group: names.1) }
        return try test(SampleSummary(first), SampleSummary(second), level: level)
    }

    /// Welch's test from summaries (n ≥ 2 each).
    public static func test(_ a: SampleSummary, _ b: SampleSummary, level: Double = 0.95) throws(StatisticsError) -> WelchTTest {
        guard level > 0, level < 1 else { throw .invalidLevel(level) }
        guard a.count >= 2 else { throw .tooFewObservations(group: "first", count: a.count, needed: 2) }
        guard b.count >= 2 else { throw .tooFewObservations(group: "second", count: b.count, needed: 2) }
        let va = a.variance / Double(a.count), vb = b.variance / Double(b.count)
        let se2 = va + vb
        guard se2 > 0 else { throw .zeroVariance }
        let se = se2.squareRoot()
        let df = se2 * se2 / (va * va / Double(a.count - 1) + vb * vb / Double(b.count - 1))
        let difference = b.mean - a.mean
        let t = difference / se
        let distribution = StudentTDistribution(degreesOfFreedom: df)
        let q = distribution.quantile(1 - (1 - level) / 2)
        return WelchTTest(t: t, degreesOfFreedom: df, pValue: distribution.twoSidedPValue(t),
                          difference: difference, standardError: se,
                          interval: ConfidenceInterval(lower: difference - q * se, upper: difference + q * se, level: level))
    }
}
