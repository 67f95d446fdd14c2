import Foundation

/// Gauss–Hermite quadrature for expectations over a standard normal: `E[f(Z)] ≈ Σ wₖ f(zₖ)`.
///
/// Nodes of the physicists' Hermite polynomial `H_n` found by Newton's method from asymptotic starting
/// values (Press et al., *Numerical Recipes*, 3rd ed., §4.6 `gauher`), then rescaled: `zₖ = √2·xₖ`,
/// `wₖ = ωₖ/√π`. Exact for polynomials of degree < 2n. - Complexity: O(n²) once.
public struct GaussHermite: Sendable {
    /// Standard-normal nodes and weights (weights sum to 1).
    public let nodes: [Double]
    public let weights: [Double]

    public init(points n: Int = 64) {
        var x = [Double](repeating: 0, count: n), w = [Double](repeating: 0, count: n)
        let pim4 = 0.7511255444649425 // π^(−1/4)
        let m = (n + 1) / 2
        var z = 0.0
        for i in 0..<m {
            if i == 0 {
                z = (Double(2 * n + 1)).squareRoot() - 1.85575 * pow(Double(2 * n + 1), -0.16667)
            } else if i == 1 {
                z -= 1.14 * pow(Double(n), 0.426) / z
            } else if i == 2 {
                z = 1.86 * z - 0.86 * x[0]
            } else if i == 3 {
                z = 1.91 * z - 0.91 * x[1]
            } else {
                z = 2.0 * z - x[i - 2]
            }
            var pp = 0.0
            for _ in 0..<100 {
                var p1 = pim4, p2 = 0.0
                for j in 0..<n {
                    let p3 = p2
                    p2 = p1
                    p1 = z * (2.0 / Double(j + 1)).squareRoot() * p2 - (Double(j) / Double(j + 1)).squareRoot() * p3
                }
                pp = (2.0 * Double(n)).squareRoot() * p2
                let z1 = z
                z = z1 - p1 / pp
                if abs(z - z1) <= 1e-14 { break }
            }
            x[i] = z; x[n - 1 - i] = -z
            w[i] = 2.0 / (pp * pp); w[n - 1 - i] = w[i]
        }
        let sqrtPi = Double.pi.squareRoot()
        nodes = x.map { $0 * 2.0.squareRoot() }
        weights = w.map { $0 / sqrtPi }
    }
}
