import UpshellCore
import UpshellData

/// Order metrics of one group (or of all orders): counts, money and their shares.
public struct GroupMetrics: Sendable, Equatable {
    /// The group's label (`2011-03`, `France`, `Kitchen`), `"all"` for the total.
    public var label: String
    /// Orders in the group (for product groupings: orders holding at least one of its products).
    public var orders: Int
    /// Revenue: merchandise value of the group's orders (product groupings: of the group's lines).
    public var revenue: Double
    /// Units sold (sum of quantities).
    public var units: Double
    /// Value of the whole orders counted (equals `revenue` except for product groupings).
    public var orderValue: Double
    /// Cost of goods, `.nan` when unknown.
    public var cost: Double
    /// Share of all orders and of all revenue (0…1).
    public var orderShare: Double
    public var revenueShare: Double

    /// Average order value: value of the orders counted ÷ orders.
    public var aov: Double { orders > 0 ? orderValue / Double(orders) : .nan }
    /// Units per order.
    public var unitsPerOrder: Double { orders > 0 ? units / Double(orders) : .nan }
    /// Gross margin: revenue − cost (`.nan` without costs).
    public var margin: Double { revenue - cost }
    /// Gross margin share of revenue.
    public var marginShare: Double { revenue > 0 ? margin / revenue : .nan }
}

/// How orders are grouped.
public enum OrderGrouping: Sendable, Equatable {
    /// One group: all orders.
    case all
    /// Calendar periods of the order time.
    case period(Period)
    /// A product attribute (category, brand, or the product itself): an order counts in every group it
    /// has lines in; revenue and units are those of the group's lines; AOV is of the whole orders.
    case product(ProductAttribute)
    /// A value per order (country, channel, segment…): labels and a group index per order (-1 = none).
    case orderLabels(name: String, labels: [String], groupOfOrder: [Int32])
}

/// A product attribute to group lines by.
public enum ProductAttribute: String, Sendable {
    case category, brand, product
}

/// Computes orders, revenue, AOV, units and margin overall or by group, in one pass over the orders
/// (and their lines for product groupings).
///
/// - Complexity: O(orders) for order groupings, O(order lines) for product groupings.
public enum OrderMetrics {
    /// Metrics per group, in key order for periods and by descending revenue otherwise.
    public static func compute(_ model: OrderModel, by grouping: OrderGrouping) throws -> [GroupMetrics] {
        let orders = model.orders
        let n = orders.count
        let totalRevenue = orders.value.reduce(0, +)
        func finish(_ groups: inout [GroupMetrics]) {
            for i in groups.indices {
                groups[i].orderShare = n > 0 ? Double(groups[i].orders) / Double(n) : .nan
                groups[i].revenueShare = totalRevenue > 0 ? groups[i].revenue / totalRevenue : .nan
            }
        }
        switch grouping {
        case .all:
            var g = accumulate(model, labels: ["all"], group: { _ in 0 })
            finish(&g)
            return g
        case .period(let period):
            guard model.hasTimes else { throw MetricsError.missingRole("time", "grouping by \(period.rawValue)") }
            var keys: [Int] = []
            keys.reserveCapacity(n)
            for o in 0..<n { keys.append(orders.time[o] == Int64.min ? Int.min : period.key(seconds: orders.time[o])) }
            let distinct = Array(Set(keys.filter { $0 != Int.min })).sorted()
            var index: [Int: Int] = [:]
            for (i, k) in distinct.enumerated() { index[k] = i }
            var g = accumulate(model, labels: distinct.map { period.label(key: $0) }, group: { index[keys[$0]] ?? -1 })
            finish(&g)
            return g
        case let .orderLabels(_, labels, groupOfOrder):
            var g = accumulate(model, labels: labels, group: { Int(groupOfOrder[$0]) })
            finish(&g)
            return g.filter { $0.orders > 0 }.sorted { $0.revenue > $1.revenue }
        case .product(let attribute):
            var g = try productGroups(model, attribute)
            finish(&g)
            return g.filter { $0.orders > 0 }.sorted { $0.revenue > $1.revenue }
        }
    }

    private static func accumulate(_ model: OrderModel, labels: [String], group: (Int) -> Int) -> [GroupMetrics] {
        var g = labels.map { GroupMetrics(label: $0, orders: 0, revenue: 0, units: 0, orderValue: 0, cost: 0, orderShare: 0, revenueShare: 0) }
        let o = model.orders
        for i in 0..<o.count {
            let k = group(i)
            guard k >= 0 else { continue }
            g[k].orders += 1
            g[k].revenue += o.value[i]
            g[k].orderValue += o.value[i]
            g[k].units += o.units[i]
            g[k].cost += o.cost[i]
        }
        return g
    }

    private static func productGroups(_ model: OrderModel, _ attribute: ProductAttribute) throws -> [GroupMetrics] {
        let p = model.products
        var labels: [String] = []
        var groupOfProduct = [Int32](repeating: -1, count: p.count)
        var index: [String: Int32] = [:]
        for id in 0..<p.count {
            let label: String
            switch attribute {
            case .category: label = p.category[id]
            case .brand: label = p.brand[id]
            case .product: label = p.name[id].isEmpty ? p.key[id] : p.name[id]
            }
            guard !label.isEmpty else { continue }
            if let k = index[label] {
                groupOfProduct[id] = k
            } else {
                index[label] = Int32(labels.count)
                groupOfProduct[id] = Int32(labels.count)
                labels.append(label)
            }
        }
        guard !labels.isEmpty else {
            throw MetricsError.missingRole(attribute.rawValue, "grouping by \(attribute.rawValue)")
        }
        var g = labels.map { GroupMetrics(label: $0, orders: 0, revenue: 0, units: 0, orderValue: 0, cost: 0, orderShare: 0, revenueShare: 0) }
        let o = model.orders
        var lastOrderOfGroup = [Int](repeating: -1, count: labels.count)
        for i in 0..<o.count {
            if i & 0xFFFF == 0 { try Cancellation.check() }
            for j in Int(o.offsets[i])..<Int(o.offsets[i + 1]) {
                let product = Int(o.items[j])
                let k = Int(groupOfProduct[product])
                guard k >= 0 else { continue }
                g[k].revenue += o.lineValues[j]
                g[k].units += Double(o.quantities[j])
                g[k].cost += p.cost[product] * Double(o.quantities[j])
                if lastOrderOfGroup[k] != i {
                    lastOrderOfGroup[k] = i
                    g[k].orders += 1
                    g[k].orderValue += o.value[i]
                }
            }
        }
        return g
    }
}

/// Problems computing metrics.
public enum MetricsError: UserFacingError, Equatable {
    /// A role the metric needs is not mapped.
    case missingRole(String, String)
    /// Nothing to compute on.
    case noOrders(String)
    /// A product name that matches nothing.
    case unknownProduct(String, suggestions: [String])
    /// Values that should be numbers are missing or infinite.
    case nonFinite(String)

    public var message: String {
        switch self {
        case let .missingRole(role, purpose): "\(purpose) needs the '\(role)' role, which no column plays"
        case let .noOrders(what): "no orders \(what)"
        case let .unknownProduct(name, _): "no product '\(name)'"
        case let .nonFinite(what): "\(what) contain a missing or infinite value"
        }
    }

    /// Plain advice; the shell words it in its commands and options (`AnalyticsErrorHints`).
    public var hint: String? {
        switch self {
        case let .missingRole(role, _): "name the column that holds the \(role)"
        case .noOrders: "check the dataset and the filter"
        case .nonFinite: "check the price and quantity columns"
        case let .unknownProduct(_, suggestions):
            suggestions.isEmpty ? nil : "did you mean " + suggestions.map { "'\($0)'" }.joined(separator: " or ") + "?"
        }
    }
}
