import Foundation
import Testing
@testable import UpshellAnalytics

// The shared numerics of Statistics/: linear solver, Newton/IRLS loop, quantiles, bootstrap intervals.
// Expected values: numpy 2.4.6 / scipy 1.17.1, printed with repr(float(...)); calls in comments.

/// The classic Cholesky example (Wikipedia, "Cholesky decomposition", Example): L = [[2,0,0],[6,1,0],[-8,5,3]].
private let spd: [[Double]] = [[4, 12, -16], [12, 37, -43], [-16, -43, 98]]

@Test func choleskyFactorsTheTextbookMatrix() throws {
    let l = try #require(LinearSolver.cholesky(spd))
    #expect(l == [[2, 0, 0], [6, 1, 0], [-8, 5, 3]])
    // Not positive definite (eigenvalues 3 and −1): no factor, so the Newton loops fall back.
    #expect(LinearSolver.cholesky([[1, 2], [2, 1]]) == nil)
}

@Test func bothMethodsSolveTheSameSystem() throws {
    // np.linalg.solve([[4,12,-16],[12,37,-43],[-16,-43,98]], [1,2,3]) → exact 343/12, −23/3, 4/3
    let expected = [343.0 / 12, -23.0 / 3, 4.0 / 3]
    for method in [LinearSolver.Method.cholesky, .pivotedElimination] {
        let x = try #require(LinearSolver.solve(spd, [1, 2, 3], method: method))
        #expect(zip(x, expected).allSatisfy { close($0, $1, rel: 1e-12) }, "\(method)")
    }
    // A zero leading pivot needs the row exchange: np.linalg.solve([[0,2,1],[1,1,1],[2,1,0]], [3,6,4])
    // → [2.333333333333333, -0.6666666666666665, 4.333333333333333] (exact 7/3, −2/3, 13/3).
    let pivoted = try #require(LinearSolver.solve([[0, 2, 1], [1, 1, 1], [2, 1, 0]], [3, 6, 4], method: .pivotedElimination))
    #expect(zip(pivoted, [7.0 / 3, -2.0 / 3, 13.0 / 3]).allSatisfy { close($0, $1, rel: 1e-12) })
    #expect(LinearSolver.solve([[0, 2, 1], [1, 1, 1], [2, 1, 0]], [3, 6, 4], method: .cholesky) == nil)
    #expect(LinearSolver.solveByElimination([[1, 2], [2, 4]], [1, 2]) == nil)
}

@Test func inverseOfPositiveDefiniteMatchesNumpy() throws {
    // np.linalg.inv(...) → [[49.3611…, −13.5556…, 2.1111…], …] = [[1777, −488, 76], [−488, 136, −20], [76, −20, 4]] / 36
    let inverse = try #require(LinearSolver.inversePositiveDefinite(spd))
    let exact: [[Double]] = [[1777, -488, 76], [-488, 136, -20], [76, -20, 4]].map { $0.map { $0 / 36 } }
    for i in 0..<3 { for j in 0..<3 { #expect(close(inverse[i][j], exact[i][j], rel: 1e-12)) } }
}

@Test func newtonSolverFitsALogisticRegressionLikeScipy() {
    // Binomial GLM logit p = a + b x by IRLS. Reference: the score equations solved by
    // scipy.optimize.root(score, [0, 0], tol=1e-14) → a = -0.2741649791726487, b = 1.347735024984638;
    // sqrt(inv(information)[1,1]) there = 0.2149387023013045.
    let x = [-1, -0.5, 0, 0.5, 1.0], n = [50.0, 50, 50, 50, 50], y = [8.0, 14, 22, 30, 37]
    func logLikelihood(_ t: [Double]) -> Double {
        x.indices.reduce(0) { s, i in let eta = t[0] + t[1] * x[i]; return s + y[i] * eta - n[i] * log1p(exp(eta)) }
    }
    func model(_ t: [Double]) -> NewtonSolver.LocalModel {
        var g = [0.0, 0.0], h = [[0.0, 0.0], [0.0, 0.0]]
        for i in x.indices {
            let mu = 1 / (1 + exp(-(t[0] + t[1] * x[i]))), w = n[i] * mu * (1 - mu)
            g[0] += y[i] - n[i] * mu; g[1] += (y[i] - n[i] * mu) * x[i]
            h[0][0] += w; h[0][1] += w * x[i]; h[1][0] += w * x[i]; h[1][1] += w * x[i] * x[i]
        }
        return .init(gradient: g, curvature: h)
    }
    let solver = NewtonSolver(maxIterations: 100, maxHalvings: 40, slack: 1e-12, stopGain: 1e-12)
    let fit = solver.maximise(from: [0, 0], objective: logLikelihood, localModel: model)
    #expect(fit.outcome == .converged)
    #expect(close(fit.theta[0], -0.2741649791726487, rel: 1e-7) && close(fit.theta[1], 1.347735024984638, rel: 1e-7))
    let covariance = LinearSolver.inversePositiveDefinite(fit.model.curvature)
    #expect(covariance.map { close($0[1][1].squareRoot(), 0.2149387023013045, rel: 1e-6) } == true)
}

@Test func newtonSolverReportsSingularCurvatureOrFallsBackToTheGradient() {
    // Maximise −(θ − 3)² with a wrong (negative) curvature: Cholesky fails.
    let objective: ([Double]) -> Double = { -($0[0] - 3) * ($0[0] - 3) }
    let wrong: ([Double]) -> NewtonSolver.LocalModel = { .init(gradient: [-2 * ($0[0] - 3)], curvature: [[-2]]) }
    let strict = NewtonSolver(maxIterations: 10, maxHalvings: 10, slack: 0, stopGain: 0)
    #expect(strict.maximise(from: [0], objective: objective, localModel: wrong).outcome == .singular)
    // With a gradient fallback of ¼ the first step is 0 + ¼·6 = 1.5, then 2.25, … towards 3.
    var fallback = strict
    fallback.gradientFallback = 0.25
    fallback.maxIterations = 1
    let one = fallback.maximise(from: [0], objective: objective, localModel: wrong)
    #expect(one.theta == [1.5] && one.value == -2.25 && one.outcome == .iterationLimit)
}

@Test func quantilesFollowTheirConventions() {
    // np.quantile(sorted([3,1,4,1,5,9,2,6]), q) for q = 0, 0.1, 0.25, 0.5, 0.9, 1
    //   → 1.0, 1.0, 1.75, 3.5, 6.8999999999999995, 9.0
    let sorted = [3.0, 1, 4, 1, 5, 9, 2, 6].sorted()
    let expected = [(0.0, 1.0), (0.1, 1.0), (0.25, 1.75), (0.5, 3.5), (0.9, 6.8999999999999995), (1.0, 9.0)]
    for (q, value) in expected { #expect(close(Quantile.linear(sorted: sorted, q), value, rel: 1e-15), "q=\(q)") }
    #expect(Quantile.linear(sorted: [], 0.5).isNaN)
    // np.median: 3.5 here; odd count takes the middle value; empty is NaN.
    #expect(Quantile.median([3, 1, 4, 1, 5, 9, 2, 6]) == 3.5)
    #expect(Quantile.median([7, 1, 3]) == 3)
    #expect(Quantile.median([]).isNaN)
    // The two conventions differ in rounding at q = ½, which is why each caller keeps its own: in Python,
    // (0.1 + 0.7) / 2 → 0.39999999999999997 (the median, as np.median), 0.1 + 0.5 * (0.7 - 0.1) → 0.4 (type 7 here).
    #expect(Quantile.median([0.1, 0.7]) == 0.39999999999999997)
    #expect(Quantile.linear(sorted: [0.1, 0.7], 0.5) == 0.4)
}

@Test func percentileIntervalSkipsNonFiniteDraws() {
    // np.quantile([1,2,3,4,5,6,7,8,9,10], [0.05, 0.95]) → 1.45, 9.55 (NaN and ∞ draws dropped first)
    let values = [10, .nan, 3, 1, 4, .infinity, 2, 9, 5, 8, 7, 6]
    let interval = Bootstrap.percentileInterval(values)
    #expect(close(interval.lower, 1.45, rel: 1e-14) && close(interval.upper, 9.55, rel: 1e-14))
    #expect(Bootstrap.percentileInterval([.nan]).lower.isNaN)
}

@Test func clusterDrawsResampleEveryClusterOnceOnAverage() throws {
    // Each draw's multiplicities sum to the number of clusters; the same seed repeats the draws.
    var first: [[Double]] = [], second: [[Double]] = []
    try Bootstrap.forEachClusterDraw(clusters: 7, draws: 50, seed: 11) { first.append($0) }
    try Bootstrap.forEachClusterDraw(clusters: 7, draws: 50, seed: 11) { second.append($0) }
    #expect(first.count == 50 && first == second)
    #expect(first.allSatisfy { $0.reduce(0, +) == 7 })
    // Over 50 × 7 picks every cluster is chosen about 50 times (binomial sd ≈ 6.5).
    let totals = (0..<7).map { c in first.reduce(0) { $0 + $1[c] } }
    #expect(totals.allSatisfy { $0 > 20 && $0 < 80 })
}
