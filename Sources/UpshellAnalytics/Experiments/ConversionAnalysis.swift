import Foundation

/// Conversions and visitors of one arm of an experiment.
public struct VariantCounts: Sendable, Hashable {
    /// The variant's name as the analyst knows it ('a', 'control', 'badge').
    public var name: String
    /// Visitors who converted.
    public var conversions: Int
    /// Visitors assigned to the variant.
    public var visitors: Int
    /// Counts for one arm.
    public init(name: String, conversions: Int, visitors: Int) {
        self.name = name; self.conversions = conversions; self.visitors = visitors
    }
}

/// Settings for reading a conversion experiment. Defaults: 95 % intervals, Yates-corrected χ² on 2×2
/// (scipy's default), the first variant as control unless ``control`` names another, an equal planned split, the 350-conversion rule of thumb.
public struct ConversionAnalysisOptions: Sendable, Hashable {
    /// Confidence level of every interval.
    public var level: Double = 0.95
    /// Apply Yates' continuity correction to χ² tests with one degree of freedom.
    public var yates: Bool = true
    /// Name of the control variant; `nil` means the first one.
    public var control: String? = nil
    /// Planned traffic shares per variant (any positive scale); `nil` means an equal split.
    public var plannedShares: [Double]? = nil
    /// Planned visitors per variant from the sample-size plan, if one exists.
    public var plannedPerVariant: Int? = nil
    /// Conversions per variant below which results are flagged as fragile (the seed's 350–400 rule).
    public var minimumConversions: Int = 350
    /// Calendar days the test ran (inclusive), when known.
    public var daysRun: Int? = nil
    /// Minimum days before a result is trusted: two weekly cycles.
    public var minimumDays: Int = 14
    /// How many times the results have been looked at (1 = a single, final look).
    public var looks: Int = 1
    /// Sample-ratio mismatch is flagged when the χ² goodness-of-fit p-value is below this.
    public var sampleRatioThreshold: Double = 0.001
    /// Add an always-valid mSPRT interval to each comparison.
    public var sequential: Bool = false
    /// τ for the mSPRT mixture, as an absolute difference in rates; `nil` uses 10 % of the control rate
    /// (a relative MDE of 10 %), floored at 0.001. Set it from the plan's absolute MDE when there is one.
    public var mixingStandardDeviation: Double? = nil
    /// Defaults as documented on the type.
    public init() {}
}

/// One arm's conversion rate with its Wilson interval.
public struct VariantRate: Sendable, Hashable {
    /// Variant name.
    public let name: String
    /// Conversions.
    public let conversions: Int
    /// Visitors.
    public let visitors: Int
    /// conversions / visitors.
    public let rate: Double
    /// Wilson score interval of the rate.
    public let interval: ConfidenceInterval
}

/// A variant compared with control.
public struct ConversionComparison: Sendable, Hashable {
    /// The variant's name.
    public let variant: String
    /// The control's name.
    public let control: String
    /// rate(variant) − rate(control), as a fraction (0.0074 = 0.74 percentage points).
    public let absoluteLift: Double
    /// Wald interval of the absolute lift (unpooled standard error).
    public let absoluteInterval: ConfidenceInterval
    /// rate(variant)/rate(control) − 1; `nil` when control has no conversions.
    public let relativeLift: Double?
    /// Log-ratio (Katz) interval of the relative lift; `nil` when either arm has no conversions.
    public let relativeInterval: ConfidenceInterval?
    /// Pooled two-proportion z-test.
    public let zTest: TwoProportionZTest
    /// χ² test on the 2×2 table of this pair (Yates-corrected when the options say so).
    public let chiSquare: ChiSquareTest
    /// Holm-adjusted z-test p-value over all comparisons with control (equal to the raw one for one comparison).
    public let adjustedPValue: Double
    /// Always-valid interval, when requested.
    public let sequential: SequentialInterval?
}

/// The read-out of a conversion experiment: everything `abtest analyze` prints.
public struct ConversionAnalysis: Sendable, Hashable {
    /// The options used.
    public let options: ConversionAnalysisOptions
    /// Position of the control in ``variants``.
    public let controlIndex: Int
    /// Every arm, in input order.
    public let variants: [VariantRate]
    /// Each non-control arm against control, in input order.
    public let comparisons: [ConversionComparison]
    /// χ² test of independence over all arms (2×k; Yates only when k = 2).
    public let overall: ChiSquareTest
    /// χ² goodness of fit of visitors to the planned split.
    public let sampleRatio: ChiSquareTest
    /// Cautions, in a fixed order: sample-ratio mismatch, duration, peeking, per-variant sample warnings,
    /// multiple comparisons.
    public let warnings: [ExperimentWarning]
    /// The control arm.
    public var control: VariantRate { variants[controlIndex] }
}

/// Reading finished (or running) experiments.
public enum ExperimentAnalysis {
    /// Analyses conversions per variant: Wilson intervals, lifts with intervals, z and χ² tests, guard rails.
    ///
    /// - Throws: ``ExperimentError`` for fewer than two variants, duplicate names, negative counts, a
    ///   variant with no visitors, conversions above visitors, a bad level/threshold/split/look count.
    /// - Complexity: O(k log k) for k variants.
    public static func conversions(_ counts: [VariantCounts],
                                   options: ConversionAnalysisOptions = .init()) throws -> ConversionAnalysis {
        try validate(counts, options)
        let controlIndex = try resolveControl(options.control, in: counts.map(\.name))
        let level = options.level
        var rates: [VariantRate] = []
        for c in counts {
            let interval = try ProportionTests.wilsonInterval(successes: c.conversions, trials: c.visitors,
                                                              level: level, group: c.name)
            rates.append(VariantRate(name: c.name, conversions: c.conversions, visitors: c.visitors,
                                     rate: Double(c.conversions) / Double(c.visitors), interval: interval))
        }
        let control = counts[controlIndex]
        let others = counts.indices.filter { $0 != controlIndex }
        var tests: [(TwoProportionZTest, ChiSquareTest, ConfidenceInterval, ConfidenceInterval?, SequentialInterval?)] = []
        for i in others {
            let v = counts[i]
            let z = try ProportionTests.twoProportionZTest(successes1: control.conversions, trials1: control.visitors,
                                                           successes2: v.conversions, trials2: v.visitors)
            let chi = try ChiSquareTests.independence(successes: [control.conversions, v.conversions],
                                                      trials: [control.visitors, v.visitors], yates: options.yates)
            let absolute = try ProportionTests.differenceInterval(successes1: control.conversions, trials1: control.visitors,
                                                                  successes2: v.conversions, trials2: v.visitors, level: level)
            let relative = try ProportionTests.relativeLiftInterval(successes1: control.conversions, trials1: control.visitors,
                                                                    successes2: v.conversions, trials2: v.visitors, level: level)
            var sequential: SequentialInterval? = nil
            if options.sequential {
                let tau = options.mixingStandardDeviation ?? max(0.001, 0.1 * rates[controlIndex].rate)
                sequential = try SequentialTest.mixtureSPRT(conversions1: control.conversions, visitors1: control.visitors,
                                                            conversions2: v.conversions, visitors2: v.visitors,
                                                            alpha: 1 - level, mixingStandardDeviation: tau)
            }
            tests.append((z, chi, absolute, relative, sequential))
        }
        let adjusted = MultipleTesting.holm(tests.map { $0.0.pValue })
        let controlRate = rates[controlIndex].rate
        var comparisons: [ConversionComparison] = []
        for (k, i) in others.enumerated() {
            let (z, chi, absolute, relative, sequential) = tests[k]
            comparisons.append(ConversionComparison(
                variant: counts[i].name, control: control.name, absoluteLift: z.difference, absoluteInterval: absolute,
                relativeLift: controlRate > 0 ? rates[i].rate / controlRate - 1 : nil, relativeInterval: relative,
                zTest: z, chiSquare: chi, adjustedPValue: adjusted[k], sequential: sequential))
        }
        let overall = try ChiSquareTests.independence(successes: counts.map(\.conversions), trials: counts.map(\.visitors),
                                                      yates: options.yates)
        let shares = options.plannedShares ?? Array(repeating: 1, count: counts.count)
        let sampleRatio = try ChiSquareTests.goodnessOfFit(observed: counts.map(\.visitors), expectedShares: shares)

        var warnings: [ExperimentWarning] = []
        if sampleRatio.pValue < options.sampleRatioThreshold {
            let total = Double(counts.reduce(0) { $0 + $1.visitors }), shareSum = shares.reduce(0, +)
            warnings.append(.sampleRatioMismatch(pValue: sampleRatio.pValue,
                                                 observedShares: counts.map { Double($0.visitors) / total },
                                                 expectedShares: shares.map { $0 / shareSum }))
        }
        warnings += commonWarnings(daysRun: options.daysRun, minimumDays: options.minimumDays,
                                   looks: options.looks, sequential: options.sequential)
        for c in counts {
            if c.conversions < options.minimumConversions {
                warnings.append(.fewConversions(variant: c.name, conversions: c.conversions, ruleOfThumb: options.minimumConversions))
            }
            if let planned = options.plannedPerVariant, c.visitors < planned {
                warnings.append(.belowPlannedSample(variant: c.name, observed: c.visitors, planned: planned))
            }
        }
        if comparisons.count > 1 { warnings.append(.multipleComparisons(comparisons: comparisons.count)) }
        return ConversionAnalysis(options: options, controlIndex: controlIndex, variants: rates, comparisons: comparisons, overall: overall,
                                  sampleRatio: sampleRatio, warnings: warnings)
    }

    /// Duration and peeking warnings shared by conversion and value analyses.
    static func commonWarnings(daysRun: Int?, minimumDays: Int, looks: Int, sequential: Bool) -> [ExperimentWarning] {
        var warnings: [ExperimentWarning] = []
        if let days = daysRun, days < minimumDays { warnings.append(.shortDuration(days: days, minimumDays: minimumDays)) }
        if looks > 1 { warnings.append(.peeking(looks: looks, sequentialIntervalIncluded: sequential)) }
        return warnings
    }

    /// Checks names, counts and options before any arithmetic.
    private static func validate(_ counts: [VariantCounts], _ options: ConversionAnalysisOptions) throws(ExperimentError) {
        guard counts.count >= 2 else { throw .tooFewVariants(counts.map(\.name)) }
        try validateNames(counts.map(\.name))
        for c in counts {
            guard c.visitors >= 0 else { throw .negativeCount(variant: c.name, value: c.visitors) }
            guard c.conversions >= 0 else { throw .negativeCount(variant: c.name, value: c.conversions) }
            guard c.visitors > 0 else { throw .emptyVariant(c.name) }
            guard c.conversions <= c.visitors else {
                throw .conversionsExceedVisitors(variant: c.name, conversions: c.conversions, visitors: c.visitors)
            }
        }
        try validateCommon(level: options.level, looks: options.looks)
        if let shares = options.plannedShares {
            guard shares.count == counts.count, shares.allSatisfy({ $0 > 0 && $0.isFinite }) else {
                throw .invalidPlannedShares(shares)
            }
        }
        guard options.sampleRatioThreshold > 0, options.sampleRatioThreshold < 1 else {
            throw .alphaOutOfRange(options.sampleRatioThreshold)
        }
        if let tau = options.mixingStandardDeviation, !(tau > 0 && tau.isFinite) {
            throw .nonPositiveStandardDeviation(tau)
        }
    }

    static func validateNames(_ names: [String]) throws(ExperimentError) {
        var seen = Set<String>()
        for name in names where !seen.insert(name).inserted { throw .duplicateVariant(name) }
    }

    static func validateCommon(level: Double, looks: Int) throws(ExperimentError) {
        guard level > 0, level < 1 else { throw .alphaOutOfRange(1 - level) }
        guard looks >= 1 else { throw .invalidLooks(looks) }
    }

    /// The index of the named control (the first variant when `name` is nil).
    static func resolveControl(_ name: String?, in names: [String]) throws(ExperimentError) -> Int {
        guard let name else { return 0 }
        guard let index = names.firstIndex(of: name) else { throw .unknownVariant(name, available: names) }
        return index
    }
}
