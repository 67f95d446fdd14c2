import Foundation

/// BG/NBD's no-drop-out boundary a → 0, where the model becomes the NBD model (rates Gamma(r, α), nobody
/// leaves) and b plays no part.
///
/// When customers hardly ever seem to leave, the BG/NBD likelihood rises towards this boundary (Online
/// Retail calibrated through 2011-09-30: `lifetimes` 0.11.3 stops at a ≈ 10⁻⁷, b ≈ 10⁴ or reports no
/// convergence) or is nearly flat along it (Online Retail through its last day: an interior maximum with
/// a/(a+b) ≈ 0.0005 only 0.12 above the boundary in log-likelihood, a and b poorly determined). r and α,
/// the log-likelihood and the predictions are determined either way; the maximum on the boundary is
/// reported as the NBD limit rather than as an error or as meaningless a and b.
extension LifetimeModelFit {
    /// Maximum-likelihood NBD (the a → 0 limit) on the arranged data: `[r, α]`, or `nil` when that fit
    /// does not converge either (e.g. r → ∞, no spread of rates).
    ///
    /// - Throws: only `CancelledError`.
    static func fitNoDropout(_ likelihood: BGNBDLikelihood, scale: Double, meanFrequency: Double,
                             customers: Int, meter: FitProgress = .silent) throws -> MaximumLikelihoodFit? {
        do {
            return try MaximumLikelihood.fit(model: "NBD", names: ["r", "alpha"], starts: [[1, scale], [1, scale / (meanFrequency + 1)]],
                                             scales: [1, scale], observations: customers, logLikelihood: { meter.tick(); return likelihood.noDropout($0) })
        } catch is CLVError {
            return nil
        }
    }

    /// Whether the no-drop-out fit is a maximum of BG/NBD: at a = 0 (with r, α at the NBD estimate) no small
    /// drop-out raises the likelihood, ∂ log L/∂a ≤ 0 for every b — checked at b = 10⁻⁴ … 10⁸ (four points a
    /// decade) and in the limit b → ∞ (``BGNBDLikelihood/dropoutSlope(r:alpha:b:)``). The first-order
    /// (Karush–Kuhn–Tucker) condition of a maximum on the boundary a ≥ 0; r and α are at a stationary point.
    static func isNoDropoutMaximum(_ likelihood: BGNBDLikelihood, _ noDropout: MaximumLikelihoodFit) -> Bool {
        let r = noDropout.estimates[0], alpha = noDropout.estimates[1]
        guard likelihood.dropoutSlopeForLargeB(r: r, alpha: alpha) <= 0 else { return false }
        return (-16...32).allSatisfy { k in likelihood.dropoutSlope(r: r, alpha: alpha, b: pow(10, Double(k) / 4)) <= 0 }
    }
}
