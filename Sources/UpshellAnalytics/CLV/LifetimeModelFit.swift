import Foundation
import UpshellCore

/// BG/NBD for purchase frequency and, when the data has money, Gamma-Gamma for spend, fitted together
/// to one ``RepeatPurchaseSummary``.
public struct LifetimeModelFit: Sendable {
    /// The data the models were fitted to.
    public var summary: RepeatPurchaseSummary
    /// Purchase model (in `summary.unit`).
    public var purchases: BGNBDModel
    /// How the purchase model was estimated (for the no-drop-out limit: r and α, with a = 0 and b `.nan`).
    public var purchasesFit: MaximumLikelihoodFit
    /// The no-drop-out limit a → 0 (the NBD model, parameters r and α) fitted for comparison, when the data
    /// determine drop-out poorly or the maximum lies on that boundary (``BGNBDModel/hasNoDropout``).
    public var noDropoutFit: MaximumLikelihoodFit?
    /// Spend model (`nil` without money or too few repeat buyers — see ``spendSkipped``).
    public var spend: GammaGammaModel?
    /// How the spend model was estimated.
    public var spendFit: MaximumLikelihoodFit?
    /// Why the spend model is missing, if it is.
    public var spendSkipped: String?
    /// Repeat buyers left out of the spend fit because none of their repeat transactions has a positive value.
    public var nonPositiveSpendCustomers = 0
    /// Pearson correlation of frequency and mean repeat spend among repeat buyers (Gamma-Gamma assumes
    /// independence; Fader & Hardie check that it is near 0).
    public var frequencySpendCorrelation: Double = .nan

    /// Fits both models.
    ///
    /// - Parameters:
    ///   - withSpend: fit Gamma-Gamma too (the data has money).
    ///   - progress: counts likelihood evaluations (``FitProgress``).
    /// - Throws: ``CLVError`` when the data are too few or a fit does not converge.
    public static func fit(_ summary: RepeatPurchaseSummary, withSpend: Bool,
                           progress: any ProgressReporter = SilentProgress()) throws -> LifetimeModelFit {
        let meter = FitProgress(progress, models: withSpend ? 2 : 1)
        let (purchases, purchasesFit, noDropout) = try fitPurchases(summary, meter: meter)
        var result = LifetimeModelFit(summary: summary, purchases: purchases, purchasesFit: purchasesFit)
        result.noDropoutFit = noDropout
        guard withSpend else {
            result.spendSkipped = "the data has no prices; map unit-price= or line-total= to a column"
            return result
        }
        var x: [Double] = [], m: [Double] = []
        for i in 0..<summary.count where summary.frequency[i] > 0 {
            if summary.spendFrequency[i] > 0 && summary.meanRepeatSpend[i] > 0 {
                x.append(summary.spendFrequency[i])
                m.append(summary.meanRepeatSpend[i])
            } else {
                result.nonPositiveSpendCustomers += 1
            }
        }
        result.frequencySpendCorrelation = pearson(x, m)
        guard x.count >= 10 else {
            result.spendSkipped = "only \(x.count) repeat buyers with a positive spend (at least 10 needed)"
            return result
        }
        let (spend, spendFit) = try fitSpend(frequency: x, meanSpend: m, meter: meter)
        result.spend = spend
        result.spendFit = spendFit
        return result
    }

    init(summary: RepeatPurchaseSummary, purchases: BGNBDModel, purchasesFit: MaximumLikelihoodFit) {
        self.summary = summary
        self.purchases = purchases
        self.purchasesFit = purchasesFit
    }

    /// Maximum-likelihood BG/NBD (FHL 2005, eq. 6) on the summary.
    ///
    /// When drop-out is rare the likelihood is nearly flat towards the no-drop-out boundary a → 0, where
    /// BG/NBD becomes the NBD model and b plays no part: a and b may then be poorly determined at an interior
    /// maximum with a/(a+b) < 1 % (kept, and listed in ``MaximumLikelihoodFit/poorlyDetermined``), or the maximum lies on the
    /// boundary itself. Either way the NBD limit is fitted too (`noDropout`), and the boundary is the estimate
    /// when it is a maximum (``isNoDropoutMaximum(_:_:)``) at least as high as any interior one.
    /// - Returns: the model (``BGNBDModel/noDropout(r:alpha:unit:)`` on the boundary), its fit, and the
    ///   no-drop-out fit when it was needed.
    public static func fitPurchases(_ s: RepeatPurchaseSummary,
                                    meter: FitProgress = .silent) throws -> (model: BGNBDModel, fit: MaximumLikelihoodFit, noDropout: MaximumLikelihoodFit?) {
        guard s.count >= 10 else { throw CLVError.tooLittleData("customers", s.count, 10) }
        guard s.repeatCustomers >= 3 else { throw CLVError.tooLittleData("customers with a repeat purchase", s.repeatCustomers, 3) }
        let likelihood = BGNBDLikelihood(frequency: s.frequency, recency: s.recency, age: s.age)
        let meanAge = s.age.reduce(0, +) / Double(s.count)
        let meanX = s.frequency.reduce(0, +) / Double(s.count)
        let scale = max(meanAge, 1e-3)  // α is a time scale: its typical size is the customers' age
        let starts = [[1.0, scale, 1.0, 1.0], [1.0, scale / (meanX + 1), 1.0, 3.0]]
        let interior: Result<MaximumLikelihoodFit, CLVError>
        do {
            interior = .success(try MaximumLikelihood.fit(model: "BG/NBD", names: BGNBDModel.parameterNames, starts: starts,
                                                          scales: [1, scale, 1, 1], observations: s.count, boundary: purchaseBoundary,
                                                          weaklyDetermined: nearNoDropout, logLikelihood: { meter.tick(); return likelihood($0) }))
        } catch let error as CLVError {
            interior = .failure(error)
        }
        func model(_ e: [Double]) -> BGNBDModel { BGNBDModel(r: e[0], alpha: e[1], a: e[2], b: e[3], unit: s.unit) }
        if case .success(let fit) = interior, fit.poorlyDetermined.isEmpty { return (model(fit.estimates), fit, nil) }
        guard let boundary = try fitNoDropout(likelihood, scale: scale, meanFrequency: meanX, customers: s.count, meter: meter) else {
            let fit = try interior.get()
            return (model(fit.estimates), fit, nil)
        }
        let onBoundary = isNoDropoutMaximum(likelihood, boundary)
        switch interior {
        case .success(let fit) where !onBoundary || fit.logLikelihood > boundary.logLikelihood:
            return (model(fit.estimates), fit, boundary)
        case .failure(let error) where !onBoundary:
            throw error
        default:
            var fit = boundary
            fit.names = BGNBDModel.parameterNames
            fit.estimates += [0, .nan]
            fit.standardErrors += [.nan, .nan]
            return (BGNBDModel.noDropout(r: boundary.estimates[0], alpha: boundary.estimates[1], unit: s.unit), fit, boundary)
        }
    }

    /// a and b, when the mean drop-out probability a/(a+b) is below 1 %: near the no-drop-out boundary the
    /// likelihood is nearly flat along it, so they may be poorly determined at a maximum (else none may be).
    static func nearNoDropout(_ p: [Double]) -> Set<Int> { p[2] / (p[2] + p[3]) < 0.01 ? [2, 3] : [] }

    /// Reads BG/NBD's boundaries: drop-out probabilities Beta(a, b) collapsing to 0 or 1, or purchase
    /// rates Gamma(r, α) losing their spread.
    static func purchaseBoundary(_ p: [Double]) -> String? {
        let r = p[0], a = p[2], b = p[3]
        if a / (a + b) < 1e-3 {
            return "hardly any customer seems to leave: the mean drop-out probability a/(a+b) is \(String(format: "%.1g", a / (a + b))) and BG/NBD approaches the NBD model"
        }
        if b / (a + b) < 1e-3 { return "every customer seems to leave after a repeat purchase: drop-out probabilities tend to 1" }
        if r > 1e4 { return "purchase rates look the same for every customer: the gamma mixing of rates degenerates" }
        return nil
    }

    /// Maximum-likelihood Gamma-Gamma (Fader & Hardie 2013) on repeat buyers' frequency and mean spend.
    public static func fitSpend(frequency x: [Double], meanSpend m: [Double],
                                meter: FitProgress = .silent) throws -> (GammaGammaModel, MaximumLikelihoodFit) {
        guard x.count >= 10 else { throw CLVError.tooLittleData("repeat buyers", x.count, 10) }
        let meanM = m.reduce(0, +) / Double(m.count)
        let scale = max(meanM, 1e-9)  // γ is a money scale: its typical size is the mean spend
        let starts = [[1.0, 1.0, scale], [2.0, 3.0, scale]]
        let likelihood = GammaGammaLikelihood(frequency: x, meanSpend: m)
        let fit = try MaximumLikelihood.fit(model: "Gamma-Gamma", names: GammaGammaModel.parameterNames, starts: starts,
                                            scales: [1, 1, scale], observations: x.count, logLikelihood: { meter.tick(); return likelihood($0) })
        let e = fit.estimates
        return (GammaGammaModel(p: e[0], q: e[1], gamma: e[2]), fit)
    }
}

/// Pearson's correlation (`.nan` with fewer than 2 values or no spread).
func pearson(_ x: [Double], _ y: [Double]) -> Double {
    let n = Double(x.count)
    guard x.count >= 2 else { return .nan }
    let mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
    var sxy = 0.0, sxx = 0.0, syy = 0.0
    for i in x.indices {
        sxy += (x[i] - mx) * (y[i] - my)
        sxx += (x[i] - mx) * (x[i] - mx)
        syy += (y[i] - my) * (y[i] - my)
    }
    guard sxx > 0, syy > 0 else { return .nan }
    return sxy / (sxx * syy).squareRoot()
}
