import UpshellAnalytics
import UpshellCore
import UpshellData

/// `offers by segment` / `offers by lifecycle`: what each segment co-buys and at what price level
/// (``SegmentOffers``), as a table with one row per segment after a row for all orders.
enum SegmentOffersReport {
    /// Which segmentation `offers by KEY` asks for.
    enum Kind: Equatable {
        /// The dataset's active segmentation.
        case segment
        /// Lifecycle stages with `segment lifecycle`'s defaults.
        case lifecycle
    }

    /// The kind `by KEY` names, or nil when it names something else (a period, a column). A column named
    /// `lifecycle` keeps its meaning as a column.
    static func kind(_ by: String?, _ dataset: Dataset) -> Kind? {
        switch by?.lowercased() {
        case "segment", "segments": return .segment
        case "lifecycle", "stage": return dataset.table.columnIndex(named: by!) == nil ? .lifecycle : nil
        default: return nil
        }
    }

    /// The segmentation the kind stands for.
    static func segmentation(_ kind: Kind, _ dataset: Dataset, _ model: OrderModel, _ session: Session) throws -> Segmentation {
        switch kind {
        case .segment:
            guard let s = session.segments.active(for: dataset.name) else {
                throw SessionError("'\(dataset.name)' has no segmentation yet, so offers cannot be split by segment",
                                   hint: "create one first: segment rfm (or first-repeat, value, lifecycle), or use: offers by lifecycle")
            }
            return s
        case .lifecycle:
            guard model.hasTimes else { throw MetricsError.missingRole("time", "offers by lifecycle") }
            return try LifecycleSegmentation.compute(model, LifecycleParameters())
        }
    }

    /// The blocks of the report.
    static func blocks(_ kind: Kind, _ dataset: Dataset, _ model: OrderModel, _ session: Session) throws -> [OutputBlock] {
        let s = try segmentation(kind, dataset, model, session)
        let (all, segments) = try SegmentOffers.profiles(model, s)
        let key = kind == .segment ? "segment" : "lifecycle"
        let columns = [ResultColumn(key), ResultColumn("customers", .integer), ResultColumn("orders", .integer),
                       ResultColumn("multi-item", .percent(1)), ResultColumn("aov", .money),
                       ResultColumn("add-on median", .money), ResultColumn("vs all", .decimal(2)),
                       ResultColumn("top pair (lift > 1)"), ResultColumn("together", .integer), ResultColumn("lift", .decimal(2))]
        var table = ResultTable(title: "What each \(kind == .segment ? "segment ('\(s.name)')" : "lifecycle stage") co-buys — '\(dataset.name)'",
                                columns: columns)
        for p in [all] + segments where p.orders > 0 {
            let pair = p.pairs.first
            table.append([.text(p.label), .int(p.customers), .int(p.orders), .double(p.multiItemShare), .double(p.aov),
                          .double(p.addOnMedianPrice), .double(p.addOnMedianPrice / all.addOnMedianPrice),
                          pair.map { .text("\($0.a) + \($0.b)") } ?? .text("—"),
                          pair.map { .int($0.orders) } ?? .null, pair.map { .double($0.lift) } ?? .null])
        }
        var out: [OutputBlock] = [.table(table)]
        if let line = summary(segments, all: all, currency: session.renderSettings.currency) { out.append(.text(line)) }
        out.append(.note("measured, not assumed: add-on = every product line of an order of 2+ products but the dearest one; "
            + "'vs all' = the segment's add-on median ÷ all orders'; top pair = the pair in most of the segment's orders among those "
            + "bought together more often than chance within the segment (lift > 1, at least 2 orders)"))
        if kind == .lifecycle { out.append(.note("lifecycle stages with the defaults of 'segment lifecycle'")) }
        return out
    }

    /// `Add-ons are cheapest for 'new' ($4.50, 0.62× all) and dearest for 'champions' ($12.00, 1.40× all).`
    static func summary(_ segments: [SegmentOfferProfile], all: SegmentOfferProfile, currency: String) -> String? {
        let priced = segments.filter { $0.orders > 0 && !$0.addOnMedianPrice.isNaN }
        guard priced.count >= 2, let low = priced.min(by: { $0.addOnMedianPrice < $1.addOnMedianPrice }),
              let high = priced.max(by: { $0.addOnMedianPrice < $1.addOnMedianPrice }), low.label != high.label else { return nil }
        let describe = { (p: SegmentOfferProfile) in
            "'\(p.label)' (\(NumberFormat.money(p.addOnMedianPrice, symbol: currency)), \(NumberFormat.grouped(p.addOnMedianPrice / all.addOnMedianPrice, decimals: 2))× all)"
        }
        return "Add-ons are cheapest for \(describe(low)) and dearest for \(describe(high))."
    }
}
