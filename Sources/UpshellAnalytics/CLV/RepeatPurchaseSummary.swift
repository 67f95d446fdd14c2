import UpshellCore
import UpshellData

/// Each customer's purchase history in the form BG/NBD and Gamma-Gamma take: frequency, recency and
/// age in a calibration period, average repeat spend, and what followed in the holdout period.
///
/// Conventions (Fader, Hardie & Lee 2005, as in the CDNOW analysis and the `lifetimes` package):
/// a *transaction* is a purchase day — a customer's orders on one UTC calendar day count once, with
/// their values summed. Time is measured in whole days between purchase days and expressed in `unit`.
/// The calibration period of a customer runs from their first purchase day to the calibration end day
/// (inclusive); the holdout period from the day after it to the last day of the data.
///
/// - `frequency` x: purchase days after the first, up to the calibration end (repeat transactions).
/// - `recency` t_x: time from the first purchase day to the last one in calibration (0 when x = 0).
/// - `age` T: time from the first purchase day to the calibration end day.
/// - `meanRepeatSpend` m_x: mean value of the x repeat transactions (the first one excluded, as in
///   Fader & Hardie's Gamma-Gamma note), `.nan` when x = 0.
public struct RepeatPurchaseSummary: Sendable {
    /// The unit of `recency`, `age` and `holdoutLength`.
    public let unit: LifetimeUnit
    /// Calibration end as days since 1970-01-01 (inclusive).
    public let calibrationEndDay: Int
    /// Last purchase day in the data (days since 1970-01-01); the holdout period ends there.
    public let lastDay: Int
    /// First purchase day in the data.
    public let firstDay: Int
    /// Holdout length in `unit` (0 when the calibration end is the last day).
    public var holdoutLength: Double { unit.fromDays(Double(lastDay - calibrationEndDay)) }

    /// The model's customers (first purchase on or before the calibration end), as customer ids of the
    /// order model; the arrays below are aligned with it.
    public var customer: [Int32] = []
    /// Repeat transactions in calibration.
    public var frequency: [Double] = []
    /// Time of the last calibration transaction since the first, in `unit`.
    public var recency: [Double] = []
    /// Time from the first transaction to the calibration end, in `unit`.
    public var age: [Double] = []
    /// Mean value of the repeat transactions in calibration (`.nan` when none).
    public var meanRepeatSpend: [Double] = []
    /// Day (since 1970) of the customer's first purchase.
    public var firstPurchaseDay: [Int32] = []
    /// Transactions (purchase days) in the holdout period.
    public var holdoutTransactions: [Double] = []
    /// Value of the holdout transactions.
    public var holdoutValue: [Double] = []
    /// Customers whose first purchase falls after the calibration end (not in the model).
    public var customersAfterCalibration = 0
    /// Orders left out because their time is unknown.
    public var ordersWithoutTime = 0

    /// Number of customers in the model.
    public var count: Int { customer.count }
    /// Customers with at least one repeat transaction in calibration.
    public var repeatCustomers: Int { frequency.reduce(0) { $0 + ($1 > 0 ? 1 : 0) } }

    /// Builds the summary from an order model.
    ///
    /// - Parameters:
    ///   - calibrationEnd: the last day of the calibration period (seconds since 1970 UTC; its day
    ///     counts), or `nil` for the last order day (no holdout).
    ///   - unit: the time unit of recency and age.
    ///   - purpose: what needs the data, for error messages (`lifetime value`).
    /// - Throws: ``CLVError`` when customers or times are missing, or the calibration end lies before the
    ///   first or after the last order day.
    /// - Complexity: O(*o* log *o*) for *o* orders (sorting each customer's orders by time).
    public static func build(_ model: OrderModel, calibrationEnd: Int64?, unit: LifetimeUnit,
                             purpose: String = "lifetime value") throws -> RepeatPurchaseSummary {
        guard model.hasCustomers else { throw CLVError.missingRole("customer", purpose) }
        guard model.hasTimes, let range = model.dateRange else { throw CLVError.missingRole("time", purpose) }
        let firstDay = day(range.lowerBound), lastDay = day(range.upperBound)
        let endDay = calibrationEnd.map(day) ?? lastDay
        guard endDay >= firstDay, endDay <= lastDay else {
            throw CLVError.calibrationEndOutside(label(endDay), label(firstDay), label(lastDay))
        }
        var s = RepeatPurchaseSummary(unit: unit, calibrationEndDay: endDay, lastDay: lastDay, firstDay: firstDay)
        let byCustomer = model.ordersByCustomer()
        let time = model.orders.time, value = model.orders.value
        for c in 0..<model.customers.count {
            if c & 4095 == 0 { try Cancellation.check() }
            var first = Int.min, previous = Int.min, lastCalibration = Int.min
            var x = 0.0, spend = 0.0, holdoutCount = 0.0, holdoutSpend = 0.0
            // Orders come in time order, so equal days are adjacent: a new day starts a transaction.
            for o in byCustomer.orders(of: c) {
                let t = time[Int(o)]
                if t == .min { s.ordersWithoutTime += 1; continue }
                let d = day(t), v = value[Int(o)]
                if first == .min { first = d; previous = d; continue }
                if d > endDay {
                    guard first <= endDay else { break }
                    if d != previous { holdoutCount += 1 }
                    holdoutSpend += v
                } else if d != first {
                    if d != previous { x += 1; lastCalibration = d }
                    spend += v
                }
                previous = d
            }
            guard first != .min else { continue }
            guard first <= endDay else { s.customersAfterCalibration += 1; continue }
            s.customer.append(Int32(c))
            s.frequency.append(x)
            s.recency.append(x > 0 ? unit.fromDays(Double(lastCalibration - first)) : 0)
            s.age.append(unit.fromDays(Double(endDay - first)))
            s.meanRepeatSpend.append(x > 0 ? spend / x : .nan)
            s.firstPurchaseDay.append(Int32(first))
            s.holdoutTransactions.append(holdoutCount)
            s.holdoutValue.append(holdoutSpend)
        }
        guard s.count > 0 else { throw CLVError.noCustomers }
        return s
    }

    /// Days since 1970-01-01 of a time in seconds (UTC, floored).
    @inline(__always)
    public static func day(_ seconds: Int64) -> Int { Int((seconds >= 0 ? seconds : seconds - 86_399) / 86_400) }

    /// `YYYY-MM-DD` of a day number.
    public static func label(_ day: Int) -> String { Period.day.label(key: day) }
}
