import Foundation

/// Result of the Mann–Whitney U test (two-sided, normal approximation).
public struct MannWhitneyTest: Sendable, Hashable {
    /// U of the first sample: R₁ − n₁(n₁ + 1)/2, R₁ its rank sum in the pooled sample (average ranks for ties).
    public let u: Double
    /// The z statistic of max(U₁, U₂), continuity-corrected.
    public let z: Double
    /// Two-sided p-value.
    public let pValue: Double
}

/// The Mann–Whitney U (Wilcoxon rank-sum) test, a robustness check that needs no normality.
///
/// Matches scipy `mannwhitneyu(first, second, alternative='two-sided', method='asymptotic',
/// use_continuity=True)`: σ² = n₁n₂/12·[(n + 1) − Σ(t³ − t)/(n(n − 1))] (tie correction),
/// z = (max(U₁, U₂) − n₁n₂/2 − ½)/σ, p = 2·(1 − Φ(z)) capped at 1. When every value is equal, p = 1.
public enum MannWhitney {
    /// Runs the test. - Complexity: O(n log n) for the sort, n = n₁ + n₂.
    public static func test(first: [Double], second: [Double],
                            names: (String, String) = ("first", "second")) throws(StatisticsError) -> MannWhitneyTest {
        guard !first.isEmpty else { throw .tooFewObservations(group: names.0, count: 0, needed: 1) }
        guard !second.isEmpty else { throw .tooFewObservations(group: names.1, count: 0, needed: 1) }
        guard first.allSatisfy(\.isFinite) else { throw .nonFiniteValue(group: names.0) }
        guard second.allSatisfy(\.isFinite) else { throw .nonFiniteValue(group: names.1) }
        let n1 = first.count, n2 = second.count, n = n1 + n2
        // Pooled values tagged by origin, sorted by value.
        var pooled = [(value: Double, isFirst: Bool)]()
        pooled.reserveCapacity(n)
        for x in first { pooled.append((x, true)) }
        for x in second { pooled.append((x, false)) }
        pooled.sort { $0.value < $1.value }
        var rankSumFirst = 0.0, tieTerm = 0.0
        var i = 0
        while i < n {
            var j = i
            while j + 1 < n && pooled[j + 1].value == pooled[i].value { j += 1 }
            let averageRank = Double(i + j + 2) / 2 // ranks are 1-based
            let t = Double(j - i + 1)
            if t > 1 { tieTerm += t * t * t - t }
            for k in i...j where pooled[k].isFirst { rankSumFirst += averageRank }
            i = j + 1
        }
        let d1 = Double(n1), d2 = Double(n2), dn = Double(n)
        let u1 = rankSumFirst - d1 * (d1 + 1) / 2
        let u2 = d1 * d2 - u1
        let mu = d1 * d2 / 2
        let variance = d1 * d2 / 12 * ((dn + 1) - tieTerm / (dn * (dn - 1)))
        guard variance > 0 else { return MannWhitneyTest(u: u1, z: 0, pValue: 1) }
        let z = (max(u1, u2) - mu - 0.5) / variance.squareRoot()
        return MannWhitneyTest(u: u1, z: z, pValue: min(1, max(0, 2 * NormalDistribution.survival(z))))
    }
}
