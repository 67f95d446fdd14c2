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
/// A zero-value purchase is still a purchase: days whose value is 0 count in frequency and recency, both
/// days with orders of value 0 and days made only by the price-0 lines that cleaning drops from the order
/// model (``ZeroValuePurchases``). Spend (Gamma-Gamma) counts only the days with a positive value.
///
/// - `frequency` x: purchase days after the first, up to the calibration end (repeat transactions).
/// - `recency` t_x: time from the first purchase day to the last one in calibration (0 when x = 0).
/// - `age` T: time from the first purchase day to the calibration end day.
/// - `spendFrequency`: the repeat transactions with a positive value (Gamma-Gamma's x).
/// - `meanRepeatSpend` m_x: mean value of those (the first transaction excluded, as in Fader & Hardie's
///   Gamma-Gamma note), `.nan` when there are none.
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
    /// order model — or −1 − k for customer k of ``newCustomerKeys``; the arrays below are aligned with it.
    public var customer: [Int32] = []
    /// Repeat transactions in calibration.
    public var frequency: [Double] = []
    /// Time of the last calibration transaction since the first, in `unit`.
    public var recency: [Double] = []
    /// Time from the first transaction to the calibration end, in `unit`.
    public var age: [Double] = []
    /// Repeat transactions in calibration with a positive value (what Gamma-Gamma fits).
    public var spendFrequency: [Double] = []
    /// Mean value of the positive repeat transactions in calibration (`.nan` when none).
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
    /// Customers whose only purchases are zero-value ones that the order model leaves out (ids −1, −2, …).
    public var newCustomerKeys: [String] = []
    /// Purchase days of the model's customers whose value is not positive (counted by BG/NBD, not by
    /// Gamma-Gamma): free items and, when cleaning keeps them, returns or credits.
    public var daysWithoutSpend = 0
    /// Zero-value purchases that the order model leaves out and that count here (``ZeroValuePurchases``).
    public var zeroValuePurchases = 0
    /// Purchase days that only such zero-value purchases make (no order of the model on that day).
    public var zeroValueOnlyDays = 0

    /// Number of customers in the model.
    public var count: Int { customer.count }
    /// Customers with at least one repeat transaction in calibration.
    public var repeatCustomers: Int { frequency.reduce(0) { $0 + ($1 > 0 ? 1 : 0) } }
    /// Customers of the summary that the order model does not have (their only purchases are zero-value).
    public var zeroValueOnlyCustomers: Int { customer.reduce(0) { $0 + ($1 < 0 ? 1 : 0) } }

    /// The key (as in the file) of the summary's customer `i`.
    public func customerKey(_ i: Int, in model: OrderModel) -> String {
        let c = Int(customer[i])
        return c >= 0 ? model.customers.key[c] : newCustomerKeys[-1 - c]
    }

    /// Builds the summary from a dataset: its order model and the zero-value purchases it leaves out.
    ///
    /// - Throws: as ``build(_:zeroValue:calibrationEnd:unit:purpose:)``; ``CLVError/missingRole(_:_:)`` for a side table.
    public static func build(_ dataset: Dataset, calibrationEnd: Int64?, unit: LifetimeUnit,
                             purpose: String = "lifetime value") throws -> RepeatPurchaseSummary {
        guard let model = dataset.orders else { throw CLVError.missingRole("order", purpose) }
        return try build(model, zeroValue: ZeroValuePurchases.find(in: dataset), calibrationEnd: calibrationEnd, unit: unit, purpose: purpose)
    }

    /// Builds the summary from an order model and zero-value purchases it leaves out.
    ///
    /// - Parameters:
    ///   - zeroValue: purchases of value 0 to count besides the model's orders (``ZeroValuePurchases``).
    ///   - calibrationEnd: the last day of the calibration period (seconds since 1970 UTC; its day
    ///     counts), or `nil` for the last purchase day (no holdout).
    ///   - unit: the time unit of recency and age.
    ///   - purpose: what needs the data, for error messages (`lifetime value`).
    /// - Throws: ``CLVError`` when customers or times are missing, or the calibration end lies before the
    ///   first or after the last purchase day.
    /// - Complexity: O(*o* log *o*) for *o* orders (sorting each customer's orders by time).
    public static func build(_ model: OrderModel, zeroValue: ZeroValuePurchases = ZeroValuePurchases(), calibrationEnd: Int64?,
                             unit: LifetimeUnit, purpose: String = "lifetime value") throws -> RepeatPurchaseSummary {
        guard model.hasCustomers else { throw CLVError.missingRole("customer", purpose) }
        guard model.hasTimes, var range = model.dateRange else { throw CLVError.missingRole("time", purpose) }
        for t in zeroValue.time { range = min(range.lowerBound, t)...max(range.upperBound, t) }
        let firstDay = day(range.lowerBound), lastDay = day(range.upperBound)
        let endDay = calibrationEnd.map(day) ?? lastDay
        guard endDay >= firstDay, endDay <= lastDay else {
            throw CLVError.calibrationEndOutside(label(endDay), label(firstDay), label(lastDay))
        }
        var s = RepeatPurchaseSummary(unit: unit, calibrationEndDay: endDay, lastDay: lastDay, firstDay: firstDay)
        s.newCustomerKeys = zeroValue.newCustomerKeys
        let byCustomer = model.ordersByCustomer()
        let extra = zeroValue.byCustomer(modelCustomers: model.customers.count)
        let time = model.orders.time, value = model.orders.value, freeTime = zeroValue.time
        for c in 0..<(model.customers.count + zeroValue.newCustomerKeys.count) {
            if c & 4095 == 0 { try Cancellation.check() }
            var fold = PurchaseDayFold(calibrationEndDay: endDay)
            // The customer's orders come in time order (unknown times last); their zero-value purchases are
            // merged in by day.
            var free = extra.purchases(of: c)
            if free.count > 1 { free = ArraySlice(free.sorted { freeTime[Int($0)] < freeTime[Int($1)] }) }
            var k = free.startIndex
            if c < model.customers.count {
                for o in byCustomer.orders(of: c) {
                    let t = time[Int(o)]
                    if t == .min { s.ordersWithoutTime += 1; continue }
                    let d = day(t)
                    while k < free.endIndex, day(freeTime[Int(free[k])]) < d { fold.add(day: day(freeTime[Int(free[k])]), value: 0, isOrder: false); k += 1 }
                    fold.add(day: d, value: value[Int(o)], isOrder: true)
                }
            }
            for j in k..<free.endIndex { fold.add(day: day(freeTime[Int(free[j])]), value: 0, isOrder: false) }
            s.append(customer: c < model.customers.count ? Int32(c) : Int32(model.customers.count - 1 - c), fold)
        }
        guard s.count > 0 else { throw CLVError.noCustomers }
        return s
    }

    /// Adds one customer's folded purchases (none: not a customer; first purchase after the calibration end:
    /// counted in ``customersAfterCalibration`` only).
    mutating func append(customer c: Int32, _ purchases: PurchaseDayFold) {
        var f = purchases
        guard f.first != .min else { return }
        guard f.first <= calibrationEndDay else { customersAfterCalibration += 1; return }
        f.closeDay()
        customer.append(c)
        frequency.append(f.x)
        recency.append(f.x > 0 ? unit.fromDays(Double(f.lastCalibration - f.first)) : 0)
        age.append(unit.fromDays(Double(calibrationEndDay - f.first)))
        spendFrequency.append(f.paidDays)
        meanRepeatSpend.append(f.paidDays > 0 ? f.spend / f.paidDays : .nan)
        firstPurchaseDay.append(Int32(f.first))
        holdoutTransactions.append(f.holdoutDays)
        holdoutValue.append(f.holdoutSpend)
        daysWithoutSpend += f.daysWithoutSpend
        zeroValuePurchases += f.zeroValuePurchases
        zeroValueOnlyDays += f.zeroValueOnlyDays
    }

    /// Days since 1970-01-01 of a time in seconds (UTC, floored).
    @inline(__always)
    public static func day(_ seconds: Int64) -> Int { Int((seconds >= 0 ? seconds : seconds - 86_399) / 86_400) }

    /// `YYYY-MM-DD` of a day number.
    public static func label(_ day: Int) -> String { Period.day.label(key: day) }
}

/// One customer's purchases folded, one at a time in day order, into the summary's statistics: a day's
/// purchases are one transaction (values summed); the first day is not a repeat; days after the calibration
/// end are holdout.
struct PurchaseDayFold {
    let calibrationEndDay: Int
    /// The first purchase day (`Int.min` before any purchase).
    private(set) var first = Int.min
    private var day = Int.min, dayValue = 0.0, dayHasOrder = false
    /// Repeat days in calibration, those with a positive value and their value, the last one.
    private(set) var x = 0.0, paidDays = 0.0, spend = 0.0, lastCalibration = Int.min
    /// Days and value in the holdout period.
    private(set) var holdoutDays = 0.0, holdoutSpend = 0.0
    /// Zero-value purchases (not orders) added, days without a positive value, days without an order.
    private(set) var zeroValuePurchases = 0, daysWithoutSpend = 0, zeroValueOnlyDays = 0

    init(calibrationEndDay: Int) { self.calibrationEndDay = calibrationEndDay }

    /// Adds a purchase on day `d` (days never decrease): an order of the model, or a zero-value purchase.
    mutating func add(day d: Int, value v: Double, isOrder: Bool) {
        if d != day {
            closeDay()
            day = d
            dayValue = 0
            dayHasOrder = false
            if first == .min { first = d }
        }
        dayValue += v
        if isOrder { dayHasOrder = true } else { zeroValuePurchases += 1 }
    }

    /// Counts the day in progress (call once after the last purchase).
    mutating func closeDay() {
        guard day != .min else { return }
        defer { day = .min }
        if dayValue <= 0 { daysWithoutSpend += 1 }
        if !dayHasOrder { zeroValueOnlyDays += 1 }
        guard day != first else { return }
        if day > calibrationEndDay {
            holdoutDays += 1
            holdoutSpend += dayValue
        } else {
            x += 1
            lastCalibration = day
            if dayValue > 0 { paidDays += 1; spend += dayValue }
        }
    }
}
