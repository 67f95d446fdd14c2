import Foundation

/// The χ² distribution with k > 0 degrees of freedom: P(X ≤ x) = P(k/2, x/2), the regularized lower
/// incomplete gamma function (A&S 26.4.19).
public struct ChiSquaredDistribution: Sendable, Hashable {
    /// Degrees of freedom k > 0.
    public let degreesOfFreedom: Double

    /// A χ² distribution with k degrees of freedom; non-positive k yields NaNs.
    public init(degreesOfFreedom: Double) { self.degreesOfFreedom = degreesOfFreedom }

    /// Distribution function P(X ≤ x); 0 for x ≤ 0.
    public func cdf(_ x: Double) -> Double {
        guard degreesOfFreedom > 0, !x.isNaN else { return .nan }
        if x <= 0 { return 0 }
        return SpecialFunctions.incompleteGamma(a: degreesOfFreedom / 2, x: x / 2).lower
    }

    /// Upper tail P(X > x) — the p-value of a χ² statistic x — computed without cancellation.
    public func survival(_ x: Double) -> Double {
        guard degreesOfFreedom > 0, !x.isNaN else { return .nan }
        if x <= 0 { return 1 }
        return SpecialFunctions.incompleteGamma(a: degreesOfFreedom / 2, x: x / 2).upper
    }
}
