import Foundation
import UpshellAnalytics
import UpshellCore
import UpshellData

/// `threshold detect`: the policy in force and, when there is a threshold, its bunching estimate.
struct ThresholdDetectCommand: PricingForm {
    static let spec = CommandSpec.pricingForm("threshold detect", of: ThresholdCommand.spec, synopsis: 1,
                                              options: [window.spec, reach.spec] + PricingScope.options,
                                              positionals: [PositionalSpec("detect", .text, "the word 'detect'")])

    /// `window=W`: the share of orders in `[T − W, T)` that top up, `N̂ ÷ Σ f̂` over that window (MODELS.md §1.4).
    static let window = TypedOption.money("window", "width below T of the window whose share of orders topping up is shown (N̂ ÷ counterfactual orders in [T − W, T))")
        .checked { w, raw in w > 0 && w.isFinite ? nil : OptionProblem("option 'window' got '\(raw)': expected a positive amount", hint: "window=10 is the $10 below the threshold") }
        .defaulting(to: "10")
    /// `reach=R`: fixes the reach of the estimate; the share and top-ups are re-estimated for it.
    static let reach = ThresholdRequest.reachOption("fix the reach (currency, or share of T) and re-estimate the share and top-ups for it (default: chosen by profile likelihood)")

    /// Bootstrap draws of the bunching estimate when `draws=` is not given (fewer than a what-if's: each
    /// draw re-runs the whole estimate).
    static let defaultDraws = 100

    let scope: PricingScope
    /// Width of the window below T for the share statistic (currency).
    let window: Double
    /// A reach fixed by the analyst (`reach=`): the share and top-ups are re-estimated for it.
    let reach: ThresholdReach?

    init(_ head: Arguments, clause: ScopeClause?) throws {
        try head.expectPositionals(atMost: 1)
        scope = try PricingScope(head, clause: clause)
        window = try head.value(Self.window)
        reach = try head.value(Self.reach)
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
        let fixedReach = reach.map { $0.amount(at: t0) }
        let (est, unc) = try session.withProgress { _ -> (BunchingEstimate, BunchingUncertainty) in
            let e = NotchBunching.estimate(values: period.value, threshold: t0, reach: fixedReach)
            let u = try NotchBunching.uncertainty(values: period.value, cluster: period.cluster, clusterCount: period.clusterCount,
                                                  point: e, draws: scope.givenDraws ?? Self.defaultDraws, seed: scope.seed(session),
                                                  reach: fixedReach)
            return (e, u)
        }
        let cnt = { PricingFormat.count($0) }
        out.append(.values(title: "Top-up response at \(money(t0)) (notch bunching, \(LoadSummary.grouped(period.count)) orders)", [
            (fixedReach == nil ? "reach R (largest gap that tops up)" : "reach R (fixed by reach=)", .double(est.reach), .money),
            ("  90% bootstrap", fixedReach == nil ? .interval(unc.reach.lower, unc.reach.upper) : .text("– (fixed)"), fixedReach == nil ? .money : .text),
            ("share of orders within reach that top up", .double(est.pi0), .percent(1)),
            ("  90% bootstrap", .interval(unc.pi0.lower, unc.pi0.upper), .percent(1)),
            ("  specification band (degree 2–5, bin ½–2×)", .interval(unc.specificationPi0.lower, unc.specificationPi0.upper), .percent(1)),
            ("top-ups (orders)", .double(est.topUps), .decimal(0)),
            ("  90% bootstrap", .interval(unc.topUps.lower, unc.topUps.upper), .decimal(0)),
            ("  specification band", .interval(unc.specificationTopUps.lower, unc.specificationTopUps.upper), .decimal(0)),
            ("  band for lumpy baskets (reach and counterfactual error)", .interval(est.topUpBand.lower, est.topUpBand.upper), .decimal(0)),
            ("top-ups as a share of all orders", .double(est.topUps / Double(max(1, period.count))), .percent(2)),
            ("share within \(money(window)) below T (top-ups ÷ counterfactual orders there)", .double(est.share(within: window)), .percent(1)),
            ("excess above T (B) / missing below (M)", .text("\(cnt(est.excess)) / \(cnt(est.missing)) = \(String(format: "%.2f", est.excessToMissing))"), .text),
            ("excess region above T", .double(est.excessWidth), .money),
            ("mean overshoot above T", .double(est.meanOvershoot), .money),
            ("bin width", .double(est.histogram.binWidth), .money),
            ("dispersion of bin counts", .double(est.dispersion), .decimal(1)),
        ]))
        var profile = ResultTable(title: "Deficit below T by gap (1 − observed / counterfactual)", columns: [ResultColumn("gap", .money), ResultColumn("deficit", .percent(0))])
        for d in est.deficitProfile { profile.append([.double(d.gap), .double(d.deficit)]) }
        if est.deficitProfile.count <= 40 { out.append(.table(profile)) }
        for block in Self.closingNotes(est, unc, fixedReach: fixedReach, window: window, seed: scope.seed(session), money: money) { out.append(block) }
        return out
    }

    /// Warnings and notes after the estimate: mass conservation, the method, a fixed reach, a window narrower
    /// than the reach, and what the window share means.
    static func closingNotes(_ est: BunchingEstimate, _ unc: BunchingUncertainty, fixedReach: Double?, window: Double, seed: UInt64,
                             money: (Double) -> String) -> [OutputBlock] {
        var out: [OutputBlock] = []
        if !est.excessToMissing.isFinite || est.excessToMissing < 0.7 || est.excessToMissing > 1.4 {
            out.append(.warning("excess/missing outside 0.7–1.4: mass is not conserved (a conversion effect, another notch near T, or an unrelated spike)"))
        }
        out.append(.note("counterfactual: Poisson regression of bin counts on a cubic in ln(x/T) outside the affected region; reach by profile likelihood of a step response with mass conservation (Kleven & Waseem 2013); bootstrap re-runs the whole estimate on resampled customers (\(unc.draws) draws, seed \(seed))"))
        if let r = fixedReach {
            out.append(.note("reach fixed at \(money(r)) by reach= (rounded to the \(money(est.histogram.binWidth)) bin: \(money(est.reach))): the share, the top-ups and their bands are re-estimated for that window, the reach is not chosen by likelihood"))
        }
        if window < est.reach - 1e-9 {
            out.append(.warning("the window (\(money(window))) is narrower than the estimated reach (\(money(est.reach))): the window share assumes every estimated top-up came from within the window — right when the window is the true reach and the estimate overshoots it (the reach edge is uncertain by a few dollars), wrong when the response reaches further (a share over 100% says so); compare with threshold detect reach=\(NumberFormat.plain(window))"))
        }
        out.append(.note("band for lumpy baskets: over the reaches the quasi-likelihood accepts (\(money(est.topUpBand.reachLower)) … \(money(est.topUpBand.reachUpper))), top-ups ± 2.58 quasi-Poisson s.e.; it covered the planted top-ups in ≥ 90% of lumpy synthetic stores at T = $35–$100, where the bootstrap sees only sampling noise (MODELS.md §1.4)"))
        out.append(.note("share within \(money(window)) below T = estimated top-ups ÷ counterfactual orders in [T − \(money(window)), T) (MODELS.md §1.4, share_in(w)); set the window with window="))
        out.append(.note("the number of top-ups and the share within a stated window are robust; the reach edge itself is uncertain by a few dollars on lumpy baskets — fix it with reach= when known"))
        return out
    }
}
