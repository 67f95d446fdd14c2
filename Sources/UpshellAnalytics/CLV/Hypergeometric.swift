import Foundation

/// The Gauss hypergeometric function ₂F₁(a, b; c; z), as BG/NBD's expected-purchase formulas need it.
public enum Hypergeometric {
    /// ₂F₁(a, b; c; z) = Σₖ (a)ₖ(b)ₖ / ((c)ₖ k!) zᵏ for 0 ≤ z < 1 and c > 0, by its power series.
    ///
    /// Terms are accumulated with the ratio tₖ₊₁/tₖ = (a+k)(b+k) z / ((c+k)(k+1)) until a term no
    /// longer changes the sum in the 16th digit (after the ratio has started to fall below 1, so that
    /// rising initial terms never stop the series early). The series converges geometrically with ratio
    /// z; for z close to 1 it needs about 37 / (1 − z) terms.
    ///
    /// - Returns: the value, or `.nan` outside the domain or when 1,000,000 terms did not converge.
    /// - Complexity: O(1 / (1 − z)) terms.
    public static func f21(_ a: Double, _ b: Double, _ c: Double, _ z: Double) -> Double {
        guard z >= 0, z < 1, c > 0, a.isFinite, b.isFinite, c.isFinite else { return .nan }
        if z == 0 || a == 0 || b == 0 { return 1 }
        var term = 1.0, sum = 1.0
        var k = 0.0
        while k < 1_000_000 {
            let ratio = (a + k) * (b + k) / ((c + k) * (k + 1)) * z
            term *= ratio
            sum += term
            if term == 0 { return sum }
            if abs(term) <= 1e-17 * abs(sum) && abs(ratio) < 1 { return sum }
            k += 1
        }
        return .nan
    }
}
