import Foundation

/// Maximum-likelihood fit of a log-polynomial counterfactual to histogram counts where an observation
/// may be a weighted *sum* of bins (MODELS.md §1.4 step 4): observation `o` has count `c_o` and Poisson
/// mean `μ_o = Σ_j a_oj·exp(x_j·θ)`. Plain bins are the case of one term with `a = 1`.
///
/// Fisher scoring (score `Σ (c/μ − 1)∂μ`, information `Σ ∂μ∂μᵀ/μ`) with step halving; for single-bin
/// observations this is the IRLS of a Poisson GLM with log link. - Complexity: O(iterations · terms · p²).
struct PoissonCurveFit {
    /// One observation: its count and the bins (index, coefficient) whose means it sums.
    struct Observation {
        var count: Double
        var terms: [(bin: Int, weight: Double)]
    }

    /// Design rows per bin (p columns).
    let design: [[Double]]

    /// Polynomial design in `u` of the given degree (columns 1, u, u², …).
    init(u: [Double], degree: Int) {
        design = u.map { x in (0...degree).map { pow(x, Double($0)) } }
    }

    /// Log-likelihood (without the constant −Σ ln c!) at θ.
    func logLikelihood(_ obs: [Observation], _ theta: [Double]) -> Double {
        var ll = 0.0
        for o in obs {
            var mu = 0.0
            for t in o.terms { mu += t.weight * exp(dot(design[t.bin], theta)) }
            if mu <= 0 { if o.count > 0 { return -.infinity }; continue }
            ll += o.count * log(mu) - mu
        }
        return ll
    }

    /// θ maximising the likelihood, starting from `start` (or a flat fit).
    func fit(_ obs: [Observation], start: [Double]? = nil, iterations: Int = 60) -> (theta: [Double], logLikelihood: Double) {
        let p = design.first?.count ?? 1
        var theta: [Double]
        if let start, start.count == p {
            theta = start
        } else {
            var c = 0.0, n = 0.0
            for o in obs { c += o.count; n += o.terms.reduce(0) { $0 + $1.weight } }
            theta = [Double](repeating: 0, count: p)
            theta[0] = log(max(c, 0.5) / max(n, 1e-9))
        }
        // Fisher scoring: θ += I⁻¹·score, halving the step until the likelihood does not fall; stops when a
        // step gains under 10⁻¹⁰ or no halving is accepted.
        let solver = NewtonSolver(maxIterations: iterations, maxHalvings: 30, slack: 1e-12, stopGain: 1e-10,
                                  method: .pivotedElimination)
        let result = solver.maximise(from: theta, objective: { logLikelihood(obs, $0) },
                                     localModel: { scoreAndInformation(obs, $0, p) })
        return (result.theta, result.value)
    }

    /// The score Σ (c/μ − 1)∂μ/∂θ and the Fisher information Σ ∂μ∂μᵀ/μ at θ (observations with μ ≤ 10⁻³⁰⁰ skipped).
    private func scoreAndInformation(_ obs: [Observation], _ theta: [Double], _ p: Int) -> NewtonSolver.LocalModel {
        var score = [Double](repeating: 0, count: p)
        var info = [[Double]](repeating: [Double](repeating: 0, count: p), count: p)
        var grad = [Double](repeating: 0, count: p)
        for o in obs {
            var mu = 0.0
            for j in 0..<p { grad[j] = 0 }
            for t in o.terms {
                let row = design[t.bin]
                let v = t.weight * exp(dot(row, theta))
                mu += v
                for j in 0..<p { grad[j] += v * row[j] }
            }
            guard mu > 1e-300 else { continue }
            let r = o.count / mu - 1
            for j in 0..<p {
                score[j] += r * grad[j]
                let gj = grad[j] / mu
                for k in 0..<p { info[j][k] += gj * grad[k] }
            }
        }
        return NewtonSolver.LocalModel(gradient: score, curvature: info)
    }

    /// exp(x_k θ) per bin.
    func means(_ theta: [Double]) -> [Double] { design.map { exp(dot($0, theta)) } }

    private func dot(_ a: [Double], _ b: [Double]) -> Double {
        var s = 0.0
        for i in 0..<a.count { s += a[i] * b[i] }
        return s
    }
}
