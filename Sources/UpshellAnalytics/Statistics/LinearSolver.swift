import Foundation

/// Dense linear systems for the small (p ≤ ~10) normal equations of the Newton and IRLS fits.
///
/// Two factorizations, chosen per caller by ``Method``:
/// - ``Method/cholesky``: A = LLᵀ (Golub & Van Loan, *Matrix Computations*, 4th ed., Alg. 4.2.1). Fails —
///   returns `nil` — as soon as A is not numerically positive definite, which the maximum-likelihood fits use as
///   their test for "not at a maximum" (they fall back to a gradient step, see ``NewtonSolver``).
/// - ``Method/pivotedElimination``: Gaussian elimination with partial pivoting (Golub & Van Loan, Alg. 3.4.1),
///   for any nonsingular A; `nil` only when a pivot vanishes or the solution is not finite.
///
/// ```swift
/// let x = LinearSolver.solve([[4, 2], [2, 3]], [2, 1], method: .cholesky)   // [0.5, 0]
/// ```
/// - Complexity: O(n³) time, O(n²) memory.
public enum LinearSolver {
    /// The factorization used by ``solve(_:_:method:)``.
    public enum Method: Sendable, Hashable {
        /// Cholesky, for symmetric positive-definite matrices; `nil` otherwise.
        case cholesky
        /// Gaussian elimination with partial pivoting, for any nonsingular matrix.
        case pivotedElimination
    }

    /// Solves A x = b (A is n × n, given by rows) by `method`; `nil` when the method fails (see ``Method``).
    public static func solve(_ a: [[Double]], _ b: [Double], method: Method) -> [Double]? {
        switch method {
        case .cholesky: return solvePositiveDefinite(a, b)
        case .pivotedElimination: return solveByElimination(a, b)
        }
    }

    /// The Cholesky factor L (lower triangular, A = LLᵀ) of a symmetric matrix, or `nil` when it is not
    /// positive definite (a non-positive or non-finite pivot). Reads only the lower triangle of A.
    public static func cholesky(_ a: [[Double]]) -> [[Double]]? {
        let n = a.count
        var l = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for i in 0..<n {
            for j in 0...i {
                var s = a[i][j]
                for k in 0..<j { s -= l[i][k] * l[j][k] }
                if i == j {
                    guard s > 0, s.isFinite else { return nil }
                    l[i][i] = s.squareRoot()
                } else {
                    l[i][j] = s / l[j][j]
                }
            }
        }
        return l
    }

    /// Solves A x = b for symmetric positive-definite A by Cholesky and two triangular solves, or `nil`.
    public static func solvePositiveDefinite(_ a: [[Double]], _ b: [Double]) -> [Double]? {
        guard let l = cholesky(a) else { return nil }
        let n = b.count
        var y = b
        for i in 0..<n {
            for k in 0..<i { y[i] -= l[i][k] * y[k] }
            y[i] /= l[i][i]
        }
        for i in stride(from: n - 1, through: 0, by: -1) {
            for k in (i + 1)..<n { y[i] -= l[k][i] * y[k] }
            y[i] /= l[i][i]
        }
        return y
    }

    /// The inverse of a symmetric positive-definite matrix (column by column through Cholesky), or `nil`.
    public static func inversePositiveDefinite(_ a: [[Double]]) -> [[Double]]? {
        let n = a.count
        var columns: [[Double]] = []
        for j in 0..<n {
            var e = [Double](repeating: 0, count: n)
            e[j] = 1
            guard let c = solvePositiveDefinite(a, e) else { return nil }
            columns.append(c)
        }
        return (0..<n).map { i in (0..<n).map { j in columns[j][i] } }
    }

    /// Solves A x = b by Gaussian elimination with partial pivoting and back substitution; `nil` when a
    /// pivot is below 10⁻³⁰⁰ in magnitude (singular) or the solution is not finite.
    public static func solveByElimination(_ a: [[Double]], _ b: [Double]) -> [Double]? {
        let p = b.count
        var m = a, v = b
        for c in 0..<p {
            var best = c
            for r in c..<p where abs(m[r][c]) > abs(m[best][c]) { best = r }
            guard abs(m[best][c]) > 1e-300 else { return nil }
            if best != c {
                m.swapAt(c, best)
                v.swapAt(c, best)
            }
            for r in (c + 1)..<max(c + 1, p) {
                let f = m[r][c] / m[c][c]
                if f == 0 { continue }
                for k in c..<p { m[r][k] -= f * m[c][k] }
                v[r] -= f * v[c]
            }
        }
        var x = [Double](repeating: 0, count: p)
        for r in stride(from: p - 1, through: 0, by: -1) {
            var s = v[r]
            for k in (r + 1)..<max(r + 1, p) { s -= m[r][k] * x[k] }
            x[r] = s / m[r][r]
        }
        return x.allSatisfy(\.isFinite) ? x : nil
    }
}
