import Foundation
import UpshellAnalytics
import UpshellCore
import UpshellData

/// The parsed words of a discount what-if: `bundle "A" "B"`, `addon "X"` or `first-order`, shared by
/// `discount … D%` and `sweep discount … A..B%`.
struct DiscountRequest {
    enum Form: String { case bundle, addon, firstOrder = "first-order" }
    /// Where a bundle's saving applies.
    enum Saving: String, CaseIterable, Sendable { case total, addon }

    static let elasticity = TypedOption.number("elasticity", in: 0...50, "attach elasticity e (bundle, addon; default 1.5, band 0.75–2.5) or first-order elasticity e_f (default 1, band 0.5–2)")
    static let pullIn = TypedOption.share("pull-in", in: 0...1, "share of anchor orders without the add-on whose customer buys it later anyway (default: measured)")
    static let window = TypedOption.duration("window", default: "30d", "pull-in window")
    static let on = TypedOption<Saving>.choice("on", "bundle saving on the total (default) or on the add-on only")
    static let lambda = TypedOption.number("lambda", default: "1.43", in: 0...10, "first-order: long-run value penalty per unit of discount (Lewis 2006; band 0–1.43)")
    static let future = TypedOption.money("future", "first-order: future gross margin per new customer (default: 12-month repeat margin of the mature cohort)")
    static let visitConversion = TypedOption.share("visit-conversion", default: "3%", in: 0.0001...1, "first-order: new visitors' conversion, for the A/B size only")

    static let options: [OptionSpec] = [elasticity.spec, pullIn.spec, window.spec, on.spec, lambda.spec, future.spec, visitConversion.spec]

    /// Attach elasticity when `elasticity=` is not given (bundle, addon); its band is 0.75–2.5.
    static let attachElasticity = 1.5
    /// First-order elasticity when `elasticity=` is not given; its band is 0.5–2.
    static let firstOrderElasticity = 1.0

    let scope: PricingScope
    let form: Form
    /// Product texts and the index of their positional (anchor, add-on).
    let products: [(text: String, index: Int)]
    /// Positional index after the products (the discount or the range).
    let nextIndex: Int
    let elasticity: Double?
    let pullIn: Double?
    let windowDays: Double
    let saving: Saving
    let lambda: Double
    let future: Double?
    let visitConversion: Double

    /// Reads the form word (positional `offset`), its products and the discount options of `head`.
    init(_ head: Arguments, scope: PricingScope, offset: Int = 0) throws {
        self.scope = scope
        let words = Array(head.positionals.dropFirst(offset))
        guard let first = words.first else {
            throw head.error("'discount' needs a form: bundle \"A\" \"B\" D%, addon \"X\" D% or first-order D%", at: nil, hint: "example: discount bundle \"Ceramic pour-over dripper\" \"Paper filters\" 10%")
        }
        guard let f = Form(rawValue: first.text.lowercased()) else {
            throw head.error("unknown discount form '\(first.text)'", at: first, hint: Suggestions.didYouMean(first.text.lowercased(), in: ["bundle", "addon", "first-order"]) ?? "forms: bundle, addon, first-order")
        }
        form = f
        let count = f == .bundle ? 2 : (f == .addon ? 1 : 0)
        var products: [(String, Int)] = []
        for k in 0..<count {
            let t = try head.positional(offset + 1 + k, f == .bundle ? (k == 0 ? "the anchor product" : "the add-on product") : "the add-on product")
            products.append((t.text, offset + 1 + k))
        }
        self.products = products
        nextIndex = offset + 1 + count
        windowDays = try head.value(Self.window)
        future = try head.value(Self.future)
        elasticity = try head.value(Self.elasticity)
        pullIn = try head.value(Self.pullIn)
        saving = try head.value(Self.on) ?? .total
        lambda = try head.value(Self.lambda)
        visitConversion = try head.value(Self.visitConversion)
    }

    /// A discount word: a share below 100 %.
    static func discount(_ token: Token, _ a: Arguments) throws -> Double {
        guard let d = ValueParser.share(token.text), token.text.hasSuffix("%") || (ValueParser.number(token.text).map { $0 < 1 } ?? false) else {
            throw a.error("expected a discount such as 10%, got '\(token.text)'", at: token)
        }
        guard d >= 0 else { throw a.error("a discount cannot be negative: '\(token.text)'", at: token) }
        guard d < 1 else { throw a.error("a discount of \(token.text) gives the goods away: it must be below 100%", at: token, hint: "example: 15%") }
        return d
    }

    struct Attach {
        var inputs: AttachInputs
        var data: AttachData
        var names: (anchor: String, addon: String)
        var assumptions: [String]
        var notes: [OutputBlock]
        var description: String
        var elasticitySet: Bool
    }

    func prepareAttach(_ session: Session, _ resolved: ResolvedOrderScope) throws -> Attach {
        let places = scope.places
        let s = resolved
        let (sample, description, notes) = try scope.sample(s)
        let model = s.model
        let anchor = form == .bundle ? try ProductLookup.find(products[0].text, in: model, positional: products[0].index, places) : nil
        let addon = try ProductLookup.find(products[form == .bundle ? 1 : 0].text, in: model, positional: products[form == .bundle ? 1 : 0].index, places)
        if anchor == addon { throw places.error("the anchor and the add-on are the same product", positional: products[1].index) }
        let window = windowDays
        let timer = PhaseTimer("attach")
        let data = AttachData.measure(model, orders: s.orders, sample: sample, anchor: anchor, addon: addon, windowDays: window)
        timer.mark("measured")
        let name = { (p: Int) in model.products.name[p].isEmpty ? model.products.key[p] : model.products.name[p] }
        guard data.anchorOrders > 0 else {
            throw SessionError("no orders with '\(anchor.map(name) ?? "")' in \(description)", hint: "check the product, or widen the filter")
        }
        let money = { PricingFormat.money($0, session) }
        let margin = scope.margin
        var cost = data.addonCost
        var assumptions: [String] = []
        if !cost.isFinite {
            cost = data.addonPrice * (1 - margin)
            assumptions.append("no unit cost for '\(name(addon))': margin \(NumberFormat.percent(margin, decimals: 0)) assumed (margin=); load costs with a unit-cost column or 'join products FILE'")
        }
        let e = elasticity ?? Self.attachElasticity
        let q = pullIn ?? data.pullIn
        let onTotal = form == .bundle && saving == .total
        let inputs = AttachInputs(anchorOrders: data.anchorOrders, attachRate: data.attachRate, anchorPrice: data.anchorPrice,
                                  addonPrice: data.addonPrice, addonCost: cost, pullIn: q, elasticity: e, onTotal: onTotal)
        if form == .bundle {
            assumptions.append("anchor '\(name(anchor!))' at \(money(data.anchorPrice)); add-on '\(name(addon))' at \(money(data.addonPrice)), unit cost \(money(cost)) — mean prices paid in the period")
            assumptions.append("baseline: \(PricingFormat.count(data.anchorOrders)) orders with the anchor, \(PricingFormat.count(data.bothOrders)) also with the add-on: attach rate \(PricingFormat.percent(data.attachRate))")
        } else {
            assumptions.append("add-on '\(name(addon))' at \(money(data.addonPrice)), unit cost \(money(cost)); offered to every order in scope (\(PricingFormat.count(data.anchorOrders)))")
            assumptions.append("baseline: \(PricingFormat.count(data.bothOrders)) orders hold it: attach rate \(PricingFormat.percent(data.attachRate, decimals: 2))")
        }
        assumptions.append("attach elasticity e \(NumberFormat.plain(e))" + (elasticity != nil ? " (elasticity=)" : " (default; band 0.75–2.5; literature: mean price elasticity −2.62 over 1,851 estimates, Bijmolt et al. 2005) — the store's price history does not identify it here"))
        assumptions.append("pull-in \(PricingFormat.percent(q))" + (pullIn != nil ? " (pull-in=)" : ": \(PricingFormat.count(data.pulledIn)) of \(PricingFormat.count(data.pullInCandidates)) anchor orders without the add-on were followed by it within \(NumberFormat.plain(window)) days"))
        assumptions.append("data: \(LoadSummary.grouped(sample.count)) orders over \(PricingFormat.count(sample.days)) days in \(description)")
        return Attach(inputs: inputs, data: data, names: (anchor.map(name) ?? "every order", name(addon)), assumptions: assumptions,
                      notes: notes, description: description, elasticitySet: elasticity != nil)
    }

    /// Customer-bootstrap intervals of Δ margin at each discount (counts resampled by cluster; e fixed).
    static func bootstrap(_ x: Attach, discounts: [Double], draws: Int, seed: UInt64, pullInFixed: Bool, _ session: Session) throws -> [(Double, Double)] {
        try session.withProgress(unit: "draws") { progress in
            try AttachDiscountModel.bootstrapMarginChange(x.inputs, data: x.data, discounts: discounts, draws: draws, seed: seed,
                                                          pullInFixed: pullInFixed, progress: progress).map { ($0.lower, $0.upper) }
        }
    }

    /// Min–max Δ margin over the elasticity band 0.75–2.5 (and the point).
    static func band(_ x: AttachInputs, discount d: Double) -> (Double, Double) {
        let v = [0.75, x.elasticity, 2.5].compactMap { e -> Double? in var y = x; y.elasticity = e; return AttachDiscountModel.evaluate(y, discount: d)?.marginChange }
        return (v.min() ?? .nan, v.max() ?? .nan)
    }

    struct First {
        var inputs: FirstOrderInputs
        var data: FirstOrderData
        var assumptions: [String]
        var notes: [OutputBlock]
        var description: String
        var visitConversion: Double
    }

    func prepareFirst(_ session: Session, _ resolved: ResolvedOrderScope) throws -> First {
        let s = resolved
        let (_, description, notes) = try scope.sample(s)
        let (model, orders) = s.parentSelection
        let margin = scope.margin
        let data = FirstOrderData.measure(model, orders: orders, defaultMargin: margin)
        guard data.firstOrders > 0 else {
            throw SessionError("no first orders in \(description)", hint: "first orders need customer ids and times; widen the filter")
        }
        let money = { PricingFormat.money($0, session) }
        var assumptions: [String] = []
        var v = future
        if let f = v {
            assumptions.append("future gross margin per new customer \(money(f)) (future=)")
        } else if data.futureMargin.isFinite {
            v = data.futureMargin
            assumptions.append("future gross margin per new customer \(money(data.futureMargin)): 12-month repeat margin of the \(LoadSummary.grouped(data.matureCustomers)) customers whose first order is at least a year before the data ends")
        } else {
            v = 0
            assumptions.append("future gross margin 0: no customer has a full year of history (give future=)")
        }
        let e = elasticity ?? Self.firstOrderElasticity
        let inputs = FirstOrderInputs(newCustomers: data.firstOrders, firstOrderValue: data.meanValue, marginRatio: data.marginRatio,
                                      futureMargin: v!, elasticity: e, valuePenalty: lambda)
        assumptions.append("\(PricingFormat.count(data.firstOrders)) first orders (a customer's first order in the data) in \(description), mean value \(money(data.meanValue)), margin \(PricingFormat.percent(data.marginRatio))" + (data.costCoverage < 0.999 ? " (\(PricingFormat.percent(1 - data.costCoverage)) without costs at margin=\(NumberFormat.percent(margin, decimals: 0)))" : ""))
        assumptions.append("first-order elasticity e_f \(NumberFormat.plain(e))" + (elasticity != nil ? "" : " (default, band 0.5–2; judgement)") + "; long-run value penalty \(NumberFormat.plain(lambda)) per unit of discount (Lewis 2006: a 35% acquisition discount halved long-term value; Anderson & Simester 2004 found the opposite — band 0–1.43)")
        return First(inputs: inputs, data: data, assumptions: assumptions, notes: notes, description: description,
                     visitConversion: visitConversion)
    }
}
