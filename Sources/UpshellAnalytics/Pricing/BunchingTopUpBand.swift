import Foundation

/// The band of the estimated top-ups that covers the error of the counterfactual on lumpy baskets (MODELS.md §1.4
/// step 5; issue 14 item 8).
///
/// A customer bootstrap re-samples orders around the store's own price lumps, so it sees only sampling noise; on
/// synthetic stores the top-ups' error across stores is 9–38 % (sd), mostly the smooth counterfactual missing a
/// lump near `T` and the reach chosen too wide. This band takes both into account, quasi-likelihood style
/// (McCullagh & Nelder 1989, §9.2: variance `φ·μ` with `φ` the Pearson dispersion):
/// - **reach set**: every candidate reach whose quasi-profile deviance `2(ℓ(R̂) − ℓ(R))/φ` is at most
///   `χ²₁(0.90) = 2.706`;
/// - for each such reach, `N̂(R) ± z·SE(R)`, where `SE` is the delta-method standard error of
///   `N̂ = (C_up·F_dn − C_dn·F_up)/(C_up + C_dn)` (π̂0's closed form times `F_dn`) over the pooled counts
///   (variance `φ·C`) and the counterfactual's coefficients (covariance `φ·I⁻¹`), and `z = 2.576`;
/// - the band is the lowest lower end (at least 0) to the highest upper end.
///
/// `z` is wider than the nominal 90 % (1.645) because the delta method treats the cubic as the right shape; the
/// validation over T = $35, $50, $75, $100 × 10 seeds × two planted responses
/// (Scripts/reference/validate_bunching_by_threshold.py, Tests/References/pricing/bunching_bias_by_threshold.out)
/// covers the planted top-ups in ≥ 9/10 seeds at every T with it, 7/10 at $35 and $50 with 1.645.
public struct BunchingTopUpBand: Sendable {
    /// Lower and upper end of the band (orders).
    public var lower: Double
    public var upper: Double
    /// Narrowest and widest reach in the reach set (currency).
    public var reachLower: Double
    public var reachUpper: Double

    /// The band's χ²₁ quantile for the reach set, and its normal quantile.
    public static let reachSetChiSquare = 2.706
    public static let z = 2.576
}

extension NotchBunching {
    /// One candidate reach's step-model fit: reach in bins, log-likelihood, π, coefficients.
    typealias CandidateFit = (dn: Int, ll: Double, pi: Double, theta: [Double])

    /// The band of ``BunchingTopUpBand`` from the step-model fits of every candidate reach.
    /// - Complexity: O(candidates · bins · p² + candidates · p³).
    static func topUpBand(_ h: ThresholdHistogram, model: PoissonCurveFit, upRange: Range<Int>, fits: [CandidateFit],
                          dispersion: Double) -> BunchingTopUpBand {
        let phi = max(1, dispersion.isFinite ? dispersion : 1)
        let t = h.thresholdBin, b = h.binWidth
        guard let best = fits.map({ $0.ll }).max(), !fits.isEmpty else {
            return BunchingTopUpBand(lower: .nan, upper: .nan, reachLower: .nan, reachUpper: .nan)
        }
        var band = BunchingTopUpBand(lower: .infinity, upper: -.infinity, reachLower: .infinity, reachUpper: -.infinity)
        for fit in fits where 2 * (best - fit.ll) <= phi * BunchingTopUpBand.reachSetChiSquare && !fit.theta.isEmpty {
            let f = model.means(fit.theta)
            let dnRange = (t - fit.dn)..<t
            let n = fit.pi * dnRange.reduce(0.0) { $0 + f[$1] }
            let se = topUpStandardError(h, model: model, counterfactual: f, upRange: upRange, dnRange: dnRange,
                                        pi: fit.pi, dispersion: phi)
            let half = BunchingTopUpBand.z * (se.isFinite ? se : 0)
            band.lower = min(band.lower, max(0, n - half)); band.upper = max(band.upper, n + half)
            band.reachLower = min(band.reachLower, Double(fit.dn) * b); band.reachUpper = max(band.reachUpper, Double(fit.dn) * b)
        }
        guard band.lower.isFinite, band.upper.isFinite else {
            return BunchingTopUpBand(lower: .nan, upper: .nan, reachLower: .nan, reachUpper: .nan)
        }
        return band
    }

    /// Quasi-Poisson standard error of `N̂ = (C_up·F_dn − C_dn·F_up)/(C_up + C_dn)` by the delta method: the
    /// pooled counts with variance `φ·C`, the coefficients with covariance `φ·I⁻¹` (`I` the Fisher information of
    /// the step model at π: the single bins outside the excess region, weight `1 − π` within reach, and the pooled
    /// excess observation). `nan` when nothing is pooled or `I` is singular.
    static func topUpStandardError(_ h: ThresholdHistogram, model: PoissonCurveFit, counterfactual f: [Double],
                                   upRange: Range<Int>, dnRange: Range<Int>, pi: Double, dispersion phi: Double) -> Double {
        let c = h.counts, x = model.design, p = x.first?.count ?? 1
        let cUp = upRange.reduce(0.0) { $0 + c[$1] }, cDn = dnRange.reduce(0.0) { $0 + c[$1] }
        let fUp = upRange.reduce(0.0) { $0 + f[$1] }, fDn = dnRange.reduce(0.0) { $0 + f[$1] }
        let s = cUp + cDn
        guard s > 0 else { return .nan }
        let numerator = cUp * fDn - cDn * fUp
        let dCUp = (fDn * s - numerator) / (s * s), dCDn = (-fUp * s - numerator) / (s * s)
        var gradient = [Double](repeating: 0, count: p)      // ∂N̂/∂θ = (C_up·∂F_dn − C_dn·∂F_up)/S
        var info = [[Double]](repeating: [Double](repeating: 0, count: p), count: p)
        var pooled = [Double](repeating: 0, count: p), pooledMean = 0.0
        for i in 0..<c.count {
            let row = x[i]
            if upRange.contains(i) {
                pooledMean += f[i]
                for j in 0..<p { pooled[j] += f[i] * row[j]; gradient[j] -= cDn * f[i] * row[j] / s }
                continue
            }
            let inReach = dnRange.contains(i)
            if inReach {
                pooledMean += pi * f[i]
                for j in 0..<p { pooled[j] += pi * f[i] * row[j]; gradient[j] += cUp * f[i] * row[j] / s }
            }
            let mu = (inReach ? 1 - pi : 1) * f[i]
            for j in 0..<p { for k in 0..<p { info[j][k] += mu * row[j] * row[k] } }
        }
        if pooledMean > 0 {
            for j in 0..<p { for k in 0..<p { info[j][k] += pooled[j] * pooled[k] / pooledMean } }
        }
        guard let solved = LinearSolver.solve(info, gradient, method: .pivotedElimination) else { return .nan }
        var quadratic = 0.0
        for j in 0..<p { quadratic += gradient[j] * solved[j] }
        let variance = dCUp * dCUp * cUp + dCDn * dCDn * cDn + quadratic
        return variance >= 0 ? (phi * variance).squareRoot() : .nan
    }
}
