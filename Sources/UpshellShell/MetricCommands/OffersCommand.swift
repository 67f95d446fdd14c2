import UpshellAnalytics
import UpshellCore
import UpshellData

/// `offers [by KEY] [data=NAME]`: upsell / cross-sell conversion rate and incremental AOV, where the data
/// marks lines that came from an offer; by segment or lifecycle stage, also what each segment co-buys
/// (``SegmentOffersReport``).
struct OffersCommand: ScopedCommand {
    public static let spec = CommandSpec(
        name: "offers", group: .metrics,
        abstract: "upsell and cross-sell conversion rate and incremental AOV (needs a column marking offer lines)",
        synopsis: ["offers [by day|week|month|quarter|year|segment|lifecycle|COLUMN] [data=NAME]"],
        discussion: """
            Needs the 'offer' role: a column saying which lines were added from an offer (headers such as offer, \
            offer_type, upsell, source are mapped automatically; else 'map offer=COLUMN'). Each value is an offer \
            type (upsell, cross-sell, …); empty, none, no, false and 0 mean "not from an offer"; true, yes and 1 \
            mean an unnamed offer. The data records accepted offers only, so every order counts as exposed: \
            conversion rate = orders with at least one line from the offer ÷ orders (the offer's take rate per \
            order). Incremental AOV = revenue of the offer's lines ÷ orders = AOV − AOV without those lines; it \
            assumes the lines would not have been bought otherwise (an upper bound: for an upsell that replaced a \
            cheaper item only the price step is new). AOV of orders with and without the offer is shown for \
            comparison, not as an effect. 'by' splits the figures by period, segment or any column (variant, \
            channel…). 'by segment' (the active segmentation) and 'by lifecycle' (lifecycle stages) also show what \
            each segment actually co-buys and at what price level — its multi-item share, the median price of its \
            add-ons and its top pair — measured from its own orders; these need no offer column.
            """,
        positionals: [PositionalSpec("by KEY", .column, optional: true, "what to group by")],
        options: [DatasetOption.spec],
        examples: ["offers", "offers by variant", "offers by quarter", "offers by lifecycle", "offers by segment"])

    /// What to group by (a period, `segment` or a column), as typed; nil: all orders.
    let by: String?
    let orderScope: OrderScope

    public init(arguments: Arguments) throws {
        by = try MetricInputs.groupKey(arguments, example: "offers by variant", keys: "month, variant, a column…")
        orderScope = try .dataset(of: arguments)
    }

    func run(in session: Session, on resolved: ResolvedOrderScope) throws -> CommandOutput {
        let dataset = resolved.dataset, model = resolved.model
        let profile = SegmentOffersReport.kind(by, dataset)
        let marks = try dataset.offerMarks()
        if let profile {
            let blocks = try SegmentOffersReport.blocks(profile, dataset, model, session)
            // With offer lines in the data, `by segment` keeps its conversion table first.
            guard profile == .segment, let marks, !marks.types.isEmpty else { return CommandOutput(blocks) }
            var output = try conversion(marks, dataset, model, session)
            output.blocks += blocks
            return output
        }
        guard let marks else { throw MetricsError.missingRole("offer", "offers") }
        return try conversion(marks, dataset, model, session)
    }

    /// The conversion table: per offer type (and group), take rate and incremental AOV.
    private func conversion(_ marks: OfferMarks, _ dataset: Dataset, _ model: OrderModel, _ session: Session) throws -> CommandOutput {
        guard !marks.types.isEmpty else {
            let column = dataset.roles[.offer].map { dataset.table.columns[$0].name } ?? "offer"
            throw SessionError("no line of '\(dataset.name)' is marked as from an offer in column '\(column)'",
                               hint: "map the column that marks offer lines: map offer=COLUMN (values such as 'upsell', 'cross-sell')")
        }
        var groups = ["all"]
        var groupOfOrder: [Int32]? = nil
        var isPeriod = false
        if let by {
            let key = by.lowercased()
            if let period = Period(rawValue: key) {
                guard model.hasTimes else { throw MetricsError.missingRole("time", "offers by \(key)") }
                let keys = model.orders.time.map { $0 == Int64.min ? Int.min : period.key(seconds: $0) }
                let distinct = Array(Set(keys.filter { $0 != Int.min })).sorted()
                var index: [Int: Int32] = [:]
                for (i, k) in distinct.enumerated() { index[k] = Int32(i) }
                groups = distinct.map { period.label(key: $0) }
                groupOfOrder = keys.map { index[$0] ?? -1 }
                isPeriod = true
            } else if key == "segment" {
                guard case let .orderLabels(_, labels, groupOf) = try SegmentGrouping.grouping(dataset, session) else { return .empty }
                groups = labels
                groupOfOrder = groupOf
            } else if dataset.table.columnIndex(named: by) == nil,
                      case let .orderLabels(_, labels, groupOf)? = try SegmentGrouping.named(key, dataset, session) {
                groups = labels
                groupOfOrder = groupOf
            } else {
                var column = by
                if dataset.table.columnIndex(named: by) == nil, let role = ColumnRole(shellName: key), let c = dataset.roles[role] {
                    column = dataset.table.columns[c].name
                }
                do {
                    let labels = try dataset.orderLabels(column: column)
                    groups = labels.labels
                    groupOfOrder = labels.groupOfOrder
                } catch LoadError.unknownColumn {
                    let names = Period.allCases.map(\.rawValue) + ["segment"] + SegmentGrouping.names(dataset, session) + dataset.table.columnNames
                    throw SessionError("cannot group offers by '\(by)': it is neither a period, 'segment', a segmentation nor a column of '\(dataset.name)'",
                                       hint: Suggestions.didYouMean(by, in: names) ?? "group by: " + names.joined(separator: ", "))
                }
            }
        }
        var results = try OfferMetrics.compute(model, marks: marks, groups: groups, groupOfOrder: groupOfOrder)
        if !isPeriod, by != nil {
            // Groups by label, offer types in their order within a group.
            results = results.enumerated().sorted { ($0.element.group, $0.offset) < ($1.element.group, $1.offset) }.map(\.element)
        }
        var columns = [ResultColumn("offer"), ResultColumn("orders", .integer), ResultColumn("converted", .integer),
                       ResultColumn("conversion", .percent(2)), ResultColumn("lines", .integer),
                       ResultColumn("offer revenue", .money), ResultColumn("revenue %", .percent(1)),
                       ResultColumn("aov", .money), ResultColumn("incremental aov", .money),
                       ResultColumn("aov with offer", .money), ResultColumn("aov without", .money)]
        if let by { columns.insert(ResultColumn(by), at: 0) }
        var table = ResultTable(title: "Offers\(by.map { " by \($0)" } ?? "") — '\(dataset.name)'", columns: columns)
        for r in results {
            var row: [Value] = [.text(r.offer), .int(r.orders), .int(r.convertedOrders), .double(r.conversionRate), .int(r.lines),
                                .double(r.offerRevenue), .double(r.revenueShare), .double(r.aov),
                                .double(r.incrementalAOV), .double(r.aovConverted), .double(r.aovOther)]
            if by != nil { row.insert(.text(r.group), at: 0) }
            table.append(row)
        }
        let column = dataset.roles[.offer].map { dataset.table.columns[$0].name } ?? "offer"
        return CommandOutput([
            .table(table),
            .note("offer lines from column '\(column)'; conversion = orders with an offer line ÷ orders (offers shown are not in the data); incremental AOV = offer-line revenue ÷ orders, an upper bound"),
        ])
    }
}
