import Testing
@testable import UpshellAnalytics

// Expected per-arm sizes (two-sided α = 0.05, power 0.8) are those of Tests/References/README.md
// ("A/B sample sizes per arm"), re-derived with Python:
//   pooled:     statsmodels.stats.proportion.samplesize_proportions_2indep_onetail(p2 - p1, p1, 0.8,
//               ratio=1, alpha=0.05, alternative='two-sided')  (= R power.prop.test(p1=, p2=, power=.8)$n)
//               → 8157.73, 1093.74, 14750.79, 53210.30, 3825.15, rounded up
//   evanmiller: Evan Miller's calculator (https://www.evanmiller.org/ab-testing/sample-size.html), its
//               num_subjects() formula → 7663.0003, 1030.22, 14312.86, 51486.46, 3292.27, shown rounded
//   arcsine:    statsmodels NormalIndPower().solve_power(proportion_effectsize(p2, p1), alpha=0.05,
//               power=0.8, ratio=1) (= R pwr.2p.test) → 8142.60, 1091.90, rounded up

struct SampleSizeCase: Sendable, CustomTestStringConvertible {
    let baseline: Double, target: Double, pooled: Int, evanMiller: Int, arcsine: Int?
    var testDescription: String { "\(baseline) → \(target)" }
}

let referenceCases: [SampleSizeCase] = [
    .init(baseline: 0.05, target: 0.06, pooled: 8_158, evanMiller: 7_663, arcsine: 8_143),
    .init(baseline: 0.20, target: 0.25, pooled: 1_094, evanMiller: 1_030, arcsine: 1_092),
    .init(baseline: 0.10, target: 0.11, pooled: 14_751, evanMiller: 14_313, arcsine: nil),
    .init(baseline: 0.03, target: 0.033, pooled: 53_211, evanMiller: 51_486, arcsine: nil),
    .init(baseline: 0.02, target: 0.03, pooled: 3_826, evanMiller: 3_292, arcsine: nil),
]

@Test("pooled sizes equal R power.prop.test / statsmodels", arguments: referenceCases)
func pooledSampleSize(_ c: SampleSizeCase) throws {
    let size = try SampleSize.proportions(.init(baseline: c.baseline, effect: .absolute(c.target - c.baseline)))
    #expect(size.perVariant == c.pooled)
    #expect(size.total == 2 * c.pooled)
    #expect(size.adjustment == .none)
}

@Test("evanmiller sizes equal Evan Miller's calculator", arguments: referenceCases)
func evanMillerSampleSize(_ c: SampleSizeCase) throws {
    let size = try SampleSize.proportions(.init(baseline: c.baseline, effect: .absolute(c.target - c.baseline),
                                                method: .evanMiller))
    #expect(size.perVariant == c.evanMiller)
}

@Test("arcsine sizes equal pwr.2p.test / statsmodels NormalIndPower", arguments: referenceCases.filter { $0.arcsine != nil })
func arcsineSampleSize(_ c: SampleSizeCase) throws {
    let size = try SampleSize.proportions(.init(baseline: c.baseline, effect: .absolute(c.target - c.baseline),
                                                method: .arcsine))
    #expect(size.perVariant == c.arcsine)
}

@Test func relativeEffectIsAFractionOfBaseline() throws {
    // 5 % with a 20 % relative lift is 5 % → 6 % (README table: 8,158).
    let size = try SampleSize.proportions(.init(baseline: 0.05, effect: .relative(0.20)))
    #expect(size.perVariant == 8_158)
    #expect(abs(size.targetRate - 0.06) < 1e-12)
    // reference/pricing/abtest.out: 3.2 % → 3.52 % (10 % relative) gives 49,777 (statsmodels, pooled).
    #expect(try SampleSize.proportions(.init(baseline: 0.032, effect: .relative(0.10))).perVariant == 49_777)
    // reference/pricing/abtest.out "upsell: acceptance 0.1543 (20% step) vs 0.1000 (30%): 590 offers/variant"
    // (statsmodels samplesize_proportions_2indep_onetail(0.0543, 0.1, 0.8) = 589.69 → 590).
    #expect(try SampleSize.proportions(.init(baseline: 0.1, effect: .absolute(0.0543))).perVariant == 590)
}

@Test func aDecreaseIsPlannedLikeAnIncrease() throws {
    // 6 % → 5 % is the same pooled size as 5 % → 6 % (the formula is symmetric in p1, p2): 8,158.
    let down = try SampleSize.proportions(.init(baseline: 0.06, effect: .absolute(-0.01)))
    #expect(down.perVariant == 8_158)
    #expect(down.absoluteEffect < 0)
}

@Test func moreVariantsUseBonferroniAlpha() throws {
    // Three arms: α = 0.05/2 per comparison. statsmodels samplesize_proportions_2indep_onetail(0.01, 0.05,
    // 0.8, alpha=0.025, alternative='two-sided') = 9879.19 → 9,880.
    let size = try SampleSize.proportions(.init(baseline: 0.05, effect: .absolute(0.01), variants: 3))
    #expect(size.adjustment == .bonferroni)
    #expect(abs(size.adjustedAlpha - 0.025) < 1e-15)
    #expect(size.perVariant == 9_880)
    #expect(size.total == 3 * 9_880)
}

@Test func oneSidedIsSmaller() throws {
    // statsmodels samplesize_proportions_2indep_onetail(0.01, 0.05, 0.8, alpha=0.05, alternative='larger')
    // = 6425.72 → 6,426.
    let size = try SampleSize.proportions(.init(baseline: 0.05, effect: .absolute(0.01), sidedness: .oneSided))
    #expect(size.perVariant == 6_426)
}

@Test func meanSampleSizeMatchesReferenceOutputs() throws {
    // reference/pricing/abtest.out: "AOV +$2 with sd $40: 6281 orders/variant" (statsmodels
    // TTestIndPower().solve_power(0.05, alpha=0.05, power=0.8) = 6280.05 → 6,281).
    let aov = try SampleSize.mean(.init(absoluteEffect: 2, standardDeviation: 40))
    #expect(aov.perVariant == 6_281)
    #expect(abs(aov.normalApproximation - 6279.1038) < 1e-3) // 2·(z.975 + z.8)²·40²/2²
    // "tiers: RPV 6.472 (sd 19.86) -> 12.497 (sd 37.43): Welch 390 visitors/variant"
    let rpv = try SampleSize.mean(.init(absoluteEffect: 12.497 - 6.472, standardDeviation: 19.86,
                                        variantStandardDeviation: 37.43))
    #expect(rpv.perVariant == 390)
    // "visitors at 3% conversion: (209367, 6281)"
    #expect(ExperimentUnits.visitorsNeeded(orders: 6_281, conversion: 0.03) == 209_367)
    // "RPV sd at c=3%, AOV 60 (sd 45): 12.865"
    let sd = ExperimentUnits.revenuePerVisitorStandardDeviation(conversion: 0.03, meanOrderValue: 60,
                                                               orderValueStandardDeviation: 45)
    #expect(abs(sd - 12.865) < 5e-4)
}

@Test func durationRoundsToWholeWeeks() throws {
    // 8,158 per arm × 2 arms at 1,000 visitors a day: 16.316 → 17 days, recommended 21 (three weeks).
    let d = try ExperimentDuration(perVariant: 8_158, variants: 2, daily: 1_000)
    #expect(d.days == 17)
    #expect(d.recommendedDays == 21)
    let short = try ExperimentDuration(perVariant: 100, variants: 2, daily: 1_000)
    #expect(short.days == 1)
    #expect(short.recommendedDays == 14)
    #expect(throws: ExperimentError.nonPositiveTraffic(0)) { try ExperimentDuration(perVariant: 1, variants: 2, daily: 0) }
}

@Test func badPlanningInputIsRejected() {
    #expect(throws: ExperimentError.baselineOutOfRange(0)) {
        try SampleSize.proportions(.init(baseline: 0, effect: .relative(0.1)))
    }
    #expect(throws: ExperimentError.baselineOutOfRange(1)) {
        try SampleSize.proportions(.init(baseline: 1, effect: .relative(0.1)))
    }
    #expect(throws: ExperimentError.zeroEffect) {
        try SampleSize.proportions(.init(baseline: 0.05, effect: .relative(0)))
    }
    #expect(throws: ExperimentError.targetOutOfRange(baseline: 0.6, target: 1.2)) {
        try SampleSize.proportions(.init(baseline: 0.6, effect: .relative(1.0)))
    }
    #expect(throws: ExperimentError.powerNotAboveAlpha(power: 0.05, alpha: 0.05)) {
        try SampleSize.proportions(.init(baseline: 0.05, effect: .relative(0.1), power: 0.05))
    }
    #expect(throws: ExperimentError.alphaOutOfRange(1.5)) {
        try SampleSize.proportions(.init(baseline: 0.05, effect: .relative(0.1), alpha: 1.5))
    }
    #expect(throws: ExperimentError.invalidVariantCount(1)) {
        try SampleSize.proportions(.init(baseline: 0.05, effect: .relative(0.1), variants: 1))
    }
    #expect(throws: ExperimentError.effectTooSmall(1e-12)) {
        try SampleSize.proportions(.init(baseline: 0.05, effect: .absolute(1e-12)))
    }
    #expect(throws: ExperimentError.nonPositiveStandardDeviation(0)) {
        try SampleSize.mean(.init(absoluteEffect: 2, standardDeviation: 0))
    }
    let message = ExperimentError.baselineOutOfRange(0).message
    #expect(message == "baseline rate '0%' must be strictly between 0 % and 100 %")
}
