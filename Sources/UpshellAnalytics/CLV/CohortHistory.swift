import UpshellCore
import UpshellData

/// Customers grouped by the month of their first order, followed month by month: the cohort triangle
/// of historical lifetime value.
///
/// Month offset k of an order = calendar months between the customer's first order and it (UTC), so
/// offset 0 is the first month. A cohort is observed up to the data's last month; later offsets are
/// unknown, not zero, which gives the triangle its shape. Orders without a customer or time are left
/// out. Margin = value − cost over orders whose cost is known.
public struct CohortHistory: Sendable {
    /// One cohort of customers.
    public struct Cohort: Sendable, Equatable {
        /// `YYYY-MM` of the first order.
        public var label: String
        public var customers: Int
        public var orders: Int
        public var revenue: Double
        public var margin: Double
        /// Customers ordering in each month offset (index = offset), for the observed offsets.
        public var activeCustomers: [Int]
        /// Revenue in each month offset.
        public var revenueByMonth: [Double]
        /// Margin in each month offset.
        public var marginByMonth: [Double]

        /// Share of the cohort ordering in month offset k.
        public func retention(_ k: Int) -> Double { Double(activeCustomers[k]) / Double(customers) }
        /// Revenue per cohort customer through month offset k.
        public func cumulativeRevenuePerCustomer(_ k: Int) -> Double {
            revenueByMonth[0...k].reduce(0, +) / Double(customers)
        }
        /// Margin per cohort customer through month offset k.
        public func cumulativeMarginPerCustomer(_ k: Int) -> Double {
            marginByMonth[0...k].reduce(0, +) / Double(customers)
        }
        /// Number of observed month offsets.
        public var observedMonths: Int { activeCustomers.count }
    }

    public var cohorts: [Cohort]
    /// Whether the data has prices and any order a known cost (margins are meaningful).
    public var hasMargin: Bool

    /// Builds the cohorts.
    ///
    /// - Parameter purpose: what needs the data, for error messages.
    /// - Throws: ``CLVError/missingRole(_:_:)`` without customers or times.
    /// - Complexity: O(o log o) for o orders.
    public static func compute(_ model: OrderModel, purpose: String = "cohort history") throws -> CohortHistory {
        guard model.hasCustomers else { throw CLVError.missingRole("customer", purpose) }
        guard model.hasTimes, let range = model.dateRange else { throw CLVError.missingRole("time", purpose) }
        let lastMonth = Period.month.key(seconds: range.upperBound)
        let byCustomer = model.ordersByCustomer()
        let time = model.orders.time, value = model.orders.value, cost = model.orders.cost
        let hasMargin = model.hasMoney && cost.contains { $0.isFinite }
        var index: [Int: Int] = [:]
        var cohorts: [Cohort] = []
        for c in 0..<model.customers.count {
            if c & 4095 == 0 { try Cancellation.check() }
            let orders = byCustomer.orders(of: c).filter { time[Int($0)] != .min }
            guard let first = orders.first else { continue }
            let month = Period.month.key(seconds: time[Int(first)])
            let slot: Int
            if let i = index[month] {
                slot = i
            } else {
                let n = lastMonth - month + 1
                cohorts.append(Cohort(label: Period.month.label(key: month), customers: 0, orders: 0, revenue: 0, margin: 0,
                                      activeCustomers: Array(repeating: 0, count: n), revenueByMonth: Array(repeating: 0, count: n),
                                      marginByMonth: Array(repeating: 0, count: n)))
                slot = cohorts.count - 1
                index[month] = slot
            }
            cohorts[slot].customers += 1
            var lastOffset = -1
            for o in orders {
                let k = Period.month.key(seconds: time[Int(o)]) - month
                let v = value[Int(o)], m = cost[Int(o)].isFinite ? v - cost[Int(o)] : 0
                cohorts[slot].orders += 1
                cohorts[slot].revenue += v
                cohorts[slot].margin += m
                cohorts[slot].revenueByMonth[k] += v
                cohorts[slot].marginByMonth[k] += m
                if k != lastOffset { cohorts[slot].activeCustomers[k] += 1; lastOffset = k }
            }
        }
        cohorts.sort { $0.label < $1.label }
        return CohortHistory(cohorts: cohorts, hasMargin: hasMargin)
    }
}
