import Testing
@testable import UpshellAnalytics

// The issue's example: `abtest analyze a=120/4000 b=150/4010`. Expected values are the statsmodels / scipy
// numbers quoted in HypothesisTestTests (same inputs), so the analysis is checked to wire them correctly.

@Test func conversionAnalysisReportsRatesLiftsAndTests() throws {
    let result = try ExperimentAnalysis.conversions([
        VariantCounts(name: "a", conversions: 120, visitors: 4000),
        VariantCounts(name: "b", conversions: 150, visitors: 4010),
    ])
    #expect(result.control.name == "a")
    #expect(result.variants.map(\.rate) == [0.03, 150.0 / 4010])
    // proportion_confint(120, 4000, method='wilson')
    #expect(close(result.variants[0].interval.lower, 0.02514781236968596))
    let b = try #require(result.comparisons.first)
    #expect(b.variant == "b" && b.control == "a")
    #expect(close(b.absoluteLift, 150.0 / 4010 - 0.03, rel: 1e-12))
    #expect(close(try #require(b.relativeLift), (150.0 / 4010) / 0.03 - 1, rel: 1e-12))
    // confint_proportions_2indep(150, 4010, 120, 4000, method='wald', compare='diff') and method='log', compare='ratio'
    #expect(close(b.absoluteInterval.upper, 0.015308411374396806))
    #expect(close(try #require(b.relativeInterval).lower, 0.9847481857325839 - 1, rel: 1e-8))
    // proportions_ztest([150, 120], [4010, 4000]); stats.chi2_contingency([[120, 150], [3880, 3860]])
    #expect(close(b.zTest.pValue, 0.06629172679644688))
    #expect(close(b.chiSquare.pValue, 0.07597461942093499))
    #expect(b.adjustedPValue == b.zTest.pValue)
    #expect(b.sequential == nil)
    // 120 and 150 conversions are below the 350 rule of thumb; split 4000/4010 is fine.
    #expect(result.warnings == [
        .fewConversions(variant: "a", conversions: 120, ruleOfThumb: 350),
        .fewConversions(variant: "b", conversions: 150, ruleOfThumb: 350),
    ])
    #expect(result.sampleRatio.pValue > 0.9)
}

@Test func guardRailsWarnOnShortTestsPeekingPlanAndSampleRatio() throws {
    var options = ConversionAnalysisOptions()
    options.daysRun = 9
    options.looks = 4
    options.plannedPerVariant = 6_000
    options.sequential = true
    options.mixingStandardDeviation = 0.003
    let result = try ExperimentAnalysis.conversions([
        VariantCounts(name: "control", conversions: 400, visitors: 5000),
        VariantCounts(name: "badge", conversions: 470, visitors: 5400),
    ], options: options)
    let codes = result.warnings.map(\.code)
    #expect(codes == ["sample-ratio-mismatch", "short-duration", "peeking", "below-planned-sample", "below-planned-sample"])
    // stats.chisquare([5000, 5400]) → statistic 15.384615384615385, p 8.769942375590228e-05
    #expect(close(result.sampleRatio.statistic, 15.384615384615385))
    #expect(close(result.sampleRatio.pValue, 8.769942375590228e-05, rel: 1e-8))
    guard case let .sampleRatioMismatch(p, observed, expected) = result.warnings[0] else {
        Issue.record("first warning should be the sample-ratio mismatch"); return
    }
    #expect(p < 0.001 && close(observed[0], 5000.0 / 10400) && expected == [0.5, 0.5])
    #expect(result.warnings[1] == .shortDuration(days: 9, minimumDays: 14))
    #expect(result.warnings[2] == .peeking(looks: 4, sequentialIntervalIncluded: true))
    #expect(result.warnings[2].message.contains("checked 4 times"))
    #expect(result.comparisons[0].sequential != nil)
}

@Test func sequentialIntervalFollowsTheMixtureFormula() throws {
    // Independent evaluation of Johari et al.'s normal-mixture boundary in Python (math only):
    // p1, p2 = 120/4000, 150/4010; V = p1(1-p1)/4000 + p2(1-p2)/4010; t2 = 0.003**2;
    // hw = sqrt(V(V+t2)/t2 · (2 ln 20 + ln((V+t2)/V))); Λ = sqrt(V/(V+t2))·exp(t2 d²/(2V(V+t2)))
    // → interval (-0.009721583509474229, 0.024534551090521616), p = 1/Λ = 0.6831536876639563
    let s = try SequentialTest.mixtureSPRT(conversions1: 120, visitors1: 4000, conversions2: 150, visitors2: 4010,
                                           alpha: 0.05, mixingStandardDeviation: 0.003)
    #expect(close(s.interval.lower, -0.009721583509474229, rel: 1e-10))
    #expect(close(s.interval.upper, 0.024534551090521616, rel: 1e-10))
    #expect(close(s.alwaysValidPValue, 0.6831536876639563, rel: 1e-10))
    // Always wider than the fixed-horizon Wald interval (-0.000495, 0.015308).
    #expect(s.interval.lower < -0.000495 && s.interval.upper > 0.015308)
}

@Test func threeVariantsGetHolmAdjustedPValues() throws {
    let result = try ExperimentAnalysis.conversions([
        VariantCounts(name: "a", conversions: 400, visitors: 10_000),
        VariantCounts(name: "b", conversions: 470, visitors: 10_050),
        VariantCounts(name: "c", conversions: 405, visitors: 9_980),
    ])
    #expect(result.comparisons.map(\.variant) == ["b", "c"])
    let raw = result.comparisons.map(\.zTest.pValue)
    #expect(result.comparisons.map(\.adjustedPValue) == MultipleTesting.holm(raw))
    #expect(!result.overall.yatesCorrected && result.overall.degreesOfFreedom == 2)
    #expect(result.warnings.contains(.multipleComparisons(comparisons: 2)))
}

@Test func valueAnalysisComparesMeans() throws {
    var options = ValueAnalysisOptions()
    options.metric = "AOV"
    options.bootstrapResamples = 1_000
    let result = try ExperimentAnalysis.values([
        VariantValues(name: "a", values: sampleX), VariantValues(name: "b", values: sampleY),
    ], options: options)
    let b = try #require(result.comparisons.first)
    // stats.ttest_ind(y, x, equal_var=False).pvalue; stats.mannwhitneyu(x, y, alternative='two-sided', method='asymptotic').pvalue
    #expect(close(b.welch.pValue, 0.06796806703569819))
    #expect(close(b.mannWhitney.pValue, 0.037047972060844786))
    #expect(close(b.difference, 10.5579761904762, rel: 1e-10))
    #expect(b.bootstrap.interval.contains(b.difference))
    // Median by hand: sorted x = 8, 11.4, 12.5, 15, 19.99, 22.1, 22.1, 27.3, 30, 33.3, 45.9, 60.2
    // → (22.1 + 22.1)/2 = 22.1
    #expect(result.variants[0].median == 22.1)
    #expect(result.warnings == [.fewObservations(variant: "a", count: 12, minimum: 30),
                                .fewObservations(variant: "b", count: 14, minimum: 30)])
}

@Test func badAnalysisInputIsRejected() {
    #expect(throws: ExperimentError.tooFewVariants(["a"])) {
        try ExperimentAnalysis.conversions([VariantCounts(name: "a", conversions: 1, visitors: 10)])
    }
    #expect(throws: ExperimentError.tooFewVariants([])) { try ExperimentAnalysis.conversions([]) }
    #expect(throws: ExperimentError.conversionsExceedVisitors(variant: "b", conversions: 12, visitors: 10)) {
        try ExperimentAnalysis.conversions([VariantCounts(name: "a", conversions: 1, visitors: 10),
                                            VariantCounts(name: "b", conversions: 12, visitors: 10)])
    }
    #expect(throws: ExperimentError.emptyVariant("b")) {
        try ExperimentAnalysis.conversions([VariantCounts(name: "a", conversions: 1, visitors: 10),
                                            VariantCounts(name: "b", conversions: 0, visitors: 0)])
    }
    #expect(throws: ExperimentError.duplicateVariant("a")) {
        try ExperimentAnalysis.conversions([VariantCounts(name: "a", conversions: 1, visitors: 10),
                                            VariantCounts(name: "a", conversions: 2, visitors: 10)])
    }
    #expect(throws: ExperimentError.emptyVariant("b")) {
        try ExperimentAnalysis.values([VariantValues(name: "a", values: [1, 2]), VariantValues(name: "b", values: [])])
    }
    #expect(throws: ExperimentError.tooFewVariants(["only"])) {
        try ExperimentAnalysis.values([VariantValues(name: "only", values: [1, 2])])
    }
    #expect(throws: ExperimentError.nonFiniteValue(variant: "b")) {
        try ExperimentAnalysis.values([VariantValues(name: "a", values: [1, 2]),
                                       VariantValues(name: "b", values: [1, .nan])])
    }
    let message = ExperimentError.conversionsExceedVisitors(variant: "b", conversions: 12, visitors: 10).message
    #expect(message == "variant 'b' has 12 conversions but only 10 visitors")
}

@Test func controlCanBeNamed() throws {
    var options = ConversionAnalysisOptions()
    options.control = "b"
    let result = try ExperimentAnalysis.conversions([
        VariantCounts(name: "a", conversions: 120, visitors: 4000),
        VariantCounts(name: "b", conversions: 150, visitors: 4010),
    ], options: options)
    #expect(result.controlIndex == 1 && result.control.name == "b")
    #expect(result.comparisons.map(\.variant) == ["a"])
    #expect(close(result.comparisons[0].absoluteLift, 0.03 - 150.0 / 4010, rel: 1e-12))
    options.control = "contrl"
    let error = ExperimentError.unknownVariant("contrl", available: ["control", "b"])
    #expect(error.hint == "did you mean 'control'?")
    #expect(throws: ExperimentError.unknownVariant("contrl", available: ["a", "b"])) {
        try ExperimentAnalysis.conversions([VariantCounts(name: "a", conversions: 1, visitors: 10),
                                            VariantCounts(name: "b", conversions: 2, visitors: 10)], options: options)
    }
}

@Test func noConversionsAnywhereIsReadableNotACrash() throws {
    var options = ConversionAnalysisOptions()
    options.sequential = true
    let result = try ExperimentAnalysis.conversions([
        VariantCounts(name: "a", conversions: 0, visitors: 100),
        VariantCounts(name: "b", conversions: 0, visitors: 100),
    ], options: options)
    let b = result.comparisons[0]
    #expect(b.zTest.pValue == 1 && b.chiSquare.pValue == 1 && result.overall.pValue == 1)
    #expect(b.relativeLift == nil && b.relativeInterval == nil)
    #expect(b.sequential?.alwaysValidPValue == 1)
    #expect(result.variants[0].interval.lower == 0)
}
