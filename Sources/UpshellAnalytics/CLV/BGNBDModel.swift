import Foundation

/// The beta-geometric/NBD model of repeat buying (Fader, Hardie & Lee, "Counting Your Customers the
/// Easy Way: An Alternative to the Pareto/NBD Model", *Marketing Science* 24(2), 2005).
///
/// While alive, a customer buys as a Poisson process with rate λ ~ Gamma(r, α) (α in model time
/// units); after each purchase they drop out with probability p ~ Beta(a, b). Rates are per
/// ``unit``: α is a time scale in that unit, so a model fitted in weeks has α in weeks.
///
/// The limit a → 0 (drop-out probabilities all 0) is the NBD model (Ehrenberg 1959; Morrison &
/// Schmittlein 1988): rates Gamma(r, α), nobody leaves, and b plays no part. A model with `a == 0` is
/// that limit (``hasNoDropout``; b is then `.nan`): P(alive) = 1 and E[Y(t) | x, T] = (r + x)·t/(α + T),
/// the mean of the posterior rate Gamma(r + x, α + T) times t.
///
/// ```swift
/// let m = BGNBDModel(r: 0.243, alpha: 4.414, a: 0.793, b: 2.426, unit: .weeks)
/// m.probabilityAlive(frequency: 2, recency: 30.43, age: 38.86)              // 0.7266
/// m.expectedPurchases(in: 39, frequency: 2, recency: 30.43, age: 38.86)    // 1.2259
/// ```
public struct BGNBDModel: Sendable, Equatable {
    /// Shape of the gamma distribution of purchase rates.
    public var r: Double
    /// Scale of the purchase-rate distribution, in ``unit``.
    public var alpha: Double
    /// Beta parameters of the drop-out probability.
    public var a: Double
    public var b: Double
    /// The time unit of α, recency, age and horizons.
    public var unit: LifetimeUnit

    public init(r: Double, alpha: Double, a: Double, b: Double, unit: LifetimeUnit) {
        self.r = r
        self.alpha = alpha
        self.a = a
        self.b = b
        self.unit = unit
    }

    /// The no-drop-out model: BG/NBD's limit a → 0, the NBD model (b plays no part and is `.nan`).
    public static func noDropout(r: Double, alpha: Double, unit: LifetimeUnit) -> BGNBDModel {
        BGNBDModel(r: r, alpha: alpha, a: 0, b: .nan, unit: unit)
    }

    /// Whether this is the limit a → 0: nobody leaves (the NBD model).
    public var hasNoDropout: Bool { a == 0 }

    /// Parameter names in the order of ``parameters``.
    public static let parameterNames = ["r", "alpha", "a", "b"]
    /// `[r, α, a, b]`.
    public var parameters: [Double] { [r, alpha, a, b] }

    /// log L for one customer (FHL 2005, eq. 6), in log space:
    /// L = B(a, b+x)/B(a, b) · Γ(r+x)αʳ/(Γ(r)(α+T)^(r+x)) + [x>0] B(a+1, b+x−1)/B(a, b) · Γ(r+x)αʳ/(Γ(r)(α+tₓ)^(r+x)).
    /// In the limit a → 0 the NBD's lgamma(r+x) − lgamma(r) + r log α − (r+x) log(α+T).
    public func logLikelihood(frequency x: Double, recency tx: Double, age T: Double) -> Double {
        let rate: Double = lgamma(r + x) - lgamma(r) + r * log(alpha)
        if hasNoDropout { return rate - (r + x) * log(alpha + T) }
        let dropout: Double = lgamma(a + b) + lgamma(b + x) - lgamma(b) - lgamma(a + b + x)
        return rate + dropout + Self.tail(r: r, alpha: alpha, a: a, b: b, x: x, tx: tx, T: T)
    }

    /// log(A₃ + [x>0]A₄), the recency-dependent part of eq. 6 (everything else depends on x alone).
    @inline(__always)
    static func tail(r: Double, alpha: Double, a: Double, b: Double, x: Double, tx: Double, T: Double) -> Double {
        let a3 = -(r + x) * log(alpha + T)
        guard x > 0 else { return a3 }
        let a4 = log(a) - log(b + x - 1) - (r + x) * log(alpha + tx)
        let m = max(a3, a4)
        return m + log(exp(a3 - m) + exp(a4 - m))
    }

    /// Σ log L over customers. Terms that depend on x only are computed once per distinct x.
    ///
    /// - Complexity: O(n + distinct x) logarithms and O(distinct x) log-gamma calls.
    public static func logLikelihood(_ p: [Double], frequency: [Double], recency: [Double], age: [Double],
                                     frequencyTable: FrequencyTable) -> Double {
        let r = p[0], alpha = p[1], a = p[2], b = p[3]
        guard r > 0, alpha > 0, a > 0, b > 0 else { return -.infinity }
        var total = 0.0
        let base: Double = -lgamma(r) + r * log(alpha) + lgamma(a + b) - lgamma(b)
        for (x, n) in zip(frequencyTable.values, frequencyTable.counts) {
            let perX: Double = lgamma(r + x) + lgamma(b + x) - lgamma(a + b + x)
            total += Double(n) * (base + perX)
        }
        for i in frequency.indices {
            total += tail(r: r, alpha: alpha, a: a, b: b, x: frequency[i], tx: recency[i], T: age[i])
        }
        return total.isNaN ? -.infinity : total
    }

    /// P(alive | x, tₓ, T) = 1 / (1 + [x>0] · a/(b+x−1) · ((α+T)/(α+tₓ))^(r+x))  (Fader, Hardie & Lee, "Computing P(alive) Using the BG/NBD Model", 2008 note, eq. 2).
    /// 1 in the no-drop-out limit.
    public func probabilityAlive(frequency x: Double, recency tx: Double, age T: Double) -> Double {
        guard x > 0, !hasNoDropout else { return 1 }
        let logOdds = log(a) - log(b + x - 1) + (r + x) * (log(alpha + T) - log(alpha + tx))
        return 1 / (1 + exp(logOdds))
    }

    /// E[X(t)]: expected purchases of a new customer in `t` units from their first purchase
    /// (FHL 2005, eq. 7): (a+b−1)/(a−1) · [1 − (α/(α+t))ʳ ₂F₁(r, b; a+b−1; t/(α+t))].
    /// In the no-drop-out limit r·t/α.
    public func expectedPurchases(newCustomerIn t: Double) -> Double {
        guard t > 0 else { return 0 }
        if hasNoDropout { return r * t / alpha }
        if let (below, above) = nearOne() {
            return (below.unconditionalExpectation(t) + above.unconditionalExpectation(t)) / 2
        }
        return unconditionalExpectation(t)
    }

    private func unconditionalExpectation(_ t: Double) -> Double {
        let z = t / (alpha + t)
        let h = Hypergeometric.f21(r, b, a + b - 1, z)
        return (a + b - 1) / (a - 1) * (1 - exp(r * log(alpha / (alpha + t))) * h)
    }

    /// E[Y(t) | x, tₓ, T]: expected purchases in the next `t` units of a customer with this history
    /// (FHL 2005, eq. 10):
    /// (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x; a+b+x−1; t/(α+T+t))]
    /// / (1 + [x>0] a/(b+x−1) ((α+T)/(α+tₓ))^(r+x)).
    ///
    /// In the no-drop-out limit (r + x)·t/(α + T).
    ///
    /// - Returns: `.nan` when the series does not converge (a horizon far longer than the history).
    public func expectedPurchases(in t: Double, frequency x: Double, recency tx: Double, age T: Double) -> Double {
        guard t > 0 else { return 0 }
        if hasNoDropout { return (r + x) * t / (alpha + T) }
        if let (below, above) = nearOne() {
            return (below.conditionalExpectation(t, x, tx, T) + above.conditionalExpectation(t, x, tx, T)) / 2
        }
        return conditionalExpectation(t, x, tx, T)
    }

    private func conditionalExpectation(_ t: Double, _ x: Double, _ tx: Double, _ T: Double) -> Double {
        let z = t / (alpha + T + t)
        let h = Hypergeometric.f21(r + x, b + x, a + b + x - 1, z)
        let front = (a + b + x - 1) / (a - 1)
        let bracket = 1 - exp((r + x) * log((alpha + T) / (alpha + T + t))) * h
        return front * bracket * probabilityAlive(frequency: x, recency: tx, age: T)
    }

    /// The expectations have a removable singularity at a = 1 ((a−1) divides a bracket that vanishes
    /// with it); within 10⁻⁴ of 1 they are taken as the mean of the values at a = 1 ± 10⁻⁴ (error O(10⁻⁸)).
    private func nearOne() -> (BGNBDModel, BGNBDModel)? {
        guard abs(a - 1) < 1e-4 else { return nil }
        var below = self, above = self
        below.a = 1 - 1e-4
        above.a = 1 + 1e-4
        return (below, above)
    }
}

/// Distinct values of a count and how often each occurs (to compute per-value terms once).
public struct FrequencyTable: Sendable {
    public var values: [Double] = []
    public var counts: [Int] = []

    public init(_ xs: [Double]) {
        var seen: [Double: Int] = [:]
        for x in xs { seen[x, default: 0] += 1 }
        for (x, n) in seen.sorted(by: { $0.key < $1.key }) {
            values.append(x)
            counts.append(n)
        }
    }
}
