import UpshellAnalytics
import UpshellCore
import UpshellData

/// `bundles`: candidate "buy together and save" bundles of two or three items.
struct BundlesCommand: ScopedCommand {
    public static let spec = CommandSpec(
        name: "bundles", group: .baskets,
        abstract: "candidate buy-together bundles: pairs and triples with high lift, enough orders, price and margin",
        discussion: """
            Pairs and triples bought together in at least min-orders orders (default: 10, or 0.1% of orders if more) \
            with lift at least min-lift (default 2). lift = share of orders holding all items ÷ the product of each \
            item's share. attach rate = orders with all items ÷ orders with the most-bought one. combined price = \
            sum of the items' mean unit prices; combined margin = sum of (mean price − mean unit cost), when costs \
            are known.
            score = ln(lift) × √(orders together) × (1 − attach rate): affinity (how much more often than chance), \
            evidence (more orders, steadier), and headroom (a bundle helps most where the pair is not yet always \
            bought together). Ranked by score, highest first.
            """,
        options: [Self.minOrders.spec, Self.minLift.spec, Self.maxSize.spec, Self.top.spec] + BasketInput.scopeOptions,
        examples: ["bundles", "bundles min-orders=30 max-size=2", "bundles min-lift=5 top=10"])

    static let minOrders = TypedOption.count("min-orders", "fewest orders holding all items (default: 10 or 0.1% of orders)")
    static let minLift = TypedOption.number("min-lift", default: "2", "lowest lift")
    static let maxSize = TypedOption<Int>(OptionSpec("max-size", .choice(["2", "3"]), "pairs only (2) or pairs and triples (3)"),
                                     parse: { Int($0) }).defaulting(to: "3")
    static let top = TypedOption.count("top", default: "20", "how many bundles to show")

    let scope: BasketScope
    let minOrders: Int?
    let minLift: Double
    let maxSize: Int
    let top: Int

    public init(arguments: Arguments) throws {
        try arguments.expectPositionals(atMost: 0)
        scope = try BasketScope(arguments)
        minOrders = try arguments.value(Self.minOrders)
        top = try arguments.value(Self.top)
        minLift = try arguments.value(Self.minLift)
        maxSize = try arguments.value(Self.maxSize)
    }

    var orderScope: OrderScope { scope.orders }

    func run(in session: Session, on orders: ResolvedOrderScope) throws -> CommandOutput {
        let (t, what) = try scope.transactions(orders)
        let minimum = minOrders ?? max(10, t.minimumCount(support: 0.001))
        let (bundles, matching) = try session.withProgress {
            try BundleFinder.find(t, minimumCount: minimum, minimumLift: minLift, maxSize: maxSize, top: top, progress: $0)
        }
        let hasPrice = t.itemPrice.contains { $0.isFinite }
        let hasCost = t.itemCost.contains { $0.isFinite }
        var columns = [ResultColumn("bundle"), ResultColumn("items", .integer), ResultColumn("orders", .integer), ResultColumn("lift", .decimal(2)),
                       ResultColumn("attach rate", .percent(1))]
        if hasPrice { columns.append(ResultColumn("combined price", .money)) }
        if hasCost { columns.append(ResultColumn("combined margin", .money)) }
        columns.append(ResultColumn("score", .decimal(2)))
        var table = ResultTable(title: "Bundle candidates — \(what)", columns: columns)
        for b in bundles {
            var row: [Value] = [.text(b.items.map { t.itemNames[Int($0)] }.joined(separator: " + ")), .int(b.items.count), .int(b.together),
                                .double(b.lift), .double(b.attachRate)]
            if hasPrice { row.append(.double(b.combinedPrice)) }
            if hasCost { row.append(.double(b.combinedMargin)) }
            row.append(.double(b.score))
            table.append(row)
        }
        var out = CommandOutput([.table(table)])
        out.append(.note("\(BasketInput.count(matching)) candidates with at least \(BasketInput.count(minimum)) orders together and lift ≥ \(NumberFormat.plain(minLift)); score = ln(lift) × √orders × (1 − attach rate), see 'help bundles'"))
        out.append(contentsOf: BasketScope.itemNotes(t))
        if matching == 0 { out.append(.warning("no candidate passes; lower min-orders or min-lift")) }
        return out
    }
}
