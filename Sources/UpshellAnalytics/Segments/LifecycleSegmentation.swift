import UpshellData

/// Lifecycle stages from recency and frequency relative to the store's own inter-purchase time.
///
/// The inter-purchase time (IPT) is the median number of days between consecutive orders of the same
/// customer. With days since the last order `d` (to the data's last day) and `k` orders:
/// **new** — one order and `d ≤ active × IPT`; **champions** — `k ≥ champion-orders` and
/// `d ≤ active × IPT`; **engaged** — `d ≤ active × IPT` otherwise; **at-risk** —
/// `active × IPT < d ≤ lapsed × IPT`; **hibernating** — `d > lapsed × IPT`. Defaults: active 1.5,
/// lapsed 3, champion-orders 4.
public struct LifecycleParameters: Sendable, Equatable {
    public var active: Double = 1.5
    public var lapsed: Double = 3
    public var championOrders: Int = 4
    /// Overrides the measured inter-purchase time (days).
    public var interPurchaseDays: Double?
    public init() {}
}

public enum LifecycleSegmentation {
    public static let labels = ["new", "engaged", "champions", "at-risk", "hibernating"]

    /// The median days between consecutive orders of the same customer (`nil` without repeat buyers).
    public static func medianInterPurchaseDays(_ model: OrderModel) -> Double? {
        let o = model.orders
        var byCustomer: [[Int64]] = Array(repeating: [], count: model.customers.count)
        for i in 0..<o.count where o.customer[i] >= 0 && o.time[i] != Int64.min { byCustomer[Int(o.customer[i])].append(o.time[i]) }
        var gaps: [Double] = []
        for var times in byCustomer where times.count > 1 {
            times.sort()
            for k in 1..<times.count { gaps.append(Double(times[k] - times[k - 1]) / 86_400) }
        }
        let positive = gaps.filter { $0 > 0 }.sorted()
        guard !positive.isEmpty else { return nil }
        let n = positive.count
        return n % 2 == 1 ? positive[n / 2] : (positive[n / 2 - 1] + positive[n / 2]) / 2
    }

    public static func compute(_ model: OrderModel, _ p: LifecycleParameters) throws -> Segmentation {
        guard model.hasCustomers else { throw SegmentationError.missingRole("customer", "lifecycle") }
        guard model.hasTimes, let range = model.dateRange else { throw SegmentationError.missingRole("time", "lifecycle") }
        let c = model.customers
        guard c.count >= 2 else { throw SegmentationError.tooFewCustomers(c.count, "lifecycle") }
        guard p.active > 0, p.lapsed > p.active else {
            throw SegmentationError.activeNotBeforeLapsed(active: p.active, lapsed: p.lapsed)
        }
        guard p.championOrders >= 2 else { throw SegmentationError.championOrdersTooFew }
        guard let ipt = p.interPurchaseDays ?? medianInterPurchaseDays(model), ipt > 0 else {
            throw SegmentationError.noInterPurchaseTime
        }
        let reference = Double(range.upperBound) / 86_400 + 1
        var segmentOfCustomer = [Int32](repeating: -1, count: c.count)
        for i in 0..<c.count {
            let d = reference - Double(c.lastOrderTime[i]) / 86_400
            let k = Int(c.orderCount[i])
            let label: String
            if d <= p.active * ipt {
                label = k == 1 ? "new" : (k >= p.championOrders ? "champions" : "engaged")
            } else if d <= p.lapsed * ipt {
                label = "at-risk"
            } else {
                label = "hibernating"
            }
            segmentOfCustomer[i] = Int32(labels.firstIndex(of: label)!)
        }
        let days = (ipt * 10).rounded() / 10
        return Segmentation(
            name: "lifecycle", labels: labels, segmentOfCustomer: segmentOfCustomer,
            segmentOfOrder: Segmentation.ordersFromCustomers(model, segmentOfCustomer),
            parameters: [("inter-purchase time (median)", "\(days) days" + (p.interPurchaseDays == nil ? "" : " (given)")),
                         ("active", "last order within \(p.active) × IPT = \((p.active * ipt).rounded()) days"),
                         ("lapsed", "no order for more than \(p.lapsed) × IPT = \((p.lapsed * ipt).rounded()) days"),
                         ("champion-orders", "\(p.championOrders)")])
    }
}
