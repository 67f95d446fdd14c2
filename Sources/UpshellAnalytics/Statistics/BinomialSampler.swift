import Foundation

extension SeededGenerator {
    /// An exact Binomial(n, p) variate: the number of successes in `trials` independent trials.
    ///
    /// For n·min(p, 1−p) < 10, inversion by summing geometric waiting times (Devroye, *Non-Uniform Random
    /// Variate Generation*, 1986, §X.4.3; expected O(n·p) draws). Otherwise BTRS, Hörmann's transformed
    /// rejection with squeeze ("The generation of binomial random variates", *J. Statist. Comput. Simul.*
    /// 46, 1993), O(1) expected time. Both are exact — no normal approximation. Invalid input (n < 0,
    /// p outside [0, 1]) returns 0.
    public mutating func nextBinomial(trials n: Int, probability p: Double) -> Int {
        guard n > 0, p > 0, p.isFinite else { return 0 }
        if p >= 1 { return n }
        if p > 0.5 { return n - nextBinomial(trials: n, probability: 1 - p) }
        if Double(n) * p < 10 { return binomialByInversion(n, p) }
        return binomialBTRS(n, p)
    }

    private mutating func binomialByInversion(_ n: Int, _ p: Double) -> Int {
        let logQ = log1p(-p)
        var sum = 0.0, count = 0
        let limit = Double(n)
        while true {
            sum += (log(nextOpenUniform()) / logQ).rounded(.up)
            if sum > limit { return count }
            count += 1
        }
    }

    private mutating func binomialBTRS(_ n: Int, _ p: Double) -> Int {
        let count = Double(n)
        let spq = (count * p * (1 - p)).squareRoot()
        let b = 1.15 + 2.53 * spq
        let a = -0.0873 + 0.0248 * b + 0.01 * p
        let c = count * p + 0.5
        let vr = 0.92 - 4.2 / b
        let r = p / (1 - p)
        let alpha = (2.83 + 5.1 / b) * spq
        let m = ((count + 1) * p).rounded(.down)
        while true {
            let u = nextUniform() - 0.5
            var v = nextUniform()
            let us = 0.5 - abs(u)
            let k = ((2 * a / us + b) * u + c).rounded(.down)
            if k < 0 || k > count { continue }
            if us >= 0.07 && v <= vr { return Int(k) }
            v = log(v * alpha / (a / (us * us) + b))
            let bound = (m + 0.5) * log((m + 1) / (r * (count - m + 1)))
                + (count + 1) * log((count - m + 1) / (count - k + 1))
                + (k + 0.5) * log(r * (count - k + 1) / (k + 1))
                + stirlingTail(m) + stirlingTail(count - m) - stirlingTail(k) - stirlingTail(count - k)
            if v <= bound { return Int(k) }
        }
    }

    /// The Stirling-series remainder f(k) = ln k! − [(k + ½)·ln(k + 1) − (k + 1) + ½·ln 2π].
    private func stirlingTail(_ k: Double) -> Double {
        if k <= 9 {
            return lgamma(k + 1) - ((k + 0.5) * log(k + 1) - (k + 1) + 0.918_938_533_204_672_741_78)
        }
        let kp1 = k + 1, kp1sq = kp1 * kp1
        return (1.0 / 12 - (1.0 / 360 - 1.0 / 1260 / kp1sq) / kp1sq) / kp1
    }

    /// An exact Poisson(λ) variate for λ ≤ 30 (multiplication of uniforms, Knuth TAOCP vol. 2, §3.4.1),
    /// and by the PTRS transformed rejection (Hörmann, "The transformed rejection method for generating
    /// Poisson random variables", 1993) above. λ ≤ 0 returns 0.
    public mutating func nextPoisson(mean lambda: Double) -> Int {
        guard lambda > 0, lambda.isFinite else { return 0 }
        if lambda <= 30 {
            let limit = exp(-lambda)
            var k = 0, product = nextUniform()
            while product > limit { k += 1; product *= nextUniform() }
            return k
        }
        let slam = lambda.squareRoot(), logLambda = log(lambda)
        let b = 0.931 + 2.53 * slam
        let a = -0.059 + 0.02483 * b
        let invAlpha = 1.1239 + 1.1328 / (b - 3.4)
        let vr = 0.9277 - 3.6224 / (b - 2)
        while true {
            let u = nextUniform() - 0.5
            let v = nextUniform()
            let us = 0.5 - abs(u)
            let k = ((2 * a / us + b) * u + lambda + 0.43).rounded(.down)
            if us >= 0.07 && v <= vr { return Int(k) }
            if k < 0 || (us < 0.013 && v > us) { continue }
            if log(v) + log(invAlpha) - log(a / (us * us) + b) <= -lambda + k * logLambda - lgamma(k + 1) {
                return Int(k)
            }
        }
    }
}
