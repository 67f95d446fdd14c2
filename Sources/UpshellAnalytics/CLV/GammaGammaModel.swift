import Foundation

/// The Gamma-Gamma model of spend per transaction (Fader & Hardie, "The Gamma-Gamma Model of
/// Monetary Value", 2013 note; Fader, Hardie & Lee, "RFM and CLV", *JMR* 2005).
///
/// A customer's transaction values are Gamma(p, ν); across customers ν ~ Gamma(q, γ). The model is
/// fitted to repeat buyers' mean spend m_x over their x repeat transactions and assumes spend is
/// independent of purchase frequency.
///
/// ```swift
/// let g = GammaGammaModel(p: 6.25, q: 3.74, gamma: 15.44)
/// g.populationMeanSpend                                   // pγ/(q−1) ≈ 35.2
/// g.expectedMeanSpend(frequency: 2, meanSpend: 20)        // shrunk toward the population mean
/// ```
public struct GammaGammaModel: Sendable, Equatable {
    public var p: Double
    public var q: Double
    public var gamma: Double

    public init(p: Double, q: Double, gamma: Double) {
        self.p = p
        self.q = q
        self.gamma = gamma
    }

    /// Parameter names in the order of ``parameters``.
    public static let parameterNames = ["p", "q", "gamma"]
    /// `[p, q, γ]`.
    public var parameters: [Double] { [p, q, gamma] }

    /// Σ log f(m_x | x) over repeat buyers (Fader & Hardie 2013, eq. 3), with the Jacobian of the mean:
    /// log Γ(px+q) − log Γ(px) − log Γ(q) + q log γ + (px−1) log m + px log x − (px+q) log(γ + m x).
    ///
    /// - Complexity: O(n) log-gamma calls.
    public static func logLikelihood(_ parameters: [Double], frequency: [Double], meanSpend: [Double]) -> Double {
        let p = parameters[0], q = parameters[1], g = parameters[2]
        guard p > 0, q > 0, g > 0 else { return -.infinity }
        var total = 0.0
        let constant = -lgamma(q) + q * log(g)
        for i in frequency.indices {
            let x = frequency[i], m = meanSpend[i]
            let px = p * x
            let gammas: Double = lgamma(px + q) - lgamma(px) + constant
            let powers: Double = (px - 1) * log(m) + px * log(x) - (px + q) * log(g + m * x)
            total += gammas + powers
        }
        return total.isNaN ? -.infinity : total
    }

    /// The mean spend per transaction of the population, E(Z) = pγ/(q−1) (finite for q > 1).
    public var populationMeanSpend: Double { q > 1 ? p * gamma / (q - 1) : .infinity }

    /// E(Z | x, m_x) = p(γ + x m_x)/(px + q − 1): a customer's expected spend per future transaction,
    /// a weighted mean of the population mean and their own (eq. 5). For x = 0 the population mean.
    public func expectedMeanSpend(frequency x: Double, meanSpend m: Double) -> Double {
        guard x > 0, m.isFinite else { return populationMeanSpend }
        return p * (gamma + x * m) / (p * x + q - 1)
    }
}
