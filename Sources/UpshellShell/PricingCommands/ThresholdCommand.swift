import Foundation
import UpshellAnalytics
import UpshellCore
import UpshellData

/// `threshold T [fee=] [reach=] [p0=] [conversion=] …` and `threshold detect`: the first word picks the form.
public struct ThresholdCommand: CommandWithForms {
    public static let spec = CommandSpec(
        name: "threshold", group: .pricing,
        abstract: "free-shipping threshold what-if: top-ups, AOV, shipping given up, contribution, with bands and the A/B size",
        synopsis: ["threshold T [fee=MONEY] [reach=MONEY|SHARE] [p0=SHARE] [conversion=E] [ship-cost=MONEY] [segment=NAME] [seed=N] [where EXPRESSION]",
                   "threshold detect [window=MONEY] [reach=MONEY|SHARE] [segment=NAME] [where EXPRESSION]"],
        discussion: """
            Model (docs/MODELS.md §1): every order has a latent basket x* (what it would be with no threshold to aim for). Under a \
            proposal (T, F) an order short of T by a gap g ≤ reach adds one filler item with probability p0·exp(−g/decay); the \
            filler's price is the units-weighted mean of the store's item prices in [g, g + reach]. Other orders pay the new \
            fee and convert with ((x + old fee)/(x + new fee))^e. Orders already above T stop paying: shipping revenue given up. \
            Contribution = merchandise margin + fees − shipping cost per order. Point estimates are closed-form expectations.
            The current policy comes from the fee column ("free iff x ≥ T" fitting ≥ 95% of orders, with the date it started) \
            or, without fees, from the order-value histogram. With a threshold in force, the response is estimated from the \
            data by notch bunching (Kleven & Waseem 2013): a log-polynomial Poisson counterfactual, reach and share by profile \
            likelihood with mass conservation; latent baskets are the de-bunched orders. Without one the response is a \
            stated default. Bands: 90% customer-clustered bootstrap (calibration held fixed), parameter corners \
            (p0 ×0.5–1.5, or ×0.75–1.25 when estimated; reach ±25%; elasticity 0–1 down, 0.5–2 up; each varied on its own: 16 \
            corners, so a proposal that raises the fee for some orders and cuts it for others meets its worst case), structural caveats.
            'threshold detect' shows the threshold in force and the bunching estimate (reach, share, top-ups, excess vs \
            missing, deficit by gap) with a bootstrap, a specification band (degree 2–5, bin width ½–2×) and, for the \
            top-ups, a band for lumpy baskets (reaches the quasi-likelihood accepts × counterfactual error; it covered the \
            planted top-ups of lumpy synthetic stores in ≥ 90% of seeds at T = $35–$100, the others far less). 'share within W \
            below T' is the estimated top-ups ÷ the counterfactual orders in [T − W, T) for the window W of window= (default 10), \
            whatever the estimated reach. reach= fixes the reach (an amount, or a share of T) and re-estimates the share and \
            the top-ups for it (bands too); p0= is refused there: the share is what detect estimates. With a threshold in force, \
            'threshold T reach=R' likewise re-estimates the share for reach R at the threshold in force (and de-bunches with \
            it); p0= then overrides that share. Without a \
            fee column, round candidates are scored by min(excess above, deficit below) against a log-linear trend with \
            the Poisson variance inflated by the local over-dispersion, not by the plain log ratio of counts: on lumpy \
            baskets a popular price point just above a round number is a one-sided spike the ratio scores like a notch, \
            while a threshold moves orders from below to above. The best candidate must then show a response in the \
            bunching estimate (quasi-likelihood ratio ≥ 30, reach 3 bins to 0.4·T, excess/missing 0.5–2). Segments: \
            segment=NAME of any segmentation, or segment=first-time / repeat without one.
            """,
        subcommands: ["detect"],
        positionals: [PositionalSpec("T", .money, "the proposed threshold, or 'detect'")],
        options: ThresholdRequest.options + [ThresholdDetectCommand.window.spec] + PricingScope.options,
        examples: ["threshold 50", "threshold 60 conversion=1", "threshold 75 reach=20% p0=30%", "threshold detect", "threshold detect reach=10 window=5",
                   "threshold 50 segment=first-time where created_at >= 2025-10-01 and created_at < 2026-01-01"],
        freeTextFrom: 0)

    public static let forms: [any ShellCommand.Type] = [ThresholdProposalCommand.self, ThresholdDetectCommand.self]

    public let form: any ShellCommand

    public init(arguments raw: Arguments) throws {
        let (head, clause) = try PricingScope.split(raw, spec: Self.spec)
        try head.expectPositionals(atMost: 1)
        let first = try head.positional(0, "a threshold (threshold 50) or 'detect'")
        if first.text.lowercased() == "detect" {
            if let token = head.options["p0"] {
                throw head.error("option 'p0' does not apply to 'threshold detect': the share of orders that top up is what it estimates",
                                 at: token, hint: "fix the reach instead (threshold detect reach=10) to re-estimate the share for that window, or set the share in a what-if (threshold 60 p0=30%)")
            }
            try head.check(form: ThresholdDetectCommand.spec, shown: "threshold detect")
            form = try ThresholdDetectCommand(head, clause: clause)
        } else {
            try head.check(form: ThresholdProposalCommand.spec, shown: "threshold T")
            form = try ThresholdProposalCommand(head, clause: clause)
        }
    }

    public func run(in session: Session) throws -> CommandOutput { try form.run(in: session) }
}

/// `threshold T …`: the what-if of one proposed threshold.
struct ThresholdProposalCommand: PricingForm {
    static let spec: CommandSpec = {
        var spec = CommandSpec.pricingForm("threshold", of: ThresholdCommand.spec, synopsis: 0, options: ThresholdRequest.options + PricingScope.options,
                                           positionals: [PositionalSpec("T", .money, "the proposed threshold")])
        spec.name = "threshold T"
        spec.subcommands = []
        spec.examples.removeAll { $0.hasPrefix("threshold detect") }
        return spec
    }()

    let request: ThresholdRequest
    let threshold: Double

    init(_ head: Arguments, clause: ScopeClause?) throws {
        try head.expectPositionals(atMost: 1)
        let first = try head.positional(0, "a threshold (threshold 50) or 'detect'")
        guard let t = ValueParser.money(first.text), t.isFinite else {
            throw head.error("'threshold' needs an amount, got '\(first.text)'", at: first, hint: "example: threshold 50, or threshold detect")
        }
        guard t > 0 else { throw head.error("a threshold must be positive, got '\(first.text)'", at: first, hint: "threshold 0 would be free shipping on everything: model it as fee=0 with any threshold") }
        threshold = t
        request = try ThresholdRequest(head, scope: PricingScope(head, clause: clause))
    }

    var orderScope: OrderScope { request.scope.orderScope }

    func run(in session: Session, on resolved: ResolvedOrderScope) throws -> CommandOutput {
        let t = threshold, scope = request.scope
        let timer = PhaseTimer("threshold")
        let p = try request.prepare(session, resolved, proposal: t)
        timer.mark("sample, detection and calibration")
        let proposal = ShippingPolicy(threshold: t, fee: p.fee)
        let points = try session.withProgress(unit: "steps") { progress in
            try ThresholdWhatIf.run(p.sample, calibration: p.calibration, proposals: [proposal], response: p.response,
                                    economics: p.economics, band: ThresholdBandSpec(calibrated: p.calibration.isCalibrated),
                                    draws: scope.draws, seed: scope.seed(session), progress: progress)
        }
        timer.mark("what-if with bootstrap and corners")
        let pt = points[0]
        let money = { PricingFormat.money($0, session) }
        var out = CommandOutput()
        out.append(.text("Free shipping from \(money(t)) (fee \(money(p.fee)) below) vs the current policy — \(p.description)"))
        for n in ThresholdRequest.rangeNotes(t, p.sample, session) { out.append(n) }
        for n in p.notes { out.append(n) }
        out.append(.table(Self.comparison(pt)))
        let c = pt.current, q = pt.proposed
        let perK = 1000 / c.orders
        out.append(.values(title: "Mechanism", [
            ("orders in reach (gap ≤ \(money(p.response.reach)))", .double(q.inReach), .integer),
            ("share of orders in reach", .double(q.inReach / c.orders), .percent(1)),
            ("expected top-ups", .double(q.topUps), .decimal(1)),
            ("share of in-reach orders topping up", .double(q.inReach > 0 ? q.topUps / q.inReach : 0), .percent(1)),
            ("orders already ≥ T that paid a fee", .double(q.abovePaid), .integer),
            ("extra (+) or lost (−) orders, conversion channel", .double(q.orders - c.orders), .decimal(1)),
            ("AOV merchandise: current → proposed", .change(from: c.aovMerchandise, to: q.aovMerchandise, relative: 2), .money),
            ("AOV incl. shipping: current → proposed", .change(from: c.aovTotal, to: q.aovTotal, relative: nil), .money),
            ("Δ shipping fees per 1,000 orders (− = given up)", .double((q.fees - c.fees) * perK), .money),
        ]))
        out.append(.values(title: "Δ contribution per 1,000 orders — uncertainty", [
            ("point estimate", .double(pt.contributionPerThousand), .money),
            ("90% customer bootstrap (\(scope.draws) draws, seed \(scope.seed(session)))", .interval(pt.bootstrap.lower, pt.bootstrap.upper), .money),
            ("parameter band (corners)", .interval(pt.parameterBand.lower, pt.parameterBand.upper), .money),
        ]))
        if pt.parameterBand.lower < 0 && pt.parameterBand.upper > 0 {
            out.append(.warning("the sign of the effect flips inside the parameter band: inconclusive without a test"))
        }
        for a in p.assumptions { out.append(.note("assumption — " + a)) }
        for c in ThresholdRequest.caveats(p, proposal: proposal, session) { out.append(.note("caveat — " + c)) }
        for b in PricingFormat.abBlock(Self.abHooks(pt, p, session), session,
                                       note: "decide on contribution per visitor; the share of orders ≥ T is the mechanism check, AOV is a poor primary metric (heavy-tailed)") {
            out.append(b)
        }
        return out
    }

    static func interval(_ i: (lower: Double, upper: Double), _ session: Session) -> String {
        guard i.lower.isFinite, i.upper.isFinite else { return "n/a" }
        return "\(PricingFormat.money(i.lower, session)) … \(PricingFormat.money(i.upper, session))"
    }

    /// Current vs proposed totals, with the change and the change per 1,000 current orders.
    static func comparison(_ pt: ThresholdPoint) -> ResultTable {
        var t = ResultTable(title: "Expected totals over the data's period (model: current vs proposed)", columns: [
            ResultColumn("metric"), ResultColumn("unit"), ResultColumn("current", .decimal(2)), ResultColumn("proposed", .decimal(2)),
            ResultColumn("change", .decimal(2)), ResultColumn("per 1,000 orders", .decimal(2)),
        ])
        let rows: [(String, String, KeyPath<ThresholdTotals, Double>)] = [
            ("orders", "orders", \.orders), ("top-ups", "orders", \.topUps), ("merchandise revenue", "currency", \.merchandise),
            ("shipping fees", "currency", \.fees), ("merchandise margin", "currency", \.margin),
            ("shipping cost", "currency", \.shippingCost), ("contribution", "currency", \.contribution),
        ]
        // currency rows are amounts: shown as the other rows, written to csv/json to the cent
        for (name, unit, k) in rows {
            let cell: (Double) -> Value = { unit == "currency" ? .typed($0, .amount) : .double($0) }
            t.append([.text(name), .text(unit), cell(pt.current[keyPath: k]), cell(pt.proposed[keyPath: k]),
                      cell(pt.proposed[keyPath: k] - pt.current[keyPath: k]), cell(pt.perThousand(k))])
        }
        t.append([.text("AOV merchandise"), .text("currency"), .typed(pt.current.aovMerchandise, .amount), .typed(pt.proposed.aovMerchandise, .amount),
                  .typed(pt.proposed.aovMerchandise - pt.current.aovMerchandise, .amount), .null])
        return t
    }

    /// Share of orders ≥ T (mechanism) and AOV (to show why it is the wrong primary metric).
    static func abHooks(_ pt: ThresholdPoint, _ p: ThresholdRequest.Prepared, _ session: Session) -> [PricingABHook] {
        let daily = Double(p.sample.count) / p.sample.days
        var hooks: [PricingABHook] = []
        if pt.proposal.threshold.isFinite {
            hooks.append(.proportions(metric: "share of orders ≥ \(PricingFormat.money(pt.proposal.threshold, session))", unit: "orders",
                                      control: pt.shareAtOrAbove.current, variant: pt.shareAtOrAbove.proposed, daily: daily))
        }
        let n = Double(p.sample.count)
        let mean = p.sample.value.reduce(0, +) / n
        let sd = (p.sample.value.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / max(1, n - 1)).squareRoot()
        hooks.append(.means(metric: "AOV (merchandise)", unit: "orders", control: pt.current.aovMerchandise, variant: pt.proposed.aovMerchandise,
                            sd: sd, daily: daily))
        return hooks
    }
}
