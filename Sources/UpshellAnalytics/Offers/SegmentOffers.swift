import UpshellCore
import UpshellData

/// What one segment actually co-buys and at what price level, measured from its orders.
public struct SegmentOfferProfile: Sendable, Equatable {
    /// The segment's label (`"all"` for the whole dataset).
    public var label: String
    /// Customers with at least one order in the segment.
    public var customers: Int
    /// Orders of the segment.
    public var orders: Int
    /// Orders holding two distinct products or more (non-product lines left out).
    public var multiItemOrders: Int
    /// Mean order value.
    public var aov: Double
    /// Median unit price of the add-on lines: in an order of two products or more, every product line but
    /// the one with the highest unit price. NaN when the segment has no multi-item order.
    public var addOnMedianPrice: Double
    /// The most frequent pairs of the segment that are bought together more often than chance (lift > 1),
    /// most orders first.
    public var pairs: [SegmentPair]

    /// Share of the segment's orders that hold two products or more.
    public var multiItemShare: Double { orders > 0 ? Double(multiItemOrders) / Double(orders) : .nan }
}

/// A pair a segment co-buys: the two products' names, the segment's orders holding both, and the lift
/// within the segment's orders.
public struct SegmentPair: Sendable, Equatable {
    public var a: String, b: String
    public var orders: Int
    public var lift: Double
}

/// Offers by segment: for each segment of a segmentation, what its customers buy together and how dear
/// their add-ons are, beside the same figures for all orders (`offers by segment`, `offers by lifecycle`).
///
/// Nothing is assumed about segments (first-time buyers are not *told* to get cheap add-ons): the add-on
/// price level and the pairs are counted from the segment's own orders, so the reader sees whether, say,
/// high-value customers really add premium items. The add-on of an order is every product line but the
/// one with the highest unit price (line value ÷ quantity), so a €3 filter added to a €400 grinder counts as
/// a €3 add-on; an order of one product has no add-on.
public enum SegmentOffers {
    /// Profiles of every segment of `segmentation` (in its label order) and of all orders.
    ///
    /// - Parameters:
    ///   - minimumPairOrders: a pair must be in at least this many of the segment's orders to be listed.
    ///   - pairsPerSegment: how many pairs to keep per segment.
    /// - Complexity: O(order lines + Σ k² per segment) for orders of k products.
    public static func profiles(_ model: OrderModel, _ segmentation: Segmentation, minimumPairOrders: Int = 2,
                                pairsPerSegment: Int = 2) throws -> (all: SegmentOfferProfile, segments: [SegmentOfferProfile]) {
        let of = segmentation.segmentOfOrder
        let all = try profile(model, label: "all", keep: nil, minimumPairOrders: minimumPairOrders, pairs: pairsPerSegment)
        var segments: [SegmentOfferProfile] = []
        for s in segmentation.labels.indices {
            try Cancellation.check()
            let keep = of.map { $0 == Int32(s) }
            segments.append(try profile(model, label: segmentation.labels[s], keep: keep,
                                        minimumPairOrders: minimumPairOrders, pairs: pairsPerSegment))
        }
        return (all, segments)
    }

    /// The profile of the orders `keep` selects (all when nil).
    static func profile(_ model: OrderModel, label: String, keep: [Bool]?, minimumPairOrders: Int,
                        pairs: Int) throws -> SegmentOfferProfile {
        let o = model.orders, products = model.products
        var orders = 0, multi = 0, value = 0.0
        var customerSeen = [Bool](repeating: false, count: model.customers.count)
        var customers = 0
        var addOnPrices: [Double] = []
        var linePrices: [Double] = []
        var distinct: [Int32] = []
        for i in 0..<o.count {
            if i & 65535 == 0 { try Cancellation.check() }
            if let keep, !keep[i] { continue }
            orders += 1
            value += o.value[i]
            let c = Int(o.customer[i])
            if c >= 0, !customerSeen[c] { customerSeen[c] = true; customers += 1 }
            linePrices.removeAll(keepingCapacity: true)
            distinct.removeAll(keepingCapacity: true)
            for e in Int(o.offsets[i])..<Int(o.offsets[i + 1]) {
                let p = o.items[e]
                if products.isOutOfBaskets(Int(p)) { continue }
                let q = o.quantities[e]
                guard q > 0 else { continue }
                if !distinct.contains(p) { distinct.append(p) }
                linePrices.append(o.lineValues[e] / Double(q))
            }
            guard distinct.count >= 2 else { continue }
            multi += 1
            linePrices.sort()
            addOnPrices.append(contentsOf: linePrices.dropLast())
        }
        var top: [SegmentPair] = []
        let transactions = try Transactions(model, keep: keep)
        if transactions.multiItemBaskets > 0 {
            var q = PairQuery()
            q.minimumCount = max(1, minimumPairOrders)
            q.minimumLift = 1.000_000_1
            q.top = pairs
            top = try PairAnalysis.run(transactions, q).pairs.map {
                SegmentPair(a: transactions.itemNames[Int($0.a)], b: transactions.itemNames[Int($0.b)], orders: $0.together, lift: $0.lift)
            }
        }
        return SegmentOfferProfile(label: label, customers: customers, orders: orders, multiItemOrders: multi,
                                   aov: orders > 0 ? value / Double(orders) : .nan,
                                   addOnMedianPrice: Quantile.median(addOnPrices), pairs: top)
    }
}
