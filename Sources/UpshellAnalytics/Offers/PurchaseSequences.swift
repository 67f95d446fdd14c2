import UpshellCore
import UpshellData

/// What customers buy next after a product, in a later order, and after how long.
public struct NextPurchase: Sendable, Equatable {
    /// The product bought later.
    public var item: Int32
    /// Customers who bought it in an order after their first order with the anchor.
    public var customers: Int
    /// Days from the anchor's order to the first later order holding the product: quartiles (type 7).
    public var medianDays: Double
    public var lowerQuartileDays: Double
    public var upperQuartileDays: Double
}

/// Purchase sequences (design notes of this folder): for each customer, the first order holding the anchor
/// at time t0; every product in a later order (time > t0) counts once per customer, at the first such order.
public enum PurchaseSequences {
    /// The products bought after `anchor`, most customers first (ties by product id), with the number of the
    /// anchor's buyers and how many of them ordered again.
    /// - Complexity: O(order lines).
    public static func after(_ anchor: Int32, in model: OrderModel, keep: [Bool]? = nil)
        throws -> (next: [NextPurchase], buyers: Int, buyersWithLaterOrder: Int) {
        guard model.hasCustomers else { throw OfferError.noCustomers }
        guard model.hasTimes else { throw OfferError.noTimes }
        let orders = model.orders
        // first time each customer bought the anchor
        var first = [Int64](repeating: .max, count: model.customers.count)
        for o in 0..<orders.count where keep?[o] ?? true {
            let c = Int(orders.customer[o])
            guard c >= 0, orders.items.index(of: anchor, in: Int(orders.offsets[o])..<Int(orders.offsets[o + 1])) != nil else { continue }
            first[c] = min(first[c], orders.time[o])
        }
        // per customer and product: the first later order's time
        var firstLater: [Int64: Int64] = [:]   // key: customer << 32 | product
        var hasLater = Set<Int32>()
        for o in 0..<orders.count where keep?[o] ?? true {
            if o & 65535 == 0 { try Cancellation.check() }
            let c = Int(orders.customer[o])
            guard c >= 0, first[c] != .max, orders.time[o] > first[c] else { continue }
            hasLater.insert(Int32(c))
            for e in Int(orders.offsets[o])..<Int(orders.offsets[o + 1]) {
                let p = orders.items[e]
                guard p != anchor, !model.products.isOutOfBaskets(Int(p)) else { continue }
                let key = Int64(c) << 32 | Int64(p)
                if let t = firstLater[key], t <= orders.time[o] { continue }
                firstLater[key] = orders.time[o]
            }
        }
        var days: [Int32: [Double]] = [:]
        for (key, t) in firstLater {
            let c = Int(key >> 32), p = Int32(truncatingIfNeeded: key & 0xFFFF_FFFF)
            days[p, default: []].append(Double(t - first[c]) / 86_400)
        }
        var out = days.map { (p, d) -> NextPurchase in
            let s = d.sorted()
            return NextPurchase(item: p, customers: s.count, medianDays: Quantile.linear(sorted: s, 0.5),
                                lowerQuartileDays: Quantile.linear(sorted: s, 0.25), upperQuartileDays: Quantile.linear(sorted: s, 0.75))
        }
        out.sort { $0.customers != $1.customers ? $0.customers > $1.customers : $0.item < $1.item }
        let buyers = first.reduce(0) { $0 + ($1 != .max ? 1 : 0) }
        return (out, buyers, hasLater.count)
    }
}
