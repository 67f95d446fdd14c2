import Foundation

/// A two-sided confidence interval [lower, upper] at a stated level.
public struct ConfidenceInterval: Sendable, Hashable {
    /// Lower bound.
    public let lower: Double
    /// Upper bound.
    public let upper: Double
    /// Confidence level, e.g. 0.95.
    public let level: Double
    /// An interval; no ordering is enforced.
    public init(lower: Double, upper: Double, level: Double) {
        self.lower = lower; self.upper = upper; self.level = level
    }
    /// Whether `value` lies inside the closed interval.
    public func contains(_ value: Double) -> Bool { lower <= value && value <= upper }
}

/// Result of a two-proportion z-test (two-sided).
public struct TwoProportionZTest: Sendable, Hashable {
    /// z = (p̂₂ − p̂₁)/SE, SE from the pooled rate (so z² equals the uncorrected χ² of the 2×2 table).
    public let z: Double
    /// Two-sided p-value 2·(1 − Φ(|z|)).
    public let pValue: Double
    /// Difference p̂₂ − p̂₁ (second minus first).
    public let difference: Double
    /// Pooled-variance standard error used for z.
    public let pooledStandardError: Double
    /// Unpooled standard error √(p̂₁q̂₁/n₁ + p̂₂q̂₂/n₂), used for the Wald interval of the difference.
    public let unpooledStandardError: Double
}

/// Tests and intervals for binomial proportions.
public enum ProportionTests {
    /// Wilson score interval for a proportion (Wilson 1927; `statsmodels proportion_confint(method='wilson')`).
    ///
    /// Centre (x + z²/2)/(n + z²), half-width z·√(p̂q̂/n + z²/4n²)/(1 + z²/n); stays inside [0, 1]
    /// and behaves well at 0 and n successes.
    /// - Throws: ``StatisticsError`` for n ≤ 0, x outside [0, n], or a level outside (0, 1).
    public static func wilsonInterval(successes x: Int, trials n: Int, level: Double = 0.95,
                                      group: String = "sample") throws(StatisticsError) -> ConfidenceInterval {
        guard level > 0, level < 1 else { throw .invalidLevel(level) }
        guard n > 0 else { throw .tooFewObservations(group: group, count: n, needed: 1) }
        guard x >= 0, x <= n else { throw .invalidCounts(group: group, successes: x, trials: n) }
        let z = NormalDistribution.quantile(1 - (1 - level) / 2), z2 = z * z
        let nd = Double(n), p = Double(x) / nd
        let denominator = 1 + z2 / nd
        let centre = (p + z2 / (2 * nd)) / denominator
        let half = z * (p * (1 - p) / nd + z2 / (4 * nd * nd)).squareRoot() / denominator
        return ConfidenceInterval(lower: max(0, centre - half), upper: min(1, centre + half), level: level)
    }

    /// Two-proportion z-test of H₀: p₁ = p₂ with the pooled variance, two-sided
    /// (`statsmodels proportions_ztest([x2, x1], [n2, n1])`; equals `prop.test(correct = FALSE)` in R).
    /// When both groups have rate 0 or both 1, z = 0 and p = 1.
    public static func twoProportionZTest(successes1 x1: Int, trials1 n1: Int,
                                          successes2 x2: Int, trials2 n2: Int) throws(StatisticsError) -> TwoProportionZTest {
        guard n1 > 0 else { throw .tooFewObservations(group: "first", count: n1, needed: 1) }
        guard n2 > 0 else { throw .tooFewObservations(group: "second", count: n2, needed: 1) }
        guard x1 >= 0, x1 <= n1 else { throw .invalidCounts(group: "first", successes: x1, trials: n1) }
        guard x2 >= 0, x2 <= n2 else { throw .invalidCounts(group: "second", successes: x2, trials: n2) }
        return zTest(Double(x1), Double(n1), Double(x2), Double(n2))
    }

    /// The z-test on already validated counts (shared with the power simulation's hot loop).
    static func zTest(_ x1: Double, _ n1: Double, _ x2: Double, _ n2: Double) -> TwoProportionZTest {
        let p1 = x1 / n1, p2 = x2 / n2
        let pooled = (x1 + x2) / (n1 + n2)
        let sePooled = (pooled * (1 - pooled) * (1 / n1 + 1 / n2)).squareRoot()
        let seUnpooled = (p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2).squareRoot()
        let difference = p2 - p1
        let z = sePooled > 0 ? difference / sePooled : 0
        return TwoProportionZTest(z: z, pValue: NormalDistribution.twoSidedPValue(z), difference: difference,
                                  pooledStandardError: sePooled, unpooledStandardError: seUnpooled)
    }

    /// Wald interval for p₂ − p₁ with the unpooled standard error
    /// (`statsmodels confint_proportions_2indep(..., method='wald', compare='diff')`).
    public static func differenceInterval(successes1 x1: Int, trials1 n1: Int,
                                          successes2 x2: Int, trials2 n2: Int,
                                          level: Double = 0.95) throws(StatisticsError) -> ConfidenceInterval {
        guard level > 0, level < 1 else { throw .invalidLevel(level) }
        let test = try twoProportionZTest(successes1: x1, trials1: n1, successes2: x2, trials2: n2)
        let z = NormalDistribution.quantile(1 - (1 - level) / 2)
        return ConfidenceInterval(lower: test.difference - z * test.unpooledStandardError,
                                  upper: test.difference + z * test.unpooledStandardError, level: level)
    }

    /// Interval for the relative lift p₂/p₁ − 1 by the log-ratio (Katz) method: log(p̂₂/p̂₁) ± z·SE with
    /// SE² = (1 − p̂₁)/x₁ + (1 − p̂₂)/x₂ (Katz et al., *Biometrics* 34, 1978; `statsmodels
    /// confint_proportions_2indep(..., method='log', compare='ratio')` minus 1). Asymmetric, never below −1.
    /// Returns `nil` when either group has no successes (the ratio's logarithm is undefined).
    public static func relativeLiftInterval(successes1 x1: Int, trials1 n1: Int,
                                            successes2 x2: Int, trials2 n2: Int,
                                            level: Double = 0.95) throws(StatisticsError) -> ConfidenceInterval? {
        guard level > 0, level < 1 else { throw .invalidLevel(level) }
        _ = try twoProportionZTest(successes1: x1, trials1: n1, successes2: x2, trials2: n2)
        guard x1 > 0, x2 > 0 else { return nil }
        let p1 = Double(x1) / Double(n1), p2 = Double(x2) / Double(n2)
        let se = ((1 - p1) / Double(x1) + (1 - p2) / Double(x2)).squareRoot()
        let z = NormalDistribution.quantile(1 - (1 - level) / 2)
        let logRatio = log(p2 / p1)
        return ConfidenceInterval(lower: exp(logRatio - z * se) - 1, upper: exp(logRatio + z * se) - 1, level: level)
    }
}
