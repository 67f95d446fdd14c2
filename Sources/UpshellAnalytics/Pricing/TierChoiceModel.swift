import Foundation

/// One displayed tier of a good-better-best menu.
public struct Tier: Sendable, Equatable {
    public var name: String
    /// Price (currency).
    public var price: Double
    /// Worth to a customer whose ideal spend is the median (default: the price, "priced at par").
    public var value: Double
    /// Unit cost (currency).
    public var cost: Double
    public init(name: String, price: Double, value: Double? = nil, cost: Double) {
        self.name = name; self.price = price; self.value = value ?? price; self.cost = cost
    }
}

/// Parameters of the tier model (MODELS.md §2.2), defaults as in the reference table.
public struct TierModelParameters: Sendable, Equatable {
    /// Median ideal spend `m` (currency).
    public var medianSpend = 70.0
    /// Log-sd `σ` of ideal spend.
    public var sigma = 0.8
    /// Preference precision `α`.
    public var alpha = 2.0
    /// Stand-alone purchase probability `b0` at ideal spend and par value.
    public var b0 = 0.10
    /// Extremeness penalty `δ` (compromise effect).
    public var delta = 0.5
    /// Decoy bonus `η` per dominated tier, and penalty `η_d` of a dominated tier.
    public var decoyBonus = 0.0
    public var dominatedPenalty = 2.0
    /// Index of the badged ("most popular") tier, if any, and the badge lift `b`.
    public var badge: Int? = nil
    public var badgeLift = 0.15
    /// Context terms also in the buy stage (sensitivity row).
    public var contextInIncidence = false
    /// Gauss–Hermite nodes.
    public var nodes = 64
    public init() {}
}

/// Shares per visitor and the money they make (MODELS.md §2.3).
public struct TierOutcome: Sendable, Equatable {
    /// Share of visitors choosing each tier.
    public var shares: [Double]
    /// Σ shares.
    public var conversion: Double
    /// Share of no purchase.
    public var none: Double { 1 - conversion }
    /// Buyer mix: shares / conversion.
    public var mix: [Double]
    /// Revenue per visitor `Σ s_j p_j`.
    public var revenuePerVisitor: Double
    /// `RPV / conversion`.
    public var averageOrderValue: Double
    /// Gross margin per visitor `Σ s_j (p_j − c_j)`.
    public var marginPerVisitor: Double
}

/// Good-better-best choice: a two-stage mixed logit with an outside option and a range-normalised
/// loss-aversion compromise term (Kivetz, Netzer & Srinivasan 2004), MODELS.md §2.1.
///
/// Customer `i` has ideal spend `m_i = m·exp(σz)`; utility `V_ij = logit(b0) + α ln(v_j/p_j) + α h(ln(p_j/m_i))`,
/// `h(x) = x − eˣ + 1`. Stage 1 buys with probability `1/(1 + e^{−I})`, `I = ln Σ_{non-dominated} e^{V}`;
/// stage 2 picks a tier with `e^{V + C + D + B}` (compromise, decoy, badge). Shares are the expectation
/// over `z` by Gauss–Hermite quadrature. - Complexity: O(nodes · tiers + tiers · log tiers) (``TierDominance``).
public enum TierChoiceModel {
    /// Compromise terms `C_j = −2δ(L_j − min L)`, `L_j = Σ_a max(0, 0.5 − z_ja)` over quality `ln v` and
    /// cheapness `−ln p`, `z` the position in the displayed range (0.5 when all equal).
    public static func compromise(prices: [Double], values: [Double], delta: Double) -> [Double] {
        func positions(_ a: [Double]) -> [Double] {
            guard let lo = a.min(), let hi = a.max(), hi > lo else { return a.map { _ in 0.5 } }
            return a.map { ($0 - lo) / (hi - lo) }
        }
        let q = positions(values.map { log($0) }), c = positions(prices.map { -log($0) })
        let loss = zip(q, c).map { max(0, 0.5 - $0) + max(0, 0.5 - $1) }
        let minLoss = loss.min() ?? 0
        return loss.map { -2 * delta * ($0 - minLoss) }
    }

    /// Whether tier `a` dominates `b`: worth at least as much for no more money, one of them strictly (the
    /// definition ``TierDominance`` counts in bulk; its test checks one against the other).
    static func dominates(_ a: Tier, _ b: Tier) -> Bool {
        a.value >= b.value && a.price <= b.price && (a.value > b.value || a.price < b.price)
    }

    /// Stage-2 shares among buyers for given utilities (the equal-utility checks of MODELS.md §2.4).
    public static func conditionalShares(utilities: [Double], prices: [Double], values: [Double], delta: Double) -> [Double] {
        let c = compromise(prices: prices, values: values, delta: delta)
        let u = zip(utilities, c).map { $0 + $1 }
        let mx = u.max() ?? 0
        let e = u.map { exp($0 - mx) }
        let s = e.reduce(0, +)
        return e.map { $0 / s }
    }

    /// Shares per visitor of a menu.
    public static func evaluate(_ tiers: [Tier], _ p: TierModelParameters) -> TierOutcome {
        let n = tiers.count
        let prices = tiers.map(\.price), values = tiers.map(\.value)
        let c = compromise(prices: prices, values: values, delta: p.delta)
        let dominance = TierDominance(prices: prices, values: values)
        let dominated = dominance.dominated
        var context = (0..<n).map { j in
            c[j] + p.decoyBonus * Double(dominance.wins[j]) - (dominated[j] ? p.dominatedPenalty : 0)
        }
        if let b = p.badge, b >= 0, b < n { context[b] += log(1 + p.badgeLift) }
        let gh = GaussHermite(points: p.nodes)
        let base = log(p.b0 / (1 - p.b0))
        var shares = [Double](repeating: 0, count: n)
        var v = [Double](repeating: 0, count: n)
        for (z, w) in zip(gh.nodes, gh.weights) {
            let mi = p.medianSpend * exp(p.sigma * z)
            for j in 0..<n {
                let x = log(prices[j] / mi)
                v[j] = base + p.alpha * log(values[j] / prices[j]) + p.alpha * (x - exp(x) + 1)
            }
            // stage 1: inclusive value over non-dominated tiers
            var mx = -Double.infinity
            for j in 0..<n where !dominated[j] { mx = max(mx, v[j] + (p.contextInIncidence ? context[j] : 0)) }
            var sum = 0.0
            for j in 0..<n where !dominated[j] { sum += exp(v[j] + (p.contextInIncidence ? context[j] : 0) - mx) }
            let inclusive = mx + log(sum)
            let buy = 1 / (1 + exp(-inclusive))
            // stage 2
            var mx2 = -Double.infinity
            for j in 0..<n { mx2 = max(mx2, v[j] + context[j]) }
            var s2 = 0.0
            var e2 = [Double](repeating: 0, count: n)
            for j in 0..<n { e2[j] = exp(v[j] + context[j] - mx2); s2 += e2[j] }
            for j in 0..<n { shares[j] += w * buy * e2[j] / s2 }
        }
        let conv = shares.reduce(0, +)
        let rpv = zip(shares, prices).reduce(0) { $0 + $1.0 * $1.1 }
        let gm = zip(shares, tiers).reduce(0) { $0 + $1.0 * ($1.1.price - $1.1.cost) }
        return TierOutcome(shares: shares, conversion: conv, mix: shares.map { $0 / conv }, revenuePerVisitor: rpv,
                           averageOrderValue: rpv / conv, marginPerVisitor: gm)
    }
}
