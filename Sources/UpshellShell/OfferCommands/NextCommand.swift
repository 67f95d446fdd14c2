import Foundation
import UpshellAnalytics
import UpshellCore
import UpshellData

/// `next "NAME"`: what customers buy next after a product, in a later order, and after how long.
struct NextCommand: ScopedCommand {
    public static let spec = CommandSpec(
        name: "next", group: .offers,
        abstract: "what customers buy next after a product, in a later order, and after how many days",
        discussion: """
            For each customer, the first order holding the product; every product in a later order (strictly later \
            time) counts once per customer, at its first such order. customers: how many did; share: of the \
            product's buyers; days: from the product's order to that later order — median and quartiles (type 7). \
            'upgrade' marks a dearer product of the same category (a step up the tier ladder). Guest orders have \
            no history and are left out.
            """,
        positionals: [PositionalSpec("product", .product, "the product")],
        options: [Self.top.spec, DatasetOption.spec],
        examples: ["next \"Burr coffee grinder Essential\"", "next \"Ceramic pour-over dripper\" top=5"])

    static let top = TypedOption.count("top", default: "10", "how many products to show")

    let name: String
    let top: Int
    let orderScope: OrderScope
    let places: ArgumentPlaces

    init(arguments: Arguments) throws {
        try arguments.expectPositionals(atMost: 1)
        name = try arguments.positional(0, "a product name: next \"NAME\"").text
        top = try arguments.value(Self.top)
        orderScope = try .dataset(of: arguments)
        places = arguments.places
    }

    func run(in session: Session, on resolved: ResolvedOrderScope) throws -> CommandOutput {
        let model = resolved.model
        let p = try OfferInput.product(name, model, positional: 0, places)
        let (next, buyers, again) = try PurchaseSequences.after(p, in: model, keep: resolved.keep)
        let catalogue = OfferCatalogue(model)
        var table = ResultTable(title: "Bought next after \(catalogue.names[Int(p)]) — \(resolved.description)", columns: [
            ResultColumn("product"), ResultColumn("customers", .integer), ResultColumn("share of buyers", .percent(1)),
            ResultColumn("median days", .decimal(0)), ResultColumn("days q1", .decimal(0)), ResultColumn("days q3", .decimal(0)),
            ResultColumn("price", .money), ResultColumn("upgrade")])
        for n in next.prefix(top) {
            let price = catalogue.price[Int(n.item)], anchorPrice = catalogue.price[Int(p)]
            let upgrade = catalogue.category[Int(p)] >= 0 && catalogue.category[Int(n.item)] == catalogue.category[Int(p)] && price > anchorPrice
            table.append([.text(catalogue.names[Int(n.item)]), .int(n.customers), .double(buyers > 0 ? Double(n.customers) / Double(buyers) : 0),
                          .double(n.medianDays), .double(n.lowerQuartileDays), .double(n.upperQuartileDays),
                          price.isFinite ? .double(price) : .null, .text(upgrade ? "yes (same category, dearer)" : "")])
        }
        var out = CommandOutput([.table(table)])
        out.append(.note("\(LoadSummary.grouped(buyers)) customers bought \(catalogue.names[Int(p)]); \(LoadSummary.grouped(again)) of them ordered again later"))
        if next.isEmpty { out.append(.warning("no customer bought anything in a later order after this product")) }
        return out
    }
}
