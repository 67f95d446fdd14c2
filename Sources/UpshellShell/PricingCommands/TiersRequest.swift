import Foundation
import UpshellAnalytics
import UpshellCore
import UpshellData

/// The parsed options of a tiers what-if, shared by `tiers P1 P2 …` and `sweep tiers`.
struct TiersRequest {
    static let quality = TypedOption.list("quality", "worth of each tier: amounts (29,95,199) or changes vs price (0,+20%,0); default: priced at par")
    static let names = TypedOption.list("names", "tier names (default: Tier 1, Tier 2, … or Good/Better/Best)")
    static let cost = TypedOption.list("cost", "unit cost of each tier (default: the category's cost ratio, else margin=)")
    static let badge = TypedOption.text("badge", "'most popular' badge on a tier: middle, top, bottom, none or a tier number")
    static let category = TypedOption.text("category", "fit the ideal-spend distribution (m, sigma) to this category's units sold")
    static let m = TypedOption.money("m", "median ideal spend (default: fitted, else the units-weighted geometric mean price)").checked { m, _ in
        m > 0 ? nil : OptionProblem("option 'm' must be positive")
    }
    static let sigma = TypedOption.number("sigma", in: 0.01...5, "log-sd of ideal spend (default: fitted, else 0.8)")
    static let alpha = TypedOption.number("alpha", default: "2", in: 0.01...50, "preference precision")
    static let b0 = TypedOption.share("b0", default: "10%", in: 0.0001...0.9999, "stand-alone purchase probability at ideal spend and par value")
    static let delta = TypedOption.number("delta", default: "0.5", in: 0...10, "compromise (extremeness) penalty; 0 = none, 1.0986 = folk 20/60/20")
    static let decoy = TypedOption.number("decoy", default: "0", in: 0...10, "bonus per tier a tier dominates (asymmetric dominance)")

    static let options: [OptionSpec] = [quality.spec, names.spec, cost.spec, badge.spec, category.spec, m.spec, sigma.spec,
                                        alpha.spec, b0.spec, delta.spec, decoy.spec]

    let scope: PricingScope
    /// The tier prices, in increasing order, and the note saying they were sorted.
    let prices: [Double]
    let sortNote: String?
    /// `quality=`, `names=` and `cost=` in the order of ``prices``: each item stays with the price it was
    /// written next to when the prices are sorted.
    let quality: [String]?
    let names: [String]?
    let costs: [String]?
    let badge: String?
    let category: String?
    let medianSpend: Double?
    let sigma: Double?
    let alpha: Double
    let b0: Double
    let delta: Double
    let decoy: Double

    /// Reads the prices (positionals from `first` on) and the tier options of `head`, in today's order.
    init(_ head: Arguments, scope: PricingScope, pricesFrom first: Int) throws {
        self.scope = scope
        let given = try Self.prices(Array(head.positionals.dropFirst(first)), head)
        (prices, sortNote) = (given.prices, given.note)
        // items keep their price: item k of a list belongs to the k-th price as written
        let order = given.order
        let follow = { (items: [String]?) in items.map { list in list.count == order.count ? order.map { list[$0] } : list } }
        quality = follow(try head.value(Self.quality))
        names = follow(try head.value(Self.names))
        costs = follow(try head.value(Self.cost))
        badge = try head.value(Self.badge)
        category = try head.value(Self.category)
        medianSpend = try head.value(Self.m)
        sigma = try head.value(Self.sigma)
        alpha = try head.value(Self.alpha)
        b0 = try head.value(Self.b0)
        delta = try head.value(Self.delta)
        decoy = try head.value(Self.decoy)
    }

    struct Prepared {
        var tiers: [Tier]
        var parameters: TierModelParameters
        var assumptions: [String]
        var notes: [OutputBlock]
        var dailyOrders: Double
        var description: String
        /// (m, σ) corners of the likelihood box, when fitted.
        var fitBox: [(Double, Double)]
    }

    /// Parses the prices, sorting them (with a note) when out of order; `order[k]` is the position, as
    /// written, of the k-th price in increasing order.
    static func prices(_ tokens: [Token], _ a: Arguments) throws -> (prices: [Double], note: String?, order: [Int]) {
        var prices: [Double] = []
        for t in tokens {
            for item in t.listItems {
                guard let p = ValueParser.money(item), p > 0, p.isFinite else {
                    throw a.error("'\(item)' is not a price: tiers need positive amounts", at: t, hint: "example: tiers 29 79 199")
                }
                prices.append(p)
            }
        }
        guard prices.count >= 2 else {
            throw a.error("'tiers' needs at least two prices", at: tokens.first, hint: "example: tiers 29 79 199")
        }
        guard Set(prices).count == prices.count else {
            throw a.error("two tiers have the same price: merge look-alike tiers", at: tokens.first)
        }
        let order = prices.indices.sorted { prices[$0] < prices[$1] }
        if prices != prices.sorted() {
            return (order.map { prices[$0] }, "tiers were not in increasing price order: sorted to \(prices.sorted().map { NumberFormat.plain($0) }.joined(separator: " / ")) (quality=, cost= and names= stay with the price they were written next to)", order)
        }
        return (prices, nil, order)
    }

    /// Builds the tiers and the model parameters: the data's calibration (`TierCalibration`) and the options.
    func prepare(_ session: Session, _ resolved: ResolvedOrderScope) throws -> Prepared {
        let places = scope.places
        let money = { PricingFormat.money($0, session) }
        var assumptions: [String] = []
        var notes: [OutputBlock] = []
        if let s = sortNote { notes.append(.note(s)) }
        let n = prices.count
        // data: the store (or category) for m, sigma, cost ratio and daily volume
        let s = resolved
        var p = TierModelParameters()
        let margin = scope.margin
        let category = try self.category.map { try Self.category($0, in: s.model, description: s.description) }
        let calibration = TierCalibration.calibrate(s.model, orders: s.orders, category: category)
        if let match = category, let count = calibration.categoryProducts { assumptions.append("category '\(match)': \(count) products") }
        let costRatio = calibration.costRatio ?? 1 - margin
        let costSource = calibration.costRatio.map { "unit costs of \(category == nil ? "the store" : "the category"): cost = \(NumberFormat.percent($0)) of price" }
            ?? "margin=\(NumberFormat.percent(margin, decimals: 0)) assumed (no unit costs; load them with a unit-cost column or 'join products FILE')"
        let spend = calibration.idealSpend(median: medianSpend, sigma: sigma, defaults: p)
        p.medianSpend = spend.medianSpend
        p.sigma = spend.sigma
        assumptions += Self.idealSpendAssumptions(spend, calibration, money: money)
        p.alpha = alpha
        p.b0 = b0
        p.delta = delta
        p.decoyBonus = decoy
        assumptions.append("preference precision alpha \(NumberFormat.plain(p.alpha))\(scope.given(Self.alpha.spec.name) ? "" : " (default; identified only by price changes)"); stand-alone purchase probability b0 \(NumberFormat.percent(p.b0)) — order data have no sessions, so conversion levels rest on b0; ratios between menus are what the model says")
        assumptions.append("compromise penalty delta \(NumberFormat.plain(p.delta))\(scope.given(Self.delta.spec.name) ? "" : " (default: a third of Simonson's forced-choice effect; weaker with a no-purchase option, Dhar & Simonson 2003)"); decoy bonus \(NumberFormat.plain(p.decoyBonus)), dominated-tier penalty 2")
        // names, values, costs
        let names = self.names ?? (n == 3 ? ["Good", "Better", "Best"] : (1...n).map { "Tier \($0)" })
        guard names.count == n else { throw places.error("names= has \(names.count) names for \(n) tiers", option: "names") }
        var values = prices
        if let q = quality {
            guard q.count == n else { throw places.error("quality= has \(q.count) values for \(n) tiers", option: "quality") }
            for (j, item) in q.enumerated() {
                if item.hasSuffix("%"), let r = ValueParser.share(item.hasPrefix("+") ? String(item.dropFirst()) : item) {
                    values[j] = prices[j] * (1 + r)
                } else if let zero = Double(item), zero == 0 {
                    values[j] = prices[j]  // 0: no change vs price (quality=0,+20%,0)
                } else if let v = ValueParser.money(item), v > 0 {
                    values[j] = v
                } else {
                    throw places.error("quality= item '\(item)': expected an amount (95), a change vs price (+20%) or 0 (worth its price)", option: "quality")
                }
            }
            assumptions.append("tier worth (quality=): " + zip(names, values).map { "\($0) \(money($1))" }.joined(separator: ", "))
        } else {
            assumptions.append("every tier priced at par (worth = price); set quality= when one is better value")
        }
        var costs = prices.map { $0 * costRatio }
        if let c = self.costs {
            guard c.count == n else { throw places.error("cost= has \(c.count) values for \(n) tiers", option: "cost") }
            costs = try c.map { item in
                guard let v = ValueParser.money(item), v >= 0 else { throw places.error("cost= item '\(item)' is not an amount", option: "cost") }
                return v
            }
            assumptions.append("unit costs (cost=): " + costs.map(money).joined(separator: " / "))
        } else {
            assumptions.append("unit costs: " + costSource)
        }
        if let b = badge?.lowercased(), b != "none" {
            switch b {
            case "middle": p.badge = n / 2 - (n % 2 == 0 ? 1 : 0)
            case "top": p.badge = n - 1
            case "bottom": p.badge = 0
            default:
                guard let k = Int(b), k >= 1, k <= n else { throw places.error("badge= got '\(b)': expected middle, top, bottom, none or 1…\(n)", option: "badge") }
                p.badge = k - 1
            }
            assumptions.append("'most popular' badge on \(names[p.badge!]): +15% choice weight (Cai, Chen & Fang 2009: +13–20% for true popularity information)")
        }
        let tiers = (0..<n).map { Tier(name: names[$0], price: prices[$0], value: values[$0], cost: costs[$0]) }
        assumptions.append("data: \(s.description)\(category == nil ? "" : ", category items"), \(PricingFormat.count(calibration.dailyOrders, decimals: 1)) orders/day")
        return Prepared(tiers: tiers, parameters: p, assumptions: assumptions, notes: notes, dailyOrders: calibration.dailyOrders,
                        description: s.description, fitBox: spend.fitBox.map { ($0.medianSpend, $0.sigma) })
    }

    /// The data's spelling of category `name`, or the shell's message naming the categories there are.
    static func category(_ name: String, in model: OrderModel, description: String) throws -> String {
        do {
            return try ProductCategories.match(name, in: model)
        } catch PricingError.unknownCategory(_, let cats) {
            throw SessionError("no category '\(name)' in \(description)",
                               hint: Suggestions.didYouMean(name, in: cats) ?? (cats.isEmpty ? "the data has no category column: join a products table" : "categories: " + cats.joined(separator: ", ")))
        }
    }

    /// The assumption lines saying where `m` and `σ` came from.
    static func idealSpendAssumptions(_ spend: TierCalibration.IdealSpend, _ calibration: TierCalibration, money: (Double) -> String) -> [String] {
        var lines: [String] = []
        switch spend.medianSource {
        case .given:
            lines.append("median ideal spend m \(money(spend.medianSpend)) (m=)")
        case .fitted:
            let fit = calibration.fit!
            lines.append("median ideal spend m \(money(fit.medianSpend)) fitted by maximum likelihood to \(PricingFormat.count(fit.units)) units at \(fit.pricePoints) price points (95% profile range \(money(fit.medianRange.lower)) … \(money(fit.medianRange.upper)))")
        case .geometricMean:
            lines.append("median ideal spend m \(money(spend.medianSpend)): units-weighted geometric mean price of \(calibration.categoryProducts == nil ? "all items" : "the category") (fallback; category= fits it)")
        case .modelDefault:
            lines.append("median ideal spend m \(money(spend.medianSpend)): default (no prices to learn from)")
        }
        switch spend.sigmaSource {
        case .given:
            lines.append("ideal-spend dispersion sigma \(spend.sigma) (sigma=)")
        case .fitted:
            let fit = calibration.fit!
            lines.append("ideal-spend dispersion sigma \(String(format: "%.2f", fit.sigma)) fitted (95% profile range \(String(format: "%.2f", fit.sigmaRange.lower)) … \(String(format: "%.2f", fit.sigmaRange.upper)))")
        case .geometricMean, .modelDefault:
            lines.append("ideal-spend dispersion sigma 0.8: default (band 0.5–1.1)")
        }
        return lines
    }

    /// The parameter band of docs/MODELS.md §2.3 (δ ∈ {0, 0.5, ln 3}, σ ± 0.3, α ∈ {1, 4}): min–max of RPV and GM
    /// per visitor over those corners together with the point's own values (δ, σ, α), so that the band always
    /// holds the point estimate — RPV is not monotone in α or σ and can peak between the corners. `widened` says
    /// the corners alone missed the point. When fitted, also RPV over the likelihood box of (m, σ), point included.
    /// Checks for Ctrl-C before each evaluation (O(tiers²) each).
    static func bands(_ tiers: [Tier], _ p: TierModelParameters, box: [(Double, Double)]) throws -> TierBands {
        var rpv: [Double] = [], gm: [Double] = []
        let point = TierChoiceModel.evaluate(tiers, p)
        var cornersRPV: [Double] = []
        for d in Set([0, 0.5, log(3.0), p.delta]).sorted() {
            for s in Set([max(0.05, p.sigma - 0.3), p.sigma, p.sigma + 0.3]).sorted() {
                for al in Set([1.0, p.alpha, 4.0]).sorted() {
                    try Cancellation.check()
                    var q = p; q.delta = d; q.sigma = s; q.alpha = al
                    let r = TierChoiceModel.evaluate(tiers, q)
                    rpv.append(r.revenuePerVisitor); gm.append(r.marginPerVisitor)
                    let isCorner = [0, 0.5, log(3.0)].contains(d) && s != p.sigma && (al == 1 || al == 4)
                    if isCorner { cornersRPV.append(r.revenuePerVisitor) }
                }
            }
        }
        rpv.append(point.revenuePerVisitor); gm.append(point.marginPerVisitor)
        let widened = !cornersRPV.isEmpty && (point.revenuePerVisitor < cornersRPV.min()! - 1e-12 || point.revenuePerVisitor > cornersRPV.max()! + 1e-12)
        var fit: (Double, Double)? = nil
        if !box.isEmpty {
            let v = try box.map { (m, s) -> Double in
                try Cancellation.check()
                var q = p; q.medianSpend = m; q.sigma = s; return TierChoiceModel.evaluate(tiers, q).revenuePerVisitor
            }
                + [point.revenuePerVisitor]
            fit = (v.min()!, v.max()!)
        }
        return TierBands(rpv: (rpv.min()!, rpv.max()!), gm: (gm.min()!, gm.max()!), fit: fit,
                         corners: cornersRPV.isEmpty ? nil : (cornersRPV.min()!, cornersRPV.max()!), widened: widened)
    }

    /// The note when the band's corners alone missed the point estimate (the band then holds it).
    static func widenedNote(_ band: TierBands, point: Double, money: (Double) -> String) -> OutputBlock? {
        guard band.widened, let c = band.corners else { return nil }
        return .note("the parameter band's corners alone give RPV \(money(c.0)) … \(money(c.1)), which misses the point estimate \(money(point)): the point's parameters lie outside the grid, or RPV peaks between the corners; the band also evaluates the point's own delta, sigma and alpha and holds the point")
    }

    /// The badge test (ab_hooks.out): the badged tier's share of buyers without vs with the badge, sized in
    /// buyers and converted to visitors at the menu's conversion.
    static func badgeHook(withoutBadge o: TierOutcome, withBadge r: TierOutcome, tier b: Int, name: String, dailyOrders: Double) -> (PricingABHook, Int?) {
        let hook = PricingABHook.proportions(metric: "\(name) share of buyers (badge)", unit: "buyers", control: o.mix[b], variant: r.mix[b], daily: dailyOrders)
        let visitors = hook.perVariant.flatMap { ExperimentUnits.visitorsNeeded(orders: $0, conversion: r.conversion) }
        return (hook, visitors)
    }

    /// The A/B hooks comparing a reference menu with the proposal: conversion (visitors) and RPV.
    static func abHooks(reference r: TierOutcome, refTiers: [Tier], proposal q: TierOutcome, tiers: [Tier], dailyOrders: Double) -> [PricingABHook] {
        let dailyVisitors = q.conversion > 0 ? dailyOrders / q.conversion : 0
        func sd(_ o: TierOutcome, _ t: [Tier]) -> Double {
            let m2 = zip(o.shares, t).reduce(0) { $0 + $1.0 * $1.1.price * $1.1.price }
            return max(0, m2 - o.revenuePerVisitor * o.revenuePerVisitor).squareRoot()
        }
        return [
            .proportions(metric: "conversion", unit: "visitors", control: r.conversion, variant: q.conversion, daily: dailyVisitors),
            .means(metric: "revenue per visitor", unit: "visitors", control: r.revenuePerVisitor, variant: q.revenuePerVisitor,
                   sd: sd(r, refTiers), variantSD: sd(q, tiers), daily: dailyVisitors),
        ]
    }
}

/// The tiers parameter band (docs/MODELS.md §2.3), always holding the point estimate.
struct TierBands {
    /// Min–max of RPV and of GM per visitor over the grid and the point.
    var rpv: (Double, Double)
    var gm: (Double, Double)
    /// RPV over the fit's likelihood box of (m, σ) and the point, when fitted.
    var fit: (Double, Double)?
    /// RPV over the 12 corners alone.
    var corners: (Double, Double)?
    /// The corners alone did not hold the point estimate.
    var widened: Bool
}
