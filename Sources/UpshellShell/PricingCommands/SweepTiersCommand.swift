import Foundation
import UpshellAnalytics
import UpshellCore
import UpshellData

/// `sweep tiers P1 P2 P3 middle=A..B|top=A..B|bottom=A..B|tier=N range=A..B [step=MONEY] …`: one tier's price
/// over a grid, the others kept.
struct SweepTiersCommand: PricingForm {
    static let middle = TypedOption.range("middle", "sweep tiers: range of the middle tier's price")
    static let top = TypedOption.range("top", "sweep tiers: range of the top tier's price")
    static let bottom = TypedOption.range("bottom", "sweep tiers: range of the bottom tier's price")
    static let tier = TypedOption.integer("tier", "sweep tiers: number of the tier to vary (with range=)")
    static let range = TypedOption.range("range", "sweep tiers: range for tier=")
    /// The options that say which tier varies.
    static let varyOptions = [middle.spec, top.spec, bottom.spec, tier.spec, range.spec]

    static let spec = CommandSpec.pricingForm("sweep tiers", of: SweepCommand.spec, synopsis: 1, options: [SweepGrid.step.spec] + varyOptions + TiersRequest.options + PricingScope.options)

    let request: TiersRequest
    /// The index of the tier that varies, and its price range.
    let tierIndex: Int
    let range: NumberRange
    let step: String?

    init(_ head: Arguments, clause: ScopeClause?) throws {
        request = try TiersRequest(head, scope: PricingScope(head, clause: clause), pricesFrom: 1)
        let n = request.prices.count
        var which: Int? = nil
        var range: NumberRange? = nil
        for (option, index) in [(Self.middle, n / 2 - (n % 2 == 0 ? 1 : 0)), (Self.top, n - 1), (Self.bottom, 0)] {
            guard let r = try head.value(option) else { continue }
            guard which == nil else { throw head.error("vary one tier at a time", at: head.options[option.spec.name]) }
            which = index; range = r
        }
        if let k = try head.value(Self.tier) {
            guard which == nil else { throw head.error("vary one tier at a time", at: head.options["tier"]) }
            guard k >= 1, k <= n else { throw head.error("tier= must be 1…\(n)", at: head.options["tier"]) }
            guard let r = try head.value(Self.range) else { throw head.error("tier= needs range=A..B", at: head.options["tier"]) }
            which = k - 1; range = r
        }
        guard let j = which, let r = range else {
            throw head.error("'sweep tiers' needs the price to vary: middle=A..B, top=A..B, bottom=A..B or tier=N range=A..B", at: nil,
                             hint: "example: sweep tiers 29 79 199 middle=59..99 step=5")
        }
        guard !r.isShare else { throw head.error("tier prices are amounts, not shares", at: nil) }
        tierIndex = j
        self.range = r
        step = try head.value(SweepGrid.step)
    }

    var orderScope: OrderScope { request.scope.orderScope }

    func run(in session: Session, on resolved: ResolvedOrderScope) throws -> CommandOutput {
        let prices = request.prices, n = prices.count, j = tierIndex, r = range
        let values = try SweepGrid.values(r, stepText: step, share: false, request.scope.places)
        let lower = j > 0 ? prices[j - 1] : 0, upper = j < n - 1 ? prices[j + 1] : .infinity
        guard values.allSatisfy({ $0 > lower && $0 < upper }) else {
            throw request.scope.places.error("the range \(NumberFormat.plain(r.lower))..\(NumberFormat.plain(r.upper)) crosses a neighbouring tier (\(NumberFormat.plain(lower))\(upper.isFinite ? " / " + NumberFormat.plain(upper) : "")): tiers must stay in price order", option: nil)
        }
        let p = try request.prepare(session, resolved)
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
        try session.withProgress(unit: "steps") { progress in
            for v in values {
                try Cancellation.check()
                var tiers = p.tiers
                tiers[j].price = v
                if request.costs == nil { tiers[j].cost = v * costRatio }
                if request.quality == nil { tiers[j].value = v * worthRatio }
                let o = TierChoiceModel.evaluate(tiers, p.parameters)
                let band = try TiersRequest.bands(tiers, p.parameters, box: [])
                table.append([.double(v), .double(o.conversion), .double(o.mix[j]), .double(o.revenuePerVisitor), .double(o.averageOrderValue),
                              .double(o.marginPerVisitor), .double(band.gm.0), .double(band.gm.1)])
                gms.append(o.marginPerVisitor)
                outcomes.append((o, tiers))
                progress.update(done: gms.count, total: values.count)
            }
        }
        let best = gms.indices.max { gms[$0] < gms[$1] }!
        var out = CommandOutput()
        for n in p.notes { out.append(n) }
        out.append(.table(table))
        let baseline = Chart.zoomedBaseline(gms)
        out.append(.chart(Chart(kind: .bars, title: "Gross margin per visitor by \(p.tiers[j].name) price (◀ best)\(baseline.map { "; bars start at \(money($0))" } ?? "")",
                                labels: values.map(money), values: gms, format: .money, marked: best, baseline: baseline)))
        out.append(.text("best: \(p.tiers[j].name) at \(money(values[best])) — gross margin \(money(gms[best])) per visitor (\(money(1000 * gms[best])) per 1,000 visitors); at the current \(money(prices[j])): \(money(TierChoiceModel.evaluate(p.tiers, p.parameters).marginPerVisitor))"))
        if let edge = SweepGrid.edgeNote(best: best, of: values, label: money) { out.append(edge) }
        out.append(.note("the varied tier keeps its cost ratio and worth ratio (worth = price unless quality= is given); band: delta 0–ln 3, sigma ±0.3, alpha 1–4"))
        for s in p.assumptions { out.append(.note("assumption — " + s)) }
        let base = TierChoiceModel.evaluate(p.tiers, p.parameters)
        for blk in PricingFormat.abBlock(TiersRequest.abHooks(reference: base, refTiers: p.tiers, proposal: outcomes[best].0, tiers: outcomes[best].1, dailyOrders: p.dailyOrders), session,
                                         note: "control = the menu at its current prices, variant = the best price") { out.append(blk) }
        return out
    }
}
