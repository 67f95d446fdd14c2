import Foundation

/// The Gamma-Gamma log-likelihood of repeat buyers, arranged so that one evaluation costs one `log`
/// per buyer: log-gamma terms and log x are computed once per distinct x, and Σ x log m, Σ log m once.
///
/// - Complexity: per evaluation O(distinct x) log-gamma calls plus O(n) logarithms.
public struct GammaGammaLikelihood: Sendable {
    private var xValues: [Double] = []
    private var xCounts: [Double] = []
    private var x: [Double]
    private var m: [Double]
    private let sumXLogM: Double
    private let sumLogM: Double

    /// Arranges repeat buyers' frequency x > 0 and mean spend m > 0.
    public init(frequency: [Double], meanSpend: [Double]) {
        x = frequency
        m = meanSpend
        var counts: [Double: Double] = [:]
        for v in frequency { counts[v, default: 0] += 1 }
        for (v, c) in counts.sorted(by: { $0.key < $1.key }) {
            xValues.append(v)
            xCounts.append(c)
        }
        sumXLogM = zip(frequency, meanSpend).reduce(0) { $0 + $1.0 * log($1.1) }
        sumLogM = meanSpend.reduce(0) { $0 + log($1) }
    }

    /// Σ log f(m | x) at `[p, q, γ]` (Fader & Hardie 2013); −∞ outside the parameter space.
    public func callAsFunction(_ parameters: [Double]) -> Double {
        let p = parameters[0], q = parameters[1], g = parameters[2]
        guard p > 0, q > 0, g > 0 else { return -.infinity }
        var total = p * sumXLogM - sumLogM
        let constant = -lgamma(q) + q * log(g)
        for k in xValues.indices {
            let px = p * xValues[k]
            let perX: Double = lgamma(px + q) - lgamma(px) + constant + px * log(xValues[k])
            total += xCounts[k] * perX
        }
        for i in x.indices { total -= (p * x[i] + q) * log(g + m[i] * x[i]) }
        return total.isNaN ? -.infinity : total
    }
}
