import Foundation
import UpshellAnalytics
import UpshellCore
import UpshellData

/// `upsell-step "BASE" "UPGRADE"` or `upsell-step category=NAME`: acceptance by price step.
public struct UpsellStepCommand: ShellCommand {
    public static let spec = CommandSpec(
        name: "upsell-step", group: .pricing,
        abstract: "upsell what-if: acceptance of an upgrade by its price step, calibrated from observed trade-ups",
        synopsis: ["upsell-step \"BASE\" \"UPGRADE\" [attention=SHARE] [category=NAME] [where EXPRESSION]",
                   "upsell-step category=NAME [attention=SHARE]"],
        discussion: """
            Model (MODELS.md §4): acceptance P(s) = A / (1 + (s/s50)^κ) for a step s = p1/p0 − 1 (log-logistic willingness \
            to pay for the step, attention ceiling A). Revenue-maximising step s* = s50·(κ − 1)^(−1/κ); the margin-maximising \
            step on a grid. Calibration: pairs of products in the same category whose names share a stem of two or more \
            words (the next dearer family member, price ratio 1.05–3, both ≥ 30 units): trade-up share t = n_up/(n_base + n_up) \
            fitted by a binomial GLM logit t = a − κ·ln s (s50 = exp(a/κ)). That is a menu choice (A = 1); offers shown after \
            the base choice get A = 20% unless attention= says otherwise (order data mark accepted offers, not offers shown). \
            Without two distinct steps the defaults s50 0.30, κ 3 are used. Caveat: larger steps come with larger quality \
            gaps, so cross-pair slopes understate the causal decline; the 20–40% rule is practitioner lore, printed as a check.
            """,
        positionals: [PositionalSpec("base", .product, optional: true, "the base product"), PositionalSpec("upgrade", .product, optional: true, "the upgrade")],
        options: [OptionSpec("attention", .share, default: "20%", "share of customers who consider an offer (A)"),
                  OptionSpec("category", .text, "calibrate on this category's pairs (default: all pairs in scope)"),
                  OptionSpec("s50", .number, "override the fitted s50"), OptionSpec("kappa", .number, "override the fitted κ"),
                  OptionSpec("min-units", .integer, default: "30", "units each product of a pair needs")] + PricingScope.options,
        examples: ["upsell-step \"Burr coffee grinder Essential\" \"Burr coffee grinder Plus\"", "upsell-step category=Audio",
                   "upsell-step \"Daypack 18L\" \"Daypack 24L\" attention=10%"],
        freeTextFrom: 0)

    let scope: PricingScope

    public init(arguments raw: Arguments) throws {
        scope = try PricingScope(raw, spec: Self.spec)
        let a = scope.arguments
        try a.expectPositionals(atMost: 2)
        if a.positionals.count == 1 { throw a.error("'upsell-step' needs both the base and the upgrade", at: a.positionals[0], hint: "example: upsell-step \"Daypack 18L\" \"Daypack 24L\"") }
        if a.positionals.isEmpty && !a.has("category") { throw a.error("'upsell-step' needs a base and an upgrade, or category=NAME", at: nil, hint: "example: upsell-step category=Audio") }
    }

    public func run(in session: Session) throws -> CommandOutput {
        let a = scope.arguments
        let s = try scope.scope(session)
        let model = s.model
        let money = { PricingFormat.money($0, session) }
        var category = a.text("category")
        if let c = category {
            let cats = Set(model.products.category.filter { !$0.isEmpty })
            guard let match = cats.first(where: { $0.lowercased() == c.lowercased() }) else {
                throw SessionError("no category '\(c)' in \(s.description)", hint: Suggestions.didYouMean(c, in: Array(cats)) ?? "categories: " + cats.sorted().joined(separator: ", "))
            }
            category = match
        }
        var pair: (Int, Int)? = nil
        if a.positionals.count == 2 {
            let b = try ProductLookup.find(a.positionals[0].text, in: model, token: a.positionals[0], a)
            let u = try ProductLookup.find(a.positionals[1].text, in: model, token: a.positionals[1], a)
            guard b != u else { throw a.error("the base and the upgrade are the same product", at: a.positionals[1]) }
            pair = (b, u)
        }
        let pairs = UpsellCalibration.pairs(model, orders: s.orders, category: category, minimumUnits: Double(try a.integer("min-units") ?? 30))
        let rawFit = UpsellCalibration.fit(pairs)
        let usable = rawFit.map { $0.kappa > 0.2 && $0.s50.isFinite && $0.s50 < 20 } ?? false
        let fit = usable ? rawFit : nil
        let attention = try a.share("attention", in: 0.0001...1) ?? 0.20
        var curve = UpsellCurve(s50: fit?.s50 ?? 0.30, kappa: fit?.kappa ?? 3, attention: attention)
        if let v = try a.number("s50", in: 0.001...100) { curve.s50 = v }
        if let v = try a.number("kappa", in: 0.01...100) { curve.kappa = v }
        var out = CommandOutput()
        let name = { (p: Int) in model.products.name[p].isEmpty ? model.products.key[p] : model.products.name[p] }
        out.append(.text("Upsell acceptance by price step — \(s.description)\(category.map { ", category '\($0)'" } ?? "")"))
        if !pairs.isEmpty {
            var t = ResultTable(title: "Observed trade-ups (menu choice between family members)", columns: [
                ResultColumn("base"), ResultColumn("upgrade"), ResultColumn("base price", .money), ResultColumn("upgrade price", .money),
                ResultColumn("step", .percent(0)), ResultColumn("base units", .integer), ResultColumn("upgrade units", .integer), ResultColumn("trade-up share", .percent(1))])
            for p in pairs.prefix(30) {
                t.append([.text(name(p.base)), .text(name(p.upgrade)), .double(p.basePrice), .double(p.upgradePrice), .double(p.step),
                          .double(p.baseUnits), .double(p.upgradeUnits), .double(p.tradeUpShare)])
            }
            out.append(.table(t))
        }
        var source: String
        if let fit {
            source = "fitted to \(fit.pairs.count) pairs: s50 \(String(format: "%.3f", fit.s50)), κ \(String(format: "%.2f", fit.kappa)) (s.e. \(String(format: "%.2f", fit.kappaSE))) — a menu curve (A = 1)"
        } else if let raw = rawFit {
            source = "DEFAULTS s50 0.30, κ 3 — the \(pairs.count) pairs show no usable price slope (fitted κ \(String(format: "%.2f", raw.kappa)), s.e. \(String(format: "%.2f", raw.kappaSE))): trade-up shares do not fall with the step, quality gaps dominate price — an assumption, not an estimate"
        } else {
            source = "DEFAULTS s50 0.30, κ 3 (\(pairs.count) usable pair\(pairs.count == 1 ? "" : "s") with fewer than two distinct steps) — an assumption, not an estimate"
        }
        if a.has("s50") || a.has("kappa") { source += "; overridden: s50 \(NumberFormat.plain(curve.s50)), κ \(NumberFormat.plain(curve.kappa))" }
        var costRatio = 1 - (try a.share("margin", in: 0...1) ?? 0.40)
        var costNote = "unit costs missing: margin \(NumberFormat.percent(1 - costRatio, decimals: 0)) assumed (margin=; load costs with a unit-cost column)"
        var sum = (0.0, 0.0)
        for q in 0..<model.products.count where model.products.cost[q].isFinite && model.products.meanPrice[q].isFinite && (category == nil || model.products.category[q] == category) {
            sum.0 += model.products.cost[q]; sum.1 += model.products.meanPrice[q]
        }
        if sum.1 > 0 { costRatio = sum.0 / sum.1; costNote = "unit costs from the data (cost ≈ \(NumberFormat.percent(costRatio)) of price where not known per product)" }
        // the step table
        var steps: [Double] = [0.10, 0.20, 0.30, 0.40, 0.60, 1.0]
        if let star = curve.revenueMaximisingStep { steps.append(star) }
        var t = ResultTable(title: "Offer acceptance (A = \(PricingFormat.percent(attention, decimals: 0))) per 1,000 base sales, base price \(pair.map { money(price(model, $0.0)) } ?? "$100 (illustrative)")", columns: [
            ResultColumn("step", .percent(1)), ResultColumn("acceptance", .percent(1)), ResultColumn("extra revenue", .money), ResultColumn("extra margin", .money)])
        let p0 = pair.map { price(model, $0.0) } ?? 100
        let c0 = pair.map { cost(model, $0.0, ratio: costRatio) } ?? p0 * costRatio
        for st in steps.sorted() {
            let r = curve.perThousand(p0: p0, p1: p0 * (1 + st), c0: c0, c1: p0 * (1 + st) * costRatio)
            t.append([.double(st), .double(r.acceptance), .double(r.revenue), .double(r.margin)])
        }
        var items: [(name: String, value: Value, format: ValueFormat)] = []
        var proposedStep: Double? = nil
        if let (b, u) = pair {
            let p1 = price(model, u), c1 = cost(model, u, ratio: costRatio)
            let st = p1 / p0 - 1
            proposedStep = st
            if st <= 0 {
                throw a.error("'\(name(u))' (\(money(p1))) is not dearer than '\(name(b))' (\(money(p0))): a trade-down is outside the model", at: a.positionals[1],
                              hint: "give the cheaper product first: upsell-step \"\(name(u))\" \"\(name(b))\"")
            }
            let r = curve.perThousand(p0: p0, p1: p1, c0: c0, c1: c1)
            items += [
                ("base → upgrade", .text("\(name(b)) \(money(p0)) → \(name(u)) \(money(p1))"), .text),
                ("price step", .double(st), .percent(1)),
                ("offer acceptance", .double(r.acceptance), .percent(1)),
                ("extra revenue per 1,000 base sales", .double(r.revenue), .money),
                ("extra margin per 1,000 base sales", .double(r.margin), .money),
            ]
            if let obs = pairs.first(where: { $0.base == b && $0.upgrade == u }) {
                items.append(("observed menu trade-up share for this pair", .double(obs.tradeUpShare), .percent(1)))
            }
        }
        if let star = curve.revenueMaximisingStep { items.append(("revenue-maximising step s*", .double(star), .percent(1))) } else {
            items.append(("revenue-maximising step", .text("none (κ ≤ 1: revenue keeps rising with the step)"), .text))
        }
        let marginStep = curve.marginMaximisingStep(p0: p0, c0: c0, upgradeCostRatio: costRatio)
        items.append(("margin-maximising step (grid)", .double(marginStep), .percent(1)))
        items.append(("folk 20–40% rule (a check, not an input)", .text(curve.revenueMaximisingStep.map { ($0 >= 0.2 && $0 <= 0.4) ? "s* inside it" : "s* outside it" } ?? "n/a"), .text))
        // band
        let kLo = fit.map { max(0.1, $0.kappa - 1.96 * $0.kappaSE) } ?? 2, kHi = fit.map { $0.kappa + 1.96 * $0.kappaSE } ?? 4
        let at = proposedStep ?? (curve.revenueMaximisingStep ?? 0.2)
        var accs: [Double] = []
        for k in [kLo, kHi] { for a2 in [attention * 0.5, attention * 1.5] { accs.append(UpsellCurve(s50: curve.s50, kappa: k, attention: min(1, a2)).acceptance(at)) } }
        items.append(("acceptance at \(PricingFormat.percent(at)): band (κ \(String(format: "%.2f", kLo))–\(String(format: "%.2f", kHi)), A ×0.5–1.5)", .interval(accs.min()!, accs.max()!), .percent(1)))
        out.append(.values(title: "Result", items))
        out.append(.table(t))
        out.append(.note("assumption — curve " + source))
        out.append(.note("assumption — attention A \(PricingFormat.percent(attention, decimals: 0))" + (a.has("attention") ? " (attention=)" : " (default: the data mark accepted upsell lines, not offers shown)")))
        out.append(.note("assumption — " + costNote))
        out.append(.note("caveat — larger steps come with larger quality gaps (confounding); menu shares are not offer acceptance; an offer can cause abandonment of the base purchase (not modelled)"))
        // A/B: the proposed step vs the revenue-maximising one (or 20 % vs 30 %)
        let other = curve.revenueMaximisingStep.flatMap { abs($0 - at) > 0.02 ? $0 : nil } ?? (abs(at - 0.2) > 0.02 ? 0.2 : 0.3)
        var daily = 1.0
        if let (b, _) = pair {
            var n = 0.0
            let o = model.orders
            for id in s.orders ?? Array(0..<Int32(o.count)) where o.basket(Int(id)).contains(Int32(b)) { n += 1 }
            let days = max(1, Double((model.dateRange?.upperBound ?? 0) - (model.dateRange?.lowerBound ?? 0)) / 86_400)
            daily = n / days
        } else {
            let days = max(1, Double((model.dateRange?.upperBound ?? 0) - (model.dateRange?.lowerBound ?? 0)) / 86_400)
            daily = Double(s.orders?.count ?? model.orders.count) / days
        }
        for blk in PricingFormat.abBlock([.proportions(metric: "acceptance at \(PricingFormat.percent(at)) vs \(PricingFormat.percent(other))", unit: "offers",
                                                       control: curve.acceptance(other), variant: curve.acceptance(at), daily: daily)], session,
                                         note: pair == nil ? "offers/day = orders in scope per day" : "offers/day = orders with the base product per day") { out.append(blk) }
        return out
    }

    func price(_ m: OrderModel, _ p: Int) -> Double { m.products.meanPrice[p] }
    func cost(_ m: OrderModel, _ p: Int, ratio: Double) -> Double { m.products.cost[p].isFinite ? m.products.cost[p] : m.products.meanPrice[p] * ratio }
}
