import Foundation
import UpshellCore

/// Per-customer predictions over a horizon after the calibration end: expected purchases, P(alive),
/// expected spend per purchase and the discounted expected value.
///
/// Value = Σₖ (E[Y(tₖ)] − E[Y(tₖ₋₁)]) · E(Z) · (1 + d)^(−tₖ in years): the horizon is cut into steps
/// of about one month (30.4375 days, converted to the model's unit), purchases expected in each step
/// are valued at the Gamma-Gamma expected spend and discounted from the step's end at the annual rate
/// d. Without a spend model there is no value (`.nan`).
public struct LifetimeForecast: Sendable {
    /// The model unit and the horizon in it.
    public let unit: LifetimeUnit
    public let horizon: Double
    /// Annual discount rate used for ``value``.
    public let annualDiscountRate: Double
    /// Expected purchases in the horizon, per customer of the summary.
    public var expectedPurchases: [Double] = []
    /// Probability of being alive at the calibration end.
    public var probabilityAlive: [Double] = []
    /// Expected spend per future purchase (Gamma-Gamma), `.nan` without a spend model.
    public var expectedSpend: [Double] = []
    /// Discounted expected revenue over the horizon, `.nan` without a spend model.
    public var value: [Double] = []
    /// Customers whose expectation could not be computed (hypergeometric series did not converge).
    public var failed = 0

    /// Predicts for every customer of `fit.summary`.
    ///
    /// - Parameters:
    ///   - horizon: length of the prediction period in `fit.summary.unit` (> 0).
    ///   - annualDiscountRate: e.g. 0.1 for 10 % a year; 0 for undiscounted value.
    /// - Complexity: O(n · months in the horizon) hypergeometric series.
    public static func predict(_ fit: LifetimeModelFit, horizon: Double, annualDiscountRate: Double) throws -> LifetimeForecast {
        let s = fit.summary, m = fit.purchases
        var f = LifetimeForecast(unit: s.unit, horizon: horizon, annualDiscountRate: annualDiscountRate)
        let monthInUnit = s.unit.fromDays(30.4375)
        let steps = max(1, Int((horizon / monthInUnit).rounded(.up)))
        let ends = (1...steps).map { horizon * Double($0) / Double(steps) }
        let discount = ends.map { pow(1 + annualDiscountRate, -s.unit.days * $0 / 365.25) }
        f.expectedPurchases.reserveCapacity(s.count)
        for i in 0..<s.count {
            if i & 1023 == 0 { try Cancellation.check() }
            let x = s.frequency[i], tx = s.recency[i], T = s.age[i]
            let alive = m.probabilityAlive(frequency: x, recency: tx, age: T)
            let spend = fit.spend?.expectedMeanSpend(frequency: s.spendFrequency[i], meanSpend: s.meanRepeatSpend[i]) ?? .nan
            var previous = 0.0, value = 0.0
            for k in 0..<steps {
                let e = m.expectedPurchases(in: ends[k], frequency: x, recency: tx, age: T)
                value += (e - previous) * discount[k]
                previous = e
            }
            if !previous.isFinite { f.failed += 1 }
            f.expectedPurchases.append(previous)
            f.probabilityAlive.append(alive)
            f.expectedSpend.append(spend)
            f.value.append(value * spend)
        }
        return f
    }

    /// Totals per group of customers (a segmentation), in label order, then customers in no group.
    ///
    /// - Parameter groupOfCustomer: the group index of an order-model customer id, `-1` for none (customers
    ///   the order model does not have — negative ids, ``RepeatPurchaseSummary/newCustomerKeys`` — are in none).
    public func byGroup(_ summary: RepeatPurchaseSummary, labels: [String], groupOfCustomer: (Int32) -> Int) -> [GroupForecast] {
        var groups = labels.map { GroupForecast(label: $0) } + [GroupForecast(label: "(no segment)")]
        for i in 0..<summary.count {
            var g = summary.customer[i] >= 0 ? groupOfCustomer(summary.customer[i]) : -1
            if g < 0 || g >= labels.count { g = labels.count }
            groups[g].add(expectedPurchases[i], probabilityAlive[i], value[i], summary.holdoutTransactions[i])
        }
        if groups[labels.count].customers == 0 { groups.removeLast() }
        let total = groups.reduce(0) { $0 + $1.value }
        for i in groups.indices { groups[i].valueShare = total > 0 ? groups[i].value / total : .nan }
        return groups
    }
}

/// Predictions summed over a group of customers.
public struct GroupForecast: Sendable, Equatable {
    public var label: String
    public var customers = 0
    /// Σ expected purchases.
    public var expectedPurchases = 0.0
    /// Σ P(alive) (divide by customers for the mean).
    public var probabilityAliveSum = 0.0
    /// Σ discounted expected value.
    public var value = 0.0
    /// Share of the total value.
    public var valueShare = Double.nan
    /// Σ actual holdout transactions.
    public var holdoutTransactions = 0.0

    public init(label: String) { self.label = label }

    mutating func add(_ purchases: Double, _ alive: Double, _ value: Double, _ holdout: Double) {
        customers += 1
        expectedPurchases += purchases
        probabilityAliveSum += alive
        self.value += value
        holdoutTransactions += holdout
    }

    /// Mean P(alive).
    public var meanProbabilityAlive: Double { customers > 0 ? probabilityAliveSum / Double(customers) : .nan }
    /// Value per customer.
    public var valuePerCustomer: Double { customers > 0 ? value / Double(customers) : .nan }
}
