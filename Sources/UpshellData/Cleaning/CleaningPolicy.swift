/// Which dirty lines and orders to drop before the order model is built. Every category is counted
/// in the ``CleaningReport`` whether it is kept or dropped.
///
/// The default drops cancellations (invoice ids starting with `C`, a status saying cancelled /
/// refunded / returned / voided (``isCancellingStatus(_:)``), or a non-empty `cancelled-at`), adjustments (ids starting with `A`), lines with quantity ≤ 0 and lines with
/// unit price ≤ 0; it keeps exact duplicate lines, lines without a customer (they are left out of
/// customer metrics only) and outlier orders; non-product lines (postage, fees, placeholders:
/// ``NonProductRule``) stay in revenue and order values but out of baskets. On UCI Online Retail this
/// is the reference convention (530,103 lines, 19,959 invoices).
public struct CleaningPolicy: Sendable, Equatable {
    /// Keep or drop a category.
    public enum Action: String, Sendable, Equatable, CaseIterable {
        case keep, drop
    }

    /// Cancelled orders: id prefix in ``cancelledPrefixes`` or a cancelling status.
    public var cancelled: Action = .drop
    /// Order-id prefixes that mark a cancellation (upper case compared case-insensitively).
    public var cancelledPrefixes: [String] = ["C"]
    /// Adjustments (bad-debt write-offs and the like): id prefix in ``adjustmentPrefixes``.
    public var adjustments: Action = .drop
    /// Order-id prefixes that mark an adjustment.
    public var adjustmentPrefixes: [String] = ["A"]
    /// Lines with quantity ≤ 0 (returns, stock corrections).
    public var nonPositiveQuantity: Action = .drop
    /// Lines with a unit price (or, without a price column, a line total) ≤ 0.
    public var nonPositivePrice: Action = .drop
    /// Lines without a quantity, a price (nor line total) or a time where the dataset has those columns.
    /// Kept, a line without a quantity counts as 1 unit, one without a price as 0 in revenue, and one
    /// without a time is left out of time-based metrics.
    public var missingValues: Action = .keep
    /// Lines without a customer id. Kept lines still count for baskets; customers need an id.
    public var missingCustomer: Action = .keep
    /// Lines identical in every column to an earlier line.
    public var duplicates: Action = .keep
    /// Orders whose value lies above the fence `Q3 + outlierFence × IQR` of order values
    /// (Tukey's "far out" fence for 3; Tukey, *Exploratory Data Analysis*, 1977).
    public var outliers: Action = .keep
    /// IQR multiplier of the outlier fence.
    public var outlierFence: Double = 3
    /// Lines whose product is a non-product (postage, fees, adjustments, placeholders; ``NonProductRule``).
    public var nonProduct: NonProductAction = .outOfBaskets

    /// The default policy (see the type's documentation).
    public init() {}

    /// Whether an order status says the order is not a purchase: it contains `cancel` (also `canceled`),
    /// `refund`, `return`, `void`, `chargeback`, `failed` (WooCommerce: payment failed) or `unavailable`
    /// (Olist) — except partial refunds (`partially_refunded`: a real purchase, part of it paid back).
    /// Compared without case.
    public static func isCancellingStatus(_ status: String) -> Bool {
        let t = status.lowercased()
        if t.contains("partial") { return false }
        return ["cancel", "refund", "return", "void", "chargeback", "failed", "unavailable"].contains { t.contains($0) }
    }

    /// Keeps every line: the raw data.
    public static var keepAll: CleaningPolicy {
        var p = CleaningPolicy()
        p.cancelled = .keep; p.adjustments = .keep; p.nonPositiveQuantity = .keep; p.nonPositivePrice = .keep
        p.nonProduct = .keep
        return p
    }

    /// Sets a category by its `clean` option name: `cancelled`, `adjustments`, `returns` (or
    /// `non-positive-quantity`), `non-positive-price` (or `zero-price`), `missing-values`, `missing-customer`,
    /// `duplicates`, `outliers`; `non-product` takes keep or drop here (its third choice, out of
    /// baskets, is set on ``nonProduct``). Returns `false` for an unknown name.
    public mutating func set(_ category: String, _ action: Action) -> Bool {
        switch category.lowercased() {
        case "cancelled", "cancellations", "cancelled-orders": cancelled = action
        case "adjustments": adjustments = action
        case "returns", "non-positive-quantity", "negative-quantity": nonPositiveQuantity = action
        case "non-positive-price", "zero-price", "prices": nonPositivePrice = action
        case "missing-values", "missing-value", "nulls": missingValues = action
        case "missing-customer", "missing-customers": missingCustomer = action
        case "duplicates": duplicates = action
        case "outliers": outliers = action
        case "non-product", "non-products": nonProduct = action == .keep ? .keep : .drop
        default: return false
        }
        return true
    }

    /// The category names ``set(_:_:)`` accepts.
    public static let categoryNames = ["cancelled", "adjustments", "returns", "non-positive-price",
                                       "missing-values", "missing-customer", "duplicates", "outliers"]
}

/// What happens to non-product lines (postage, fees, bank charges, manual adjustments, placeholders).
public enum NonProductAction: String, Sendable, Equatable, CaseIterable {
    /// Treated as products everywhere: in revenue and in baskets (pairs, itemsets, rules, bundles).
    case keep
    /// Removed from everything: revenue, order values and baskets.
    case drop
    /// The default: kept in revenue, order values and AOV, left out of baskets.
    case outOfBaskets = "out-of-baskets"

    /// The words `clean non-product=` accepts: `keep`, `drop`, `out-of-baskets` (also spelled `basket`,
    /// the word for "handled at the basket": left out of baskets), case-insensitively.
    public init?(option: String) {
        switch option.lowercased() {
        case "keep": self = .keep
        case "drop": self = .drop
        case "out-of-baskets", "out-of-basket", "basket", "baskets": self = .outOfBaskets
        default: return nil
        }
    }

    /// The words shown in help and completion.
    public static let optionWords = ["keep", "drop", "out-of-baskets", "basket"]
}
