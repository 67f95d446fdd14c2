import Foundation

/// Regularized incomplete beta and gamma functions, the kernels behind the t, F and χ² distributions.
///
/// Both use the classical expansions (Press et al., *Numerical Recipes*, 3rd ed., §6.2 and §6.4): a power
/// series or a continued fraction evaluated with the modified Lentz method, choosing the side where the
/// fraction converges fast, and returning both the lower and the upper tail so that neither is formed by
/// subtracting from 1.
public enum SpecialFunctions {
    private static let epsilon = 1e-15
    private static let tiny = 1e-300

    /// The regularized incomplete beta function I_x(a, b) and its complement 1 − I_x(a, b).
    ///
    /// - Parameters:
    ///   - x: the argument in [0, 1].
    ///   - a, b: positive shape parameters.
    ///   - complementOfX: 1 − x, when the caller can form it without cancellation (e.g. t²/(ν + t²)).
    /// - Returns: `(lower, upper)` with lower = I_x(a, b), upper = 1 − I_x(a, b); NaNs for invalid input.
    /// - Complexity: O(√max(a, b)) continued-fraction terms.
    public static func incompleteBeta(x: Double, a: Double, b: Double,
                                      complementOfX: Double? = nil) -> (lower: Double, upper: Double) {
        guard a > 0, b > 0, x >= 0, x <= 1, !x.isNaN else { return (.nan, .nan) }
        let y = complementOfX ?? (1 - x)
        if x == 0 { return (0, 1) }
        if y == 0 { return (1, 0) }
        let logFront = lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log(y)
        let front = exp(logFront)
        if x < (a + 1) / (a + b + 2) {
            let lower = front * betaContinuedFraction(a: a, b: b, x: x, y: y) / a
            return (lower, 1 - lower)
        } else {
            let upper = front * betaContinuedFraction(a: b, b: a, x: y, y: x) / b
            return (1 - upper, upper)
        }
    }

    /// Continued fraction for I_x(a, b) (Numerical Recipes `betacf`), by the modified Lentz method.
    private static func betaContinuedFraction(a: Double, b: Double, x: Double, y: Double) -> Double {
        let qab = a + b, qap = a + 1, qam = a - 1
        var c = 1.0
        var d = 1 - qab * x / qap
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        let maxIterations = 10_000 + Int(min(1e7, 20 * (max(a, b)).squareRoot()))
        var m = 1
        while m <= maxIterations {
            let md = Double(m), m2 = 2 * md
            var aa = md * (b - md) * x / ((qam + m2) * (a + m2))
            d = 1 + aa * d; if abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            aa = -(a + md) * (qab + md) * x / ((a + m2) * (qap + m2))
            d = 1 + aa * d; if abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < epsilon { break }
            m += 1
        }
        return h
    }

    /// The regularized incomplete gamma functions P(a, x) (lower) and Q(a, x) = 1 − P(a, x) (upper).
    ///
    /// Series for x < a + 1, continued fraction otherwise (Numerical Recipes `gser`/`gcf`).
    /// - Complexity: O(√a) terms for x near a, fewer elsewhere.
    public static func incompleteGamma(a: Double, x: Double) -> (lower: Double, upper: Double) {
        guard a > 0, x >= 0, !x.isNaN else { return (.nan, .nan) }
        if x == 0 { return (0, 1) }
        if x == .infinity { return (1, 0) }
        let logFront = -x + a * log(x) - lgamma(a)
        if x < a + 1 {
            var ap = a, term = 1 / a, sum = term
            for _ in 0..<100_000 {
                ap += 1
                term *= x / ap
                sum += term
                if abs(term) < abs(sum) * epsilon { break }
            }
            let lower = sum * exp(logFront)
            return (lower, 1 - lower)
        }
        var b = x + 1 - a
        var c = 1 / tiny
        var d = 1 / b
        var h = d
        var i = 1.0
        while i < 100_000 {
            let an = -i * (i - a)
            b += 2
            d = an * d + b; if abs(d) < tiny { d = tiny }
            c = b + an / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < epsilon { break }
            i += 1
        }
        let upper = exp(logFront) * h
        return (1 - upper, upper)
    }
}
