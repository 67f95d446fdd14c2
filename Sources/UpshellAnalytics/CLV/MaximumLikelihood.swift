import Foundation
import UpshellCore

/// A maximum-likelihood estimate with its precision and how it was reached.
public struct MaximumLikelihoodFit: Sendable, Equatable {
    /// Parameter names, as printed.
    public var names: [String]
    /// The estimates (all positive).
    public var estimates: [Double]
    /// Standard errors from the inverse observed information (`.nan` when it is singular).
    public var standardErrors: [Double]
    /// The maximised log-likelihood.
    public var logLikelihood: Double
    /// Log-likelihood evaluations used.
    public var evaluations: Int
    /// Largest |∂ log L / ∂ log θᵢ| at the estimate (≈ 0 at a maximum).
    public var gradientNorm: Double
    /// Observations the likelihood summed over.
    public var observations: Int
    /// Parameters the data determine poorly (standard error of log θ above 3), among those the fit was
    /// told may be (`weaklyDetermined`); empty otherwise.
    public var poorlyDetermined: [String] = []
}

/// Maximises a log-likelihood over strictly positive parameters, robustly: Nelder–Mead simplex on the
/// log-parameters, restarted until it stops improving, then Newton steps with a finite-difference
/// Hessian to polish; when that does not converge, the same from the next starting point. Standard
/// errors come from the inverse of that Hessian (observed information, by the delta method from log to
/// natural parameters).
///
/// A fit is declared converged only when the gradient vanishes (|∂ log L/∂ log θ| ≤ 10⁻³, or a Newton
/// step would gain at most 10⁻⁶ in log L — the estimates are then within ~0.001 standard errors of the
/// maximum), the Hessian is negative definite and every parameter is determined by the data (standard
/// error of log θ at most 3 — unless the caller names it as possibly weakly determined —, θ within e¹² of
/// its typical size); the simplex searches spend at most
/// 10,000 evaluations in all. Otherwise ``CLVError/notConverged(model:reason:lastState:)`` carries the
/// last state.
///
/// - References: Nelder & Mead, *Computer Journal* 7 (1965); Nocedal & Wright, *Numerical Optimization*
///   (2006) §8 for finite-difference derivatives.
public enum MaximumLikelihood {
    /// Fits the model whose log-likelihood is `logLikelihood` (over natural, positive parameters).
    ///
    /// - Parameters:
    ///   - model: the model's name for messages ("BG/NBD").
    ///   - names: parameter names.
    ///   - starts: starting points (natural parameters), tried in order until one converges.
    ///   - scales: each parameter's typical size (default 1): the search runs on log(θ / scale), and a
    ///     converged estimate more than e¹² times away from its scale is reported as drifting to a boundary.
    ///   - observations: how many observations the likelihood sums over (for reporting).
    ///   - boundary: what the parameters where a search drifted off mean for the model, if anything.
    ///   - weaklyDetermined: indices of parameters whose standard error of log θ may exceed 3 at a maximum
    ///     with these parameters (listed in ``MaximumLikelihoodFit/poorlyDetermined`` instead of failing the fit).
    /// - Throws: ``CLVError/notConverged(model:reason:lastState:)``, `CancelledError`.
    /// - Complexity: typically 500–1,000 likelihood evaluations (764 for BG/NBD on CDNOW).
    public static func fit(model: String, names: [String], starts: [[Double]], scales: [Double]? = nil, observations: Int,
                           boundary: (([Double]) -> String?)? = nil, weaklyDetermined: (([Double]) -> Set<Int>)? = nil,
                           logLikelihood: ([Double]) -> Double) throws -> MaximumLikelihoodFit {
        try withoutActuallyEscaping(logLikelihood) { logLikelihood in
            let search = LikelihoodSearch(model: model, names: names, scales: scales ?? [Double](repeating: 1, count: names.count),
                                          observations: observations, boundary: boundary, weaklyDetermined: weaklyDetermined,
                                          logLikelihood: logLikelihood)
            // The first start that converges wins; otherwise the first failure is reported.
            var failure: CLVError? = nil
            for start in starts where search.evaluations < search.budget {
                switch try search.attempt(start) {
                case .success(let fit)?: return fit
                case .failure(let error)?: failure = failure ?? error
                case nil: continue
                }
            }
            throw failure ?? search.state("the likelihood is not finite anywhere it was evaluated", search.logScaled(starts[0]), .infinity, nil)
        }
    }

    /// ½ gᵀH⁻¹g for a positive-definite H (of −log L): the log-likelihood still to gain by a Newton step,
    /// or `nil` when H is not positive definite.
    static func newtonDecrement(_ hessian: [[Double]], _ gradient: [Double]) -> Double? {
        guard let step = LinearSolver.solvePositiveDefinite(hessian, gradient) else { return nil }
        return zip(step, gradient).reduce(0) { $0 + $1.0 * $1.1 } / 2
    }

    /// Nelder–Mead minimisation from `start` with an axis-aligned initial simplex of size `step`
    /// (reflection 1, expansion 2, contraction ½, shrink ½), until the simplex's values agree to
    /// 10⁻¹² relative and its points to 10⁻⁹, or 2,000 × dimension (at most `maxEvaluations`) evaluations.
    static func nelderMead(_ f: ([Double]) -> Double, from start: [Double], step: Double,
                           maxEvaluations: Int = .max) throws -> (point: [Double], value: Double) {
        let n = start.count
        var simplex = [start]
        for i in 0..<n {
            var p = start
            p[i] += step
            simplex.append(p)
        }
        var values = simplex.map(f)
        var used = n + 1
        while used < min(2_000 * n, maxEvaluations) {
            try Cancellation.check()
            let order = values.indices.sorted { values[$0] < values[$1] }
            simplex = order.map { simplex[$0] }
            values = order.map { values[$0] }
            let spread = abs(values[n] - values[0])
            let size = (1...n).map { i in zip(simplex[i], simplex[0]).map { abs($0 - $1) }.max() ?? 0 }.max() ?? 0
            if values[0].isFinite && spread <= 1e-12 * (1 + abs(values[0])) && size <= 1e-9 { break }
            var centroid = [Double](repeating: 0, count: n)
            for i in 0..<n { for j in 0..<n { centroid[j] += simplex[i][j] / Double(n) } }
            func along(_ t: Double) -> [Double] { (0..<n).map { centroid[$0] + t * (simplex[n][$0] - centroid[$0]) } }
            let reflected = along(-1), fr = f(reflected); used += 1
            if fr < values[0] {
                let expanded = along(-2), fe = f(expanded); used += 1
                if fe < fr { simplex[n] = expanded; values[n] = fe } else { simplex[n] = reflected; values[n] = fr }
            } else if fr < values[n - 1] {
                simplex[n] = reflected; values[n] = fr
            } else {
                let contracted = fr < values[n] ? along(-0.5) : along(0.5)
                let fc = f(contracted); used += 1
                if fc < min(fr, values[n]) {
                    simplex[n] = contracted; values[n] = fc
                } else {
                    for i in 1...n {
                        simplex[i] = (0..<n).map { simplex[0][$0] + 0.5 * (simplex[i][$0] - simplex[0][$0]) }
                        values[i] = f(simplex[i]); used += 1
                    }
                }
            }
        }
        let best = values.indices.min { values[$0] < values[$1] }!
        return (simplex[best], values[best])
    }

    /// Central-difference gradient, step 10⁻⁵ (in log-parameters).
    static func gradient(_ f: ([Double]) -> Double, _ x: [Double]) -> [Double] {
        let h = 1e-5
        return x.indices.map { i in
            var up = x, down = x
            up[i] += h
            down[i] -= h
            return (f(up) - f(down)) / (2 * h)
        }
    }

    /// Central-difference Hessian, step 10⁻³ in log-parameters (10⁻⁴ lets rounding, amplified by the strong
    /// correlation of Gamma-Gamma's p and γ, move standard errors by 0.5 %; 10⁻³ agrees with autograd to 10⁻⁵).
    static func hessian(_ f: ([Double]) -> Double, _ x: [Double]) -> [[Double]] {
        let h = 1e-3, n = x.count
        let center = f(x)
        var m = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        func at(_ moves: [(Int, Double)]) -> Double {
            var p = x
            for (i, d) in moves { p[i] += d }
            return f(p)
        }
        for i in 0..<n {
            m[i][i] = (at([(i, h)]) - 2 * center + at([(i, -h)])) / (h * h)
            for j in 0..<i {
                let v = (at([(i, h), (j, h)]) - at([(i, h), (j, -h)]) - at([(i, -h), (j, h)]) + at([(i, -h), (j, -h)])) / (4 * h * h)
                m[i][j] = v
                m[j][i] = v
            }
        }
        return m
    }

    private static func format(_ v: Double) -> String {
        guard v.isFinite else { return "\(v)" }
        return String(format: "%.6g", v)
    }
}

extension MaximumLikelihood {
    /// One search for the maximum of a log-likelihood: the model's names and scales, the evaluation counter
    /// shared by every start (the simplex budget of 10,000 is for the whole fit), and the steps of one
    /// attempt — simplex with restarts, Newton polish, then the verdict on the point it reached.
    /// A class, because every closure handed to the simplex and Newton loops counts into the one counter.
    private final class LikelihoodSearch {
        let model: String
        let names: [String]
        let scales: [Double]
        let observations: Int
        let boundary: (([Double]) -> String?)?
        let weaklyDetermined: (([Double]) -> Set<Int>)?
        let logLikelihood: ([Double]) -> Double
        /// Evaluations the simplex searches may spend in all.
        let budget = 10_000
        /// Log-likelihood evaluations so far, over all starts.
        private(set) var evaluations = 0

        init(model: String, names: [String], scales: [Double], observations: Int,
             boundary: (([Double]) -> String?)?, weaklyDetermined: (([Double]) -> Set<Int>)?,
             logLikelihood: @escaping ([Double]) -> Double) {
            self.model = model
            self.names = names
            self.scales = scales
            self.observations = observations
            self.boundary = boundary
            self.weaklyDetermined = weaklyDetermined
            self.logLikelihood = logLikelihood
        }

        /// The natural parameters `scale · exp θ` of a point θ of the search.
        func natural(_ theta: [Double]) -> [Double] { zip(theta, scales).map { exp($0) * $1 } }

        /// The search point log(θ / scale) of natural parameters.
        func logScaled(_ parameters: [Double]) -> [Double] { zip(parameters, scales).map { log($0 / $1) } }

        /// The function minimised, f(θ) = −log L(scale · exp θ): θ is the log of a parameter in its typical
        /// size. Counts one evaluation; `.infinity` off the search range or where log L is not a number.
        func f(_ theta: [Double]) -> Double {
            evaluations += 1
            if theta.contains(where: { !$0.isFinite || abs($0) > 40 }) { return .infinity }
            let v = -logLikelihood(natural(theta))
            return v.isNaN ? .infinity : v
        }

        /// The not-converged error for `reason`, with the last state: parameters, log-likelihood, largest
        /// gradient and evaluations used.
        func state(_ reason: String, _ theta: [Double], _ value: Double, _ gradient: [Double]?) -> CLVError {
            var parts = zip(names, natural(theta)).map { "\($0)=\(format($1.isFinite ? $1 : .nan))" }
            parts.append("log-likelihood \(format(-value))")
            if let gradient, let worst = gradient.indices.max(by: { abs(gradient[$0]) < abs(gradient[$1]) }) {
                parts.append("largest gradient \(format(-gradient[worst])) in log \(names[worst])")
            }
            parts.append("\(evaluations) evaluations")
            return CLVError.notConverged(model: model, reason: reason, lastState: parts.joined(separator: ", "))
        }

        /// "a drifts towards zero", with the model's reading of that boundary.
        func drift(_ i: Int, _ theta: [Double], _ verb: String) -> String {
            let text = "\(names[i]) \(verb) \(theta[i] > 0 ? "infinity" : "zero")"
            return boundary?(natural(theta)).map { text + " (\($0))" } ?? text
        }

        /// Simplex with restarts from one start, then Newton; the fit, or why it failed and where it ended
        /// (`nil` when the simplex found no finite value).
        func attempt(_ start: [Double]) throws -> Result<MaximumLikelihoodFit, CLVError>? {
            var theta = logScaled(start)
            var value = f(theta)
            for _ in 0..<12 where evaluations < budget {
                let next = try MaximumLikelihood.nelderMead(f, from: theta, step: 0.6, maxEvaluations: budget - evaluations)
                let improved = value - next.value
                theta = next.point
                value = next.value
                if improved.isFinite && improved < 1e-9 * (1 + abs(value)) { break }
            }
            guard value.isFinite else { return nil }

            // Newton polish with a finite-difference Hessian (the shared loop maximises −f: gradient −∇f,
            // curvature ∇²f; Cholesky, and a gradient step of 10⁻³ where the Hessian is not positive definite).
            let newton = NewtonSolver(maxIterations: 30, maxHalvings: 30, slack: 0, stopGain: -.infinity,
                                      method: .cholesky, gradientFallback: 1e-3, refreshesAfterEveryStep: true)
            let polished = try newton.maximise(from: theta, startValue: -value, objective: { -f($0) }, localModel: { point in
                try Cancellation.check()
                return NewtonSolver.LocalModel(gradient: MaximumLikelihood.gradient(f, point).map { -$0 }, curvature: MaximumLikelihood.hessian(f, point))
            }, isConverged: { model, value in Self.isSettled(model.gradient.map { -$0 }, model.curvature, -value) })
            return verdict(polished.theta, -polished.value, polished.model.gradient.map { -$0 }, polished.model.curvature)
        }

        /// Converged when the gradient vanishes or the remaining Newton gain g·H⁻¹g/2 is below 10⁻⁶ in
        /// log-likelihood — or below 10⁻¹⁰ of it: a sum over millions of customers carries rounding of that
        /// order, so its finite-difference gradient stays of order 1 at the optimum while the estimates are
        /// settled to about 10⁻⁴ relative.
        static func isSettled(_ gradient: [Double], _ hessian: [[Double]], _ value: Double) -> Bool {
            if gradient.allSatisfy({ abs($0) <= 1e-3 }) { return true }
            let tolerance = max(1e-6, 1e-10 * abs(value))
            return MaximumLikelihood.newtonDecrement(hessian, gradient).map { $0 <= tolerance } ?? false
        }

        /// The fit at the polished point θ (value f, gradient and Hessian of f there), or why it is not one:
        /// a parameter running to a boundary, a Hessian that is not definite, a parameter the data do not
        /// determine, or a gradient that does not vanish.
        func verdict(_ theta: [Double], _ value: Double, _ gradient: [Double], _ hessian: [[Double]]) -> Result<MaximumLikelihoodFit, CLVError> {
            if let i = theta.firstIndex(where: { abs($0) > 25 }) {
                return .failure(state(drift(i, theta, "runs towards"), theta, value, gradient))
            }
            guard let covariance = LinearSolver.inversePositiveDefinite(hessian) else {
                return .failure(state("the likelihood is flat or not at a maximum (Hessian not definite)", theta, value, gradient))
            }
            // A parameter whose log has a standard error above 3 (a 95 % interval wider than a factor of 400)
            // is not determined by the data: typically it drifts to a boundary (drop-out never observed) —
            // unless the caller expects it may be (reported in the fit).
            let undetermined = theta.indices.filter { covariance[$0][$0].squareRoot() > 3 }
            let mayBe = weaklyDetermined?(natural(theta)) ?? []
            if let i = undetermined.first(where: { !mayBe.contains($0) }) {
                let relative = covariance[i][i].squareRoot()
                var text = "\(names[i]) is not determined by the data (standard error of log \(names[i]) \(format(relative)))"
                if let note = boundary?(natural(theta)) { text += " (\(note))" }
                return .failure(state(text, theta, value, gradient))
            }
            if let i = theta.indices.max(by: { abs(theta[$0]) < abs(theta[$1]) }), abs(theta[i]) > 12 {
                return .failure(state(drift(i, theta, "drifts towards"), theta, value, gradient))
            }
            guard Self.isSettled(gradient, hessian, value) else {
                if let i = theta.indices.max(by: { abs(theta[$0]) < abs(theta[$1]) }), abs(theta[i]) > 10 {
                    return .failure(state(drift(i, theta, "runs towards"), theta, value, gradient))
                }
                return .failure(state("the gradient does not vanish", theta, value, gradient))
            }
            let estimates = natural(theta)
            let se = theta.indices.map { estimates[$0] * covariance[$0][$0].squareRoot() }
            return .success(MaximumLikelihoodFit(names: names, estimates: estimates, standardErrors: se,
                                                 logLikelihood: -value, evaluations: evaluations,
                                                 gradientNorm: gradient.map { abs($0) }.max() ?? 0, observations: observations,
                                                 poorlyDetermined: undetermined.map { names[$0] }))
        }
    }
}
