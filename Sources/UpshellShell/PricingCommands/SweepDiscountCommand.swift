import Foundation
import UpshellAnalytics
import UpshellCore
import UpshellData

/// `sweep discount bundle "A" "B" 0..30% | addon "X" 0..40% | first-order 0..30% [step=5%] …`: a discount what-if
/// over a grid of discounts.
struct SweepDiscountCommand: PricingForm {
    static let spec = CommandSpec.pricingForm("sweep discount", of: SweepCommand.spec, synopsis: 2, options: [SweepGrid.step.spec] + DiscountRequest.options + PricingScope.options)

    let request: DiscountRequest
    let range: NumberRange
    let step: String?

    init(_ head: Arguments, clause: ScopeClause?) throws {
        request = try DiscountRequest(head, scope: PricingScope(head, clause: clause), offset: 1)
        try head.expectPositionals(atMost: request.nextIndex + 1)
        let token = try head.positional(request.nextIndex, "a range of discounts such as 0..30%")
        guard let r = ValueParser.range(token.text), r.isShare || token.text.hasSuffix("%") else {
            throw head.error("expected a range of discounts such as 0..30%, got '\(token.text)'", at: token)
        }
        guard r.lower >= 0, r.upper < 1 else { throw head.error("discounts must lie in 0%…99.9%", at: token, hint: "a discount of 100% gives the goods away") }
        range = r
        step = try head.value(SweepGrid.step)
    }

    var orderScope: OrderScope { request.scope.orderScope }

    func run(in session: Session, on resolved: ResolvedOrderScope) throws -> CommandOutput {
        let r = range
        let values = try SweepGrid.values(r, stepText: step ?? ((r.upper - r.lower) / 16 * 100).description + "%", share: true, request.scope.places)
        let money = { PricingFormat.money($0, session) }
        var out = CommandOutput()
        if request.form == .firstOrder {
            let f = try request.prepareFirst(session, resolved)
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
            if let edge = SweepGrid.edgeNote(best: best, of: values, label: { PricingFormat.percent($0) }) { out.append(edge) }
            for s in f.assumptions { out.append(.note("assumption — " + s)) }
            return out
        }
        let x = try request.prepareAttach(session, resolved)
        let limit = AttachDiscountModel.maximumDiscount(x.inputs)
        let free = values.filter { $0 >= limit }
        let draws = request.scope.draws, seed = request.scope.seed(session)
        let boots = try DiscountRequest.bootstrap(x, discounts: values, draws: draws, seed: seed, pullInFixed: request.pullIn != nil, session)
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
        if !free.isEmpty { out.append(.note("\(free.count) discount\(free.count == 1 ? "" : "s") at or above \(PricingFormat.percent(limit, decimals: 1)) make the saving at least the add-on's price: the add-on is free plus a rebate, so every anchor order is assumed to take it (attach rate 100%)")) }
        out.append(.table(t))
        out.append(.chart(Chart(kind: .bars, title: "Δ gross margin by discount (◀ best)", labels: values.map { PricingFormat.percent($0) },
                                values: margins, format: .money, marked: best)))
        out.append(.text("best on this grid: \(PricingFormat.percent(values[best])) (\(money(margins[best]))); best on a 0.01% grid: \(PricingFormat.percent(opt.best, decimals: 2)) (\(money(opt.bestMargin))); break-even: \(opt.breakEven.map { PricingFormat.percent($0, decimals: 2) } ?? "none — Δ margin ≤ 0 at every discount")"))
        if let edge = SweepGrid.edgeNote(best: best, of: values, label: { PricingFormat.percent($0) }) { out.append(edge) }
        out.append(.note("bootstrap: \(draws) customer-clustered draws, seed \(seed), shared by all discounts"))
        for s in x.assumptions { out.append(.note("assumption — " + s)) }
        let o = AttachDiscountModel.evaluate(x.inputs, discount: values[best])!
        for b in PricingFormat.abBlock([.proportions(metric: "attach rate", unit: request.form == .bundle ? "anchor orders" : "orders",
                                                     control: x.inputs.attachRate, variant: o.attachRate, daily: x.inputs.anchorOrders / max(1, x.data.days))], session,
                                       note: "for the best discount of the grid") { out.append(b) }
        return out
    }
}
