import UpshellAnalytics
import UpshellCore
import UpshellData

/// `attach A B [data=NAME]`: the attachment rate of add-on B to anchor A, in orders and in units.
struct AttachCommand: ScopedCommand {
    public static let spec = CommandSpec(
        name: "attach", group: .metrics,
        abstract: "attachment rate: share of orders with product A that also hold product B, in orders and units",
        synopsis: ["attach ANCHOR ADD-ON [data=NAME]"],
        discussion: """
            Attach rate A→B = orders holding both ÷ orders holding A (N_AB / N_A), with a 95 % Wilson interval; \
            the reverse B→A = N_AB / N_B; the baseline = share of all orders holding B, and lift = attach rate ÷ \
            baseline. In units: B's units in orders holding A per unit of A, and the share of B's units sold in \
            orders with A. Products are named by SKU or name (case-insensitive; quote names with spaces); a part \
            of a name is enough when only one product contains it.
            """,
        positionals: [PositionalSpec("anchor", .product, "the product bought first (A)"),
                      PositionalSpec("add-on", .product, "the product attached to it (B)")],
        options: [DatasetOption.spec],
        examples: ["attach \"USB-C laptop 14in\" \"Laptop sleeve 14in\"", "attach COF-009 COF-010"])

    /// The anchor product A and the add-on B, as named (SKU or name).
    let anchor: String
    let addOn: String
    let orderScope: OrderScope
    let places: ArgumentPlaces

    public init(arguments: Arguments) throws {
        anchor = try arguments.positional(0, "an anchor product A and an add-on product B").text
        addOn = try arguments.positional(1, "an add-on product B after the anchor '\(anchor)'").text
        try arguments.expectPositionals(atMost: 2)
        orderScope = try .dataset(of: arguments)
        places = arguments.places
    }

    func run(in session: Session, on resolved: ResolvedOrderScope) throws -> CommandOutput {
        let dataset = resolved.dataset, model = resolved.model
        let a = try MetricInputs.product(anchor, in: model)
        let b = try MetricInputs.product(addOn, in: model)
        guard a != b else {
            throw places.error("anchor and add-on are the same product", positional: 1, hint: "name two different products")
        }
        let r = try AttachRate.compute(model, anchor: a, addOn: b)
        guard r.ordersWithAnchor > 0 else { throw MetricsError.noOrders("hold '\(anchor)' in '\(dataset.name)'") }
        let ci = r.interval()
        var items: [(name: String, value: Value, format: ValueFormat)] = [
            ("anchor (A)", .text(MetricInputs.productLabel(a, in: model)), .text),
            ("add-on (B)", .text(MetricInputs.productLabel(b, in: model)), .text),
            ("orders", .int(r.orders), .integer),
            ("orders with A", .int(r.ordersWithAnchor), .integer),
            ("orders with B", .int(r.ordersWithAddOn), .integer),
            ("orders with both", .int(r.ordersWithBoth), .integer),
            ("attach rate A→B", .double(r.rate), .percent(1)),
            ("  95% interval low (Wilson)", ci.map { .double($0.lower) } ?? .null, .percent(1)),
            ("  95% interval high (Wilson)", ci.map { .double($0.upper) } ?? .null, .percent(1)),
            ("attach rate B→A", .double(r.reverseRate), .percent(1)),
            ("orders with B, all orders", .double(r.baseline), .percent(2)),
            ("lift", .double(r.lift), .decimal(2)),
            ("units of A", .double(r.anchorUnits), .integer),
            ("units of B in orders with A", .double(r.addOnUnitsWithAnchor), .integer),
            ("B units per A unit", .double(r.unitsPerAnchorUnit), .decimal(3)),
            ("share of B's units sold with A", .double(r.addOnUnitShareWithAnchor), .percent(1)),
        ]
        if model.hasMoney { items.append(("B revenue in orders with A", .double(r.addOnRevenueWithAnchor), .money)) }
        return CommandOutput([.values(title: "Attachment — '\(dataset.name)'", items)])
    }
}
