import Foundation
import UpshellAnalytics
import UpshellCore
import UpshellData

/// `tiers P1 P2 P3 … [quality=] [badge=] [category=]`: good-better-best simulation.
struct TiersCommand: ScopedCommand {
    public static let spec = CommandSpec(
        name: "tiers", group: .pricing,
        abstract: "good-better-best what-if: shares, conversion, revenue and margin per visitor, against the two-tier ladders",
        synopsis: ["tiers P1 P2 [P3 …] [quality=LIST] [cost=LIST] [names=LIST] [badge=middle|top|bottom|N] [category=NAME] [m=] [sigma=] [alpha=] [b0=] [delta=] [where EXPRESSION]"],
        discussion: """
            Model (docs/MODELS.md §2; Kivetz, Netzer & Srinivasan 2004): customers' ideal spend is log-normal (median m, log-sd \
            sigma); a tier's utility is alpha·(ln worth/price + h(ln price/ideal)), h(x) = x − eˣ + 1. Stage 1: buy or not \
            on the menu's inclusive value (b0 = stand-alone purchase probability). Stage 2: which tier, with a compromise \
            term (extreme tiers lose 2·delta·(loss − min loss), losses measured from the midpoint of the displayed price and \
            quality ranges), a decoy term and a 'most popular' badge (+15%). Shares by 64-node Gauss–Hermite quadrature; \
            the model reproduces the reference table of docs/MODELS.md §2.4 to 6 decimals.
            With category=, m and sigma are fitted by maximum likelihood to the category's units sold at each price point \
            (buyers only: where ideal spends lie, not how many buy). Conversion levels rest on b0 (no sessions in order \
            data); compare menus by their ratios. Output: per-tier shares and buyer mix, conversion, RPV, AOV and margin \
            per visitor (and per 1,000 visitors), every ladder with one tier dropped, the badge effect, the parameter band \
            (delta 0 / 0.5 / ln 3, sigma ± 0.3, alpha 1 / 4) and the A/B size against the ladder without the top tier. \
            Any number of tiers ≥ 2 works; tiers out of price order are sorted (and said so).
            """,
        positionals: [PositionalSpec("prices", .money, repeats: true, "tier prices, lowest first")],
        options: TiersRequest.options + PricingScope.options,
        examples: ["tiers 29 79 199", "tiers 29 79 199 badge=middle", "tiers 39 69 129 category=\"Coffee & Tea\" quality=0%,+20%,0%",
                   "tiers 59 129 249 category=Audio cost=24,52,100"],
        freeTextFrom: 0)

    let request: TiersRequest

    public init(arguments raw: Arguments) throws {
        let (head, clause) = try PricingScope.split(raw, spec: Self.spec)
        request = try TiersRequest(head, scope: PricingScope(head, clause: clause), pricesFrom: 0)
    }

    var orderScope: OrderScope { request.scope.orderScope }

    func run(in session: Session, on resolved: ResolvedOrderScope) throws -> CommandOutput {
        try Self.report(try request.prepare(session, resolved), session)
    }

    static func report(_ p: TiersRequest.Prepared, _ session: Session) throws -> CommandOutput {
        let money = { PricingFormat.money($0, session) }
        let tiers = p.tiers
        let r = TierChoiceModel.evaluate(tiers, p.parameters)
        var out = CommandOutput()
        out.append(.text("Menu " + tiers.map { "\($0.name) \(money($0.price))" }.joined(separator: " / ") + " — \(p.description)"))
        for n in p.notes { out.append(n) }
        var t = ResultTable(title: "Choice per visitor", columns: [
            ResultColumn("tier"), ResultColumn("price", .money), ResultColumn("worth", .money), ResultColumn("unit cost", .money),
            ResultColumn("step vs previous", .percent(0)), ResultColumn("share of visitors", .percent(2)), ResultColumn("buyer mix", .percent(1)),
            ResultColumn("buyers per 1,000 visitors", .decimal(1)),
        ])
        for (j, tier) in tiers.enumerated() {
            t.append([.text(tier.name + (p.parameters.badge == j ? " (badge)" : "")), .double(tier.price), .double(tier.value), .double(tier.cost),
                      j == 0 ? .null : .double(tier.price / tiers[j - 1].price - 1), .double(r.shares[j]), .double(r.mix[j]), .double(1000 * r.shares[j])])
        }
        t.append([.text("no purchase"), .null, .null, .null, .null, .double(r.none), .null, .double(1000 * r.none)])
        out.append(.table(t))
        out.append(.values(title: "Per visitor", [
            ("conversion", .double(r.conversion), .percent(2)),
            ("revenue per visitor (RPV)", .double(r.revenuePerVisitor), .money),
            ("revenue per 1,000 visitors", .double(1000 * r.revenuePerVisitor), .money),
            ("AOV (RPV ÷ conversion)", .double(r.averageOrderValue), .money),
            ("gross margin per visitor", .double(r.marginPerVisitor), .money),
            ("gross margin per 1,000 visitors", .double(1000 * r.marginPerVisitor), .money),
        ]))
        // ladders with one tier dropped
        var ladders = ResultTable(title: "Against smaller ladders", columns: [
            ResultColumn("menu"), ResultColumn("conversion", .percent(2)), ResultColumn("RPV", .money), ResultColumn("AOV", .money),
            ResultColumn("GM per visitor", .money), ResultColumn("RPV vs proposed", .percent(1)),
        ])
        func row(_ label: String, _ o: TierOutcome) {
            ladders.append([.text(label), .double(o.conversion), .double(o.revenuePerVisitor), .double(o.averageOrderValue),
                            .double(o.marginPerVisitor), .double(o.revenuePerVisitor / r.revenuePerVisitor - 1)])
        }
        row("proposed: " + tiers.map(\.name).joined(separator: " / "), r)
        var reference: (TierOutcome, [Tier])? = nil
        if tiers.count >= 2 {
            for drop in (0..<tiers.count).reversed() {
                try Cancellation.check()  // each evaluation is O(tiers · nodes): 2,000 prices take about a second
                var sub = tiers
                sub.remove(at: drop)
                guard sub.count >= 1 else { continue }
                var q = p.parameters
                if let b = q.badge { q.badge = b == drop ? nil : (b > drop ? b - 1 : b) }
                let o = TierChoiceModel.evaluate(sub, q)
                let label = drop == tiers.count - 1 ? "without the top tier" : (drop == 0 ? "without the bottom tier" : "without \(tiers[drop].name)")
                row(label + ": " + sub.map(\.name).joined(separator: " / "), o)
                if drop == tiers.count - 1 { reference = (o, sub) }
            }
        }
        out.append(.table(ladders))
        var badgeHook: (PricingABHook, Int?)? = nil
        if let b = p.parameters.badge {
            var q = p.parameters; q.badge = nil
            let o = TierChoiceModel.evaluate(tiers, q)
            out.append(.text("badge on \(tiers[b].name): its buyer share \(PricingFormat.percent(o.mix[b])) → \(PricingFormat.percent(r.mix[b])) at equal conversion; RPV \(money(o.revenuePerVisitor)) → \(money(r.revenuePerVisitor))"))
            badgeHook = TiersRequest.badgeHook(withoutBadge: o, withBadge: r, tier: b, name: tiers[b].name, dailyOrders: p.dailyOrders)
        }
        let band = try TiersRequest.bands(tiers, p.parameters, box: p.fitBox)
        var uncertainty: [(name: String, value: Value, format: ValueFormat)] = [
            ("RPV, parameter band (delta 0–ln 3, sigma ±0.3, alpha 1–4)", .interval(band.rpv.0, band.rpv.1), .money),
            ("GM per visitor, parameter band", .interval(band.gm.0, band.gm.1), .money),
        ]
        if let f = band.fit { uncertainty.append(("RPV over the fit's 95% likelihood box (m, sigma)", .interval(f.0, f.1), .money)) }
        out.append(.values(title: "Uncertainty", uncertainty))
        if let n = TiersRequest.widenedNote(band, point: r.revenuePerVisitor, money: money) { out.append(n) }
        for a in p.assumptions { out.append(.note("assumption — " + a)) }
        out.append(.note("caveat — order data see buyers only: b0 needs sessions, alpha needs price changes; near-identical tiers split share too evenly (IIA); context effects are weaker with a no-purchase option; tier spacing is not an upsell step (the 20–40% rule does not apply)"))
        if let (ro, rt) = reference {
            var hooks = TiersRequest.abHooks(reference: ro, refTiers: rt, proposal: r, tiers: tiers, dailyOrders: p.dailyOrders)
            var note = "control = the ladder without the top tier; visitors/day = orders/day ÷ modelled conversion"
            if let (h, visitors) = badgeHook {
                hooks.append(h)
                if let v = visitors { note += "; the badge test needs \(LoadSummary.grouped(h.perVariant ?? 0)) buyers = \(LoadSummary.grouped(v)) visitors per variant at \(PricingFormat.percent(r.conversion, decimals: 2)) conversion" }
            }
            for blk in PricingFormat.abBlock(hooks, session, note: note) { out.append(blk) }
        }
        return out
    }
}
