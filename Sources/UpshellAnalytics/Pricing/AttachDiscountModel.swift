import Foundation

/// The inputs of a bundle or add-on discount (MODELS.md §3.1), in the data's period.
public struct AttachInputs: Sendable, Equatable {
    /// Orders holding the anchor `N_A` (all orders that see the offer, for an add-on at checkout).
    public var anchorOrders: Double
    /// Baseline attach rate `a0 = N_AB / N_A`.
    public var attachRate: Double
    /// Anchor price `p_A` (0 for an add-on at checkout) and add-on price `p_B` (currency).
    public var anchorPrice: Double
    public var addonPrice: Double
    /// Add-on unit cost `c_B`.
    public var addonCost: Double
    /// Pull-in share `q`.
    public var pullIn: Double
    /// Attach elasticity `e` at r = 0.
    public var elasticity: Double
    /// Saving on the total `d·(p_A + p_B)` (bundle) or on the add-on `d·p_B`.
    public var onTotal: Bool
    public init(anchorOrders: Double, attachRate: Double, anchorPrice: Double, addonPrice: Double, addonCost: Double,
                pullIn: Double, elasticity: Double = 1.5, onTotal: Bool) {
        self.anchorOrders = anchorOrders; self.attachRate = attachRate; self.anchorPrice = anchorPrice; self.addonPrice = addonPrice
        self.addonCost = addonCost; self.pullIn = pullIn; self.elasticity = elasticity; self.onTotal = onTotal
    }
}

/// The effect of a discount `d` (MODELS.md §3.1).
public struct AttachOutcome: Sendable, Equatable {
    public var discount: Double
    /// Saving per order with both `S` (currency) and the effective cut on the add-on `r = S/p_B`.
    public var saving: Double
    public var effectiveCut: Double
    /// Attach rate with the offer `a1`.
    public var attachRate: Double
    /// Extra bundles `E = N_A(a1 − a0)`, incremental units `E(1 − q)`.
    public var extraBundles: Double
    public var incrementalUnits: Double
    /// Subsidy `N_A·a0·S + E·q·S` (currency).
    public var subsidy: Double
    /// Δ revenue and Δ gross margin (currency).
    public var revenueChange: Double
    public var marginChange: Double
}

/// Bundle / add-on discounts: a logit attach response in log effective price,
/// `logit a(r) = logit a0 − κ·ln(1 − r)`, `κ = e/(1 − a0)`, so the attach rate's price elasticity at r = 0 is
/// `−e`; subsidy to those who would have bought anyway; pull-in of purchases that were coming later.
public enum AttachDiscountModel {
    /// The discount at which the saving reaches the add-on's price. Beyond it the add-on is free and the rest
    /// of the saving a rebate on the order, so every anchor order takes it: the attach rate is 1, the limit
    /// of the logit response as r → 1 (a continuous extension of the model, not a refusal).
    public static func maximumDiscount(_ x: AttachInputs) -> Double {
        x.onTotal ? x.addonPrice / (x.anchorPrice + x.addonPrice) : 1
    }

    /// The outcome at discount `d` (a fraction); `nil` for d < 0. A saving at or above the add-on's price
    /// (r ≥ 1) makes the add-on free plus a rebate: every anchor order takes it (a1 = 1).
    public static func evaluate(_ x: AttachInputs, discount d: Double) -> AttachOutcome? {
        guard d >= 0 else { return nil }
        let s = x.onTotal ? d * (x.anchorPrice + x.addonPrice) : d * x.addonPrice
        let r = s / x.addonPrice
        let a0 = x.attachRate
        let a1: Double
        if a0 <= 0 { a1 = 0 } else if a0 >= 1 || r >= 1 { a1 = 1 } else {
            let kappa = x.elasticity / (1 - a0)
            let l = log(a0 / (1 - a0)) - kappa * log(1 - r)
            a1 = 1 / (1 + exp(-l))
        }
        let e = x.anchorOrders * (a1 - a0)
        let q = x.pullIn
        let base = x.anchorOrders * a0 * s
        let mB = x.addonPrice - x.addonCost
        return AttachOutcome(discount: d, saving: s, effectiveCut: r, attachRate: a1, extraBundles: e, incrementalUnits: e * (1 - q),
                             subsidy: base + e * q * s,
                             revenueChange: e * (1 - q) * (x.addonPrice - s) - e * q * s - base,
                             marginChange: e * (1 - q) * (mB - s) - e * q * s - base)
    }

    /// The best discount on a grid of step 0.0001 up to 0.99, and the break-even
    /// discount beyond it where Δ margin returns to 0 (bisection to 1e-12); `nil` break-even when Δ margin
    /// ≤ 0 for every d. - Complexity: O(grid).
    public static func optimum(_ x: AttachInputs) -> (best: Double, bestMargin: Double, breakEven: Double?) {
        let limit = 0.99
        var best = 0.0001, bestM = -Double.infinity
        var d = 0.0001
        var positive = false
        while d <= limit {
            if let o = evaluate(x, discount: d) {
                if o.marginChange > bestM { bestM = o.marginChange; best = d }
                if o.marginChange > 0 { positive = true }
            }
            d += 0.0001
        }
        guard positive else { return (best, bestM, nil) }
        // first sign change after the optimum
        var lo = best, hi = best
        var step = 0.0001
        while hi + step <= limit {
            hi += step
            if let o = evaluate(x, discount: hi), o.marginChange <= 0 { break }
            step = min(step * 2, 0.01)
            lo = hi
        }
        guard let end = evaluate(x, discount: hi), end.marginChange <= 0 else { return (best, bestM, nil) }
        for _ in 0..<200 {
            let mid = (lo + hi) / 2
            if (evaluate(x, discount: mid)?.marginChange ?? -1) > 0 { lo = mid } else { hi = mid }
            if hi - lo < 1e-13 { break }
        }
        return (best, bestM, (lo + hi) / 2)
    }
}

/// A first-order (acquisition) discount (MODELS.md §3.2).
public struct FirstOrderInputs: Sendable, Equatable {
    /// First orders in the period `n_new`, their mean merchandise value `x̄1` and margin ratio `m1`.
    public var newCustomers: Double
    public var firstOrderValue: Double
    public var marginRatio: Double
    /// Expected future gross margin per new customer `V` (12-month repeat margin of a mature cohort).
    public var futureMargin: Double
    /// Elasticity `e_f` of first orders to the discount, and the long-run value penalty `λ_L` (Lewis 2006).
    public var elasticity: Double = 1.0
    public var valuePenalty: Double = 1.43
    public init(newCustomers: Double, firstOrderValue: Double, marginRatio: Double, futureMargin: Double, elasticity: Double = 1.0, valuePenalty: Double = 1.43) {
        self.newCustomers = newCustomers; self.firstOrderValue = firstOrderValue; self.marginRatio = marginRatio
        self.futureMargin = futureMargin; self.elasticity = elasticity; self.valuePenalty = valuePenalty
    }
}

/// The effect of a first-order discount.
public struct FirstOrderOutcome: Sendable, Equatable {
    public var discount: Double
    /// Uplift in first orders `u = (1 − d)^(−e_f) − 1`.
    public var uplift: Double
    /// Subsidy to customers who came anyway `n·d·x̄1`.
    public var subsidy: Double
    /// Δ first-order gross margin, and including the future margin of the extra customers.
    public var firstOrderMarginChange: Double
    public var withFutureChange: Double
}

/// First-order discounts: `Δ GM = n·u·x̄1·(m1 − d) − n·d·x̄1`; with future `+ n·u·V·max(0, 1 − λ_L·d)`.
public enum FirstOrderDiscountModel {
    /// Payback month (MODELS.md §3.2): the first month `m` (1…) in which the extra customers' cumulative repeat
    /// margin `n·u·C(m)·max(0, 1 − λ·d)` covers the first-order loss; `nil` when not within the months given.
    public static func paybackMonth(_ x: FirstOrderInputs, discount d: Double, cumulativeMargin c: [Double]) -> Int? {
        let o = evaluate(x, discount: d)
        if o.firstOrderMarginChange >= 0 { return 0 }
        let factor = x.newCustomers * o.uplift * max(0, 1 - x.valuePenalty * d)
        for (m, cm) in c.enumerated() where o.firstOrderMarginChange + factor * cm >= 0 { return m + 1 }
        return nil
    }

    public static func evaluate(_ x: FirstOrderInputs, discount d: Double) -> FirstOrderOutcome {
        let u = pow(1 - d, -x.elasticity) - 1
        let n = x.newCustomers, v = x.firstOrderValue
        let first = n * u * v * (x.marginRatio - d) - n * d * v
        return FirstOrderOutcome(discount: d, uplift: u, subsidy: n * d * v, firstOrderMarginChange: first,
                                 withFutureChange: first + n * u * x.futureMargin * max(0, 1 - x.valuePenalty * d))
    }
}
