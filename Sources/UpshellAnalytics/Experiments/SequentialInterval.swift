import Foundation

/// An always-valid confidence interval and p-value for a difference of two rates, safe under continuous
/// monitoring: the chance that the interval ever excludes the true difference, over all looks, is at most α.
public struct SequentialInterval: Sendable, Hashable {
    /// Observed difference p̂₂ − p̂₁.
    public let difference: Double
    /// The confidence sequence at the current sample: difference ± half-width.
    public let interval: ConfidenceInterval
    /// Always-valid p-value for H₀: no difference, min(1, 1/Λ) with Λ the mixture likelihood ratio.
    /// (At a single look; a caller tracking looks may keep the running minimum.)
    public let alwaysValidPValue: Double
    /// τ, the standard deviation of the normal mixing distribution over effects.
    public let mixingStandardDeviation: Double
}

/// Mixture sequential probability ratio test (mSPRT) with a normal mixture, as in Johari, Koomen, Pekelis
/// & Walsh, "Peeking at A/B tests" (KDD 2017, §4; Optimizely's Stats Engine), using the normal approximation
/// for the difference of two proportions.
public enum SequentialTest {
    /// With θ̂ = p̂₂ − p̂₁, V = p̂₁q̂₁/n₁ + p̂₂q̂₂/n₂ and mixing variance τ²:
    /// Λ(θ₀) = √(V/(V + τ²))·exp(τ²(θ̂ − θ₀)²/(2V(V + τ²))); the interval is {θ₀ : Λ(θ₀) < 1/α}, i.e.
    /// θ̂ ± √(V(V + τ²)/τ² · (2 ln(1/α) + ln((V + τ²)/V))).
    ///
    /// - Parameter mixingStandardDeviation: τ, the size of effect the test is tuned for; choose it before
    ///   the test (e.g. the planned absolute MDE), not from the data.
    /// - Throws: ``ExperimentError`` for invalid counts or α, ``ExperimentError/nonPositiveStandardDeviation(_:)``
    ///   for τ ≤ 0.
    public static func mixtureSPRT(conversions1 x1: Int, visitors1 n1: Int, conversions2 x2: Int, visitors2 n2: Int,
                                   alpha: Double = 0.05,
                                   mixingStandardDeviation tau: Double) throws(ExperimentError) -> SequentialInterval {
        guard alpha > 0, alpha < 1 else { throw .alphaOutOfRange(alpha) }
        guard tau > 0, tau.isFinite else { throw .nonPositiveStandardDeviation(tau) }
        guard n1 > 0 else { throw .emptyVariant("first") }
        guard n2 > 0 else { throw .emptyVariant("second") }
        guard x1 >= 0, x1 <= n1 else { throw .conversionsExceedVisitors(variant: "first", conversions: x1, visitors: n1) }
        guard x2 >= 0, x2 <= n2 else { throw .conversionsExceedVisitors(variant: "second", conversions: x2, visitors: n2) }
        let p1 = Double(x1) / Double(n1), p2 = Double(x2) / Double(n2)
        let difference = p2 - p1
        // A zero variance (both rates 0 or 1) would make Λ degenerate; floor V at the variance of one event.
        let v = max(p1 * (1 - p1) / Double(n1) + p2 * (1 - p2) / Double(n2),
                    1 / (Double(n1) * Double(n2)))
        let t2 = tau * tau
        let halfWidth = (v * (v + t2) / t2 * (2 * log(1 / alpha) + log((v + t2) / v))).squareRoot()
        let logLambda = 0.5 * log(v / (v + t2)) + t2 * difference * difference / (2 * v * (v + t2))
        let p = min(1, exp(-logLambda))
        return SequentialInterval(difference: difference,
                                  interval: ConfidenceInterval(lower: difference - halfWidth,
                                                               upper: difference + halfWidth, level: 1 - alpha),
                                  alwaysValidPValue: p, mixingStandardDeviation: tau)
    }
}
