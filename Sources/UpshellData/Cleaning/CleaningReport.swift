/// What cleaning found and what it did: line counts per category (a line is counted in the first
/// category that applies, in the order of the fields), and the outlier orders.
public struct CleaningReport: Sendable, Equatable {
    /// Lines in the table before cleaning.
    public var totalLines = 0
    /// Lines of cancelled orders (id prefix or status).
    public var cancelledLines = 0
    /// Distinct cancelled orders.
    public var cancelledOrders = 0
    /// Lines of adjustment orders.
    public var adjustmentLines = 0
    /// Other lines with quantity ≤ 0.
    public var nonPositiveQuantityLines = 0
    /// Other lines with price ≤ 0.
    public var nonPositivePriceLines = 0
    /// Other lines without a quantity, a price (nor a line total) or a time when the dataset has those
    /// columns: empty cells, or cells read as null under `bad-values=null`.
    public var missingValueLines = 0
    /// Lines the categories above kept whose product is a non-product (``NonProductRule``).
    public var nonProductLines = 0
    /// The non-product codes found, most lines first (ties by code); listed whatever the action.
    public var nonProductCodes: [String] = []
    /// Lines without a customer id (counted whether or not they are dropped).
    public var missingCustomerLines = 0
    /// Lines identical to an earlier line.
    public var duplicateLines = 0
    /// Orders above the outlier fence, and the fence (currency units; `nil` without money).
    public var outlierOrders = 0
    /// The order value above which an order is an outlier.
    public var outlierFence: Double?
    /// Lines dropped in total (including the lines of dropped outlier orders).
    public var droppedLines = 0
    /// The policy that was applied.
    public var policy = CleaningPolicy()

    /// Lines kept.
    public var keptLines: Int { totalLines - droppedLines }

    /// Creates an empty report.
    public init() {}

    /// One entry per category: (name as `clean` spells it, count, unit, action as `clean` spells it:
    /// keep, drop, or for non-product lines also out-of-baskets).
    public var entries: [(category: String, count: Int, unit: String, action: String)] {
        [("cancelled", cancelledLines, "lines", policy.cancelled.rawValue),
         ("adjustments", adjustmentLines, "lines", policy.adjustments.rawValue),
         ("returns", nonPositiveQuantityLines, "lines", policy.nonPositiveQuantity.rawValue),
         ("non-positive-price", nonPositivePriceLines, "lines", policy.nonPositivePrice.rawValue),
         ("missing-values", missingValueLines, "lines", policy.missingValues.rawValue),
         ("non-product", nonProductLines, "lines", policy.nonProduct.rawValue),
         ("missing-customer", missingCustomerLines, "lines", policy.missingCustomer.rawValue),
         ("duplicates", duplicateLines, "lines", policy.duplicates.rawValue),
         ("outliers", outlierOrders, "orders", policy.outliers.rawValue)]
    }
}
