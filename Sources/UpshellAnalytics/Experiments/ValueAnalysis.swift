import Foundation

/// Per-unit values of one arm: order values for AOV, or revenue per visitor (0 for non-buyers).
public struct VariantValues: Sendable, Hashable {
    /// Variant name.
    public var name: String
    /// One value per unit (order or visitor), in the metric's units.
    public var values: [Double]
    /// Values for one arm.
    public init(name: String, values: [Double]) { self.name = name; self.values = values }
}

/// Settings for comparing a value metric across variants.
public struct ValueAnalysisOptions: Sendable, Hashable {
    /// What is compared, for the output ("AOV", "revenue per visitor").
    public var metric: String = "value"
    /// Confidence level of every interval.
    public var level: Double = 0.95
    /// Name of the control variant; `nil` means the first one.
    public var control: String? = nil
    /// Bootstrap resamples per comparison.
    public var bootstrapResamples: Int = 2_000
    /// Bootstrap seed; comparison i uses seed + i so that each is reproducible on its own.
    public var seed: UInt64 = 1
    /// Fewer values than this in a variant raise a warning.
    public var minimumObservations: Int = 30
    /// Calendar days the test ran (inclusive), when known.
    public var daysRun: Int? = nil
    /// Minimum days: two weekly cycles.
    public var minimumDays: Int = 14
    /// How many times the results have been looked at.
    public var looks: Int = 1
    /// Defaults as documented on the type.
    public init() {}
}

/// Summary of one arm's values.
public struct VariantValueSummary: Sendable, Hashable {
    /// Variant name.
    public let name: String
    /// Number of values.
    public let count: Int
    /// Mean.
    public let mean: Double
    /// Sample standard deviation (n − 1).
    public let standardDeviation: Double
    /// Median (average of the middle two for even counts).
    public let median: Double
}

/// A variant's values compared with control's.
public struct ValueComparison: Sendable, Hashable {
    /// The variant's name.
    public let variant: String
    /// The control's name.
    public let control: String
    /// mean(variant) − mean(control).
    public let difference: Double
    /// mean(variant)/mean(control) − 1, `nil` when the control mean is 0.
    public let relativeDifference: Double?
    /// Welch's t-test with its interval of the difference.
    public let welch: WelchTTest
    /// Seeded percentile bootstrap interval of the difference.
    public let bootstrap: BootstrapInterval
    /// Mann–Whitney U, the rank-based robustness check.
    public let mannWhitney: MannWhitneyTest
    /// Holm-adjusted Welch p-value over all comparisons with control.
    public let adjustedPValue: Double
}

/// The read-out of a value metric (AOV, revenue per visitor) across variants.
public struct ValueAnalysis: Sendable, Hashable {
    /// The options used.
    public let options: ValueAnalysisOptions
    /// Position of the control in ``variants``.
    public let controlIndex: Int
    /// Every arm, in input order.
    public let variants: [VariantValueSummary]
    /// Each non-control arm against control, in input order.
    public let comparisons: [ValueComparison]
    /// Cautions: duration, peeking, small samples, multiple comparisons.
    public let warnings: [ExperimentWarning]
}

extension ExperimentAnalysis {
    /// Compares a value metric across variants: means, Welch t-test, bootstrap interval, Mann–Whitney.
    ///
    /// - Throws: ``ExperimentError`` for fewer than two variants, duplicates, an empty variant or a
    ///   non-finite value; ``StatisticsError`` when a variant has a single value or all values are equal;
    ///   `CancelledError` on Ctrl-C during the bootstrap.
    /// - Complexity: O(k·(B·n + n log n)) for k variants of n values and B resamples.
    public static func values(_ variants: [VariantValues], options: ValueAnalysisOptions = .init()) throws -> ValueAnalysis {
        guard variants.count >= 2 else { throw ExperimentError.tooFewVariants(variants.map(\.name)) }
        try validateNames(variants.map(\.name))
        try validateCommon(level: options.level, looks: options.looks)
        let controlIndex = try resolveControl(options.control, in: variants.map(\.name))
        for v in variants {
            guard !v.values.isEmpty else { throw ExperimentError.emptyVariant(v.name) }
            guard v.values.allSatisfy(\.isFinite) else { throw ExperimentError.nonFiniteValue(variant: v.name) }
        }
        let summaries = variants.map { v -> VariantValueSummary in
            let s = SampleSummary(v.values)
            let sorted = v.values.sorted()
            let mid = sorted.count / 2
            let median = sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
            return VariantValueSummary(name: v.name, count: s.count, mean: s.mean,
                                       standardDeviation: s.standardDeviation, median: median)
        }
        let control = variants[controlIndex]
        let others = variants.indices.filter { $0 != controlIndex }
        var partial: [(WelchTTest, BootstrapInterval, MannWhitneyTest)] = []
        for (k, i) in others.enumerated() {
            let v = variants[i]
            let names = (control.name, v.name)
            let welch = try WelchTest.test(first: control.values, second: v.values, level: options.level, names: names)
            let boot = try Bootstrap.differenceOfMeans(first: control.values, second: v.values,
                                                       resamples: options.bootstrapResamples, level: options.level,
                                                       seed: options.seed &+ UInt64(k), names: names)
            let mw = try MannWhitney.test(first: control.values, second: v.values, names: names)
            partial.append((welch, boot, mw))
        }
        let adjusted = MultipleTesting.holm(partial.map { $0.0.pValue })
        let controlMean = summaries[controlIndex].mean
        var comparisons: [ValueComparison] = []
        for (k, i) in others.enumerated() {
            let (welch, boot, mw) = partial[k]
            comparisons.append(ValueComparison(
                variant: variants[i].name, control: control.name, difference: welch.difference,
                relativeDifference: controlMean != 0 ? summaries[i].mean / controlMean - 1 : nil,
                welch: welch, bootstrap: boot, mannWhitney: mw, adjustedPValue: adjusted[k]))
        }
        var warnings = commonWarnings(daysRun: options.daysRun, minimumDays: options.minimumDays,
                                      looks: options.looks, sequential: false)
        for s in summaries where s.count < options.minimumObservations {
            warnings.append(.fewObservations(variant: s.name, count: s.count, minimum: options.minimumObservations))
        }
        if comparisons.count > 1 { warnings.append(.multipleComparisons(comparisons: comparisons.count)) }
        return ValueAnalysis(options: options, controlIndex: controlIndex, variants: summaries, comparisons: comparisons, warnings: warnings)
    }
}
