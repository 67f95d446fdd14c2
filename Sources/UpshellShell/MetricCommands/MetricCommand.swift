import UpshellAnalytics
import UpshellCore
import UpshellData

/// The metric a command leads with.
enum FocalMetric: String {
    case orders, revenue, aov, units, margin

    var title: String {
        switch self {
        case .orders: "Orders"
        case .revenue: "Revenue"
        case .aov: "Average order value"
        case .units: "Units per order"
        case .margin: "Gross margin"
        }
    }
}

/// Shared parsing and rendering of `orders|revenue|aov|units|margin [by KEY] [data=NAME]`.
struct MetricQuery {
    let focal: FocalMetric
    /// What to group by (`month`, `category`, a column), as typed; nil: overall.
    let by: String?
    /// The orders: the dataset named by `data=` (or the current one).
    let scope: OrderScope

    static func spec(_ focal: FocalMetric, abstract: String, examples: [String]) -> CommandSpec {
        CommandSpec(
            name: focal.rawValue, group: .metrics, abstract: abstract,
            synopsis: ["\(focal.rawValue) [by day|week|month|quarter|year|category|brand|product|segment|COLUMN] [data=NAME]"],
            discussion: """
                Overall, or per group with order counts, revenue and their shares, AOV, units per order and (when unit \
                costs are known) gross margin. Periods are calendar periods of the order time (UTC; weeks start on \
                Monday). For category, brand and product an order counts in every group it has lines in: revenue and \
                units are those of the group's lines, AOV is the mean value of the whole orders that hold the group. \
                Any other column groups orders by the value on their first line (country, channel, status…). \
                'segment' groups by the latest segmentation made; 'rfm', 'lifecycle', 'value', 'first-repeat' or a \
                defined segmentation's name group by that one, so two can be compared without remaking either. \
                AOV = merchandise value ÷ orders, after cleaning ('clean' shows what was dropped).
                """,
            positionals: [PositionalSpec("by KEY", .column, optional: true, "what to group by")],
            options: [DatasetOption.spec],
            examples: examples)
    }

    /// Parses `[by KEY] [data=NAME]` for the metric `focal`.
    init(_ focal: FocalMetric, _ arguments: Arguments) throws {
        self.focal = focal
        by = try MetricInputs.groupKey(arguments, example: "\(focal.rawValue) by month", keys: "month, category, a column…")
        scope = try .dataset(of: arguments)
    }

    func run(in session: Session, on resolved: ResolvedOrderScope) throws -> CommandOutput {
        let dataset = resolved.dataset, model = resolved.model
        if focal != .orders && !model.hasMoney { throw MetricsError.missingRole("unit-price", "\(focal.rawValue)") }
        if focal == .margin && !model.orders.cost.contains(where: { $0.isFinite }) {
            throw MetricsError.missingRole("unit-cost", "margin")
        }
        let grouping = try grouping(dataset, model, session)
        let groups = try OrderMetrics.compute(model, by: grouping)
        let hasCost = model.orders.cost.contains { $0.isFinite }
        if case .all = grouping, let all = groups.first {
            var items: [(name: String, value: Value, format: ValueFormat)] = [
                ("orders", .int(all.orders), .integer),
                ("revenue", model.hasMoney ? .double(all.revenue) : .null, .money),
                ("AOV", model.hasMoney ? .double(all.aov) : .null, .money),
                ("median order value", model.hasMoney ? .double(Quantile.median(Array(model.orders.value))) : .null, .money),
                ("units per order", .double(all.unitsPerOrder), .decimal(2)),
                ("distinct items per order", Self.itemsPerOrder(dataset, model), .decimal(2)),
            ]
            if hasCost {
                items.append(("gross margin", .double(all.margin), .money))
                items.append(("gross margin %", .double(all.marginShare), .percent(1)))
            }
            return CommandOutput([.values(title: "\(focal.title) — '\(dataset.name)'", items)])
        }
        let key = by ?? "group"
        let hasMoney = model.hasMoney
        var columns = [ResultColumn(key)]
        let lead: [(ResultColumn, (GroupMetrics) -> Value)] = [
            (ResultColumn("orders", .integer), { .int($0.orders) }),
            (ResultColumn("orders %", .percent(1)), { .double($0.orderShare) }),
            // without prices there is no revenue: "–", not $0.00
            (ResultColumn("revenue", .money), { hasMoney ? .double($0.revenue) : .null }),
            (ResultColumn("revenue %", .percent(1)), { hasMoney ? .double($0.revenueShare) : .null }),
            (ResultColumn("aov", .money), { hasMoney ? .double($0.aov) : .null }),
            (ResultColumn("units/order", .decimal(2)), { .double($0.unitsPerOrder) }),
        ] + (hasCost ? [
            (ResultColumn("margin", .money), { .double($0.margin) }),
            (ResultColumn("margin %", .percent(1)), { .double($0.marginShare) }),
        ] : [])
        columns += lead.map(\.0)
        var table = ResultTable(title: "\(focal.title) by \(key) — '\(dataset.name)'", columns: columns)
        let ordered = isPeriod(grouping) ? groups : groups.sorted { focalValue($0) > focalValue($1) }
        for g in ordered { table.append([.text(g.label)] + lead.map { $0.1(g) }) }
        var out = CommandOutput([.table(table)])
        let shareSum = groups.reduce(0) { $0 + $1.orderShare }
        if shareSum > 1.0005 {
            out.append(.note("orders % adds up to \(NumberFormat.percent(shareSum, decimals: 1)): an order counts in every \(key) it has lines in, so the groups overlap"))
        }
        if isPeriod(grouping), groups.count > 2 {
            let values = groups.map(focalValue)
            out.append(.text("\(focal.rawValue) trend: " + ChartRenderer(settings: session.renderSettings).sparkline(values)))
        }
        return out
    }

    /// Basket entries per order: from the baskets, or for `aggregate=server` from the product table's order
    /// counts (each counts the orders holding the product: their sum is the entries), unknown for a view of it.
    static func itemsPerOrder(_ dataset: Dataset, _ model: OrderModel) -> Value {
        guard let aggregates = dataset.serverAggregates else { return .double(Double(model.orders.items.count) / Double(model.orders.count)) }
        guard aggregates.whole else { return .null }
        return .double(Double(model.products.orderCount.reduce(0) { $0 + Int($1) }) / Double(model.orders.count))
    }

    private func isPeriod(_ g: OrderGrouping) -> Bool {
        if case .period = g { return true }
        return false
    }

    private func focalValue(_ g: GroupMetrics) -> Double {
        switch focal {
        case .orders: Double(g.orders)
        case .revenue: g.revenue
        case .aov: g.aov
        case .units: g.unitsPerOrder
        case .margin: g.margin
        }
    }

    private func grouping(_ dataset: Dataset, _ model: OrderModel, _ session: Session) throws -> OrderGrouping {
        guard let by else { return .all }
        let key = by.lowercased()
        if let period = Period(rawValue: key) { return .period(period) }
        switch key {
        case "category", "brand", "product":
            let attribute = ProductAttribute(rawValue: key)!
            if attribute != .product, let column = dataset.roles[attribute == .category ? .category : .brand] {
                return try orderLabelGrouping(dataset, dataset.table.columns[column].name, lineLevel: attribute)
            }
            return .product(attribute)
        case "segment":
            return try SegmentGrouping.grouping(dataset, session)
        default:
            if let role = ColumnRole(shellName: key), let column = dataset.roles[role] {
                return try orderLabelGrouping(dataset, dataset.table.columns[column].name, lineLevel: nil)
            }
            if dataset.table.columnIndex(named: by) == nil, let named = try SegmentGrouping.named(key, dataset, session) { return named }
            do {
                return try orderLabelGrouping(dataset, by, lineLevel: nil)
            } catch let error as LoadError {
                if case .unknownColumn = error {
                    let names = Period.allCases.map(\.rawValue) + ["category", "brand", "product", "segment"] + SegmentGrouping.names(dataset, session) + dataset.table.columnNames
                    throw SessionError("cannot group by '\(by)': it is neither a period, a product attribute, a segmentation nor a column of '\(dataset.name)'",
                                       hint: Suggestions.didYouMean(by, in: names) ?? "group by: " + names.joined(separator: ", "))
                }
                throw error
            }
        }
    }

    private func orderLabelGrouping(_ dataset: Dataset, _ column: String, lineLevel: ProductAttribute?) throws -> OrderGrouping {
        if let lineLevel { return .product(lineLevel) }
        let labels = try dataset.orderLabels(column: column)
        return .orderLabels(name: labels.column, labels: labels.labels, groupOfOrder: labels.groupOfOrder)
    }
}

/// A metric command (`orders`, `revenue`, `aov`, `units`, `margin`): the metric it leads with names it,
/// the query does the rest.
protocol MetricQueryCommand: ScopedCommand {
    static var focal: FocalMetric { get }
    var query: MetricQuery { get }
    init(query: MetricQuery)
}

extension MetricQueryCommand {
    init(arguments: Arguments) throws { self.init(query: try MetricQuery(Self.focal, arguments)) }
    var orderScope: OrderScope { query.scope }
    func run(in session: Session, on resolved: ResolvedOrderScope) throws -> CommandOutput { try query.run(in: session, on: resolved) }
    var by: String? { query.by }
    /// Whole orders suffice, but for a breakdown by category, brand or product.
    var lineLevelNeed: String? {
        guard let by, ["category", "brand", "product"].contains(by.lowercased()) else { return nil }
        return "the order lines (the \(by.lowercased()) of each line)"
    }
}

/// `orders [by KEY]`.
struct OrdersCommand: MetricQueryCommand {
    static let focal = FocalMetric.orders
    static let spec = MetricQuery.spec(.orders, abstract: "count orders, overall or by period, category, segment or any column", examples: ["orders by month", "orders by Country"])
    let query: MetricQuery
}

/// `revenue [by KEY]`.
struct RevenueCommand: MetricQueryCommand {
    static let focal = FocalMetric.revenue
    static let spec = MetricQuery.spec(.revenue, abstract: "revenue with shares, overall or by period, category, segment or any column", examples: ["revenue by quarter", "revenue by category"])
    let query: MetricQuery
}

/// `aov [by KEY]`.
struct AOVCommand: MetricQueryCommand {
    static let focal = FocalMetric.aov
    static let spec = MetricQuery.spec(.aov, abstract: "average order value, overall or by period, category, segment or any column", examples: ["aov", "aov by month", "aov by segment", "aov by rfm"])
    let query: MetricQuery
}

/// `units [by KEY]`.
struct UnitsCommand: MetricQueryCommand {
    static let focal = FocalMetric.units
    static let spec = MetricQuery.spec(.units, abstract: "units per order, overall or by period, category, segment or any column", examples: ["units by month"])
    let query: MetricQuery
}

/// `margin [by KEY]`.
struct MarginCommand: MetricQueryCommand {
    static let focal = FocalMetric.margin
    static let spec = MetricQuery.spec(.margin, abstract: "gross margin (needs unit costs), overall or by period, category, segment or any column", examples: ["margin by category"])
    let query: MetricQuery
}
