import Foundation

/// Where a category's buyers' ideal spends lie (MODELS.md §2.2): the median `m` and log-sd `σ` of the tier
/// model, by maximum likelihood on units sold at each distinct price point, treating the price points as
/// the menu (`v = p`, no context terms). Only buyers are seen, so this says *where* ideal spends lie, not how
/// many visitors buy.
public struct IdealSpendFit: Sendable {
    /// Maximum-likelihood estimates.
    public var medianSpend: Double
    public var sigma: Double
    /// 95 % profile-likelihood ranges (log-likelihood within 1.92 of the maximum).
    public var medianRange: (lower: Double, upper: Double)
    public var sigmaRange: (lower: Double, upper: Double)
    /// Price points and units used.
    public var pricePoints: Int
    public var units: Double
    /// Fallback values from the same data: `exp(mean ln p)` and `sd(ln p)`, units-weighted.
    public var geometricMeanPrice: Double
    public var logPriceSD: Double

    /// A fit from given values (fallbacks without a category).
    public init(medianSpend: Double, sigma: Double, medianRange: (lower: Double, upper: Double), sigmaRange: (lower: Double, upper: Double),
                pricePoints: Int, units: Double, geometricMeanPrice: Double, logPriceSD: Double) {
        self.medianSpend = medianSpend; self.sigma = sigma; self.medianRange = medianRange; self.sigmaRange = sigmaRange
        self.pricePoints = pricePoints; self.units = units; self.geometricMeanPrice = geometricMeanPrice; self.logPriceSD = logPriceSD
    }

    /// Log-likelihood `Σ n_k ln P(k | buy; m, σ, α)`.
    static func logLikelihood(prices: [Double], units: [Double], m: Double, sigma: Double, alpha: Double, b0: Double, gh: GaussHermite) -> Double {
        let k = prices.count
        var cond = [Double](repeating: 0, count: k)
        var buyTotal = 0.0
        var v = [Double](repeating: 0, count: k)
        let base = log(b0 / (1 - b0))
        for (z, w) in zip(gh.nodes, gh.weights) {
            let mi = m * exp(sigma * z)
            var mx = -Double.infinity
            for j in 0..<k { let x = log(prices[j] / mi); v[j] = base + alpha * (x - exp(x) + 1); mx = max(mx, v[j]) }
            var s = 0.0
            for j in 0..<k { v[j] = exp(v[j] - mx); s += v[j] }
            let buy = 1 / (1 + exp(-(mx + log(s))))
            buyTotal += w * buy
            for j in 0..<k { cond[j] += w * buy * v[j] / s }
        }
        var ll = 0.0
        for j in 0..<k where units[j] > 0 { ll += units[j] * log(max(cond[j] / buyTotal, 1e-300)) }
        return ll
    }

    /// Fits `m, σ` on a 2-D grid in (ln m, ln σ), then a finer grid around the best point.
    /// - Complexity: O(grid · nodes · price points).
    public static func fit(prices: [Double], units: [Double], alpha: Double = 2, b0: Double = 0.10) -> IdealSpendFit? {
        let keep = prices.indices.filter { prices[$0] > 0 && units[$0] > 0 }
        guard keep.count >= 2 else { return nil }
        let p = keep.map { prices[$0] }, n = keep.map { units[$0] }
        let total = n.reduce(0, +)
        let meanLog = zip(p, n).reduce(0) { $0 + $1.1 * log($1.0) } / total
        let sdLog = (zip(p, n).reduce(0) { $0 + $1.1 * pow(log($1.0) - meanLog, 2) } / total).squareRoot()
        let gh = GaussHermite(points: 32)
        let lo = log(p.min()!), hi = log(p.max()!)
        var grid: [(lm: Double, ls: Double, ll: Double)] = []
        func scan(lm: ClosedRange<Double>, ls: ClosedRange<Double>, steps: Int) {
            for a in 0...steps {
                for b in 0...steps {
                    let x = lm.lowerBound + (lm.upperBound - lm.lowerBound) * Double(a) / Double(steps)
                    let y = ls.lowerBound + (ls.upperBound - ls.lowerBound) * Double(b) / Double(steps)
                    grid.append((x, y, logLikelihood(prices: p, units: n, m: exp(x), sigma: exp(y), alpha: alpha, b0: b0, gh: gh)))
                }
            }
        }
        scan(lm: (lo - 0.5)...(hi + 0.5), ls: log(0.05)...log(2.5), steps: 24)
        let coarse = grid.max { $0.ll < $1.ll }!
        let dm = (hi - lo + 1) / 24, ds = (log(2.5) - log(0.05)) / 24
        scan(lm: (coarse.lm - dm)...(coarse.lm + dm), ls: (coarse.ls - ds)...(coarse.ls + ds), steps: 12)
        let best = grid.max { $0.ll < $1.ll }!
        let inside = grid.filter { $0.ll >= best.ll - 1.92 }
        return IdealSpendFit(medianSpend: exp(best.lm), sigma: exp(best.ls),
                             medianRange: (exp(inside.map(\.lm).min()!), exp(inside.map(\.lm).max()!)),
                             sigmaRange: (exp(inside.map(\.ls).min()!), exp(inside.map(\.ls).max()!)),
                             pricePoints: p.count, units: total, geometricMeanPrice: exp(meanLog), logPriceSD: sdLog)
    }
}
