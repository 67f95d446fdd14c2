import Foundation
import UpshellCore

/// Order values binned around a threshold `T0` (MODELS.md §1.4 step 1): bins of width `b` with `T0` an
/// edge, over `[0.3·T0, 2.5·T0]`. Counts may be weighted (bootstrap multiplicities).
public struct ThresholdHistogram: Sendable {
    /// The threshold (currency).
    public let threshold: Double
    /// Bin width (currency, whole cents).
    public let binWidth: Double
    /// Index of the first bin relative to `T0` (negative): bin `i` covers `[T0 + (first + i)·b, …+b)`.
    public let first: Int
    /// Counts per bin.
    public var counts: [Double]

    /// The empty histogram for threshold `t0` and bin width `b` (default `T0/50` rounded to cents).
    public init(threshold t0: Double, binWidth b: Double? = nil) {
        threshold = t0
        let width = max(0.01, ((b ?? t0 / 50) * 100).rounded() / 100)
        binWidth = width
        first = Int(((0.3 * t0 - t0) / width).rounded(.up))
        let last = Int(((2.5 * t0 - t0) / width).rounded(.down))
        counts = [Double](repeating: 0, count: max(1, last - first))
    }

    /// The bin of value `x`, or `nil` outside the range. Exact in cents.
    @inlinable public func bin(of x: Double) -> Int? {
        let xc = (x * 100).rounded(), tc = (threshold * 100).rounded(), bc = (binWidth * 100).rounded()
        let k = Int(((xc - tc) / bc).rounded(.down)) - first
        return k >= 0 && k < counts.count ? k : nil
    }

    /// Adds values (each with weight 1, or `weights`).
    public mutating func add(_ values: [Double], weights: [Double]? = nil) {
        for (i, x) in values.enumerated() {
            if let k = bin(of: x) { counts[k] += weights?[i] ?? 1 }
        }
    }

    /// Lower edge of bin `i`.
    public func lowerEdge(_ i: Int) -> Double { threshold + Double(first + i) * binWidth }
    /// Index of the bin whose lower edge is `T0`.
    public var thresholdBin: Int { -first }
}

/// What the notch-bunching estimator found (MODELS.md §1.4 step 5).
public struct BunchingEstimate: Sendable {
    /// Threshold examined (currency).
    public var threshold: Double
    /// Estimated reach `R̂` (currency).
    public var reach: Double
    /// Estimated top-up probability within reach (step response).
    public var pi0: Double
    /// Estimated top-ups `N̂ = π̂0·Σ_dn f̂` (orders).
    public var topUps: Double
    /// Orders in the histogram range, and in the whole sample.
    public var orders: Double
    /// Excess `B̂` above `T0` over the counterfactual, and missing mass `M̂` below (orders).
    public var excess: Double
    public var missing: Double
    /// Width `zU` of the excess region above `T0` (currency).
    public var excessWidth: Double
    /// Mean overshoot above `T0` of the excess orders (currency).
    public var meanOvershoot: Double
    /// Per bin below `T0` within reach: gap (currency, bin midpoint) and deficit `1 − c/f̂`.
    public var deficitProfile: [(gap: Double, deficit: Double)]
    /// The histogram and its counterfactual `f̂` per bin.
    public var histogram: ThresholdHistogram
    public var counterfactual: [Double]
    /// Profile log-likelihood per candidate reach.
    public var profile: [(reach: Double, logLikelihood: Double)]
    /// Pearson dispersion `Σ(c − f̂)²/f̂ / (bins − p)` of the bins outside the affected region (1 for Poisson;
    /// lumpy baskets give more).
    public var dispersion: Double
    /// Quasi-likelihood ratio statistic for a response: `2(ℓ(R̂, π̂0) − ℓ(π0 = 0)) / max(1, dispersion)`.
    public var likelihoodRatio: Double
    /// The band of the top-ups over the reach set and the counterfactual's quasi-likelihood error
    /// (``BunchingTopUpBand``; covers the planted top-ups of lumpy synthetic stores in ≥ 90 % of seeds).
    public var topUpBand = BunchingTopUpBand(lower: .nan, upper: .nan, reachLower: .nan, reachUpper: .nan)

    /// Share of the counterfactual orders in the window `[T0 − w, T0)` that topped up: `N̂ / Σ f̂` over that
    /// window (MODELS.md §1.4 step 5, `share_in(w)`), for any `w` — narrower or wider than the reach. A bin
    /// that straddles `T0 − w` counts with the part of it inside the window. `nan` when the window holds no
    /// counterfactual mass.
    public func share(within w: Double) -> Double {
        let lower = threshold - w
        var f = 0.0
        for i in 0..<histogram.counts.count {
            let lo = histogram.lowerEdge(i), hi = lo + histogram.binWidth
            guard hi > lower + 1e-9, lo < threshold - 1e-9 else { continue }
            let inside = (min(hi, threshold) - max(lo, lower)) / histogram.binWidth
            f += counterfactual[i] * min(1, max(0, inside))
        }
        return f > 0 ? topUps / f : .nan
    }

    /// `B̂/M̂` (0.7–1.4 expected under mass conservation).
    public var excessToMissing: Double { missing > 0 ? excess / missing : .nan }

    /// De-bunching weights for values (MODELS.md §1.4 step 6): orders in excess bins keep `1 − excess share`
    /// of their weight; the mass moved is spread over the missing bins within reach in proportion to their
    /// missing mass (as extra weight on the orders there). Values outside the histogram keep weight 1.
    public func deBunchingWeights(_ values: [Double]) -> [Double] {
        let h = histogram
        let t = h.thresholdBin
        let upBins = Int((excessWidth / h.binWidth).rounded())
        let dnBins = Int((reach / h.binWidth).rounded())
        var keep = [Double](repeating: 1, count: h.counts.count)
        var moved = 0.0
        for i in t..<min(h.counts.count, t + upBins) where h.counts[i] > 0 {
            let ex = max(0, h.counts[i] - counterfactual[i])
            keep[i] = 1 - ex / h.counts[i]
            moved += ex
        }
        var missingTotal = 0.0
        for i in max(0, t - dnBins)..<t where h.counts[i] > 0 { missingTotal += max(0, counterfactual[i] - h.counts[i]) }
        if missingTotal > 0 {
            for i in max(0, t - dnBins)..<t where h.counts[i] > 0 {
                let add = moved * max(0, counterfactual[i] - h.counts[i]) / missingTotal
                keep[i] = 1 + add / h.counts[i]
            }
        } else {
            // nowhere to put the mass back: leave the sample as observed
            for i in t..<min(h.counts.count, t + upBins) { keep[i] = 1 }
        }
        return values.map { x in h.bin(of: x).map { keep[$0] } ?? 1 }
    }
}

/// The notch-bunching estimator of a free-shipping threshold's top-up response (Kleven & Waseem 2013
/// template; MODELS.md §1.4): a degree-3 log-polynomial (in `ln(x/T0)`) Poisson counterfactual fitted
/// outside the affected region; the reach and response chosen by profile likelihood of a step model
/// with mass conservation (every missing order reappears above `T0`). The top-ups come with a band that
/// covers the counterfactual's error on lumpy baskets and the reach's uncertainty (``BunchingTopUpBand``).
///
/// - Complexity: O(candidates · alternations · Newton steps · bins · p²) on the histogram (≈110 bins).
public enum NotchBunching {
    /// Estimates on a histogram. `reach` fixes `R` instead of choosing it by profile likelihood.
    public static func estimate(_ h: ThresholdHistogram, degree: Int = 3, reach fixedReach: Double? = nil) -> BunchingEstimate {
        let t0 = h.threshold, b = h.binWidth, n = h.counts.count
        let t = h.thresholdBin
        let u = (0..<n).map { log((h.lowerEdge($0) + b / 2) / t0) }
        let model = PoissonCurveFit(u: u, degree: degree)
        let (upBins, theta) = excessRegion(h, model: model)
        let upRange = t..<min(n, t + upBins)

        // Step 4: reach and response by profile likelihood
        let maxDn = min(t, Int((0.5 * t0 / b).rounded(.down)))
        var candidates: [Int] = Array(1...max(1, maxDn))
        if let fixedReach { candidates = [max(1, min(t, Int((fixedReach / b).rounded())))] }
        var best: (ll: Double, dn: Int, pi: Double, theta: [Double])? = nil
        var profile: [(Double, Double)] = []
        var fits: [CandidateFit] = []
        var nullLL = -Double.infinity
        for dn in candidates {
            let fit = stepResponse(h, model: model, upRange: upRange, dnRange: (t - dn)..<t, start: theta)
            nullLL = max(nullLL, fit.nullLL)
            profile.append((Double(dn) * b, fit.ll))
            fits.append((dn, fit.ll, fit.pi, fit.theta ?? []))
            if best == nil || fit.ll > best!.ll + 1e-9 { best = (fit.ll, dn, fit.pi, fit.theta ?? []) }
        }
        let chosen = best!
        var result = summary(h, degree: degree, counterfactual: model.means(chosen.theta), upBins: upBins, dnBins: chosen.dn,
                             pi: chosen.pi, logLikelihood: chosen.ll, nullLL: nullLL, profile: profile)
        result.topUpBand = topUpBand(h, model: model, upRange: upRange, fits: fits, dispersion: result.dispersion)
        return result
    }

    /// One bin's count as a Poisson observation of that bin's mean (times `w`).
    private static func single(_ c: [Double], _ i: Int, _ w: Double = 1) -> PoissonCurveFit.Observation {
        .init(count: c[i], terms: [(i, w)])
    }

    /// Step 3: the excess region `[T0, T0 + zU)` as a number of bins — where the cumulative excess over a
    /// counterfactual fitted outside the affected region first reaches 90 % of its maximum — refined
    /// three times (each fit excluding the region found before); with the last fit's coefficients.
    private static func excessRegion(_ h: ThresholdHistogram, model: PoissonCurveFit) -> (upBins: Int, theta: [Double]?) {
        let t0 = h.threshold, b = h.binWidth, n = h.counts.count, t = h.thresholdBin, c = h.counts
        var exclusionHigh = 1.4 * t0
        var theta: [Double]? = nil
        var upBins = 1
        for _ in 0..<3 {
            let obs = (0..<n).filter { let lo = h.lowerEdge($0); return !(lo >= 0.6 * t0 - 1e-9 && lo < exclusionHigh - 1e-9) }.map { single(c, $0) }
            let fit = model.fit(obs, start: theta)
            theta = fit.theta
            let f = model.means(fit.theta)
            var cum = 0.0, best = 0.0
            var cums: [Double] = []
            var i = t
            while i < n && h.lowerEdge(i) < 1.5 * t0 - 1e-9 { cum += c[i] - f[i]; cums.append(cum); best = max(best, cum); i += 1 }
            if best > 0, let k = cums.firstIndex(where: { $0 >= 0.9 * best }) { upBins = k + 1 } else { upBins = 1 }
            exclusionHigh = t0 + max(Double(upBins + 2) * b, 0.2 * t0)
        }
        return (upBins, theta)
    }

    /// The step model for one candidate reach (the bins `dnRange` below `T0`): alternates fitting the
    /// counterfactual (the excess bins `upRange` pooled with the share `π` of the reach bins that moved
    /// there) and updating `π` by mass conservation, up to 40 times or until `π` moves less than 10⁻⁷.
    /// Returns the log-likelihood, `π`, the coefficients, and the log-likelihood of the first fit (`π = 0`).
    private static func stepResponse(_ h: ThresholdHistogram, model: PoissonCurveFit, upRange: Range<Int>, dnRange: Range<Int>,
                                     start theta: [Double]?) -> (ll: Double, pi: Double, theta: [Double]?, nullLL: Double) {
        let n = h.counts.count, c = h.counts
        var pi = 0.0
        var th = theta
        var ll = -Double.infinity
        var nullLL = -Double.infinity
        for iteration in 0..<40 {
            var obs: [PoissonCurveFit.Observation] = []
            obs.reserveCapacity(n)
            for i in 0..<n where !upRange.contains(i) {
                obs.append(single(c, i, dnRange.contains(i) ? 1 - pi : 1))
            }
            let cUp = upRange.reduce(0.0) { $0 + c[$1] }
            obs.append(.init(count: cUp, terms: upRange.map { ($0, 1.0) } + (pi > 0 ? dnRange.map { ($0, pi) } : [])))
            let fit = model.fit(obs, start: th)
            th = fit.theta; ll = fit.logLikelihood
            if iteration == 0 && pi == 0 { nullLL = max(nullLL, ll) }
            let f = model.means(fit.theta)
            let fUp = upRange.reduce(0.0) { $0 + f[$1] }, fDn = dnRange.reduce(0.0) { $0 + f[$1] }
            let cDn = dnRange.reduce(0.0) { $0 + c[$1] }
            var next = fDn > 0 && cDn + cUp > 0 ? (cUp * fDn - cDn * fUp) / (fDn * (cDn + cUp)) : 0
            next = min(max(next, 0), 0.999)
            if abs(next - pi) < 1e-7 { pi = next; break }
            pi = next
        }
        return (ll, pi, th, nullLL)
    }

    /// Step 5: the estimate at the chosen reach (`dnBins` bins below `T0`, excess `upBins` above) with the
    /// counterfactual `f`: excess and missing mass, mean overshoot, Pearson dispersion outside the affected
    /// region, the quasi-likelihood ratio and the deficit profile.
    private static func summary(_ h: ThresholdHistogram, degree: Int, counterfactual f: [Double], upBins: Int, dnBins: Int,
                                pi: Double, logLikelihood: Double, nullLL: Double, profile: [(Double, Double)]) -> BunchingEstimate {
        let t0 = h.threshold, b = h.binWidth, n = h.counts.count, t = h.thresholdBin, c = h.counts
        let upRange = t..<min(n, t + upBins)
        let dnRange = (t - dnBins)..<t
        let fDn = dnRange.reduce(0.0) { $0 + f[$1] }, cDn = dnRange.reduce(0.0) { $0 + c[$1] }
        let fUp = upRange.reduce(0.0) { $0 + f[$1] }, cUp = upRange.reduce(0.0) { $0 + c[$1] }
        var overshootSum = 0.0, overshootMass = 0.0
        for i in upRange {
            let ex = max(0, c[i] - f[i])
            overshootSum += ex * (h.lowerEdge(i) + b / 2 - t0); overshootMass += ex
        }
        var pearson = 0.0, df = -Double(degree + 1)
        for i in 0..<n where !upRange.contains(i) && !dnRange.contains(i) && f[i] > 0 {
            pearson += (c[i] - f[i]) * (c[i] - f[i]) / f[i]; df += 1
        }
        let dispersion = df > 0 ? pearson / df : 1
        let lr = max(0, 2 * (logLikelihood - nullLL)) / max(1, dispersion)
        let deficit = dnRange.map { i in (gap: t0 - (h.lowerEdge(i) + b / 2), deficit: f[i] > 0 ? 1 - c[i] / f[i] : 0) }
        return BunchingEstimate(
            threshold: t0, reach: Double(dnBins) * b, pi0: pi, topUps: pi * fDn,
            orders: c.reduce(0, +), excess: cUp - fUp, missing: fDn - cDn, excessWidth: Double(upBins) * b,
            meanOvershoot: overshootMass > 0 ? overshootSum / overshootMass : .nan,
            deficitProfile: deficit.sorted { $0.gap < $1.gap }, histogram: h, counterfactual: f,
            profile: profile, dispersion: dispersion, likelihoodRatio: lr)
    }

    /// Estimates on order values (weighted when `weights` given).
    public static func estimate(values: [Double], weights: [Double]? = nil, threshold: Double, binWidth: Double? = nil,
                                degree: Int = 3, reach: Double? = nil) -> BunchingEstimate {
        var h = ThresholdHistogram(threshold: threshold, binWidth: binWidth)
        h.add(values, weights: weights)
        return estimate(h, degree: degree, reach: reach)
    }
}

/// Uncertainty of a bunching estimate: a customer-clustered bootstrap of the whole procedure and a
/// specification band (MODELS.md §1.4 step 5).
public struct BunchingUncertainty: Sendable {
    /// 90 % intervals of the reach, the share within reach, the top-ups and the share within the point
    /// estimate's reach.
    public var reach: (lower: Double, upper: Double)
    public var pi0: (lower: Double, upper: Double)
    public var topUps: (lower: Double, upper: Double)
    public var shareWithinPointReach: (lower: Double, upper: Double)
    /// Min–max of top-ups and of `π̂0` over polynomial degree {2,3,4,5} × bin width {b/2, b, 2b}.
    public var specificationTopUps: (lower: Double, upper: Double)
    public var specificationPi0: (lower: Double, upper: Double)
    public var draws: Int
}

extension NotchBunching {
    /// Re-runs the estimator on `draws` customer-bootstrap histograms (clusters resampled with
    /// replacement) and on the specification grid. `reach` fixes `R` in every re-run, as in the point estimate.
    /// - Complexity: O(orders + draws · (clusters · bins + one estimate)).
    public static func uncertainty(values: [Double], cluster: [Int32], clusterCount: Int, point: BunchingEstimate,
                                   draws: Int, seed: UInt64, level: Double = 0.90, reach fixedReach: Double? = nil) throws -> BunchingUncertainty {
        let template = point.histogram
        let bins = template.counts.count
        var perCluster = [Double](repeating: 0, count: clusterCount * bins)
        for (i, x) in values.enumerated() { if let k = template.bin(of: x) { perCluster[Int(cluster[i]) * bins + k] += 1 } }
        var reach: [Double] = [], pi: [Double] = [], tops: [Double] = [], share: [Double] = []
        try Bootstrap.forEachClusterDraw(clusters: clusterCount, draws: draws, seed: seed) { m in
            var h = template
            for k in 0..<bins { h.counts[k] = 0 }
            for c in 0..<clusterCount where m[c] > 0 {
                let b = c * bins
                for k in 0..<bins { h.counts[k] += m[c] * perCluster[b + k] }
            }
            let e = estimate(h, reach: fixedReach)
            reach.append(e.reach); pi.append(e.pi0); tops.append(e.topUps); share.append(e.share(within: point.reach))
        }
        var specTops: [Double] = [], specPi: [Double] = []
        for degree in 2...5 {
            for scale in [0.5, 1.0, 2.0] {
                try Cancellation.check()
                let e = estimate(values: values, threshold: point.threshold, binWidth: template.binWidth * scale, degree: degree, reach: fixedReach)
                specTops.append(e.topUps); specPi.append(e.pi0)
            }
        }
        return BunchingUncertainty(
            reach: Bootstrap.percentileInterval(reach, level: level), pi0: Bootstrap.percentileInterval(pi, level: level),
            topUps: Bootstrap.percentileInterval(tops, level: level), shareWithinPointReach: Bootstrap.percentileInterval(share, level: level),
            specificationTopUps: (specTops.min() ?? .nan, specTops.max() ?? .nan),
            specificationPi0: (specPi.min() ?? .nan, specPi.max() ?? .nan), draws: draws)
    }
}
