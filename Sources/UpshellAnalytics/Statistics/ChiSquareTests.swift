import Foundation

/// Result of a χ² test: statistic, degrees of freedom, p-value.
public struct ChiSquareTest: Sendable, Hashable {
    /// The χ² statistic.
    public let statistic: Double
    /// Degrees of freedom.
    public let degreesOfFreedom: Int
    /// Upper-tail p-value P(χ²_df > statistic).
    public let pValue: Double
    /// Whether Yates' continuity correction was applied (only ever on a table with one degree of freedom).
    public let yatesCorrected: Bool
}

/// Pearson χ² tests on counts.
public enum ChiSquareTests {
    /// χ² test of independence on a 2×k table of successes and failures per group (scipy
    /// `chi2_contingency`). With `yates: true` (scipy's default) and k = 2 (one degree of freedom), each
    /// |observed − expected| is reduced by ½ but not past 0, as scipy does; for k > 2 no correction applies.
    ///
    /// - Parameters: `successes[i]` out of `trials[i]` for group i; at least two groups.
    /// - Complexity: O(k).
    public static func independence(successes: [Int], trials: [Int],
                                    yates: Bool = true) throws(StatisticsError) -> ChiSquareTest {
        guard successes.count == trials.count, successes.count >= 2 else {
            throw .tooFewObservations(group: "groups", count: min(successes.count, trials.count), needed: 2)
        }
        for i in trials.indices {
            guard trials[i] > 0 else { throw .tooFewObservations(group: "group \(i + 1)", count: trials[i], needed: 1) }
            guard successes[i] >= 0, successes[i] <= trials[i] else {
                throw .invalidCounts(group: "group \(i + 1)", successes: successes[i], trials: trials[i])
            }
        }
        let total = Double(trials.reduce(0, +))
        let totalSuccess = Double(successes.reduce(0, +))
        let rowShares = [totalSuccess / total, (total - totalSuccess) / total]
        let dof = trials.count - 1
        let correct = yates && dof == 1
        var statistic = 0.0
        for i in trials.indices {
            let observed = [Double(successes[i]), Double(trials[i] - successes[i])]
            for row in 0..<2 {
                let expected = rowShares[row] * Double(trials[i])
                guard expected > 0 else { continue } // an all-success or all-failure margin adds nothing
                var deviation = abs(observed[row] - expected)
                if correct { deviation = max(0, deviation - 0.5) }
                statistic += deviation * deviation / expected
            }
        }
        if totalSuccess == 0 || totalSuccess == total {
            return ChiSquareTest(statistic: 0, degreesOfFreedom: dof, pValue: 1, yatesCorrected: correct)
        }
        let p = ChiSquaredDistribution(degreesOfFreedom: Double(dof)).survival(statistic)
        return ChiSquareTest(statistic: statistic, degreesOfFreedom: dof, pValue: p, yatesCorrected: correct)
    }

    /// χ² goodness-of-fit of observed counts to expected shares (scipy `chisquare(f_obs, f_exp)` with
    /// f_exp = shares·total). Shares are normalised to sum to 1. Used for sample-ratio mismatch checks.
    /// - Complexity: O(k).
    public static func goodnessOfFit(observed: [Int], expectedShares: [Double]) throws(StatisticsError) -> ChiSquareTest {
        guard observed.count == expectedShares.count, observed.count >= 2 else {
            throw .tooFewObservations(group: "groups", count: min(observed.count, expectedShares.count), needed: 2)
        }
        let shareSum = expectedShares.reduce(0, +)
        guard shareSum > 0, expectedShares.allSatisfy({ $0 > 0 && $0.isFinite }) else { throw .invalidLevel(shareSum) }
        let total = Double(observed.reduce(0, +))
        guard total > 0 else { throw .tooFewObservations(group: "all groups", count: 0, needed: 1) }
        var statistic = 0.0
        for i in observed.indices {
            let expected = expectedShares[i] / shareSum * total
            let d = Double(observed[i]) - expected
            statistic += d * d / expected
        }
        let dof = observed.count - 1
        let p = ChiSquaredDistribution(degreesOfFreedom: Double(dof)).survival(statistic)
        return ChiSquareTest(statistic: statistic, degreesOfFreedom: dof, pValue: p, yatesCorrected: false)
    }
}
