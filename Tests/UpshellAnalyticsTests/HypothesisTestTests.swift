import Testing
@testable import UpshellAnalytics

// Expected values: scipy 1.17.1 / statsmodels 0.15.0, printed with repr(float(...)); calls in comments.

@Test func wilsonIntervalMatchesStatsmodels() throws {
    // proportion_confint(120, 4000, method='wilson')
    let a = try ProportionTests.wilsonInterval(successes: 120, trials: 4000)
    #expect(close(a.lower, 0.02514781236968596) && close(a.upper, 0.035754064322633436))
    // proportion_confint(0, 50, method='wilson') and (50, 50)
    let zero = try ProportionTests.wilsonInterval(successes: 0, trials: 50)
    #expect(zero.lower == 0 && close(zero.upper, 0.07134759913335874))
    let all = try ProportionTests.wilsonInterval(successes: 50, trials: 50)
    #expect(close(all.lower, 0.9286524008666412) && all.upper == 1)
    // proportion_confint(7, 20, alpha=0.1, method='wilson')
    let ninety = try ProportionTests.wilsonInterval(successes: 7, trials: 20, level: 0.9)
    #expect(close(ninety.lower, 0.202260040056761) && close(ninety.upper, 0.5334873111515284))
    #expect(throws: StatisticsError.invalidCounts(group: "b", successes: 5, trials: 4)) {
        try ProportionTests.wilsonInterval(successes: 5, trials: 4, group: "b")
    }
}

@Test func twoProportionZTestMatchesStatsmodels() throws {
    // proportions_ztest([150, 120], [4010, 4000]) → (z, p)
    let z = try ProportionTests.twoProportionZTest(successes1: 120, trials1: 4000, successes2: 150, trials2: 4010)
    #expect(close(z.z, 1.8364459648529032))
    #expect(close(z.pValue, 0.06629172679644688))
    // confint_proportions_2indep(150, 4010, 120, 4000, method='wald', compare='diff')
    let diff = try ProportionTests.differenceInterval(successes1: 120, trials1: 4000, successes2: 150, trials2: 4010)
    #expect(close(diff.lower, -0.0004954437933494191, rel: 1e-8) && close(diff.upper, 0.015308411374396806))
    // confint_proportions_2indep(150, 4010, 120, 4000, method='log', compare='ratio') − 1
    let ratio = try #require(try ProportionTests.relativeLiftInterval(successes1: 120, trials1: 4000,
                                                                      successes2: 150, trials2: 4010))
    #expect(close(ratio.lower + 1, 0.9847481857325839) && close(ratio.upper + 1, 1.5787962060233829))
}

@Test func chiSquareIndependenceMatchesScipy() throws {
    // stats.chi2_contingency([[120, 150], [3880, 3860]])  (Yates, scipy's default on 2×2)
    let yates = try ChiSquareTests.independence(successes: [120, 150], trials: [4000, 4010])
    #expect(yates.yatesCorrected && yates.degreesOfFreedom == 1)
    #expect(close(yates.statistic, 3.1489761551789184) && close(yates.pValue, 0.07597461942093499))
    // same with correction=False; its p equals the z-test's (z² = χ²)
    let plain = try ChiSquareTests.independence(successes: [120, 150], trials: [4000, 4010], yates: false)
    #expect(close(plain.statistic, 3.372533781824514) && close(plain.pValue, 0.06629172679644674))
    // stats.chi2_contingency([[120, 150, 135], [3880, 3860, 3900]]) — no correction for dof = 2
    let three = try ChiSquareTests.independence(successes: [120, 150, 135], trials: [4000, 4010, 4035])
    #expect(!three.yatesCorrected && three.degreesOfFreedom == 2)
    #expect(close(three.statistic, 3.38584758641472) && close(three.pValue, 0.1839808149827515))
}

@Test func chiSquareGoodnessOfFitMatchesScipy() throws {
    // stats.chisquare([5000, 5200])
    let even = try ChiSquareTests.goodnessOfFit(observed: [5000, 5200], expectedShares: [1, 1])
    #expect(close(even.statistic, 3.9215686274509802) && close(even.pValue, 0.0476703806561615))
    // stats.chisquare([3100, 2900, 4000], f_exp=np.array([0.3, 0.3, 0.4]) * 10000)
    let split = try ChiSquareTests.goodnessOfFit(observed: [3100, 2900, 4000], expectedShares: [30, 30, 40])
    #expect(close(split.statistic, 6.666666666666667) && close(split.pValue, 0.035673993347252395))
}

let sampleX = [12.5, 30.0, 22.1, 45.9, 8.0, 19.99, 27.3, 33.3, 15.0, 22.1, 60.2, 11.4]
let sampleY = [25.0, 31.5, 42.0, 18.2, 55.5, 29.9, 37.7, 22.1, 48.0, 35.0, 40.4, 27.3, 61.0, 33.3]

@Test func welchTestMatchesScipy() throws {
    // w = stats.ttest_ind(y, x, equal_var=False); w.statistic, w.pvalue, w.df, w.confidence_interval(0.95)
    let w = try WelchTest.test(first: sampleX, second: sampleY)
    #expect(close(w.t, 1.9233193756350482))
    #expect(close(w.pValue, 0.06796806703569819))
    #expect(close(w.degreesOfFreedom, 21.208852389013487))
    #expect(close(w.interval.lower, -0.8511303247509119, rel: 1e-8) && close(w.interval.upper, 21.967082705703312))
    #expect(throws: StatisticsError.tooFewObservations(group: "first", count: 1, needed: 2)) {
        try WelchTest.test(first: [1], second: [1, 2])
    }
    #expect(throws: StatisticsError.zeroVariance) { try WelchTest.test(first: [3, 3], second: [3, 3, 3]) }
}

@Test func mannWhitneyMatchesScipy() throws {
    // stats.mannwhitneyu(x, y, alternative='two-sided', method='asymptotic')
    let m = try MannWhitney.test(first: sampleX, second: sampleY)
    #expect(m.u == 43)
    #expect(close(m.pValue, 0.037047972060844786))
    // heavy ties: stats.mannwhitneyu([1,2,2,3,3,3,4,5], [3,3,4,4,5,5,6,6,7], alternative='two-sided', method='asymptotic')
    let tied = try MannWhitney.test(first: [1, 2, 2, 3, 3, 3, 4, 5], second: [3, 3, 4, 4, 5, 5, 6, 6, 7])
    #expect(tied.u == 11)
    #expect(close(tied.pValue, 0.01630200829707017))
    #expect(try MannWhitney.test(first: [2, 2], second: [2, 2, 2]).pValue == 1)
}

@Test func multipleTestingMatchesStatsmodels() {
    // multipletests([0.01, 0.04, 0.03, 0.005], method='holm')[1] and method='bonferroni'
    let p = [0.01, 0.04, 0.03, 0.005]
    let holm = MultipleTesting.holm(p), bonferroni = MultipleTesting.bonferroni(p)
    for (a, b) in zip(holm, [0.03, 0.06, 0.06, 0.02]) { #expect(close(a, b, rel: 1e-12)) }
    for (a, b) in zip(bonferroni, [0.04, 0.16, 0.12, 0.02]) { #expect(close(a, b, rel: 1e-12)) }
}

@Test func bootstrapIsSeededAndBracketsTheWelchInterval() throws {
    let a = try Bootstrap.differenceOfMeans(first: sampleX, second: sampleY, resamples: 4000, seed: 7)
    let b = try Bootstrap.differenceOfMeans(first: sampleX, second: sampleY, resamples: 4000, seed: 7)
    #expect(a == b) // same seed, same interval
    let c = try Bootstrap.differenceOfMeans(first: sampleX, second: sampleY, resamples: 4000, seed: 8)
    #expect(c.interval != a.interval)
    // The estimate is the plain difference of means: np.mean(y) - np.mean(x) = 36.20714285714286 − 25.649166666666662.
    #expect(close(a.estimate, 10.5579761904762, rel: 1e-12))
    // The percentile interval is close to Welch's (-0.85, 21.97) but narrower (no t tails): a loose check
    // against an independent method.
    #expect(a.interval.lower > -4 && a.interval.lower < 4)
    #expect(a.interval.upper > 17 && a.interval.upper < 23)
    #expect(a.interval.contains(a.estimate))
}
