import UpshellData

/// First-time vs repeat, and high-value customers.
public enum SimpleSegmentations {
    /// Order level: each order is the customer's first order or a repeat order (by order count at the
    /// time of the order). Orders without a customer have no segment.
    ///
    /// Customers are also counted by lifetime (one order in the data vs more) in `parameters`.
    public static func firstRepeat(_ model: OrderModel) throws -> Segmentation {
        guard model.hasCustomers else { throw SegmentationError.missingRole("customer", "first-repeat") }
        let o = model.orders
        // Orders of each customer in time order; the earliest is the first order.
        var firstOrder = [Int](repeating: -1, count: model.customers.count)
        for i in 0..<o.count where o.customer[i] >= 0 {
            let c = Int(o.customer[i])
            let f = firstOrder[c]
            if f < 0 || o.time[i] < o.time[f] || (o.time[i] == o.time[f] && i < f) { firstOrder[c] = i }
        }
        var segmentOfOrder = [Int32](repeating: -1, count: o.count)
        for i in 0..<o.count where o.customer[i] >= 0 { segmentOfOrder[i] = firstOrder[Int(o.customer[i])] == i ? 0 : 1 }
        let oneTime = model.customers.orderCount.filter { $0 == 1 }.count
        return Segmentation(name: "first-repeat", labels: ["first order", "repeat order"], segmentOfCustomer: nil,
                            segmentOfOrder: segmentOfOrder,
                            parameters: [("one-time customers (lifetime)", "\(oneTime)"),
                                         ("repeat customers (lifetime)", "\(model.customers.count - oneTime)")])
    }

    /// Customer level, by lifetime: one order in the data vs more.
    public static func oneTimeVsRepeat(_ model: OrderModel) throws -> Segmentation {
        guard model.hasCustomers else { throw SegmentationError.missingRole("customer", "first-repeat") }
        let seg = model.customers.orderCount.map { Int32($0 > 1 ? 1 : 0) }
        return Segmentation(name: "one-time-repeat", labels: ["one-time customer", "repeat customer"], segmentOfCustomer: seg,
                            segmentOfOrder: Segmentation.ordersFromCustomers(model, seg), parameters: [])
    }

    /// Customer level: the top `share` of customers by revenue are "high-value", the rest "other".
    /// Ties at the cut go to the high-value side only if the whole tie fits (deterministic).
    public static func value(_ model: OrderModel, top share: Double) throws -> Segmentation {
        guard model.hasCustomers else { throw SegmentationError.missingRole("customer", "value") }
        guard model.hasMoney else { throw SegmentationError.missingRole("unit-price", "value") }
        guard share > 0 && share < 1 else {
            throw SegmentationError.topShareOutOfRange(share)
        }
        let c = model.customers
        guard c.count >= 2 else { throw SegmentationError.tooFewCustomers(c.count, "value") }
        let order = c.value.indices.sorted { c.value[$0] != c.value[$1] ? c.value[$0] > c.value[$1] : $0 < $1 }
        let target = max(1, Int((share * Double(c.count)).rounded()))
        var cut = target
        while cut > 0 && cut < order.count && c.value[order[cut]] == c.value[order[cut - 1]] { cut -= 1 }
        if cut == 0 { cut = target }
        var seg = [Int32](repeating: 1, count: c.count)
        for k in 0..<cut { seg[order[k]] = 0 }
        let threshold = c.value[order[cut - 1]]
        return Segmentation(name: "value", labels: ["high-value", "other"], segmentOfCustomer: seg,
                            segmentOfOrder: Segmentation.ordersFromCustomers(model, seg),
                            parameters: [("top", "\(share * 100)% of customers by revenue = \(cut) customers"),
                                         ("lowest high-value revenue", "\((threshold * 100).rounded() / 100)")])
    }
}
