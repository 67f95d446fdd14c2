import Foundation
import UpshellCore

/// Where the top-up response of a threshold what-if came from.
public enum TopUpSource: Sendable {
    /// Estimated by notch bunching at a threshold in force.
    case bunching(BunchingEstimate)
    /// Defaults of MODELS.md §1.2 (no threshold in the data to learn from).
    case defaults(reason: String)
}

/// The current policy, the top-up response and the latent baskets of a sample (MODELS.md §1.4–1.6).
public struct ThresholdCalibration: Sendable {
    /// The policy in force (from the fee column, the value histogram, or the analyst).
    public var current: ShippingPolicy
    /// How the current policy was found.
    public var fees: FeeRuleDetection?
    /// Histogram candidates, when there was no fee column.
    public var histogramCandidates: [HistogramCandidate]
    /// The response used (calibrated or default).
    public var response: TopUpResponse
    public var source: TopUpSource
    /// Latent-basket weights per order (de-bunched where a threshold is in force), `nil` = all 1.
    public var latentWeights: [Double]?
    /// The calibrated model at the current threshold vs the observed AOV of the threshold period.
    public var selfCheck: (model: Double, observed: Double)?
    /// Orders the bunching estimator saw (the threshold period).
    public var calibrationOrders: Int

    public var isCalibrated: Bool { if case .bunching = source { return true }; return false }

    /// Default response for a proposal threshold `t`: `R = min(0.3·T, P75 of units-weighted item price)`,
    /// `π0 = 0.35`, `s = R/2` (MODELS.md §1.2).
    public static func defaultResponse(threshold t: Double, items: ItemPriceTable) -> TopUpResponse {
        var r = 0.3 * t
        let p75 = items.priceQuantile(0.75)
        if p75.isFinite { r = min(r, p75) }
        r = (r * 100).rounded() / 100
        return TopUpResponse(reach: r, pi0: 0.35, decay: r / 2)
    }

    /// Finds the current policy and calibrates the response. `fee` is the analyst's fee (used when the data
    /// has no fee column); `proposal` is the threshold the defaults are scaled to. `reach` (currency) fixes the
    /// reach of the bunching estimate at a threshold in force, so that the share and the de-bunching refer to
    /// that window (MODELS.md §1.4: "the estimated share then refers to that window").
    public static func calibrate(_ s: PricingSample, fee: Double?, proposal: Double, reach fixedReach: Double? = nil) -> ThresholdCalibration {
        let det = s.hasFees ? ThresholdDetection.fromFees(s) : nil
        var current = ShippingPolicy.flat(fee ?? 0)
        var candidates: [HistogramCandidate] = []
        var inForce: Double? = nil
        var periodMask: [Bool]? = nil
        if let det {
            current = det.policy
            if det.accepted, det.policy.threshold.isFinite, det.policy.threshold > 0 { inForce = det.policy.threshold }
            if let since = det.since { periodMask = s.time.map { $0 != .min && $0 >= since } }
        } else {
            candidates = ThresholdDetection.fromHistogram(s.value)
            if let found = ThresholdDetection.confirm(s.value, ranking: candidates) {
                inForce = found.candidate.threshold
                current = ShippingPolicy(threshold: found.candidate.threshold, fee: fee ?? 0)
            }
        }
        if let t0 = inForce {
            let values = periodMask.map { m in s.value.indices.filter { m[$0] }.map { s.value[$0] } } ?? s.value
            let est = NotchBunching.estimate(values: values, threshold: t0, reach: fixedReach)
            if est.pi0 > 0.005 {
                let response = TopUpResponse(reach: est.reach, pi0: est.pi0, decay: .infinity)
                var weights = est.deBunchingWeights(s.value)
                if let m = periodMask { for i in weights.indices where !m[i] { weights[i] = 1 } }
                // self-consistency on the threshold period
                var periodWeights = weights
                if let m = periodMask { for i in periodWeights.indices where !m[i] { periodWeights[i] = 0 } }
                let model = ThresholdModel.evaluate(s, weights: periodWeights, policy: current, current: current, response: response,
                                                    economics: ThresholdEconomics(shipCost: 0))
                let observed = values.reduce(0, +) / Double(max(1, values.count))
                return ThresholdCalibration(current: current, fees: det, histogramCandidates: candidates, response: response,
                                            source: .bunching(est), latentWeights: weights, selfCheck: (model.aovMerchandise, observed),
                                            calibrationOrders: values.count)
            }
        }
        let reason: String
        if let t0 = inForce {
            reason = "threshold \(t0) is in force but no top-up response is visible"
        } else if det != nil {
            reason = "no threshold in the data (flat fee)"
        } else {
            reason = "no shipping-fee column and no threshold visible in the order values"
        }
        return ThresholdCalibration(current: current, fees: det, histogramCandidates: candidates,
                                    response: defaultResponse(threshold: proposal, items: s.items),
                                    source: .defaults(reason: reason), latentWeights: nil, selfCheck: nil, calibrationOrders: 0)
    }
}

/// One evaluated proposal: current vs proposed totals and the bands on Δ contribution.
public struct ThresholdPoint: Sendable {
    public var proposal: ShippingPolicy
    public var current: ThresholdTotals
    public var proposed: ThresholdTotals
    /// Δ contribution per 1,000 current orders (currency).
    public var contributionPerThousand: Double
    /// 90 % customer-bootstrap interval of that (calibration held fixed).
    public var bootstrap: (lower: Double, upper: Double)
    /// Min–max over the parameter corners.
    public var parameterBand: (lower: Double, upper: Double)
    /// Share of orders at or above `T`: current (observed) and predicted.
    public var shareAtOrAbove: (current: Double, proposed: Double)
    /// Δ per 1,000 current orders of any total.
    public func perThousand(_ key: KeyPath<ThresholdTotals, Double>) -> Double {
        1000 * (proposed[keyPath: key] - current[keyPath: key]) / current.orders
    }
}

/// The parameter band's corners (MODELS.md §0.2 layer 2): π0, R, `e_down` and `e_up` each at its low and
/// high value, independently — 16 corners. The two elasticities vary separately because a proposal can raise
/// the fee for some orders and lower it for others (a lower threshold with a higher fee), and the worst case
/// is then a low `e_down` with a high `e_up`.
public struct ThresholdBandSpec: Sendable {
    /// Multipliers on π0.
    public var pi0: (Double, Double)
    /// Multipliers on R.
    public var reach: (Double, Double)
    /// Elasticity used in the direction of the fee change.
    public var elasticityDown: (Double, Double)
    public var elasticityUp: (Double, Double)
    public init(calibrated: Bool) {
        pi0 = calibrated ? (0.75, 1.25) : (0.5, 1.5)
        reach = (0.75, 1.25)
        elasticityDown = (0, 1)
        elasticityUp = (0.5, 2)
    }

    /// Every corner of the grid: `(π0 multiplier, R multiplier, e_down, e_up)` at their low/high values
    /// (π0 capped at 1; the overshoot range and a finite decay scale with R).
    public func corners(response: TopUpResponse, economics: ThresholdEconomics) -> [(TopUpResponse, ThresholdEconomics)] {
        var out: [(TopUpResponse, ThresholdEconomics)] = []
        for a in [pi0.0, pi0.1] {
            for r in [reach.0, reach.1] {
                var resp = response
                resp.pi0 = min(1, response.pi0 * a)
                resp.reach = response.reach * r
                resp.overshootCap = response.overshootCap * r
                if resp.decay.isFinite { resp.decay = response.decay * r }
                for down in [elasticityDown.0, elasticityDown.1] {
                    for up in [elasticityUp.0, elasticityUp.1] {
                        var e = economics
                        e.elasticityDown = down
                        e.elasticityUp = up
                        out.append((resp, e))
                    }
                }
            }
        }
        return out
    }
}

/// Runs threshold what-ifs (one, or a sweep) with the three layers of uncertainty of MODELS.md §0.2.
public enum ThresholdWhatIf {
    /// Evaluates each proposal on the latent sample: expectations, a customer bootstrap with `draws`
    /// seeded draws shared by all proposals, and the parameter band. `progress` counts proposals, then draws.
    /// - Complexity: O((proposals · (1 + corners)) · orders + draws · clusters · proposals).
    public static func run(_ s: PricingSample, calibration cal: ThresholdCalibration, proposals: [ShippingPolicy],
                           response: TopUpResponse, economics: ThresholdEconomics, band: ThresholdBandSpec,
                           draws: Int = 200, seed: UInt64 = 1, level: Double = 0.90,
                           progress: any ProgressReporter = SilentProgress()) throws -> [ThresholdPoint] {
        let work = proposals.count + max(0, draws)
        let w = cal.latentWeights
        let current = cal.current
        let f = ThresholdTotals.fieldCount
        let curClusters = ThresholdModel.clusterTotals(s, weights: w, policy: current, current: current, response: response, economics: economics)
        let cur = ThresholdModel.totals(fromClusters: curClusters, multiplicity: nil)
        var points: [ThresholdPoint] = []
        var propClusters: [[Double]] = []
        // band corners: current evaluated once per corner
        let corners = band.corners(response: response, economics: economics)
        let agg = OrderValueAggregate(s, weights: w)
        let plain = w == nil ? agg : OrderValueAggregate(s)
        let cornerCurrent = corners.map { ThresholdModel.evaluate(agg, items: s.items, policy: current, current: current, response: $0.0, economics: $0.1) }
        let observedN = w.map { $0.reduce(0, +) } ?? Double(s.count)
        for p in proposals {
            try Cancellation.check()
            progress.update(done: points.count, total: work)
            let clusters = ThresholdModel.clusterTotals(s, weights: w, policy: p, current: current, response: response, economics: economics)
            let prop = ThresholdModel.totals(fromClusters: clusters, multiplicity: nil)
            propClusters.append(clusters)
            var lo = Double.infinity, hi = -Double.infinity
            for (c, corner) in corners.enumerated() {
                let pc = ThresholdModel.evaluate(agg, items: s.items, policy: p, current: current, response: corner.0, economics: corner.1)
                let v = 1000 * (pc.contribution - cornerCurrent[c].contribution) / cornerCurrent[c].orders
                lo = min(lo, v); hi = max(hi, v)
            }
            let delta = 1000 * (prop.contribution - cur.contribution) / cur.orders
            lo = min(lo, delta); hi = max(hi, delta)
            let shareCur = plain.orders(atOrAbove: p.threshold) / Double(max(1, s.count))
            // predicted: observed share + modelled change (both policies marked at the proposal's T)
            let curAtT = ThresholdModel.evaluate(agg, items: s.items, policy: current, current: current, response: response,
                                                 economics: economics, mark: p.threshold)
            let shareProp = min(1, max(0, shareCur + (prop.atOrAbove - curAtT.atOrAbove) / observedN))
            points.append(ThresholdPoint(proposal: p, current: cur, proposed: prop, contributionPerThousand: delta,
                                         bootstrap: (.nan, .nan), parameterBand: (lo, hi), shareAtOrAbove: (shareCur, shareProp)))
        }
        if draws > 0 {
            var samples = [[Double]](repeating: [], count: proposals.count)
            var drawn = 0
            try Bootstrap.forEachClusterDraw(clusters: s.clusterCount, draws: draws, seed: seed) { m in
                drawn += 1
                progress.update(done: proposals.count + drawn, total: work)
                var cN = 0.0, cC = 0.0
                for c in 0..<s.clusterCount where m[c] > 0 {
                    let b = c * f
                    cN += m[c] * curClusters[b]
                    cC += m[c] * (curClusters[b + 6] + curClusters[b + 5] - curClusters[b + 7])
                }
                for (j, pc) in propClusters.enumerated() {
                    var pC = 0.0
                    for c in 0..<s.clusterCount where m[c] > 0 {
                        let b = c * f
                        pC += m[c] * (pc[b + 6] + pc[b + 5] - pc[b + 7])
                    }
                    samples[j].append(cN > 0 ? 1000 * (pC - cC) / cN : .nan)
                }
            }
            for j in points.indices { points[j].bootstrap = Bootstrap.percentileInterval(samples[j], level: level) }
        }
        return points
    }
}
