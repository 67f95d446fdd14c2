import UpshellAnalytics
import UpshellCore
import UpshellData

/// `pairs`: frequently-bought-together pairs with support, confidence both ways, lift, leverage,
/// conviction, attach rate, revenue and margin of the orders holding both.
struct PairsCommand: ScopedCommand {
    /// On a dataset loaded with aggregate=server, answered from the server's pairs (``aggregatedRun``).
    var lineLevelNeed: String? { nil }

    public static let spec = CommandSpec(
        name: "pairs", group: .baskets,
        abstract: "frequently bought together: product pairs with support, confidence, lift, attach rate, revenue",
        discussion: """
            Every pair of items bought in the same order, counted once per order. A pair is unordered: A is the \
            anchor (the item in more orders, or the product given with for=) and B its partner, so every "A→B" \
            column reads anchor → partner and "B→A" the other way.
            With N orders (orders holding at least one item), n_A, n_B orders holding A, B and n_AB holding both: \
            support = n_AB/N; conf A→B = n_AB/n_A (the share of A's orders that also hold B, which is also the \
            attach rate A→B); conf B→A = n_AB/n_B; lift = n_AB·N/(n_A·n_B) (above 1: bought together more often \
            than chance); leverage = n_AB/N − (n_A/N)(n_B/N); conviction A→B = (1 − n_B/N)/(1 − conf A→B), ∞ when \
            every order with A holds B.
            revenue and margin: total value and gross margin (value − cost, when costs are known) of the whole \
            orders holding both. signpost: the extra revenue if the weaker direction's attach rate rose to the \
            stronger one's — n_X·(conf strong − conf weak) more orders with Y, times Y's mean value per order. \
            A signpost for where to look, not a forecast.
            Thresholds: a pair needs at least min-orders orders and support ≥ min-support (count ≥ ceil(s·N)). \
            sort=orders (default) ranks by orders together; confidence ranks by the stronger direction.
            """,
        options: [Self.top.spec, Self.minSupport.spec, Self.minOrders.spec, Self.minLift.spec, Self.focus.spec, Self.sort.spec] + BasketInput.scopeOptions,
        examples: ["pairs top=10", "pairs sort=lift min-orders=30", "pairs for=\"USB-C laptop 14in\"",
                   "pairs level=category", "pairs min-support=0.5% sort=lift segment=Champions"])

    static let top = TypedOption.count("top", default: "20", "how many pairs to show")
    static let minSupport = BasketInput.support(help: "lowest share of orders holding both (e.g. 0.5%)")
    static let minOrders = TypedOption.count("min-orders", default: "1", "fewest orders holding both")
    static let minLift = TypedOption.number("min-lift", "lowest lift")
    static let focus = TypedOption.text("for", .product, "only partners of this product (it becomes A)")
    static let sort = TypedOption<PairSortKey>.choice("sort", default: "orders", "ranking, largest first (confidence: the stronger direction)")

    let scope: BasketScope
    let top: Int
    let minSupport: Double?
    let minOrders: Int
    let minLift: Double?
    let focus: String?
    let sort: PairSortKey

    public init(arguments: Arguments) throws {
        try arguments.expectPositionals(atMost: 0)
        scope = try BasketScope(arguments)
        minSupport = try arguments.value(Self.minSupport)
        minOrders = try arguments.value(Self.minOrders)
        top = try arguments.value(Self.top)
        minLift = try arguments.value(Self.minLift)
        focus = try arguments.value(Self.focus)
        sort = try arguments.value(Self.sort)
    }

    var orderScope: OrderScope { scope.orders }

    func run(in session: Session, on orders: ResolvedOrderScope) throws -> CommandOutput {
        if let aggregates = orders.parent.serverAggregates { return try aggregatedRun(orders, aggregates) }
        let (t, what) = try scope.transactions(orders)
        var q = PairQuery()
        q.top = top
        q.minimumCount = max(minOrders, minSupport.map { t.minimumCount(support: $0) } ?? 1)
        q.minimumLift = minLift ?? 0
        q.focus = try scope.item(focus, option: "for", in: t)
        q.sort = sort
        let hasMoney = t.basketValue.contains { $0 != 0 }
        let hasCost = hasMoney && t.basketMargin.contains { $0.isFinite }
        if !hasMoney && [.revenue, .margin, .incremental].contains(q.sort) {
            throw scope.places.error("sort=\(q.sort.rawValue) needs prices, and these baskets have none", option: "sort",
                                  hint: "sort by orders, lift, confidence, leverage or conviction")
        }
        if q.sort == .margin && !hasCost {
            throw scope.places.error("sort=margin needs unit costs", option: "sort",
                                  hint: "map unit-cost=COLUMN or join a product table with costs")
        }
        let result = try session.withProgress(unit: "baskets") { try PairAnalysis.run(t, q, progress: $0) }

        var columns = [ResultColumn("item A"), ResultColumn("item B"), ResultColumn("orders", .integer), ResultColumn("support", .percent(2)),
                       ResultColumn("conf A→B", .percent(1)), ResultColumn("conf B→A", .percent(1)), ResultColumn("lift", .decimal(2)),
                       ResultColumn("leverage", .decimal(4)), ResultColumn("conviction A→B", .decimal(2)), ResultColumn("attach A→B", .percent(1))]
        if hasMoney { columns.append(ResultColumn("revenue (both)", .money)) }
        if hasCost { columns.append(ResultColumn("margin (both)", .money)) }
        if hasMoney { columns.append(ResultColumn("signpost +revenue", .money)) }
        var table = ResultTable(title: "Pairs bought together — \(what): \(BasketInput.count(result.baskets)) orders", columns: columns)
        for (k, p) in result.pairs.enumerated() {
            if k & 65535 == 65535 { try Cancellation.check() }
            var row: [Value] = [.text(t.itemNames[Int(p.a)]), .text(t.itemNames[Int(p.b)]), .int(p.together), .double(p.support),
                                .double(p.confidenceAB), .double(p.confidenceBA), .double(p.lift), .double(p.leverage),
                                .double(p.convictionAB), .double(p.attachRate)]
            if hasMoney { row.append(.double(p.revenue)) }
            if hasCost { row.append(.double(p.margin)) }
            if hasMoney { row.append(.double(p.incrementalRevenue)) }
            table.append(row)
        }
        var out = CommandOutput([.table(table)])
        var filters = ["at least \(BasketInput.count(q.minimumCount)) order\(q.minimumCount == 1 ? "" : "s") together"]
        if q.minimumLift > 0 { filters.append("lift ≥ \(NumberFormat.plain(q.minimumLift))") }
        out.append(.note("\(BasketInput.plural(result.matching, "pair")) with \(filters.joined(separator: " and ")); top \(result.pairs.count) by \(q.sort.rawValue)"))
        out.append(.note("A is the anchor (in more orders\(q.focus == nil ? "" : ", or the product asked for")); A→B reads anchor → partner"))
        if hasMoney { out.append(.note("signpost +revenue: if the weaker direction's attach rate rose to the stronger one's — a signpost, not a forecast")) }
        out.append(contentsOf: BasketScope.itemNotes(t))
        if result.matching == 0 {
            out.append(.warning("no pair passes the thresholds; lower min-orders, min-support or min-lift"))
        }
        return out
    }
}
