import Foundation
import UpshellCore
import UpshellData

/// An A/B test read from orders that carry a variant: AOV (Welch, bootstrap, Mann–Whitney), attach rate,
/// cancel/refund rate counted before cleaning, duration, sample ratio, and conversion when visitor counts
/// are known. Never prints: the shell turns ``DatasetExperimentResult`` into output.
///
/// ```swift
/// let arms = try DatasetExperimentAnalysis.arms(dataset, variantColumn: "variant")
/// let result = try DatasetExperimentAnalysis.analyze(dataset, arms: arms, parameters: .init(conversion: .init(), seed: 1))
/// ```
public enum DatasetExperimentAnalysis {
    /// Words of a status value that mark a cancelled or refunded line (matched case-insensitively inside the value).
    public static let cancellationWords = ["cancel", "refund", "return", "void", "chargeback"]

    /// The orders of each variant of `variantColumn` (each order takes its first line's value; empty
    /// labels are outside the test), labels sorted.
    /// - Throws: `LoadError.unknownColumn` for a column the table lacks, ``DatasetExperimentError`` when
    ///   fewer than two variants carry orders.
    /// - Complexity: O(lines + orders).
    public static func arms(_ dataset: Dataset, variantColumn: String) throws -> ExperimentArms {
        let labels = try dataset.orderLabels(column: variantColumn)
        var ordersOf = [[Int]](repeating: [], count: labels.labels.count)
        for (o, g) in labels.groupOfOrder.enumerated() where g >= 0 {
            ordersOf[Int(g)].append(o)
        }
        let present = labels.labels.indices.filter {
            !ordersOf[$0].isEmpty && !labels.labels[$0].trimmingCharacters(in: .whitespaces).isEmpty
        }.sorted { labels.labels[$0] < labels.labels[$1] }
        guard !present.isEmpty else { throw DatasetExperimentError.noVariantLabels(column: labels.column) }
        guard present.count >= 2 else {
            throw DatasetExperimentError.singleVariant(column: labels.column, level: labels.labels[present[0]])
        }
        return ExperimentArms(column: labels.column, names: present.map { labels.labels[$0] }, orders: present.map { ordersOf[$0] })
    }

    /// The whole read-out of `arms` over the order model of `dataset` (which must have order values).
    /// - Complexity: O(lines) for the scans, plus the bootstrap's O(resamples · orders).
    public static func analyze(_ dataset: Dataset, arms: ExperimentArms, parameters: DatasetExperimentParameters) throws -> DatasetExperimentResult {
        guard let model = dataset.orders else { throw LoadError.missingRoles(path: dataset.sourcePath, missing: ["order"], columns: dataset.table.columnNames) }
        let names = arms.names, groups = arms.orders
        var conversionOptions = parameters.conversion
        var span: (first: Int64, last: Int64)? = nil
        if conversionOptions.daysRun == nil, let s = timeSpan(model, groups) {
            span = s
            conversionOptions.daysRun = ExperimentUnits.daysCovered(first: Date(timeIntervalSince1970: TimeInterval(s.first)),
                                                                     last: Date(timeIntervalSince1970: TimeInterval(s.last)))
        }

        var valueOptions = ValueAnalysisOptions()
        valueOptions.metric = "AOV"
        valueOptions.seed = parameters.seed
        valueOptions.daysRun = conversionOptions.daysRun
        valueOptions.looks = max(1, conversionOptions.looks)
        valueOptions.control = conversionOptions.control
        let values = try ExperimentAnalysis.values(zip(names, groups).map { VariantValues(name: $0, values: $1.map { model.orders.value[$0] }) },
                                                   options: valueOptions)
        let summary = orderSummary(model, arms, medians: values.variants.map(\.median))
        var warnings = values.warnings.filter { if case .peeking = $0 { return false }; return true }
        var sequentialComputed = false

        var result = DatasetExperimentResult(
            arms: arms, summary: summary, orderTimeSpan: span, daysRun: conversionOptions.daysRun, orderValues: values,
            sampleRatio: SampleRatioCheck(onCustomers: false, counts: [], pValue: .nan), sequentialComputed: false, warnings: [])

        // Secondary: attach rate (orders with a cross-sell line).
        if let offerColumn = dataset.roles[.offer] {
            let (attached, kind) = try attachedOrders(dataset, model, offerColumn: offerColumn)
            let counts = zip(names, groups).map { name, g in
                VariantCounts(name: name, conversions: g.reduce(0) { $0 + (attached[$1] ? 1 : 0) }, visitors: g.count)
            }
            var options = conversionOptions
            options.minimumConversions = 0
            let analysis = try ExperimentAnalysis.conversions(counts, options: options)
            sequentialComputed = sequentialComputed || options.sequential
            result.attachRate = analysis
            result.attachedLine = kind
            warnings += analysis.warnings.filter { if case .sampleRatioMismatch = $0 { return false }; if case .fewConversions = $0 { return false }; return true }
        }

        // Cautionary: cancel/refund rate, counted before cleaning.
        if let statusColumn = dataset.roles[.status], let orderColumn = dataset.roles[.order] {
            let counts = try cancelledOrders(dataset, names: names, variantColumn: arms.column, statusColumn: statusColumn, orderColumn: orderColumn)
            if counts.allSatisfy({ $0.visitors > 0 }) {
                var options = conversionOptions
                options.minimumConversions = 0
                options.looks = 1
                options.sequential = false
                result.cancellations = try ExperimentAnalysis.conversions(counts, options: options)
                result.statusColumn = dataset.table.columns[statusColumn].name
            }
        }

        result.sampleRatio = try sampleRatio(model, summary)
        if result.sampleRatio.pValue < 0.001 {
            let unitCounts = result.sampleRatio.counts
            let total = Double(unitCounts.reduce(0, +))
            warnings.insert(.sampleRatioMismatch(pValue: result.sampleRatio.pValue, observedShares: unitCounts.map { Double($0) / total },
                                                 expectedShares: Array(repeating: 1 / Double(names.count), count: names.count)), at: 0)
        }

        // Conversion, only with visitor counts.
        if let visitors = parameters.visitors {
            let counts = zip(names, groups).enumerated().map { VariantCounts(name: $1.0, conversions: $1.1.count, visitors: visitors[$0]) }
            let analysis = try ExperimentAnalysis.conversions(counts, options: conversionOptions)
            sequentialComputed = sequentialComputed || conversionOptions.sequential
            result.conversion = analysis
            result.revenuePerVisitor = zip(counts, groups).map { c, g in g.reduce(0) { $0 + model.orders.value[$1] } / Double(c.visitors) }
            warnings += analysis.warnings.filter { if case .sampleRatioMismatch = $0 { return false }; return true }
        }
        result.sequentialComputed = sequentialComputed
        result.warnings = placingPeeking(warnings, looks: conversionOptions.looks, sequentialComputed: sequentialComputed)
        return result
    }

    /// Drops every peeking warning and, after more than one look, puts one back after the sample-ratio and
    /// duration warnings.
    static func placingPeeking(_ warnings: [ExperimentWarning], looks: Int, sequentialComputed: Bool) -> [ExperimentWarning] {
        var warnings = warnings.filter { if case .peeking = $0 { return false }; return true }
        if looks > 1 {
            let at = warnings.firstIndex { w in
                if case .sampleRatioMismatch = w { return false }
                if case .shortDuration = w { return false }
                return true
            } ?? warnings.count
            warnings.insert(.peeking(looks: looks, sequentialIntervalIncluded: sequentialComputed), at: at)
        }
        return warnings
    }

    /// First and last order time over the arms, `nil` without times.
    static func timeSpan(_ model: OrderModel, _ groups: [[Int]]) -> (first: Int64, last: Int64)? {
        guard model.hasTimes else { return nil }
        var lo = Int64.max, hi = Int64.min
        for g in groups { for o in g { let t = model.orders.time[o]; if t != Int64.min { lo = min(lo, t); hi = max(hi, t) } } }
        return lo <= hi ? (lo, hi) : nil
    }

    /// Orders, share, customers, revenue and AOV of each arm, with the medians the AOV comparison found.
    static func orderSummary(_ model: OrderModel, _ arms: ExperimentArms, medians: [Double]) -> [VariantOrderSummary] {
        let totalOrders = arms.orders.reduce(0) { $0 + $1.count }
        return zip(zip(arms.names, arms.orders), medians).map { arm, median in
            let (name, g) = arm
            var customers = Set<Int32>()
            var revenue = 0.0
            for o in g { revenue += model.orders.value[o]; let c = model.orders.customer[o]; if c >= 0 { customers.insert(c) } }
            return VariantOrderSummary(name: name, orders: g.count, orderShare: Double(g.count) / Double(totalOrders),
                                       customers: model.hasCustomers ? customers.count : nil, revenue: revenue,
                                       averageOrderValue: revenue / Double(g.count), medianOrderValue: median)
        }
    }

    /// Sample ratio against an equal split: on customers (the usual assignment unit) when known, else on orders.
    static func sampleRatio(_ model: OrderModel, _ summary: [VariantOrderSummary]) throws -> SampleRatioCheck {
        let orders = summary.map(\.orders)
        let equal = Array(repeating: 1.0, count: summary.count)
        let orderSplit = try ChiSquareTests.goodnessOfFit(observed: orders, expectedShares: equal)
        guard model.hasCustomers else {
            return SampleRatioCheck(onCustomers: false, counts: orders, pValue: orderSplit.pValue, orderSplitPValue: nil)
        }
        let customers = summary.map { $0.customers ?? 0 }
        let srm = try ChiSquareTests.goodnessOfFit(observed: customers, expectedShares: equal)
        return SampleRatioCheck(onCustomers: true, counts: customers, pValue: srm.pValue, orderSplitPValue: orderSplit.pValue)
    }
}
