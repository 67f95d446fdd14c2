import UpshellData

/// A split of customers (or of orders) into named segments.
///
/// Customer-level segmentations give each customer one segment; orders take their customer's segment,
/// and orders without a customer have none. Order-level segmentations (first vs repeat order) label
/// each order directly.
public struct Segmentation: Sendable {
    /// The kind that made it (`rfm`, `lifecycle`, `value`, `first-repeat`, or a custom name).
    public var name: String
    /// Segment names, in display order.
    public var labels: [String]
    /// Segment of each customer (`-1` none), for customer-level segmentations.
    public var segmentOfCustomer: [Int32]?
    /// Segment of each order (`-1` none). Always filled.
    public var segmentOfOrder: [Int32]
    /// Parameters used, as printed (`top=20%`, `inter-purchase time 41 days`).
    public var parameters: [(name: String, value: String)]

    public init(name: String, labels: [String], segmentOfCustomer: [Int32]?, segmentOfOrder: [Int32], parameters: [(name: String, value: String)]) {
        self.name = name
        self.labels = labels
        self.segmentOfCustomer = segmentOfCustomer
        self.segmentOfOrder = segmentOfOrder
        self.parameters = parameters
    }

    /// Orders' segments derived from customers' segments.
    public static func ordersFromCustomers(_ model: OrderModel, _ segmentOfCustomer: [Int32]) -> [Int32] {
        model.orders.customer.map { $0 < 0 ? -1 : segmentOfCustomer[Int($0)] }
    }

    /// The index of a segment by name (case-insensitive, `-`/`_`/space-insensitive).
    public func index(of label: String) -> Int? {
        func norm(_ s: String) -> String { s.lowercased().filter { $0.isLetter || $0.isNumber } }
        let key = norm(label)
        return labels.firstIndex { norm($0) == key }
    }
}

/// Per-segment summary: who they are and what they are worth.
public struct SegmentSummary: Sendable, Equatable {
    public var label: String
    public var customers: Int
    public var orders: Int
    public var revenue: Double
    public var customerShare: Double
    public var revenueShare: Double
    public var aov: Double
    public var ordersPerCustomer: Double
    /// Mean days since the last order, `.nan` without times.
    public var meanRecencyDays: Double
}

extension Segmentation {
    /// Customer counts, revenue share, AOV and orders per customer of each segment.
    ///
    /// - Complexity: O(orders).
    public func summaries(_ model: OrderModel) -> [SegmentSummary] {
        var customers = [Int](repeating: 0, count: labels.count)
        var orders = [Int](repeating: 0, count: labels.count)
        var revenue = [Double](repeating: 0, count: labels.count)
        var recency = [Double](repeating: 0, count: labels.count)
        let end = model.dateRange?.upperBound
        var seenCustomer = [Bool](repeating: false, count: model.customers.count)
        for o in 0..<model.orders.count {
            let s = Int(segmentOfOrder[o])
            guard s >= 0 else { continue }
            orders[s] += 1
            revenue[s] += model.orders.value[o]
            let c = Int(model.orders.customer[o])
            if c >= 0 && !seenCustomer[c] {
                seenCustomer[c] = true
                customers[s] += 1
                if let end { recency[s] += Double(end - model.customers.lastOrderTime[c]) / 86_400 }
            }
        }
        let totalCustomers = max(1, customers.reduce(0, +))
        let totalRevenue = revenue.reduce(0, +)
        return labels.indices.map { s in
            SegmentSummary(label: labels[s], customers: customers[s], orders: orders[s], revenue: revenue[s],
                           customerShare: Double(customers[s]) / Double(totalCustomers),
                           revenueShare: totalRevenue > 0 ? revenue[s] / totalRevenue : .nan,
                           aov: orders[s] > 0 ? revenue[s] / Double(orders[s]) : .nan,
                           ordersPerCustomer: customers[s] > 0 ? Double(orders[s]) / Double(customers[s]) : .nan,
                           meanRecencyDays: end != nil && customers[s] > 0 ? recency[s] / Double(customers[s]) : .nan)
        }
    }
}
