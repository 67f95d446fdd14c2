import Foundation
import UpshellAnalytics
import UpshellCore
import UpshellData

/// `upsell-step "BASE" "UPGRADE"` or `upsell-step category=NAME`: acceptance by price step.
struct UpsellStepCommand: ScopedCommand {
    public static let spec = CommandSpec(
        name: "upsell-step", group: .pricing,
        abstract: "upsell what-if: acceptance of an upgrade by its price step, calibrated from observed trade-ups",
        synopsis: ["upsell-step \"BASE\" \"UPGRADE\" [attention=SHARE] [category=NAME] [where EXPRESSION]",
                   "upsell-step category=NAME [attention=SHARE]"],
        discussion: """
            Model (docs/MODELS.md §4): acceptance P(s) = A / (1 + (s/s50)^κ) for a step s = p1/p0 − 1 (log-logistic willingness \
            to pay for the step, attention ceiling A). Revenue-maximising step s* = s50·(κ − 1)^(−1/κ); the margin-maximising \
            step on a grid. Calibration: pairs of products in the same category whose names share a stem of two or more \
            words (the next dearer family member, price ratio 1.05–3, both ≥ 30 units): trade-up share t = n_up/(n_base + n_up) \
            fitted by a binomial GLM logit t = a − κ·ln s (s50 = exp(a/κ)). That is a menu choice (A = 1); offers shown after \
            the base choice get A = 20% unless attention= says otherwise (order data mark accepted offers, not offers shown). \
            Without two distinct steps the defaults s50 0.30, κ 3 are used. Caveat: larger steps come with larger quality \
            gaps, so cross-pair slopes understate the causal decline; the 20–40% rule is practitioner lore, printed as a check.
            """,
        positionals: [PositionalSpec("base", .product, optional: true, "the base product"), PositionalSpec("upgrade", .product, optional: true, "the upgrade")],
        options: [Self.attention.spec, Self.category.spec, Self.s50.spec, Self.kappa.spec, Self.minUnits.spec] + PricingScope.options,
        examples: ["upsell-step \"Burr coffee grinder Essential\" \"Burr coffee grinder Plus\"", "upsell-step category=Audio",
                   "upsell-step \"Daypack 18L\" \"Daypack 24L\" attention=10%"],
        freeTextFrom: 0)

    static let attention = TypedOption.share("attention", default: "20%", in: 0.0001...1, "share of customers who consider an offer (A)")
    static let category = TypedOption.text("category", "calibrate on this category's pairs (default: all pairs in scope)")
    static let s50 = TypedOption.number("s50", in: 0.001...100, "override the fitted s50")
    static let kappa = TypedOption.number("kappa", in: 0.01...100, "override the fitted κ")
    static let minUnits = TypedOption.integer("min-units", default: "30", "units each product of a pair needs")

    let scope: PricingScope
    /// The base and the upgrade, when given.
    let pair: (base: String, upgrade: String)?
    let categoryName: String?
    let minUnits: Int
    let attention: Double
    let s50: Double?
    let kappa: Double?

    public init(arguments raw: Arguments) throws {
        let (a, clause) = try PricingScope.split(raw, spec: Self.spec)
        scope = try PricingScope(a, clause: clause)
        try a.expectPositionals(atMost: 2)
        if a.positionals.count == 1 { throw a.error("'upsell-step' needs both the base and the upgrade", at: a.positionals[0], hint: "example: upsell-step \"Daypack 18L\" \"Daypack 24L\"") }
        if a.positionals.isEmpty && !a.has("category") { throw a.error("'upsell-step' needs a base and an upgrade, or category=NAME", at: nil, hint: "example: upsell-step category=Audio") }
        pair = a.positionals.count == 2 ? (a.positionals[0].text, a.positionals[1].text) : nil
        categoryName = try a.value(Self.category)
        minUnits = try a.value(Self.minUnits)
        attention = try a.value(Self.attention)
        s50 = try a.value(Self.s50)
        kappa = try a.value(Self.kappa)
    }

    var orderScope: OrderScope { scope.orderScope }

    func run(in session: Session, on resolved: ResolvedOrderScope) throws -> CommandOutput {
        let places = scope.places
        let s = resolved
        let model = s.model
        let money = { PricingFormat.money($0, session) }
        var parameters = UpsellStepAnalysis.Parameters()
        if let c = categoryName {
            do {
                parameters.category = try ProductCategories.match(c, in: model)
            } catch PricingError.unknownCategory(_, let available) {
                throw SessionError("no category '\(c)' in \(s.description)", hint: Suggestions.didYouMean(c, in: available) ?? "categories: " + available.joined(separator: ", "))
            }
        }
        let category = parameters.category
        if let pair {
            let b = try ProductLookup.find(pair.base, in: model, positional: 0, places)
            let u = try ProductLookup.find(pair.upgrade, in: model, positional: 1, places)
            guard b != u else { throw places.error("the base and the upgrade are the same product", positional: 1) }
            parameters.pair = (b, u)
        }
        parameters.minimumUnits = Double(minUnits)
        parameters.attention = attention
        parameters.s50 = s50
        parameters.kappa = kappa
        parameters.defaultMargin = scope.margin
        let name = { (p: Int) in model.products.name[p].isEmpty ? model.products.key[p] : model.products.name[p] }
        let r: UpsellStepAnalysis.Result
        do {
            r = try UpsellStepAnalysis.run(model, orders: s.orders, parameters: parameters)
        } catch let PricingError.upgradeNotDearer(b, u, p0, p1) {
            throw places.error("'\(name(u))' (\(money(p1))) is not dearer than '\(name(b))' (\(money(p0))): a trade-down is outside the model", positional: 1,
                          hint: "give the cheaper product first: upsell-step \"\(name(u))\" \"\(name(b))\"")
        }
        let curve = r.curve
        var out = CommandOutput()
        out.append(.text("Upsell acceptance by price step — \(s.description)\(category.map { ", category '\($0)'" } ?? "")"))
        if !r.pairs.isEmpty {
            var t = ResultTable(title: "Observed trade-ups (menu choice between family members)", columns: [
                ResultColumn("base"), ResultColumn("upgrade"), ResultColumn("base price", .money), ResultColumn("upgrade price", .money),
                ResultColumn("step", .percent(0)), ResultColumn("base units", .integer), ResultColumn("upgrade units", .integer), ResultColumn("trade-up share", .percent(1))])
            for p in r.pairs.prefix(30) {
                t.append([.text(name(p.base)), .text(name(p.upgrade)), .double(p.basePrice), .double(p.upgradePrice), .double(p.step),
                          .double(p.baseUnits), .double(p.upgradeUnits), .double(p.tradeUpShare)])
            }
            out.append(.table(t))
        }
        var source: String
        if let fit = r.fit {
            source = "fitted to \(fit.pairs.count) pairs: s50 \(String(format: "%.3f", fit.s50)), κ \(String(format: "%.2f", fit.kappa)) (s.e. \(String(format: "%.2f", fit.kappaSE))) — a menu curve (A = 1)"
        } else if let raw = r.rawFit {
            source = "DEFAULTS s50 0.30, κ 3 — the \(r.pairs.count) pairs show no usable price slope (fitted κ \(String(format: "%.2f", raw.kappa)), s.e. \(String(format: "%.2f", raw.kappaSE))): trade-up shares do not fall with the step, quality gaps dominate price — an assumption, not an estimate"
        } else {
            source = "DEFAULTS s50 0.30, κ 3 (\(r.pairs.count) usable pair\(r.pairs.count == 1 ? "" : "s") with fewer than two distinct steps) — an assumption, not an estimate"
        }
        if s50 != nil || kappa != nil { source += "; overridden: s50 \(NumberFormat.plain(curve.s50)), κ \(NumberFormat.plain(curve.kappa))" }
        let costNote = r.costRatioFromData
            ? "unit costs from the data (cost ≈ \(NumberFormat.percent(r.costRatio)) of price where not known per product)"
            : "unit costs missing: margin \(NumberFormat.percent(1 - r.costRatio, decimals: 0)) assumed (margin=; load costs with a unit-cost column)"
        var t = ResultTable(title: "Offer acceptance (A = \(PricingFormat.percent(attention, decimals: 0))) per 1,000 base sales, base price \(r.pair.map { money($0.basePrice) } ?? "$100 (illustrative)")", columns: [
            ResultColumn("step", .percent(1)), ResultColumn("acceptance", .percent(1)), ResultColumn("extra revenue", .money), ResultColumn("extra margin", .money)])
        for st in r.steps { t.append([.double(st.step), .double(st.acceptance), .double(st.revenue), .double(st.margin)]) }
        out.append(.values(title: "Result", resultItems(r, name: name, money: money)))
        out.append(.table(t))
        out.append(.note("assumption — curve " + source))
        out.append(.note("assumption — attention A \(PricingFormat.percent(attention, decimals: 0))" + (scope.given(Self.attention.spec.name) ? " (attention=)" : " (default: the data mark accepted upsell lines, not offers shown)")))
        out.append(.note("assumption — " + costNote))
        out.append(.note("caveat — larger steps come with larger quality gaps (confounding); menu shares are not offer acceptance; an offer can cause abandonment of the base purchase (not modelled)"))
        for blk in PricingFormat.abBlock([.proportions(metric: "acceptance at \(PricingFormat.percent(r.bandStep)) vs \(PricingFormat.percent(r.comparisonStep))", unit: "offers",
                                                       control: curve.acceptance(r.comparisonStep), variant: curve.acceptance(r.bandStep), daily: r.dailyOffers)], session,
                                         note: r.pair == nil ? "offers/day = orders in scope per day" : "offers/day = orders with the base product per day") { out.append(blk) }
        return out
    }

    /// The "Result" values: the pair's outcome, the optimal steps, the folk-rule check and the band.
    private func resultItems(_ r: UpsellStepAnalysis.Result, name: (Int) -> String, money: (Double) -> String) -> [(name: String, value: Value, format: ValueFormat)] {
        var items: [(name: String, value: Value, format: ValueFormat)] = []
        if let pair = r.pair {
            items += [
                ("base → upgrade", .text("\(name(pair.base)) \(money(pair.basePrice)) → \(name(pair.upgrade)) \(money(pair.upgradePrice))"), .text),
                ("price step", .double(pair.outcome.step), .percent(1)),
                ("offer acceptance", .double(pair.outcome.acceptance), .percent(1)),
                ("extra revenue per 1,000 base sales", .double(pair.outcome.revenue), .money),
                ("extra margin per 1,000 base sales", .double(pair.outcome.margin), .money),
            ]
            if let share = pair.observedTradeUpShare {
                items.append(("observed menu trade-up share for this pair", .double(share), .percent(1)))
            }
        }
        let star = r.curve.revenueMaximisingStep
        if let star { items.append(("revenue-maximising step s*", .double(star), .percent(1))) } else {
            items.append(("revenue-maximising step", .text("none (κ ≤ 1: revenue keeps rising with the step)"), .text))
        }
        items.append(("margin-maximising step (grid)", .double(r.marginMaximisingStep), .percent(1)))
        items.append(("folk 20–40% rule (a check, not an input)", .text(star.map { ($0 >= 0.2 && $0 <= 0.4) ? "s* inside it" : "s* outside it" } ?? "n/a"), .text))
        items.append(("acceptance at \(PricingFormat.percent(r.bandStep)): band (κ \(String(format: "%.2f", r.bandKappa.lower))–\(String(format: "%.2f", r.bandKappa.upper)), A ×0.5–1.5)",
                      .interval(r.bandAcceptance.lower, r.bandAcceptance.upper), .percent(1)))
        return items
    }
}
