import UpshellCore
import UpshellData

/// Recency, frequency and monetary scores 1–5 and the commonly used named segments.
///
/// **Scores.** Recency = days from the customer's last order to the day after the data's last order;
/// frequency = number of orders; monetary = total merchandise value. Each is scored by quintile of its
/// *min-rank percentile*: score = 1 + ⌊5 · (number of customers with a strictly worse value) ÷ n⌋, so
/// tied customers always share a score and the order of rows never matters (for recency, a smaller
/// number of days is better). With many one-time buyers, every one-time buyer gets F = 1 and the
/// next frequency starts at the quintile its min-rank falls in (this is the convention `help segment`
/// states; a "first-rank" convention that breaks ties by row order gives different sizes).
///
/// **Named segments** (first match, by R and F score):
/// Champions R 5, F 4–5 · Loyal R 3–4, F 4–5 · Potential loyalist R 4–5, F 2–3 · New R 5, F 1 ·
/// Promising R 4, F 1 · Need attention R 3, F 3 · About to sleep R 3, F 1–2 · Can't lose them R 1–2, F 5 ·
/// At risk R 1–2, F 3–4 · Lost R 1, F 1 · Hibernating R 1–2, F 1–2 (the rest). Every (R, F) pair falls in
/// exactly one segment.
public struct RFMSegmentation: Sendable {
    /// Scores per customer (1…5).
    public var recency: [UInt8]
    public var frequency: [UInt8]
    public var monetary: [UInt8]
    /// Raw values per customer.
    public var recencyDays: [Double]
    public var orderCounts: [Int32]
    public var values: [Double]
    /// The segmentation into the named segments.
    public var segmentation: Segmentation
    /// Smallest raw value that reaches each score 1…5 (recency: largest number of days), per measure.
    public var edges: [(measure: String, lowest: [Double])]

    /// The named segments in display order.
    public static let segmentNames = ["Champions", "Loyal", "Potential loyalist", "New", "Promising", "Need attention",
                                      "About to sleep", "Can't lose them", "At risk", "Hibernating", "Lost"]

    /// The named segment of an (R, F) pair of scores.
    public static func segment(r: Int, f: Int) -> String {
        switch (r, f) {
        case (5, 4...5): "Champions"
        case (3...4, 4...5): "Loyal"
        case (4...5, 2...3): "Potential loyalist"
        case (5, 1): "New"
        case (4, 1): "Promising"
        case (3, 3): "Need attention"
        case (3, 1...2): "About to sleep"
        case (1...2, 5): "Can't lose them"
        case (1...2, 3...4): "At risk"
        case (1, 1): "Lost"
        default: "Hibernating"
        }
    }

    /// Scores customers of `model` (those with an id) and assigns the named segments.
    ///
    /// - Complexity: O(c log c) for c customers.
    public static func compute(_ model: OrderModel) throws -> RFMSegmentation {
        guard model.hasCustomers else { throw SegmentationError.missingRole("customer", "rfm") }
        guard model.hasTimes, let range = model.dateRange else { throw SegmentationError.missingRole("time", "rfm") }
        guard model.hasMoney else { throw SegmentationError.missingRole("unit-price", "rfm") }
        let c = model.customers
        guard c.count >= 2 else { throw SegmentationError.tooFewCustomers(c.count, "rfm") }
        // The reference is midnight (UTC) starting the day after the last order: the date printed as the
        // recency reference is the instant recency is measured to, so the printed edges read against it.
        let reference = (Double(range.upperBound) / 86_400).rounded(.down) + 1
        let recencyDays = c.lastOrderTime.map { reference - Double($0) / 86_400 }
        let frequencies = c.orderCount.map(Double.init)
        // Higher is better for each score: negate recency.
        let r = scores(recencyDays.map { -$0 })
        let f = scores(frequencies)
        let values = Array(c.value)
        let m = scores(values)
        var segmentOfCustomer = [Int32](repeating: -1, count: c.count)
        var index: [String: Int32] = [:]
        for (i, name) in segmentNames.enumerated() { index[name] = Int32(i) }
        for i in 0..<c.count { segmentOfCustomer[i] = index[segment(r: Int(r[i]), f: Int(f[i]))]! }
        let segmentation = Segmentation(
            name: "rfm", labels: segmentNames, segmentOfCustomer: segmentOfCustomer,
            segmentOfOrder: Segmentation.ordersFromCustomers(model, segmentOfCustomer),
            parameters: [("recency reference", CivilDate.format(seconds: Int64(reference * 86_400))),
                         ("scores", "quintiles of min-rank percentile; ties share a score")])
        return RFMSegmentation(recency: r, frequency: f, monetary: m, recencyDays: recencyDays, orderCounts: c.orderCount,
                               values: values, segmentation: segmentation,
                               edges: [("recency (days, at most)", edges(recencyDays.map { -$0 }, r).map { -$0 }),
                                       ("frequency (orders, at least)", edges(frequencies, f)),
                                       ("monetary (value, at least)", edges(values, m))])
    }

    /// Quintile scores by min-rank percentile: 1 + ⌊5 · (count of strictly smaller values) / n⌋.
    ///
    /// - Complexity: O(n log n).
    public static func scores(_ values: [Double]) -> [UInt8] {
        let n = values.count
        let order = values.indices.sorted { values[$0] < values[$1] }
        var result = [UInt8](repeating: 1, count: n)
        var i = 0
        while i < n {
            var j = i
            while j + 1 < n && values[order[j + 1]] == values[order[i]] { j += 1 }
            let score = UInt8(1 + min(4, (5 * i) / n))
            for k in i...j { result[order[k]] = score }
            i = j + 1
        }
        return result
    }

    /// For scores 1…5, the lowest value that has the score (`.nan` when no customer has it).
    static func edges(_ values: [Double], _ scores: [UInt8]) -> [Double] {
        var lowest = [Double](repeating: .infinity, count: 5)
        for (v, s) in zip(values, scores) { lowest[Int(s) - 1] = min(lowest[Int(s) - 1], v) }
        return lowest.map { $0.isInfinite ? .nan : $0 }
    }

    /// The 3-digit RFM code of a customer (`543`).
    public func code(_ customer: Int) -> String { "\(recency[customer])\(frequency[customer])\(monetary[customer])" }
}
