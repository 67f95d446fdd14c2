import Foundation
import UpshellData

/// Acceptance of an upsell by its price step (MODELS.md §4): a log-logistic willingness to pay for the
/// step with an attention ceiling, `P(s) = A / (1 + (s/s50)^κ)`, `s = p1/p0 − 1`.
public struct UpsellCurve: Sendable, Equatable {
    /// Step accepted by half of the attentive customers.
    public var s50: Double
    /// Shape (steepness).
    public var kappa: Double
    /// Attention ceiling `A` (1 for a menu choice; the share who consider an offer shown after the base choice).
    public var attention: Double
    public init(s50: Double, kappa: Double, attention: Double) { self.s50 = s50; self.kappa = kappa; self.attention = attention }

    /// Defaults without pairs to learn from: `s50` 0.30, `κ` 3, `A` 0.20.
    public static let defaults = UpsellCurve(s50: 0.30, kappa: 3, attention: 0.20)

    /// Acceptance at step `s`.
    public func acceptance(_ s: Double) -> Double { s <= 0 ? attention : attention / (1 + pow(s / s50, kappa)) }

    /// The revenue-maximising step `s* = s50·(κ − 1)^(−1/κ)` (κ > 1), closed form; `nil` for κ ≤ 1.
    public var revenueMaximisingStep: Double? { kappa > 1 ? s50 * pow(kappa - 1, -1 / kappa) : nil }

    /// Extra revenue and margin per 1,000 base sales at upgrade price `p1` over `p0` with unit costs `c0`, `c1`.
    public func perThousand(p0: Double, p1: Double, c0: Double, c1: Double) -> (acceptance: Double, revenue: Double, margin: Double) {
        let a = acceptance(p1 / p0 - 1)
        return (a, 1000 * a * (p1 - p0), 1000 * a * ((p1 - c1) - (p0 - c0)))
    }

    /// The margin-maximising step on a 0.1 % grid up to 300 %, with costs `c(p) = costRatio·p` (upgrade at cost
    /// ratio `upgradeCostRatio`).
    public func marginMaximisingStep(p0: Double, c0: Double, upgradeCostRatio r: Double) -> Double {
        var best = 0.001, bestV = -Double.infinity
        var s = 0.001
        while s <= 3 {
            let p1 = p0 * (1 + s)
            let v = acceptance(s) * ((p1 - r * p1) - (p0 - c0))
            if v > bestV { bestV = v; best = s }
            s += 0.001
        }
        return best
    }
}

/// One observed (base, upgrade) pair: units of each in the same period.
public struct TradeUpPair: Sendable, Equatable {
    public var base: Int
    public var upgrade: Int
    public var basePrice: Double
    public var upgradePrice: Double
    public var baseUnits: Double
    public var upgradeUnits: Double
    public var step: Double { upgradePrice / basePrice - 1 }
    public var tradeUpShare: Double { upgradeUnits / (baseUnits + upgradeUnits) }
    public init(base: Int, upgrade: Int, basePrice: Double, upgradePrice: Double, baseUnits: Double, upgradeUnits: Double) {
        self.base = base; self.upgrade = upgrade; self.basePrice = basePrice; self.upgradePrice = upgradePrice
        self.baseUnits = baseUnits; self.upgradeUnits = upgradeUnits
    }
}

/// The fitted menu curve: `logit t = a − κ·ln s` by binomial IRLS with pair counts as weights.
public struct UpsellFit: Sendable {
    public var s50: Double
    public var kappa: Double
    /// Standard error of κ (from the Fisher information).
    public var kappaSE: Double
    public var pairs: [TradeUpPair]
}

public enum UpsellCalibration {
    /// Pairs of products in the same category (when known) whose names share a stem of at least two words,
    /// price ratio 1.05–3, both with at least `minimumUnits` units in the scope's orders; each product paired with
    /// its next dearer family member only (adjacent steps).
    /// - Complexity: O(basket entries + products²) (products grouped by category first).
    public static func pairs(_ model: OrderModel, orders selected: [Int32]?, category: String? = nil, minimumUnits: Double = 30) -> [TradeUpPair] {
        let o = model.orders
        let ids: [Int32] = selected ?? Array(0..<Int32(o.count))
        var units = [Double](repeating: 0, count: model.products.count)
        var value = [Double](repeating: 0, count: model.products.count)
        for id in ids {
            let k = Int(id)
            for e in Int(o.offsets[k])..<Int(o.offsets[k + 1]) {
                units[Int(o.items[e])] += Double(o.quantities[e]); value[Int(o.items[e])] += o.lineValues[e]
            }
        }
        let words = model.products.name.map { $0.lowercased().split(separator: " ").map(String.init) }
        var candidates = (0..<model.products.count).filter { units[$0] >= minimumUnits && value[$0] > 0 && words[$0].count >= 2 }
        if let category { candidates = candidates.filter { model.products.category[$0].lowercased() == category.lowercased() } }
        let price = { (p: Int) in value[p] / units[p] }
        var out: [TradeUpPair] = []
        for a in candidates {
            // the next dearer family member within the ratio window
            var best: Int? = nil
            for b in candidates where b != a && model.products.category[b] == model.products.category[a] {
                let shared = zip(words[a], words[b]).prefix { $0 == $1 }.count
                guard shared >= 2 else { continue }
                let r = price(b) / price(a)
                guard r >= 1.05, r <= 3 else { continue }
                if best == nil || price(b) < price(best!) { best = b }
            }
            if let b = best {
                out.append(TradeUpPair(base: a, upgrade: b, basePrice: price(a), upgradePrice: price(b), baseUnits: units[a], upgradeUnits: units[b]))
            }
        }
        return out.sorted { ($0.basePrice, $0.upgradePrice) < ($1.basePrice, $1.upgradePrice) }
    }

    /// Binomial GLM `logit t = a − κ ln s` (Newton–IRLS from a flat start, with step halving on the
    /// log-likelihood); `nil` with fewer than two distinct steps. κ may come out ≤ 0 (no price slope across
    /// pairs); then `s50` is not finite and callers fall back to defaults.
    public static func fit(_ pairs: [TradeUpPair]) -> UpsellFit? {
        guard Set(pairs.map { ($0.step * 1e6).rounded() }).count >= 2 else { return nil }
        func loglik(_ a: Double, _ b: Double) -> Double {
            var ll = 0.0
            for p in pairs {
                let eta = a + b * log(p.step)
                // y·eta − n·log(1 + e^eta), stably
                let n = p.baseUnits + p.upgradeUnits
                ll += p.upgradeUnits * eta - n * (eta > 0 ? eta + log1p(exp(-eta)) : log1p(exp(eta)))
            }
            return ll
        }
        let tBar = pairs.reduce(0) { $0 + $1.upgradeUnits } / pairs.reduce(0) { $0 + $1.baseUnits + $1.upgradeUnits }
        // IRLS from a flat start: stops when a step gains ≤ 10⁻¹² or no halving (40) is accepted; fails when
        // the information is not positive definite.
        let solver = NewtonSolver(maxIterations: 100, maxHalvings: 40, slack: 1e-12, stopGain: 1e-12, method: .cholesky)
        let result = solver.maximise(from: [log(tBar / (1 - tBar)), 0], objective: { loglik($0[0], $0[1]) }) { theta in
            var g0 = 0.0, g1 = 0.0, h00 = 0.0, h01 = 0.0, h11 = 0.0
            for p in pairs {
                let n = p.baseUnits + p.upgradeUnits, x = log(p.step), y = p.upgradeUnits
                let mu = 1 / (1 + exp(-(theta[0] + theta[1] * x)))
                let w = n * mu * (1 - mu)
                g0 += y - n * mu; g1 += (y - n * mu) * x
                h00 += w; h01 += w * x; h11 += w * x * x
            }
            return NewtonSolver.LocalModel(gradient: [g0, g1], curvature: [[h00, h01], [h01, h11]])
        }
        guard result.outcome != .singular else { return nil }
        let a = result.theta[0], b = result.theta[1]
        // The standard error of κ from the information where the fit stopped (its inverse's (1,1) element).
        guard let covariance = LinearSolver.inversePositiveDefinite(result.model.curvature) else { return nil }
        let kappa = -b
        return UpsellFit(s50: kappa > 0 ? exp(a / kappa) : .nan, kappa: kappa, kappaSE: covariance[1][1].squareRoot(), pairs: pairs)
    }
}
