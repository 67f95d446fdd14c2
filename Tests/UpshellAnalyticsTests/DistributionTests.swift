import Testing
@testable import UpshellAnalytics

// Expected values: scipy 1.17.1, printed with repr(float(...)); the call is in each comment.

@Test func normalDistributionFunctionMatchesScipy() {
    // stats.norm.cdf(-8), .cdf(-1.96), .cdf(0.5), .cdf(3), stats.norm.sf(8)
    #expect(close(NormalDistribution.cdf(-8), 6.22096057427174e-16))
    #expect(close(NormalDistribution.cdf(-1.96), 0.024997895148220435))
    #expect(close(NormalDistribution.cdf(0.5), 0.6914624612740131))
    #expect(close(NormalDistribution.cdf(3), 0.9986501019683699))
    #expect(close(NormalDistribution.survival(8), 6.22096057427174e-16))
}

@Test func normalQuantileMatchesScipyToTwelveDigits() {
    // stats.norm.ppf(1e-10), ppf(0.025), ppf(0.3), ppf(0.975), ppf(1-1e-12), ppf(1e-300)
    #expect(close(NormalDistribution.quantile(1e-10), -6.361340902404056, rel: 1e-12))
    #expect(close(NormalDistribution.quantile(0.025), -1.9599639845400545, rel: 1e-12))
    #expect(close(NormalDistribution.quantile(0.3), -0.5244005127080409, rel: 1e-12))
    #expect(close(NormalDistribution.quantile(0.975), 1.959963984540054, rel: 1e-12))
    #expect(close(NormalDistribution.quantile(1 - 1e-12), 7.0344869100478356, rel: 1e-9)) // 1 − 1e-12 is inexact
    #expect(close(NormalDistribution.quantile(1e-300), -37.0470962993612, rel: 1e-12))
    #expect(NormalDistribution.quantile(0) == -.infinity)
    #expect(NormalDistribution.quantile(1.5).isNaN)
    // Round trip over a grid (independent of scipy): Φ(Φ⁻¹(p)) = p.
    for k in 1..<1000 {
        let p = Double(k) / 1000
        #expect(close(NormalDistribution.cdf(NormalDistribution.quantile(p)), p, rel: 1e-13))
    }
}

@Test func studentTMatchesScipy() {
    // stats.t.cdf(2.1, 5), stats.t.sf(3.5, 2.5), stats.t.cdf(-1.3, 30.7), stats.t.sf(40, 3), stats.t.sf(0.01, 1e6)
    #expect(close(StudentTDistribution(degreesOfFreedom: 5).cdf(2.1), 0.9551233750577006))
    #expect(close(StudentTDistribution(degreesOfFreedom: 2.5).survival(3.5), 0.026172773480160172))
    #expect(close(StudentTDistribution(degreesOfFreedom: 30.7).cdf(-1.3), 0.10163859763527588))
    #expect(close(StudentTDistribution(degreesOfFreedom: 3).survival(40), 1.7190340394579253e-05))
    #expect(close(StudentTDistribution(degreesOfFreedom: 1e6).survival(0.01), 0.4960106446827738))
    // stats.t.ppf(0.975, 3), (0.975, 10), (0.9, 1), (1e-6, 4.5), (0.8, 300), (0.999, 0.7)
    #expect(close(StudentTDistribution(degreesOfFreedom: 3).quantile(0.975), 3.1824463052837078))
    #expect(close(StudentTDistribution(degreesOfFreedom: 10).quantile(0.975), 2.228138851986274))
    #expect(close(StudentTDistribution(degreesOfFreedom: 1).quantile(0.9), 3.0776835371752544))
    #expect(close(StudentTDistribution(degreesOfFreedom: 4.5).quantile(1e-6), -31.081356583149244, rel: 1e-8))
    #expect(close(StudentTDistribution(degreesOfFreedom: 300).quantile(0.8), 0.8428210111613936))
    #expect(close(StudentTDistribution(degreesOfFreedom: 0.7).quantile(0.999), 3637.014630105735, rel: 1e-8))
}

@Test func chiSquaredMatchesScipy() {
    // stats.chi2.sf(3.84, 1), .cdf(10, 7), .sf(50, 3), .sf(0.5, 2.5), .sf(400, 300)
    #expect(close(ChiSquaredDistribution(degreesOfFreedom: 1).survival(3.84), 0.05004352124870519))
    #expect(close(ChiSquaredDistribution(degreesOfFreedom: 7).cdf(10), 0.8114265324865501))
    #expect(close(ChiSquaredDistribution(degreesOfFreedom: 3).survival(50), 7.989179244951495e-11))
    #expect(close(ChiSquaredDistribution(degreesOfFreedom: 2.5).survival(0.5), 0.8638836284585889))
    #expect(close(ChiSquaredDistribution(degreesOfFreedom: 300).survival(400), 9.678621994933555e-05, rel: 1e-8))
}

@Test func incompleteBetaAndGammaMatchScipy() {
    // special.betainc(2.5, 3.5, 0.4), special.gammainc(3.3, 2.1), special.gammaincc(30, 45)
    #expect(close(SpecialFunctions.incompleteBeta(x: 0.4, a: 2.5, b: 3.5).lower, 0.4869041915261176))
    #expect(close(SpecialFunctions.incompleteGamma(a: 3.3, x: 2.1).lower, 0.2833396064122837))
    #expect(close(SpecialFunctions.incompleteGamma(a: 30, x: 45).upper, 0.007337199297796568))
}

@Test func extremeParametersStayAccurate() {
    // Large Welch df and far tails. scipy: stats.t.ppf(0.975, 2e5), stats.t.ppf(1e-12, 2),
    // stats.chi2.sf(1.02e4, 1e4), stats.norm.ppf(1e-16), stats.t.sf(2.5, 150000.5), stats.chi2.sf(1e-5, 1),
    // stats.t.ppf(0.6, 0.3)
    #expect(close(StudentTDistribution(degreesOfFreedom: 2e5).quantile(0.975), 1.959975845966768))
    #expect(close(StudentTDistribution(degreesOfFreedom: 2).quantile(1e-12), -707106.7811854869))
    #expect(close(ChiSquaredDistribution(degreesOfFreedom: 1e4).survival(1.02e4), 0.07932888107761896))
    #expect(close(NormalDistribution.quantile(1e-16), -8.222082216130435, rel: 1e-13))
    #expect(close(StudentTDistribution(degreesOfFreedom: 150000.5).survival(2.5), 0.006210194833371784))
    #expect(close(ChiSquaredDistribution(degreesOfFreedom: 1).survival(1e-5), 0.9974768716831944))
    #expect(close(StudentTDistribution(degreesOfFreedom: 0.3).quantile(0.6), 0.5023012820593052))
}
