import Foundation
import UpshellAnalytics
import UpshellCore
import UpshellData

/// `discount bundle "A" "B" D%`, `discount addon "X" D%`, `discount first-order D%`: the first word picks the form.
public struct DiscountCommand: CommandWithForms {
    public static let spec = CommandSpec(
        name: "discount", group: .pricing,
        abstract: "bundle, add-on and first-order discount what-ifs: extra sales, subsidy to those who would have bought anyway, break-even and best discount",
        synopsis: ["discount bundle \"ANCHOR\" \"ADD-ON\" D% [on=total|addon] [elasticity=E] [pull-in=SHARE] [window=30d] [where EXPRESSION]",
                   "discount addon \"PRODUCT\" D% [elasticity=E] [pull-in=SHARE]",
                   "discount first-order D% [elasticity=E] [lambda=1.43] [future=MONEY]"],
        discussion: """
            Bundle and add-on (docs/MODELS.md §3.1): N_A orders hold the anchor (every order, for an add-on offered at checkout), \
            a0 of them the add-on too. A saving S per order with both (d × both prices for a bundle, d × the add-on's price \
            on the add-on) is an effective cut r = S / p_B on the add-on; the attach rate follows logit a = logit a0 − κ·ln(1 − r), \
            κ = e/(1 − a0), so its price elasticity at r = 0 is −e. Extra bundles E = N_A(a1 − a0); a share q of them \
            (pull-in: measured as anchor orders without the add-on whose customer bought it within the window) were coming \
            anyway. Subsidy = N_A·a0·S + E·q·S; Δ margin = E(1 − q)(m_B − S) − E·q·S − N_A·a0·S. Best discount: argmax on a \
            0.01% grid; break-even: the discount beyond it where Δ margin returns to 0. A discount pays at small d only if \
            e > p_B / m_B. The anchor's own demand response is 0 (conservative); cannibalisation of the add-on bought alone is \
            not modelled; a saving at or above the add-on's price is outside the model.
            First order (§3.2): uplift u = (1 − d)^(−e_f) − 1; Δ first-order margin = n·u·x̄1·(m1 − d) − n·d·x̄1; with \
            future value + n·u·V·max(0, 1 − λ·d), V = 12-month repeat margin of the mature cohort. First orders are a \
            customer's first order in the whole data, even under 'where'.
            """,
        subcommands: ["bundle", "addon", "first-order"],
        positionals: [PositionalSpec("form", .text, "bundle, addon or first-order"), PositionalSpec("products", .product, optional: true, repeats: true, "anchor and add-on"),
                      PositionalSpec("discount", .share, "the discount, e.g. 15%")],
        options: DiscountRequest.options + PricingScope.options,
        examples: ["discount bundle \"Ceramic pour-over dripper\" \"Paper filters\" 10%", "discount addon \"Paper filters\" 20% elasticity=3",
                   "discount first-order 15%", "discount bundle \"Barista espresso machine\" \"Descaling solution\" 5% on=addon"],
        freeTextFrom: 0)

    public static let forms: [any ShellCommand.Type] = [DiscountBundleCommand.self, DiscountAddonCommand.self, DiscountFirstOrderCommand.self]

    public let form: any ShellCommand

    public init(arguments raw: Arguments) throws {
        let (head, clause) = try PricingScope.split(raw, spec: Self.spec)
        let type: any PricingForm.Type
        switch head.positionals.first.flatMap({ DiscountRequest.Form(rawValue: $0.text.lowercased()) }) {
        case .bundle: type = DiscountBundleCommand.self
        case .addon: type = DiscountAddonCommand.self
        case .firstOrder: type = DiscountFirstOrderCommand.self
        case nil:  // no form word, or an unknown one: DiscountRequest says which, with today's message
            form = try DiscountBundleCommand(head, clause: clause)
            return
        }
        try head.check(form: type.spec, shown: type.spec.name)
        form = try type.init(head, clause: clause)
    }

    public func run(in session: Session) throws -> CommandOutput { try form.run(in: session) }
}

/// A form of `discount`: its spec names the options it takes; the what-if does the work.
protocol DiscountForm: PricingForm {
    var whatIf: DiscountWhatIf { get }
    init(whatIf: DiscountWhatIf)
}

extension DiscountForm {
    init(_ head: Arguments, clause: ScopeClause?) throws { self.init(whatIf: try DiscountWhatIf(head, clause: clause)) }
    var orderScope: OrderScope { whatIf.request.scope.orderScope }
    func run(in session: Session, on resolved: ResolvedOrderScope) throws -> CommandOutput { try whatIf.run(in: session, on: resolved) }
}

/// `discount bundle "ANCHOR" "ADD-ON" D%`.
struct DiscountBundleCommand: DiscountForm {
    static let spec = CommandSpec.pricingForm("discount bundle", of: DiscountCommand.spec, synopsis: 0, options: [DiscountRequest.elasticity.spec, DiscountRequest.pullIn.spec,
                                                                                         DiscountRequest.window.spec, DiscountRequest.on.spec] + PricingScope.options)
    let whatIf: DiscountWhatIf
}

/// `discount addon "PRODUCT" D%`.
struct DiscountAddonCommand: DiscountForm {
    static let spec = CommandSpec.pricingForm("discount addon", of: DiscountCommand.spec, synopsis: 1, options: [DiscountRequest.elasticity.spec, DiscountRequest.pullIn.spec,
                                                                                       DiscountRequest.window.spec] + PricingScope.options)
    let whatIf: DiscountWhatIf
}

/// `discount first-order D%`.
struct DiscountFirstOrderCommand: DiscountForm {
    static let spec = CommandSpec.pricingForm("discount first-order", of: DiscountCommand.spec, synopsis: 2, options: [DiscountRequest.elasticity.spec, DiscountRequest.lambda.spec,
                                                                                             DiscountRequest.future.spec, DiscountRequest.visitConversion.spec] + PricingScope.options)
    let whatIf: DiscountWhatIf
}

/// One discount what-if: the request (form, products, options) and the discount.
struct DiscountWhatIf: Sendable {
    let request: DiscountRequest
    let discount: Double

    init(_ head: Arguments, clause: ScopeClause?) throws {
        request = try DiscountRequest(head, scope: PricingScope(head, clause: clause))
        try head.expectPositionals(atMost: request.nextIndex + 1)
        discount = try DiscountRequest.discount(try head.positional(request.nextIndex, "the discount, e.g. 10%"), head)
    }

    func run(in session: Session, on resolved: ResolvedOrderScope) throws -> CommandOutput {
        request.form == .firstOrder ? try firstOrder(session, resolved) : try attach(session, resolved)
    }

    func attach(_ session: Session, _ resolved: ResolvedOrderScope) throws -> CommandOutput {
        let x = try request.prepareAttach(session, resolved)
        let money = { PricingFormat.money($0, session) }
        let limit = AttachDiscountModel.maximumDiscount(x.inputs)
        guard let o = AttachDiscountModel.evaluate(x.inputs, discount: discount) else { throw InternalError("negative discount \(discount)") }
        let opt = AttachDiscountModel.optimum(x.inputs)
        let draws = request.scope.draws, seed = request.scope.seed(session)
        let boot = try DiscountRequest.bootstrap(x, discounts: [discount], draws: draws, seed: seed, pullInFixed: request.pullIn != nil, session)[0]
        let band = DiscountRequest.band(x.inputs, discount: discount)
        var out = CommandOutput()
        let what = request.form == .bundle ? "Bundle '\(x.names.anchor)' + '\(x.names.addon)', save \(PricingFormat.percent(discount, decimals: 1)) on the \(x.inputs.onTotal ? "total" : "add-on")"
            : "Add-on '\(x.names.addon)' at \(PricingFormat.percent(discount, decimals: 1)) off, offered at checkout"
        out.append(.text(what + " — \(x.description)"))
        for n in x.notes { out.append(n) }
        if discount >= limit {
            out.append(.warning("the saving (\(money(o.saving))) is at least the add-on's price (\(money(x.inputs.addonPrice))): the add-on is free plus a \(money(o.saving - x.inputs.addonPrice)) rebate, so every anchor order is assumed to take it (attach rate 100%); the saving reaches the add-on's price at \(PricingFormat.percent(limit, decimals: 1))"))
        }
        let perK = 1000 / x.inputs.anchorOrders
        out.append(.values(title: "Effect over the data's period", [
            ("saving per order with both", .double(o.saving), .money),
            ("effective cut on the add-on", .double(o.effectiveCut), .percent(1)),
            ("attach rate: now → with the offer", .change(from: x.inputs.attachRate, to: o.attachRate, relative: nil), .percent(2)),
            ("extra orders with both (E)", .double(o.extraBundles), .decimal(1)),
            ("  of which pulled in (coming anyway)", .double(o.extraBundles * x.inputs.pullIn), .decimal(1)),
            ("subsidy to orders that had both anyway", .double(x.inputs.anchorOrders * x.inputs.attachRate * o.saving), .money),
            ("total subsidy", .double(o.subsidy), .money),
            ("Δ revenue", .double(o.revenueChange), .money),
            ("Δ gross margin", .double(o.marginChange), .money),
            ("Δ gross margin per 1,000 \(request.form == .bundle ? "anchor " : "")orders", .double(o.marginChange * perK), .money),
        ]))
        var items: [(name: String, value: Value, format: ValueFormat)] = [
            ("best discount (0.01% grid)", .double(opt.best), .percent(2)),
            ("  Δ gross margin there", .double(opt.bestMargin), .money),
            ("break-even discount", opt.breakEven.map { .double($0) } ?? .text("none: Δ margin ≤ 0 at every discount"), opt.breakEven == nil ? .text : .percent(2)),
            ("elasticity e of the add-on's attach rate", .double(x.inputs.elasticity), .decimal(2)),
            ("  small discounts pay only if e > p_B / m_B =", .double(x.inputs.addonPrice / (x.inputs.addonPrice - x.inputs.addonCost)), .decimal(2)),
            ("Δ margin, 90% customer bootstrap (\(draws) draws, seed \(seed))", .interval(boot.0, boot.1), .money),
            ("Δ margin, elasticity band 0.75–2.5", .interval(band.0, band.1), .money),
        ]
        if opt.bestMargin <= 0 { items.append(("verdict", .text("no discount raises margin: every saving costs more in subsidy than the extra sales bring"), .text)) }
        out.append(.values(title: "Best and break-even", items))
        if band.0 < 0 && band.1 > 0 { out.append(.warning("the sign of Δ margin flips inside the elasticity band: inconclusive without a test")) }
        if request.form == .bundle && x.inputs.onTotal && o.effectiveCut > 0.3 {
            out.append(.note("a \(PricingFormat.percent(discount, decimals: 0)) bundle saving on the total is a \(PricingFormat.percent(o.effectiveCut, decimals: 0)) cut on the add-on: that is the price change the add-on decision sees"))
        }
        for s in x.assumptions { out.append(.note("assumption — " + s)) }
        out.append(.note("caveat — endogenous past prices bias e toward 0; the add-on bought alone (without the anchor) may be cannibalised; deal-seeking and stockpiling are outside the model"))
        let daily = x.inputs.anchorOrders / max(1, x.data.days)
        for b in PricingFormat.abBlock([.proportions(metric: "attach rate", unit: request.form == .bundle ? "anchor orders" : "orders",
                                                     control: x.inputs.attachRate, variant: o.attachRate, daily: daily)], session,
                                       note: "decide on margin per anchor order; the attach rate is the mechanism check") { out.append(b) }
        return out
    }

    func firstOrder(_ session: Session, _ resolved: ResolvedOrderScope) throws -> CommandOutput {
        let f = try request.prepareFirst(session, resolved)
        let o = FirstOrderDiscountModel.evaluate(f.inputs, discount: discount)
        let money = { PricingFormat.money($0, session) }
        var out = CommandOutput()
        out.append(.text("First-order discount \(PricingFormat.percent(discount, decimals: 1)) — \(f.description)"))
        for n in f.notes { out.append(n) }
        var corners: [Double] = []
        for e in [0.5, f.inputs.elasticity, 2.0] { for l in [0, 1.43] { var y = f.inputs; y.elasticity = e; y.valuePenalty = l; corners.append(FirstOrderDiscountModel.evaluate(y, discount: discount).withFutureChange) } }
        out.append(.values(title: "Effect over the data's period", [
            ("first orders now", .double(f.inputs.newCustomers), .integer),
            ("uplift in first orders", .double(o.uplift), .percent(1)),
            ("extra new customers", .double(f.inputs.newCustomers * o.uplift), .decimal(1)),
            ("subsidy to customers who came anyway", .double(o.subsidy), .money),
            ("Δ first-order gross margin", .double(o.firstOrderMarginChange), .money),
            ("Δ including future margin of the extra customers", .double(o.withFutureChange), .money),
            ("  band (e_f 0.5–2, λ 0–1.43)", .interval(corners.min()!, corners.max()!), .money),
            ("payback month (cohort's cumulative repeat margin covers the loss)",
             .text(f.data.cumulativeMarginByMonth.isEmpty || f.inputs.futureMargin != f.data.futureMargin ? "n/a (no mature cohort, or future= given)"
                   : FirstOrderDiscountModel.paybackMonth(f.inputs, discount: discount, cumulativeMargin: f.data.cumulativeMarginByMonth).map { $0 == 0 ? "immediately" : "month \($0)" } ?? "not within 12 months"), .text),
        ]))
        if corners.min()! < 0 && corners.max()! > 0 { out.append(.warning("the sign including future value flips inside the band: inconclusive")) }
        // best discount on a grid (with future value)
        var best = 0.0, bestV = 0.0
        var d = 0.005
        while d < 0.95 { let v = FirstOrderDiscountModel.evaluate(f.inputs, discount: d).withFutureChange; if v > bestV { bestV = v; best = d }; d += 0.005 }
        out.append(.text(bestV > 0 ? "best first-order discount (with future value, 0.5% grid): \(PricingFormat.percent(best, decimals: 1)) — \(money(bestV))" : "no first-order discount pays, even with future value"))
        for s in f.assumptions { out.append(.note("assumption — " + s)) }
        out.append(.note("caveat — customers acquired by discounts may differ in value (the λ term); the payback month uses the mature cohort's repeat margin by month since first order"))
        let c = f.visitConversion
        let daily = f.inputs.newCustomers / max(1, f.data.days) / c
        for b in PricingFormat.abBlock([.proportions(metric: "new-visitor conversion", unit: "visitors", control: c, variant: min(0.9999, c * (1 + o.uplift)), daily: daily)], session,
                                       note: "baseline conversion \(PricingFormat.percent(c)) is an assumption (visit-conversion=); visitors/day = first orders per day ÷ it") { out.append(b) }
        return out
    }
}
