import Foundation

/// The BG/NBD log-likelihood of many customers, arranged so that one evaluation costs one `exp` and
/// one `log` per repeat buyer and a handful of table lookups otherwise.
///
/// Terms that depend on x alone (log-gamma ratios, log(b + x − 1)) are computed once per distinct x;
/// log(α + T) and log(α + tₓ) once per distinct T and tₓ (at most one per day of data); customers
/// without repeat purchases only contribute −r · log(α + T), summed per distinct T.
///
/// - Complexity: per evaluation O(distinct x + distinct T + distinct tₓ) transcendental calls plus
///   O(repeat buyers) `exp`/`log` pairs.
public struct BGNBDLikelihood: Sendable {
    private var xValues: [Double] = []
    private var xCounts: [Double] = []
    private var ages: [Double] = []
    private var recencies: [Double] = []
    /// Customers without repeat purchases per distinct age.
    private var onceCountByAge: [Double] = []
    /// Repeat buyers: index into `xValues`, `ages`, `recencies`.
    private var repeatX: [Int32] = []
    private var repeatAge: [Int32] = []
    private var repeatRecency: [Int32] = []

    /// Arranges the customers' (x, tₓ, T).
    public init(frequency: [Double], recency: [Double], age: [Double]) {
        var xIndex: [Double: Int32] = [:], ageIndex: [Double: Int32] = [:], recencyIndex: [Double: Int32] = [:]
        func index(_ v: Double, _ table: inout [Double: Int32], _ values: inout [Double]) -> Int32 {
            if let i = table[v] { return i }
            let i = Int32(values.count)
            table[v] = i
            values.append(v)
            return i
        }
        for i in frequency.indices {
            let xi = index(frequency[i], &xIndex, &xValues)
            if Int(xi) == xCounts.count { xCounts.append(0) }
            xCounts[Int(xi)] += 1
            let ti = index(age[i], &ageIndex, &ages)
            if Int(ti) == onceCountByAge.count { onceCountByAge.append(0) }
            if frequency[i] > 0 {
                repeatX.append(xi)
                repeatAge.append(ti)
                repeatRecency.append(index(recency[i], &recencyIndex, &recencies))
            } else {
                onceCountByAge[Int(ti)] += 1
            }
        }
    }

    /// Σ log L at `[r, α, a, b]` (FHL 2005, eq. 6); −∞ outside the parameter space.
    public func callAsFunction(_ p: [Double]) -> Double {
        let r = p[0], alpha = p[1], a = p[2], b = p[3]
        guard r > 0, alpha > 0, a > 0, b > 0 else { return -.infinity }
        var total = 0.0
        let base: Double = -lgamma(r) + r * log(alpha) + lgamma(a + b) - lgamma(b)
        var logB = [Double](repeating: 0, count: xValues.count)
        for k in xValues.indices {
            let x = xValues[k]
            let perX: Double = lgamma(r + x) + lgamma(b + x) - lgamma(a + b + x)
            total += xCounts[k] * (base + perX)
            logB[k] = x > 0 ? log(a) - log(b + x - 1) : 0
        }
        let logAlphaAge = ages.map { log(alpha + $0) }
        let logAlphaRecency = recencies.map { log(alpha + $0) }
        for j in ages.indices where onceCountByAge[j] > 0 { total -= onceCountByAge[j] * r * logAlphaAge[j] }
        for i in repeatX.indices {
            let k = Int(repeatX[i])
            let rx = r + xValues[k]
            let a3 = -rx * logAlphaAge[Int(repeatAge[i])]
            let a4 = logB[k] - rx * logAlphaRecency[Int(repeatRecency[i])]
            total += max(a3, a4) + log(1 + exp(-abs(a3 - a4)))
        }
        return total.isNaN ? -.infinity : total
    }

    /// Σ log L of the no-drop-out limit a → 0 (the NBD model) at `[r, α]`:
    /// Σ lgamma(r+x) − lgamma(r) + r log α − (r+x) log(α+T); −∞ outside the parameter space.
    public func noDropout(_ p: [Double]) -> Double {
        let r = p[0], alpha = p[1]
        guard r > 0, alpha > 0 else { return -.infinity }
        var total = 0.0
        let base: Double = -lgamma(r) + r * log(alpha)
        for k in xValues.indices { total += xCounts[k] * (base + lgamma(r + xValues[k])) }
        let logAlphaAge = ages.map { log(alpha + $0) }
        for j in ages.indices where onceCountByAge[j] > 0 { total -= onceCountByAge[j] * r * logAlphaAge[j] }
        for i in repeatX.indices { total -= (r + xValues[Int(repeatX[i])]) * logAlphaAge[Int(repeatAge[i])] }
        return total.isNaN ? -.infinity : total
    }

    /// ∂ log L/∂a at a = 0 for a given b, with r and α at their no-drop-out values: the slope of the
    /// likelihood into the model from the no-drop-out boundary. Differentiating eq. 6 at a = 0 gives, per
    /// repeat buyer, Rᵢ/(b + xᵢ − 1) − Σⱼ₌₀^{xᵢ−1} 1/(b + j) with Rᵢ = ((α + Tᵢ)/(α + tₓᵢ))^(r + xᵢ);
    /// one-time buyers contribute 0. The boundary is a maximum when this is ≤ 0 for every b.
    ///
    /// - Complexity: O(repeat buyers + Σ distinct x).
    public func dropoutSlope(r: Double, alpha: Double, b: Double) -> Double {
        let harmonic = xValues.map { x in (0..<max(0, Int(x))).reduce(0.0) { $0 + 1 / (b + Double($1)) } }
        var total = 0.0
        for i in repeatX.indices {
            let k = Int(repeatX[i]), x = xValues[k]
            let logR = (r + x) * (log(alpha + ages[Int(repeatAge[i])]) - log(alpha + recencies[Int(repeatRecency[i])]))
            total += exp(logR) / (b + x - 1) - harmonic[k]
        }
        return total
    }

    /// lim b → ∞ of b · ``dropoutSlope(r:alpha:b:)``: Σ (Rᵢ − xᵢ) over repeat buyers, the sign of the slope
    /// for very large b.
    public func dropoutSlopeForLargeB(r: Double, alpha: Double) -> Double {
        var total = 0.0
        for i in repeatX.indices {
            let x = xValues[Int(repeatX[i])]
            total += exp((r + x) * (log(alpha + ages[Int(repeatAge[i])]) - log(alpha + recencies[Int(repeatRecency[i])]))) - x
        }
        return total
    }
}
