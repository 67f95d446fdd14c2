import Foundation
import UpshellAnalytics
import UpshellCore
import UpshellData

/// `upsell product "NAME" [step=20..40%]`: higher-tier alternatives in the same need.
public struct UpsellCommand: CommandWithForms {
    public static let forms: [any ShellCommand.Type] = [UpsellProductCommand.self]
    public static let spec = CommandSpec(
        name: "upsell", group: .offers, abstract: "higher-tier alternatives to a product: same category, dearer within a step, with the margin gain",
        synopsis: UpsellProductCommand.spec.synopsis, discussion: UpsellProductCommand.spec.discussion,
        subcommands: ["product"], options: UpsellProductCommand.spec.options, examples: UpsellProductCommand.spec.examples)
    public let form: any ShellCommand
    public init(arguments: Arguments) throws {
        let kind = try arguments.subcommand()
        form = try arguments.form(try Self.form(named: kind), shown: "upsell \(kind)")
    }
    public func run(in session: Session) throws -> CommandOutput { try form.run(in: session) }
}

struct UpsellProductCommand: ScopedCommand {
    public static let spec = CommandSpec(
        name: "upsell product", group: .offers,
        abstract: "higher-tier alternatives to a product",
        synopsis: ["upsell product \"NAME\" [step=20..40%] [data=NAME]"],
        discussion: """
            Candidates: products of the same category whose mean price is a step above the product's, the step \
            (p_candidate/p_product − 1) within step= (default 20..40%; the practitioner's rule, 'upsell-step' \
            measures acceptance by step). The same brand ranks first, then products in more orders. Only the product \
            table's category and brand and the prices are used — never the names (a 5 m cable is no upgrade of a 3 m \
            one because of its name). margin gain: the candidate's unit margin (price − cost) minus the product's. \
            The policy's stock and declines rules apply; k limits the rows.
            """,
        positionals: [PositionalSpec("product", .product, "the product")],
        options: [Self.step.spec, OfferInput.k.spec, DatasetOption.spec],
        examples: ["upsell product \"Burr coffee grinder Essential\" step=20..100%", "upsell product \"Laptop sleeve 14in\""])

    static let step = TypedOption<ClosedRange<Double>>(OptionSpec("step", .text, default: "20..40%", "price step band, e.g. 20..40% (percentages)"),
                                                       expecting: "a band of percentages such as 20..40%", parse: Self.parseStep).defaulting(to: "20..40%")

    /// `20..40%`, `20%..40%`: shares 0.2…0.4 (lower below upper, both at least 0).
    static func parseStep(_ text: String) -> ClosedRange<Double>? {
        let parts = text.replacingOccurrences(of: "%", with: "").components(separatedBy: "..")
        guard parts.count == 2, let lo = Double(parts[0]), let hi = Double(parts[1]), lo >= 0, hi > lo, hi.isFinite else { return nil }
        return (lo / 100)...(hi / 100)
    }

    let name: String
    let band: ClosedRange<Double>
    let k: Int?
    let orderScope: OrderScope
    let places: ArgumentPlaces

    init(arguments: Arguments) throws {
        try arguments.expectPositionals(atMost: 2)
        name = try arguments.positional(1, "a product name: upsell product \"NAME\"").text
        band = try arguments.value(Self.step)
        k = try arguments.value(OfferInput.k)
        orderScope = try .dataset(of: arguments)
        places = arguments.places
    }

    func run(in session: Session, on resolved: ResolvedOrderScope) throws -> CommandOutput {
        let model = resolved.model
        let p = try OfferInput.product(name, model, positional: 1, places)
        let catalogue = OfferCatalogue(model)
        guard catalogue.category[Int(p)] >= 0 else { throw OfferError.noContentAttributes }
        let units = try PurchaseUnits(model, keep: resolved.keep)
        let policy = session.offerPolicy
        var request = OfferRequest()
        request.declined = try OfferDeclines.resolve(policy, catalogue, customer: nil).everyone
        var effects = PolicyEffects()
        let all = UpsellCandidates.find(p, band: band, catalogue: catalogue, ordersOfItem: units.unitsOfItem,
                                        cost: { model.products.cost[Int($0)] })
        let shown = all.filter { policy.admits($0.item, request, catalogue, &effects) }.prefix(k ?? policy.k)
        let pct = { (v: Double) in NumberFormat.plain((v * 1000).rounded() / 10) + "%" }
        var table = ResultTable(title: "Upsell from \(catalogue.names[Int(p)]) (\(OfferInput.money(catalogue.price[Int(p)], session.renderSettings.currency))) — step \(pct(band.lowerBound))–\(pct(band.upperBound)), \(resolved.description)", columns: [
            ResultColumn("#", .integer), ResultColumn("product"), ResultColumn("price", .money), ResultColumn("step", .percent(1)),
            ResultColumn("margin gain", .money), ResultColumn("brand"), ResultColumn("orders", .integer)])
        for (i, c) in shown.enumerated() {
            table.append([.int(i + 1), .text(catalogue.names[Int(c.item)]), .double(catalogue.price[Int(c.item)]), .double(c.step),
                          c.marginGain.isFinite ? .double(c.marginGain) : .null, .text(c.sameBrand ? "same" : "other"), .int(c.orders)])
        }
        var out = CommandOutput([.table(table)])
        out.append(.note("used: category '\(catalogue.categoryNames[Int(catalogue.category[Int(p)])])', brand and mean prices from the data and product table; names are not read"))
        if effects.lowInventory + effects.declined > 0 {
            out.append(.note("policy removed: \(effects.lowInventory) below \(NumberFormat.plain(policy.minimumInventory)) in stock, \(effects.declined) declined"))
        }
        if shown.isEmpty { out.append(.warning("no product of the same category is priced \(pct(band.lowerBound))–\(pct(band.upperBound)) above this one (after the policy); widen step=")) }
        return out
    }
}
