import Foundation

/// Damped Newton maximisation with step halving — the one loop behind every likelihood fit: the Poisson
/// counterfactual of the bunching estimator (Fisher scoring, i.e. IRLS for a log-link GLM), the binomial
/// menu-curve fit of the upsell step (IRLS, McCullagh & Nelder, *Generalized Linear Models*, 2nd ed., §2.5) and
/// the Newton polish of the CLV maximum-likelihood fits (finite-difference Hessian).
///
/// Each iteration asks the caller for a ``LocalModel`` at θ — the gradient of the objective and a positive
/// definite curvature matrix (the Fisher information, or minus the Hessian) — solves `curvature · step =
/// gradient` with ``LinearSolver``, then tries θ + step, θ + step/2, θ + step/4, … until the objective does not
/// fall by more than ``slack``. The settings reproduce each caller's historical loop exactly (see the callers).
///
/// ```swift
/// let solver = NewtonSolver(maxIterations: 60, maxHalvings: 30, slack: 1e-12, stopGain: 1e-10)
/// let fit = solver.maximise(from: [0, 0], objective: logLikelihood, localModel: scoreAndInformation)
/// ```
/// - Complexity: O(maxIterations · (cost of `localModel` + p³ + maxHalvings · cost of `objective`)).
public struct NewtonSolver: Sendable {
    /// The quadratic picture of the objective at a point.
    public struct LocalModel: Sendable {
        /// ∂objective/∂θ.
        public var gradient: [Double]
        /// A positive-definite curvature: Fisher information or −Hessian (rows).
        public var curvature: [[Double]]

        /// A local model from its gradient and curvature.
        public init(gradient: [Double], curvature: [[Double]]) {
            self.gradient = gradient
            self.curvature = curvature
        }
    }

    /// Why the loop ended.
    public enum Outcome: Sendable, Hashable {
        /// The caller's convergence test passed, or an accepted step gained no more than ``stopGain``.
        case converged
        /// No step length in ``maxHalvings`` halvings was accepted.
        case stalled
        /// The linear solve failed and there is no gradient fallback.
        case singular
        /// ``maxIterations`` steps were taken.
        case iterationLimit
    }

    /// Where the loop ended.
    public struct Result: Sendable {
        /// The last accepted point.
        public var theta: [Double]
        /// The objective there.
        public var value: Double
        /// The last local model evaluated: at `theta`, except after an accepted step that ended the loop
        /// without ``refreshesAfterEveryStep`` (then at the point before it).
        public var model: LocalModel
        /// Why the loop ended.
        public var outcome: Outcome
    }

    /// Newton steps at most.
    public var maxIterations: Int
    /// Halvings of a step before giving up on it.
    public var maxHalvings: Int
    /// A trial is accepted when it is finite and at least (current value − slack).
    public var slack: Double
    /// The loop stops after an accepted step gaining ≤ this (−∞: never stops on gain).
    public var stopGain: Double
    /// How to solve for the Newton step.
    public var method: LinearSolver.Method
    /// When the solve fails: step along the gradient times this factor; `nil` ends the loop as ``Outcome/singular``.
    public var gradientFallback: Double?
    /// Evaluate the local model after every line search, also when no step was taken (the CLV fits count
    /// every likelihood evaluation and report the count); otherwise only when the loop goes on.
    public var refreshesAfterEveryStep: Bool

    /// A solver with the given stopping rules.
    public init(maxIterations: Int, maxHalvings: Int, slack: Double, stopGain: Double,
                method: LinearSolver.Method = .cholesky, gradientFallback: Double? = nil,
                refreshesAfterEveryStep: Bool = false) {
        self.maxIterations = maxIterations
        self.maxHalvings = maxHalvings
        self.slack = slack
        self.stopGain = stopGain
        self.method = method
        self.gradientFallback = gradientFallback
        self.refreshesAfterEveryStep = refreshesAfterEveryStep
    }

    /// Maximises `objective` from `start` (whose value may be passed as `startValue` to save an evaluation).
    /// `isConverged` is asked before each step. Throws only what the closures throw.
    public func maximise(from start: [Double], startValue: Double? = nil,
                         objective: ([Double]) throws -> Double,
                         localModel: ([Double]) throws -> LocalModel,
                         isConverged: ((LocalModel, Double) -> Bool)? = nil) rethrows -> Result {
        var theta = start
        var value = try startValue ?? objective(start)
        var model = try localModel(theta)
        var outcome = Outcome.iterationLimit
        for _ in 0..<maxIterations {
            if let isConverged, isConverged(model, value) { outcome = .converged; break }
            let solved = LinearSolver.solve(model.curvature, model.gradient, method: method)
            guard let step = solved ?? gradientFallback.map({ s in model.gradient.map { $0 * s } }) else {
                outcome = .singular
                break
            }
            var scale = 1.0, accepted = false, gain = 0.0
            for _ in 0..<maxHalvings {
                let trial = zip(theta, step).map { $0 + scale * $1 }
                let t = try objective(trial)
                if t.isFinite && t >= value - slack {
                    gain = t - value
                    theta = trial
                    value = t
                    accepted = true
                    break
                }
                scale /= 2
            }
            let goesOn = accepted && gain > stopGain
            if goesOn || refreshesAfterEveryStep { model = try localModel(theta) }
            if !goesOn { outcome = accepted ? .converged : .stalled; break }
        }
        return Result(theta: theta, value: value, model: model, outcome: outcome)
    }
}
