import Foundation
import UpshellAnalytics
import UpshellCore
import UpshellData

/// `threshold detect`: the policy in force and, when there is a threshold, its bunching estimate.
struct ThresholdDetectCommand: PricingForm {
    static let spec = CommandSpec.pricingForm("threshold detect", of: ThresholdCommand.spec, synopsis: 1, options: PricingScope.options,
                                              positionals: [PositionalSpec("detect", .text, "the word 'detect'")])

    /// Bootstrap draws of the bunching estimate when `draws=` is not given (fewer than a what-if's: each
    /// draw re-runs the whole estimate).
    static let defaultDraws = 100

    let scope: PricingScope

    init(_ head: Arguments, clause: ScopeClause?) throws {
        try head.expectPositionals(atMost: 1)
        scope = try PricingScope(head, clause: clause)
    }

    var orderScope: OrderScope { scope.orderScope }

    func run(in session: Session, on resolved: ResolvedOrderScope) throws -> CommandOutput {
        let (sample, description, notes) = try scope.sample(resolved)
        let money = { PricingFormat.money($0, session) }
        var out = CommandOutput()
        out.append(.text("Shipping policy in force — \(description)"))
        for n in notes { out.append(n) }
        var threshold: Double? = nil
        var periodMask: [Bool]? = nil
        if let det = ThresholdDetection.fromFees(sample) {
            var items: [(name: String, value: Value, format: ValueFormat)] = [
                ("source", .text("fee column"), .text),
                ("threshold", det.policy.threshold.isFinite ? (det.policy.threshold > 0 ? .double(det.policy.threshold) : .text("none: every order ships free")) : .text("none: flat fee"), det.policy.threshold.isFinite && det.policy.threshold > 0 ? .money : .text),
                ("fee below it (modal non-zero fee)", .double(det.policy.fee), .money),
                ("orders agreeing with the rule", .double(det.agreement), .percent(1)),
                ("exceptions (promo codes, other zones…)", .int(det.exceptions), .integer),
            ]
            if let since = det.since {
                items.append(("in force since", .time(since), .date))
                items.append(("earlier orders (paid at any value)", .int(det.ordersBefore), .integer))
                periodMask = sample.time.map { $0 != .min && $0 >= since }
            }
            out.append(.values(title: "From the fee column", items))
            if det.accepted, det.policy.threshold.isFinite, det.policy.threshold > 0 { threshold = det.policy.threshold }
            if !det.accepted { out.append(.warning("no single 'free from T' rule fits 95% of orders (best \(PricingFormat.percent(det.agreement))): several zones or promotions? filter with 'where' and retry")) }
        } else {
            let ranking = ThresholdDetection.fromHistogram(sample.value)
            let confirmed = ThresholdDetection.confirm(sample.value, ranking: ranking)
            var t = ResultTable(title: "No fee column: candidates from the order-value histogram", columns: [
                ResultColumn("threshold", .money), ResultColumn("log ratio above/below (trend-adjusted)", .decimal(3)), ResultColumn("z (notch, dispersion-adjusted)", .decimal(1)),
            ])
            for c in ranking.prefix(3) { t.append([.double(c.threshold), .double(c.logRatio), .double(c.z)]) }
            out.append(.table(t))
            if let confirmed {
                threshold = confirmed.candidate.threshold
                out.append(.note("\(money(confirmed.candidate.threshold)) confirmed by the bunching estimator (quasi-likelihood ratio \(String(format: "%.0f", confirmed.estimate.likelihoodRatio)))"))
            }
        }
        guard let t0 = threshold else {
            out.append(.text("no threshold response visible; the top-up parameters of 'threshold' are defaults (reach min(30% of T, P75 item price), p0 35%, decay reach/2)"))
            return out
        }
        var idx = Array(0..<sample.count)
        if let m = periodMask { idx = idx.filter { m[$0] } }
        let period = sample.subset(idx)
        let (est, unc) = try session.withProgress { _ -> (BunchingEstimate, BunchingUncertainty) in
            let e = NotchBunching.estimate(values: period.value, threshold: t0)
            let u = try NotchBunching.uncertainty(values: period.value, cluster: period.cluster, clusterCount: period.clusterCount,
                                                  point: e, draws: scope.givenDraws ?? Self.defaultDraws, seed: scope.seed(session))
            return (e, u)
        }
        let cnt = { PricingFormat.count($0) }
        out.append(.values(title: "Top-up response at \(money(t0)) (notch bunching, \(LoadSummary.grouped(period.count)) orders)", [
            ("reach R (largest gap that tops up)", .double(est.reach), .money),
            ("  90% bootstrap", .interval(unc.reach.lower, unc.reach.upper), .money),
            ("share of orders within reach that top up", .double(est.pi0), .percent(1)),
            ("  90% bootstrap", .interval(unc.pi0.lower, unc.pi0.upper), .percent(1)),
            ("  specification band (degree 2–5, bin ½–2×)", .interval(unc.specificationPi0.lower, unc.specificationPi0.upper), .percent(1)),
            ("top-ups (orders)", .double(est.topUps), .decimal(0)),
            ("  90% bootstrap", .interval(unc.topUps.lower, unc.topUps.upper), .decimal(0)),
            ("  specification band", .interval(unc.specificationTopUps.lower, unc.specificationTopUps.upper), .decimal(0)),
            ("top-ups as a share of all orders", .double(est.topUps / Double(max(1, period.count))), .percent(2)),
            ("share within $10 below", .double(est.share(within: 10)), .percent(1)),
            ("excess above T (B) / missing below (M)", .text("\(cnt(est.excess)) / \(cnt(est.missing)) = \(String(format: "%.2f", est.excessToMissing))"), .text),
            ("excess region above T", .double(est.excessWidth), .money),
            ("mean overshoot above T", .double(est.meanOvershoot), .money),
            ("bin width", .double(est.histogram.binWidth), .money),
            ("dispersion of bin counts", .double(est.dispersion), .decimal(1)),
        ]))
        var profile = ResultTable(title: "Deficit below T by gap (1 − observed / counterfactual)", columns: [ResultColumn("gap", .money), ResultColumn("deficit", .percent(0))])
        for d in est.deficitProfile { profile.append([.double(d.gap), .double(d.deficit)]) }
        if est.deficitProfile.count <= 40 { out.append(.table(profile)) }
        if !est.excessToMissing.isFinite || est.excessToMissing < 0.7 || est.excessToMissing > 1.4 {
            out.append(.warning("excess/missing outside 0.7–1.4: mass is not conserved (a conversion effect, another notch near T, or an unrelated spike)"))
        }
        out.append(.note("counterfactual: Poisson regression of bin counts on a cubic in ln(x/T) outside the affected region; reach by profile likelihood of a step response with mass conservation (Kleven & Waseem 2013); bootstrap re-runs the whole estimate on resampled customers (\(unc.draws) draws, seed \(scope.seed(session)))"))
        out.append(.note("the number of top-ups and the share within a stated window are robust; the reach edge itself is uncertain by a few dollars on lumpy baskets — fix it with reach= when known"))
        return out
    }
}
