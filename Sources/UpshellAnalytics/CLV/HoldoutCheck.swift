import UpshellCore

/// Predicted against actual purchases in the holdout period, by calibration frequency — the check of
/// Fader, Hardie & Lee (2005, figure 4): customers are grouped by repeat transactions in calibration
/// (0, 1, …, 6, 7+) and the mean of E[Y(t*) | x, tₓ, T] is compared with the mean of what they did
/// in the t* units after the calibration end.
public struct HoldoutCheck: Sendable {
    /// One row: a frequency bucket.
    public struct Bucket: Sendable, Equatable {
        /// `0` … `6`, `7+`.
        public var label: String
        public var customers: Int
        /// Σ actual holdout transactions.
        public var actual: Double
        /// Σ predicted holdout transactions.
        public var predicted: Double
    }

    /// Holdout length in the model's unit.
    public var length: Double
    public var buckets: [Bucket]
    /// Totals over all customers.
    public var totalActual: Double
    public var totalPredicted: Double

    /// Compares predictions with the holdout, or `nil` when the calibration end is the data's last day.
    ///
    /// - Parameter top: the last bucket holds frequencies ≥ `top` (7 in the paper).
    /// - Complexity: O(n) hypergeometric series.
    public static func compute(_ fit: LifetimeModelFit, top: Int = 7) throws -> HoldoutCheck? {
        let s = fit.summary
        let length = s.holdoutLength
        guard length > 0 else { return nil }
        var buckets = (0...top).map { Bucket(label: $0 == top ? "\(top)+" : "\($0)", customers: 0, actual: 0, predicted: 0) }
        var totalActual = 0.0, totalPredicted = 0.0
        for i in 0..<s.count {
            if i & 1023 == 0 { try Cancellation.check() }
            let x = s.frequency[i]
            let e = fit.purchases.expectedPurchases(in: length, frequency: x, recency: s.recency[i], age: s.age[i])
            let k = min(Int(x), top)
            buckets[k].customers += 1
            buckets[k].actual += s.holdoutTransactions[i]
            buckets[k].predicted += e
            totalActual += s.holdoutTransactions[i]
            totalPredicted += e
        }
        return HoldoutCheck(length: length, buckets: buckets, totalActual: totalActual, totalPredicted: totalPredicted)
    }
}
