import Foundation

/// Student's t distribution with ν > 0 degrees of freedom (ν may be fractional, as in Welch's test).
///
/// The distribution function is P(T ≤ t) = 1 − ½·I_{ν/(ν+t²)}(ν/2, ½) for t ≥ 0 (Abramowitz & Stegun
/// 26.7.1 via the incomplete beta function); the quantile solves cdf(t) = p by safeguarded Newton steps
/// from a Cornish–Fisher start (A&S 26.7.5). For ν > 1e7 the normal distribution is used.
///
/// ```swift
/// let t = StudentTDistribution(degreesOfFreedom: 10)
/// t.quantile(0.975)   // 2.228138851986274
/// ```
public struct StudentTDistribution: Sendable, Hashable {
    /// Degrees of freedom ν > 0.
    public let degreesOfFreedom: Double

    /// A t distribution with ν degrees of freedom; ν must be positive (non-positive ν yields NaNs).
    public init(degreesOfFreedom: Double) { self.degreesOfFreedom = degreesOfFreedom }

    private var isEffectivelyNormal: Bool { degreesOfFreedom > 1e7 }

    /// Density at t.
    public func pdf(_ t: Double) -> Double {
        let v = degreesOfFreedom
        guard v > 0 else { return .nan }
        if isEffectivelyNormal { return NormalDistribution.pdf(t) }
        let logDensity = lgamma((v + 1) / 2) - lgamma(v / 2) - 0.5 * log(v * Double.pi)
            - (v + 1) / 2 * log1p(t * t / v)
        return exp(logDensity)
    }

    /// Upper tail P(T > t), accurate far into the tail.
    public func survival(_ t: Double) -> Double {
        let v = degreesOfFreedom
        guard v > 0, !t.isNaN else { return .nan }
        if isEffectivelyNormal { return NormalDistribution.survival(t) }
        if t.isInfinite { return t > 0 ? 0 : 1 }
        let t2 = t * t
        let beta = SpecialFunctions.incompleteBeta(x: v / (v + t2), a: v / 2, b: 0.5,
                                                   complementOfX: t2 / (v + t2))
        let tail = 0.5 * beta.lower // P(T > |t|)
        return t >= 0 ? tail : 1 - tail
    }

    /// Distribution function P(T ≤ t).
    public func cdf(_ t: Double) -> Double { survival(-t) }

    /// Two-sided tail probability P(|T| ≥ |t|).
    public func twoSidedPValue(_ t: Double) -> Double { min(1, 2 * survival(abs(t))) }

    /// Quantile: the t with P(T ≤ t) = p, for p in (0, 1); ±∞ at 0 and 1, NaN outside.
    /// - Complexity: a few (≤ 100) evaluations of the distribution function.
    public func quantile(_ p: Double) -> Double {
        let v = degreesOfFreedom
        guard v > 0, p >= 0, p <= 1 else { return .nan }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        if p == 0.5 { return 0 }
        if isEffectivelyNormal { return NormalDistribution.quantile(p) }
        // Solve in the upper half: find t > 0 with survival(t) = tail.
        let tail = p < 0.5 ? p : 1 - p
        let z = NormalDistribution.quantile(1 - tail)
        let z3 = z * z * z, z5 = z3 * z * z
        var t = z + (z3 + z) / (4 * v) + (5 * z5 + 16 * z3 + 3 * z) / (96 * v * v)
        if !t.isFinite || t <= 0 { t = 1 }
        // Bracket [lo, hi] with survival(lo) ≥ tail ≥ survival(hi).
        var lo = 0.0, hi = t
        while survival(hi) > tail, hi < 1e300 { lo = hi; hi *= 4 }
        for _ in 0..<100 {
            let f = survival(t) - tail
            if f == 0 { break }
            if f > 0 { lo = max(lo, t) } else { hi = min(hi, t) }
            let density = pdf(t)
            var next = t + f / density // d survival/dt = −pdf
            if !(next > lo && next < hi) || !next.isFinite { next = 0.5 * (lo + hi) }
            if abs(next - t) <= 1e-14 * abs(t) { t = next; break }
            t = next
        }
        return p < 0.5 ? -t : t
    }
}
