import UpshellCore
import UpshellData

/// Upsell / cross-sell results of one offer type (or of all offers) within one group of orders.
///
/// Definitions (the data marks only *accepted* offers — lines added from an offer — not offers shown):
/// - **conversion rate** = orders holding at least one line from the offer ÷ all orders of the group;
///   with offer impressions unknown, every order is taken as exposed (the rate is the offer's take rate
///   per order).
/// - **incremental AOV** = revenue of the offer's lines ÷ all orders of the group: how much the offer lines
///   add to AOV, i.e. AOV − AOV with those lines removed. It assumes the offer lines would not have been
///   bought otherwise, so it is an upper bound (for an upsell that replaced a cheaper item, only the price
///   step is truly incremental).
public struct OfferResult: Sendable, Equatable {
    /// The group (`all`, a period, a variant…).
    public var group: String
    /// The offer type (`upsell`, `cross-sell`, or `any offer`).
    public var offer: String
    /// Orders in the group.
    public var orders: Int
    /// Orders with at least one line from the offer.
    public var convertedOrders: Int
    /// Basket entries and units from the offer.
    public var lines: Int
    public var units: Double
    /// Revenue of the offer's lines.
    public var offerRevenue: Double
    /// Revenue of all orders of the group.
    public var revenue: Double
    /// Value of the orders with and without an offer line.
    public var convertedValue: Double
    public var otherValue: Double

    /// convertedOrders ÷ orders.
    public var conversionRate: Double { orders > 0 ? Double(convertedOrders) / Double(orders) : .nan }
    /// offerRevenue ÷ orders.
    public var incrementalAOV: Double { orders > 0 ? offerRevenue / Double(orders) : .nan }
    /// AOV of all orders of the group.
    public var aov: Double { orders > 0 ? revenue / Double(orders) : .nan }
    /// AOV − incremental AOV: the AOV had the offer lines not been bought.
    public var aovWithoutOffer: Double { aov - incrementalAOV }
    /// Share of the group's revenue from the offer's lines.
    public var revenueShare: Double { revenue != 0 ? offerRevenue / revenue : .nan }
    /// AOV of the orders that took the offer, and of the others (a comparison, not an effect).
    public var aovConverted: Double { convertedOrders > 0 ? convertedValue / Double(convertedOrders) : .nan }
    public var aovOther: Double { orders > convertedOrders ? otherValue / Double(orders - convertedOrders) : .nan }
}

/// Conversion rate and incremental AOV of upsell and cross-sell offers, overall or per group of orders.
public enum OfferMetrics {
    /// One result per group and offer type (types in data order, then `any offer` when there are
    /// several types). `groupOfOrder` assigns each order a group index into `groups` (`-1`: left out);
    /// `nil` puts every order in one group called `all`.
    ///
    /// - Complexity: O(order lines).
    public static func compute(_ model: OrderModel, marks: OfferMarks, groups: [String] = ["all"],
                               groupOfOrder: [Int32]? = nil) throws -> [OfferResult] {
        let types = marks.types.count > 1 ? marks.types + ["any offer"] : marks.types
        let anyIndex = marks.types.count > 1 ? marks.types.count : -1
        let o = model.orders
        var results: [[OfferResult]] = groups.map { g in
            types.map { OfferResult(group: g, offer: $0, orders: 0, convertedOrders: 0, lines: 0, units: 0,
                                    offerRevenue: 0, revenue: 0, convertedValue: 0, otherValue: 0) }
        }
        var seen = [Bool](repeating: false, count: types.count)
        for i in 0..<o.count {
            if i & 0xFFFF == 0 { try Cancellation.check() }
            let g = groupOfOrder.map { Int($0[i]) } ?? 0
            guard g >= 0 else { continue }
            for t in seen.indices { seen[t] = false }
            for j in Int(o.offsets[i])..<Int(o.offsets[i + 1]) {
                let t = Int(marks.typeOfEntry[j])
                guard t >= 0 else { continue }
                var k = t
                while k >= 0 {
                    seen[k] = true
                    results[g][k].lines += 1
                    results[g][k].units += Double(o.quantities[j])
                    results[g][k].offerRevenue += o.lineValues[j]
                    k = k == anyIndex ? -1 : anyIndex  // then the `any offer` total, if there is one
                }
            }
            for t in types.indices {
                results[g][t].orders += 1
                results[g][t].revenue += o.value[i]
                if seen[t] {
                    results[g][t].convertedOrders += 1
                    results[g][t].convertedValue += o.value[i]
                } else {
                    results[g][t].otherValue += o.value[i]
                }
            }
        }
        return results.flatMap { $0 }.filter { $0.orders > 0 }
    }
}
