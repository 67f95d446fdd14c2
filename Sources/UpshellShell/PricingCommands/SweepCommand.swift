import Foundation
import UpshellAnalytics
import UpshellCore
import UpshellData

/// `sweep threshold A..B step=S`, `sweep tiers …`, `sweep discount …`: one what-if over a grid, with a
/// chart of its decision metric and the best value marked.
public struct SweepCommand: ShellCommand {
    public static let spec = CommandSpec(
        name: "sweep", group: .pricing,
        abstract: "run a pricing what-if over a range of values, with a chart and the best value marked",
        synopsis: ["sweep threshold A..B [step=MONEY] [threshold options…] [where EXPRESSION]",
                   "sweep tiers P1 P2 P3 middle=A..B|top=A..B|bottom=A..B|tier=N [step=MONEY] [tiers options…]",
                   "sweep discount bundle \"A\" \"B\" 0..30% [step=5%] | addon \"X\" 0..40% | first-order 0..30% [discount options…]"],
        discussion: """
            The first word picks the what-if; the other options are those of that what-if ('help threshold'). \
            Each point is evaluated on the same latent sample with the same bootstrap draws (common random numbers), \
            so differences between points are not bootstrap noise. The chart shows the decision metric (Δ contribution \
            per 1,000 orders for thresholds, gross margin per visitor for tiers); the best point is marked with its bands — \
            a best value whose band overlaps its neighbours' is not a sharp optimum. 'sweep tiers' varies one tier's price \
            (middle=, top=, bottom=, or tier=N with range=A..B), keeping the others; prices must stay in order. \
            'sweep discount' charts Δ gross margin (with future value for first orders) by discount and marks the best and \
            the break-even.
            """,
        subcommands: ["threshold", "tiers", "discount"],
        positionals: [PositionalSpec("what-if", .text, "threshold, tiers or discount"), PositionalSpec("range", .range, "A..B (threshold), or the tier prices")],
        options: [OptionSpec("step", .text, "grid step (currency for thresholds; default: 17 points over the range)"),
                  OptionSpec("middle", .range, "sweep tiers: range of the middle tier's price"),
                  OptionSpec("top", .range, "sweep tiers: range of the top tier's price"),
                  OptionSpec("bottom", .range, "sweep tiers: range of the bottom tier's price"),
                  OptionSpec("tier", .integer, "sweep tiers: number of the tier to vary (with range=)"),
                  OptionSpec("range", .range, "sweep tiers: range for tier=")]
            + ThresholdRequest.options + TiersRequest.options + DiscountRequest.options + PricingScope.options,
        examples: ["sweep threshold 20..100 step=5", "sweep threshold 40..80 step=2.5 conversion=0.5 draws=1000",
                   "sweep tiers 29 79 199 middle=59..99 step=5", "sweep discount addon \"Paper filters\" 0..40% step=5% elasticity=3"],
        freeTextFrom: 0)

    let scope: PricingScope
    let kind: String

    public init(arguments raw: Arguments) throws {
        scope = try PricingScope(raw, spec: Self.spec)
        kind = try scope.arguments.subcommand()
    }

    public func run(in session: Session) throws -> CommandOutput {
        switch kind {
        case "tiers": return try sweepTiers(session)
        case "discount": return try sweepDiscount(session)
        default: return try sweepThreshold(session)
        }
    }

    /// The grid `A, A+step, …, B` (17 points when no step), checked.
    func grid(_ range: NumberRange, stepText: String?, share: Bool) throws -> [Double] {
        let a = scope.arguments
        guard range.upper > range.lower else {
            throw a.error("the range must go up: got \(range.lower)..\(range.upper)", at: a.positionals.count > 1 ? a.positionals[1] : nil)
        }
        var step = (range.upper - range.lower) / 16
        if let text = stepText {
            guard let s = share ? ValueParser.share(text) : ValueParser.money(text), s > 0 else {
                throw a.error("option 'step' got '\(text)': expected a positive \(share ? "share (5%)" : "amount (5)")", at: a.options["step"])
            }
            step = s
        }
        let n = Int(((range.upper - range.lower) / step + 1e-9).rounded(.down)) + 1
        guard n <= 201 else { throw a.error("\(n) points is too many for one sweep (at most 201)", at: a.options["step"], hint: "use a larger step=") }
        return (0..<n).map { ((range.lower + Double($0) * step) * 10_000).rounded() / 10_000 }
    }

    func sweepThreshold(_ session: Session) throws -> CommandOutput {
        let a = scope.arguments
        try a.expectPositionals(atMost: 2)
        let rangeToken = try a.positional(1, "a range of thresholds (sweep threshold 20..100 step=5)")
        guard let range = ValueParser.range(rangeToken.text), !range.isShare else {
            throw a.error("expected a range of amounts such as 20..100, got '\(rangeToken.text)'", at: rangeToken)
        }
        guard range.lower > 0 else { throw a.error("thresholds must be positive", at: rangeToken) }
        let values = try grid(range, stepText: a.text("step"), share: false)
        let request = ThresholdRequest(scope: scope)
        let p = try request.prepare(session, proposal: (range.lower + range.upper) / 2)
        let proposals = values.map { ShippingPolicy(threshold: $0, fee: p.fee) }
        let draws = try scope.draws(), seed = try scope.seed(session)
        let points = try session.withProgress { _ in
            try ThresholdWhatIf.run(p.sample, calibration: p.calibration, proposals: proposals, response: p.response,
                                    economics: p.economics, band: ThresholdBandSpec(calibrated: p.calibration.isCalibrated),
                                    draws: draws, seed: seed)
        }
        let money = { PricingFormat.money($0, session) }
        var table = ResultTable(title: "Free-shipping threshold sweep — \(p.description) (per 1,000 current orders)", columns: [
            ResultColumn("threshold", .money), ResultColumn("top-ups", .decimal(0)), ResultColumn("AOV merch", .money),
            ResultColumn("Δ merch", .money), ResultColumn("Δ fees", .money), ResultColumn("Δ margin", .money),
            ResultColumn("Δ contribution", .money), ResultColumn("bootstrap low", .money), ResultColumn("bootstrap high", .money),
            ResultColumn("band low", .money), ResultColumn("band high", .money),
        ])
        for pt in points {
            table.append([.double(pt.proposal.threshold), .double(pt.proposed.topUps), .double(pt.proposed.aovMerchandise),
                          .double(pt.perThousand(\.merchandise)), .double(pt.perThousand(\.fees)), .double(pt.perThousand(\.margin)),
                          .double(pt.contributionPerThousand), .double(pt.bootstrap.lower), .double(pt.bootstrap.upper),
                          .double(pt.parameterBand.lower), .double(pt.parameterBand.upper)])
        }
        let best = points.indices.max { points[$0].contributionPerThousand < points[$1].contributionPerThousand }!
        var out = CommandOutput()
        for n in p.notes { out.append(n) }
        out.append(.table(table))
        out.append(.chart(Chart(kind: .bars, title: "Δ contribution per 1,000 orders by threshold (◀ best)",
                                labels: points.map { money($0.proposal.threshold) }, values: points.map(\.contributionPerThousand),
                                format: .money, marked: best)))
        let b = points[best]
        out.append(.text("best: \(money(b.proposal.threshold)) — Δ contribution \(money(b.contributionPerThousand)) per 1,000 orders (90% bootstrap \(ThresholdCommand.interval(b.bootstrap, session)); parameter band \(ThresholdCommand.interval(b.parameterBand, session))); current policy: \(p.calibration.current.threshold.isFinite ? "free from " + money(p.calibration.current.threshold) : "flat fee " + money(p.calibration.current.fee))"))
        if b.contributionPerThousand <= 0 { out.append(.note("no threshold in the range beats the current policy at the point estimate")) }
        out.append(.note("bootstrap: \(draws) customer-clustered draws, seed \(seed), shared by all points"))
        for s in p.assumptions { out.append(.note("assumption — " + s)) }
        for c in ThresholdRequest.caveats(p, proposal: b.proposal, session) { out.append(.note("caveat — " + c)) }
        for blk in PricingFormat.abBlock(ThresholdCommand.abHooks(b, p, session), session, note: "for the best threshold; decide on contribution per visitor") { out.append(blk) }
        return out
    }

    func sweepTiers(_ session: Session) throws -> CommandOutput {
        let a = scope.arguments
        let (prices, sortNote) = try TiersRequest.prices(Array(a.positionals.dropFirst()), a)
        let n = prices.count
        var which: Int? = nil
        var range: NumberRange? = nil
        for (name, index) in [("middle", n / 2 - (n % 2 == 0 ? 1 : 0)), ("top", n - 1), ("bottom", 0)] where a.has(name) {
            guard which == nil else { throw a.error("vary one tier at a time", at: a.options[name]) }
            which = index; range = try a.range(name)
        }
        if let k = try a.integer("tier") {
            guard which == nil else { throw a.error("vary one tier at a time", at: a.options["tier"]) }
            guard k >= 1, k <= n else { throw a.error("tier= must be 1…\(n)", at: a.options["tier"]) }
            guard let r = try a.range("range") else { throw a.error("tier= needs range=A..B", at: a.options["tier"]) }
            which = k - 1; range = r
        }
        guard let j = which, let r = range else {
            throw a.error("'sweep tiers' needs the price to vary: middle=A..B, top=A..B, bottom=A..B or tier=N range=A..B", at: nil,
                          hint: "example: sweep tiers 29 79 199 middle=59..99 step=5")
        }
        guard !r.isShare else { throw a.error("tier prices are amounts, not shares", at: nil) }
        let values = try grid(r, stepText: a.text("step"), share: false)
        let lower = j > 0 ? prices[j - 1] : 0, upper = j < n - 1 ? prices[j + 1] : .infinity
        guard values.allSatisfy({ $0 > lower && $0 < upper }) else {
            throw a.error("the range \(NumberFormat.plain(r.lower))..\(NumberFormat.plain(r.upper)) crosses a neighbouring tier (\(NumberFormat.plain(lower))\(upper.isFinite ? " / " + NumberFormat.plain(upper) : "")): tiers must stay in price order", at: nil)
        }
        let p = try TiersRequest(scope: scope).prepare(session, prices: prices, sortNote: sortNote)
        let money = { PricingFormat.money($0, session) }
        let costRatio = p.tiers[j].cost / p.tiers[j].price
        let worthRatio = p.tiers[j].value / p.tiers[j].price
        var table = ResultTable(title: "Tier sweep: \(p.tiers[j].name) price — \(p.description)", columns: [
            ResultColumn("price", .money), ResultColumn("conversion", .percent(2)), ResultColumn("\(p.tiers[j].name) mix", .percent(1)),
            ResultColumn("RPV", .money), ResultColumn("AOV", .money), ResultColumn("GM per visitor", .money),
            ResultColumn("GM band low", .money), ResultColumn("GM band high", .money),
        ])
        var gms: [Double] = []
        var outcomes: [(TierOutcome, [Tier])] = []
        for v in values {
            try Cancellation.check()
            var tiers = p.tiers
            tiers[j].price = v
            if !a.has("cost") { tiers[j].cost = v * costRatio }
            if !a.has("quality") { tiers[j].value = v * worthRatio }
            let o = TierChoiceModel.evaluate(tiers, p.parameters)
            let band = TiersRequest.bands(tiers, p.parameters, box: [])
            table.append([.double(v), .double(o.conversion), .double(o.mix[j]), .double(o.revenuePerVisitor), .double(o.averageOrderValue),
                          .double(o.marginPerVisitor), .double(band.gm.0), .double(band.gm.1)])
            gms.append(o.marginPerVisitor)
            outcomes.append((o, tiers))
        }
        let best = gms.indices.max { gms[$0] < gms[$1] }!
        var out = CommandOutput()
        for n in p.notes { out.append(n) }
        out.append(.table(table))
        out.append(.chart(Chart(kind: .bars, title: "Gross margin per visitor by \(p.tiers[j].name) price (◀ best)", labels: values.map(money),
                                values: gms, format: .money, marked: best)))
        out.append(.text("best: \(p.tiers[j].name) at \(money(values[best])) — gross margin \(money(gms[best])) per visitor (\(money(1000 * gms[best])) per 1,000 visitors); at the current \(money(prices[j])): \(money(TierChoiceModel.evaluate(p.tiers, p.parameters).marginPerVisitor))"))
        out.append(.note("the varied tier keeps its cost ratio and worth ratio (worth = price unless quality= is given); band: delta 0–ln 3, sigma ±0.3, alpha 1–4"))
        for s in p.assumptions { out.append(.note("assumption — " + s)) }
        let base = TierChoiceModel.evaluate(p.tiers, p.parameters)
        for blk in PricingFormat.abBlock(TiersRequest.abHooks(reference: base, refTiers: p.tiers, proposal: outcomes[best].0, tiers: outcomes[best].1, dailyOrders: p.dailyOrders), session,
                                         note: "control = the menu at its current prices, variant = the best price") { out.append(blk) }
        return out
    }

    func sweepDiscount(_ session: Session) throws -> CommandOutput {
        let a = scope.arguments
        let request = try DiscountRequest(scope: scope, offset: 1)
        try a.expectPositionals(atMost: request.nextIndex + 1)
        let token = try a.positional(request.nextIndex, "a range of discounts such as 0..30%")
        guard let r = ValueParser.range(token.text), r.isShare || token.text.hasSuffix("%") else {
            throw a.error("expected a range of discounts such as 0..30%, got '\(token.text)'", at: token)
        }
        guard r.lower >= 0, r.upper < 1 else { throw a.error("discounts must lie in 0%…99.9%", at: token, hint: "a discount of 100% gives the goods away") }
        var values = try grid(r, stepText: a.text("step") ?? ((r.upper - r.lower) / 16 * 100).description + "%", share: true)
        let money = { PricingFormat.money($0, session) }
        var out = CommandOutput()
        if request.form == .firstOrder {
            let f = try request.prepareFirst(session)
            var t = ResultTable(title: "First-order discount sweep — \(f.description)", columns: [
                ResultColumn("discount", .percent(1)), ResultColumn("uplift", .percent(1)), ResultColumn("subsidy", .money),
                ResultColumn("Δ first-order margin", .money), ResultColumn("Δ with future", .money)])
            let outs = values.map { FirstOrderDiscountModel.evaluate(f.inputs, discount: $0) }
            for o in outs { t.append([.double(o.discount), .double(o.uplift), .double(o.subsidy), .double(o.firstOrderMarginChange), .double(o.withFutureChange)]) }
            let best = outs.indices.max { outs[$0].withFutureChange < outs[$1].withFutureChange }!
            for n in f.notes { out.append(n) }
            out.append(.table(t))
            out.append(.chart(Chart(kind: .bars, title: "Δ gross margin incl. future value by discount (◀ best)", labels: values.map { PricingFormat.percent($0) },
                                    values: outs.map(\.withFutureChange), format: .money, marked: best)))
            out.append(.text("best: \(PricingFormat.percent(values[best])) — \(money(outs[best].withFutureChange)) including future margin (first-order margin \(money(outs[best].firstOrderMarginChange)))"))
            for s in f.assumptions { out.append(.note("assumption — " + s)) }
            return out
        }
        let x = try request.prepareAttach(session)
        let limit = AttachDiscountModel.maximumDiscount(x.inputs)
        let dropped = values.filter { $0 >= limit }
        values = values.filter { $0 < limit }
        guard !values.isEmpty else {
            throw a.error("every discount in the range makes the saving at least the add-on's price (limit \(PricingFormat.percent(limit, decimals: 1)) on the total)", at: token, hint: "use a smaller range, or on=addon")
        }
        let draws = try scope.draws(), seed = try scope.seed(session)
        let boots = try DiscountRequest.bootstrap(x, discounts: values, draws: draws, seed: seed, pullInFixed: a.has("pull-in"))
        var t = ResultTable(title: "\(request.form == .bundle ? "Bundle" : "Add-on") discount sweep: '\(x.names.addon)'\(request.form == .bundle ? " with '\(x.names.anchor)'" : "") — \(x.description)", columns: [
            ResultColumn("discount", .percent(1)), ResultColumn("saving", .money), ResultColumn("attach rate", .percent(2)), ResultColumn("extra with both", .decimal(1)),
            ResultColumn("subsidy", .money), ResultColumn("Δ revenue", .money), ResultColumn("Δ margin", .money),
            ResultColumn("bootstrap low", .money), ResultColumn("bootstrap high", .money), ResultColumn("e band low", .money), ResultColumn("e band high", .money)])
        var margins: [Double] = []
        for (k, d) in values.enumerated() {
            let o = AttachDiscountModel.evaluate(x.inputs, discount: d)!
            let band = DiscountRequest.band(x.inputs, discount: d)
            t.append([.double(d), .double(o.saving), .double(o.attachRate), .double(o.extraBundles), .double(o.subsidy), .double(o.revenueChange),
                      .double(o.marginChange), .double(boots[k].0), .double(boots[k].1), .double(band.0), .double(band.1)])
            margins.append(o.marginChange)
        }
        let best = margins.indices.max { margins[$0] < margins[$1] }!
        let opt = AttachDiscountModel.optimum(x.inputs)
        for n in x.notes { out.append(n) }
        if !dropped.isEmpty { out.append(.note("left out \(dropped.count) discounts at or above \(PricingFormat.percent(limit, decimals: 1)): the saving would reach the add-on's price")) }
        out.append(.table(t))
        out.append(.chart(Chart(kind: .bars, title: "Δ gross margin by discount (◀ best)", labels: values.map { PricingFormat.percent($0) },
                                values: margins, format: .money, marked: best)))
        out.append(.text("best on this grid: \(PricingFormat.percent(values[best])) (\(money(margins[best]))); best on a 0.01% grid: \(PricingFormat.percent(opt.best, decimals: 2)) (\(money(opt.bestMargin))); break-even: \(opt.breakEven.map { PricingFormat.percent($0, decimals: 2) } ?? "none — Δ margin ≤ 0 at every discount")"))
        out.append(.note("bootstrap: \(draws) customer-clustered draws, seed \(seed), shared by all discounts"))
        for s in x.assumptions { out.append(.note("assumption — " + s)) }
        let o = AttachDiscountModel.evaluate(x.inputs, discount: values[best])!
        for b in PricingFormat.abBlock([.proportions(metric: "attach rate", unit: request.form == .bundle ? "anchor orders" : "orders",
                                                     control: x.inputs.attachRate, variant: o.attachRate, daily: x.inputs.anchorOrders / max(1, x.data.days))], session,
                                       note: "for the best discount of the grid") { out.append(b) }
        return out
    }
}
