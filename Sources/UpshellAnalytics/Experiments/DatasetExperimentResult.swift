import Foundation

/// The arms of an experiment read from orders: each variant label and the orders that carry it.
public struct ExperimentArms: Sendable, Equatable {
    /// The column the variant labels came from.
    public var column: String
    /// Variant labels, sorted (empty labels are outside the test).
    public var names: [String]
    /// For each variant, the ids of its orders in the order model, ascending.
    public var orders: [[Int]]

    /// Arms as given; `names` and `orders` must have the same length.
    public init(column: String, names: [String], orders: [[Int]]) {
        self.column = column; self.names = names; self.orders = orders
    }
}

/// Settings of a dataset experiment analysis, already checked against the arms.
public struct DatasetExperimentParameters: Sendable {
    /// Control, looks, planned size, sequential intervals, and the days run when given (`nil`: measured
    /// from the first to the last order time). Also used for the AOV comparison's control and looks.
    public var conversion: ConversionAnalysisOptions
    /// Bootstrap seed of the AOV comparison.
    public var seed: UInt64
    /// Visitors who saw each variant, in the order of the arms (each at least the arm's order count); `nil`
    /// when unknown, and then conversion is not computed.
    public var visitors: [Int]?

    /// Parameters as given.
    public init(conversion: ConversionAnalysisOptions, seed: UInt64, visitors: [Int]? = nil) {
        self.conversion = conversion; self.seed = seed; self.visitors = visitors
    }
}

/// One arm's orders: volume, revenue and order value.
public struct VariantOrderSummary: Sendable, Equatable {
    /// Variant label.
    public var name: String
    /// Orders of the arm.
    public var orders: Int
    /// The arm's share of all orders in the test.
    public var orderShare: Double
    /// Distinct customers of the arm; `nil` when the data have no customer ids.
    public var customers: Int?
    /// Merchandise value of the arm's orders, in the data's currency.
    public var revenue: Double
    /// Average order value (revenue ÷ orders).
    public var averageOrderValue: Double
    /// Median order value.
    public var medianOrderValue: Double
}

/// What the attach-rate metric counted as an attached order.
public enum AttachedLineKind: Sendable, Equatable {
    /// A line whose offer value mentions "cross" (a cross-sell line).
    case crossSell
    /// A line with any non-empty offer value (no value mentions "cross").
    case anyOffer
}

/// The sample-ratio check: are the arms of equal size?
public struct SampleRatioCheck: Sendable, Equatable {
    /// `true` when checked on distinct customers (the usual assignment unit), `false` on orders.
    public var onCustomers: Bool
    /// Units per arm (customers or orders).
    public var counts: [Int]
    /// χ² goodness-of-fit p-value against an equal split.
    public var pValue: Double
    /// The same test on orders, for reference, when ``onCustomers``.
    public var orderSplitPValue: Double?
}

/// The read-out of an experiment from orders that carry a variant.
public struct DatasetExperimentResult: Sendable {
    /// The arms analysed.
    public var arms: ExperimentArms
    /// Per-arm orders, customers, revenue, AOV and median.
    public var summary: [VariantOrderSummary]
    /// Time of the first and last order of the test (seconds since 1970), when orders have times and
    /// `days` was not given.
    public var orderTimeSpan: (first: Int64, last: Int64)?
    /// Calendar days the test ran: as given, else from the order times; `nil` when neither.
    public var daysRun: Int?
    /// AOV: Welch, bootstrap, Mann–Whitney against control.
    public var orderValues: ValueAnalysis
    /// Attach rate (orders with an offer line), when the data have an offer column.
    public var attachRate: ConversionAnalysis?
    /// What the attach rate counted.
    public var attachedLine: AttachedLineKind?
    /// Cancel/refund rate over all lines before cleaning, when the data have status and order columns.
    public var cancellations: ConversionAnalysis?
    /// The status column the cancel/refund rate read.
    public var statusColumn: String?
    /// The sample-ratio check.
    public var sampleRatio: SampleRatioCheck
    /// Conversion (orders ÷ visitors), when visitors were given.
    public var conversion: ConversionAnalysis?
    /// Revenue per visitor of each arm, when visitors were given.
    public var revenuePerVisitor: [Double]?
    /// Whether an always-valid (sequential) interval was computed for some rate.
    public var sequentialComputed: Bool
    /// Warnings of every part, sample-ratio mismatch first, peeking reported once.
    public var warnings: [ExperimentWarning]
}
