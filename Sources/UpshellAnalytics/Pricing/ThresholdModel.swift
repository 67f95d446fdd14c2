import Foundation

/// A shipping policy `(T, F)`: orders with merchandise `x ≥ T` ship free, others pay `F`.
/// `T = ∞` is a flat fee; `F = 0` is free shipping on everything.
public struct ShippingPolicy: Sendable, Equatable {
    /// Free-shipping threshold (currency); `.infinity` for a flat fee.
    public var threshold: Double
    /// Fee below the threshold (currency).
    public var fee: Double
    public init(threshold: Double, fee: Double) { self.threshold = threshold; self.fee = fee }
    /// A flat fee.
    public static func flat(_ fee: Double) -> ShippingPolicy { ShippingPolicy(threshold: .infinity, fee: fee) }
    /// The fee an order of merchandise value `x` pays.
    @inlinable public func fee(for x: Double) -> Double { x >= threshold - 1e-6 ? 0 : fee }
}

/// The top-up (order padding) response to a threshold (MODELS.md §1.1): an order whose gap to the
/// threshold is `g` adds one filler item with probability `π(g) = π0·exp(−g/s)` for `0 < g ≤ R`.
public struct TopUpResponse: Sendable, Equatable {
    /// Reach `R`: the largest gap that tops up (currency).
    public var reach: Double
    /// `π0`: top-up probability as the gap → 0.
    public var pi0: Double
    /// Decay `s` (currency); `.infinity` for a flat (step) response.
    public var decay: Double
    /// Overshoot range `o_cap` of the filler item (currency); the filler is priced in `[g, g + o_cap]`.
    public var overshootCap: Double
    public init(reach: Double, pi0: Double, decay: Double = .infinity, overshootCap: Double? = nil) {
        self.reach = reach; self.pi0 = pi0; self.decay = decay; self.overshootCap = overshootCap ?? reach
    }
    /// `π(g)`.
    public func probability(gap g: Double) -> Double {
        guard g > 0, g <= reach + 1e-9 else { return 0 }
        return decay.isFinite ? pi0 * exp(-g / decay) : pi0
    }
}

/// The economic parameters of a threshold what-if besides the top-up response (MODELS.md §1.2).
public struct ThresholdEconomics: Sendable, Equatable {
    /// Conversion elasticity when the all-in price falls (default 0: never flatters the proposal).
    public var elasticityDown: Double = 0
    /// Conversion elasticity when the all-in price rises (default 1).
    public var elasticityUp: Double = 1
    /// Carrier + packing cost per shipped order `C` (currency).
    public var shipCost: Double
    /// Return share `ρ` of padded items.
    public var returnShare: Double = 0.10
    /// Pull-forward share `φ` of top-up value.
    public var pullForward: Double = 0
    public init(shipCost: Double, elasticityDown: Double = 0, elasticityUp: Double = 1, returnShare: Double = 0.10, pullForward: Double = 0) {
        self.shipCost = shipCost; self.elasticityDown = elasticityDown; self.elasticityUp = elasticityUp
        self.returnShare = returnShare; self.pullForward = pullForward
    }
}

/// Expected totals of one policy over a (latent) order sample (MODELS.md §1.1); sums over orders, in
/// currency or orders.
public struct ThresholdTotals: Sendable, Equatable {
    /// Expected orders `N`.
    public var orders = 0.0
    /// Expected top-ups `N_top`.
    public var topUps = 0.0
    /// Latent orders with `0 < g ≤ R` (in reach).
    public var inReach = 0.0
    /// Latent orders with `x* ≥ T` that paid a fee under the current policy.
    public var abovePaid = 0.0
    /// Merchandise revenue.
    public var merchandise = 0.0
    /// Shipping fees collected.
    public var fees = 0.0
    /// Merchandise gross margin (padded-item margin net of returns and pull-forward).
    public var margin = 0.0
    /// Shipping cost `C·N`.
    public var shippingCost = 0.0
    /// Expected orders whose final basket is at or above the mark (default `T`; a topper counts at `x* + ū`).
    public var atOrAbove = 0.0

    public init() {}
    /// Margin + fees − shipping cost.
    public var contribution: Double { margin + fees - shippingCost }
    /// Merchandise AOV.
    public var aovMerchandise: Double { merchandise / orders }
    /// AOV including shipping.
    public var aovTotal: Double { (merchandise + fees) / orders }

    static let fieldCount = 9
    init(fields f: ArraySlice<Double>) {
        let b = f.startIndex
        orders = f[b]; topUps = f[b + 1]; inReach = f[b + 2]; abovePaid = f[b + 3]; merchandise = f[b + 4]
        fees = f[b + 5]; margin = f[b + 6]; shippingCost = f[b + 7]; atOrAbove = f[b + 8]
    }
}

/// The free-shipping threshold model: latent baskets, gap-decaying top-ups with a filler item from the
/// store's own item prices, a conversion channel on the all-in price, shipping given up on orders above
/// `T` (MODELS.md §1.1). Point estimates are closed-form expectations — no Monte-Carlo noise.
public enum ThresholdModel {
    /// Per-cent lookup of `π(g)`, `ū(g)`, `μ(g)` for gaps `1…R` cents.
    struct GapTable {
        var pi: [Double], fillerPrice: [Double], fillerMargin: [Double]
        init(response r: TopUpResponse, items: ItemPriceTable) {
            let cents = max(0, Int((r.reach * 100 + 1e-6).rounded(.down)))
            pi = [Double](repeating: 0, count: cents + 1)
            fillerPrice = pi; fillerMargin = pi
            guard r.pi0 > 0 else { return }
            for c in stride(from: 1, through: cents, by: 1) {
                let g = Double(c) / 100
                if let f = items.filler(gap: g, cap: r.overshootCap) {
                    pi[c] = r.probability(gap: g); fillerPrice[c] = f.price; fillerMargin[c] = f.margin
                }
            }
        }
    }

    /// Expected totals of `policy` over `sample` (weights `w`, 1 per order when `nil`), with conversion
    /// relative to `current`. `mark` (default `T`) is the value the `atOrAbove` count refers to.
    ///
    /// - Complexity: O(orders + R in cents · log items).
    public static func evaluate(_ sample: PricingSample, weights: [Double]? = nil, policy: ShippingPolicy,
                                current: ShippingPolicy, response: TopUpResponse,
                                economics e: ThresholdEconomics, mark: Double? = nil) -> ThresholdTotals {
        var acc = [Double](repeating: 0, count: ThresholdTotals.fieldCount)
        accumulate(values: sample.value, weights: weights, margins: sample.marginRatio, cluster: nil, items: sample.items,
                   policy: policy, current: current, response: response, economics: e, mark: mark ?? policy.threshold, into: &acc)
        return ThresholdTotals(fields: acc[...])
    }

    /// The same on an aggregate of the sample by order value (exact: every formula is linear in the
    /// weight and in weight × margin ratio at a given value). - Complexity: O(distinct values + R in cents).
    public static func evaluate(_ aggregate: OrderValueAggregate, items: ItemPriceTable, policy: ShippingPolicy,
                                current: ShippingPolicy, response: TopUpResponse,
                                economics e: ThresholdEconomics, mark: Double? = nil) -> ThresholdTotals {
        var acc = [Double](repeating: 0, count: ThresholdTotals.fieldCount)
        accumulate(values: aggregate.value, weights: aggregate.weight, margins: aggregate.marginRatio, cluster: nil, items: items,
                   policy: policy, current: current, response: response, economics: e, mark: mark ?? policy.threshold, into: &acc)
        return ThresholdTotals(fields: acc[...])
    }

    /// Per-cluster totals (`clusterCount × 9`, row-major), for the customer bootstrap.
    public static func clusterTotals(_ sample: PricingSample, weights: [Double]? = nil, policy: ShippingPolicy,
                                     current: ShippingPolicy, response: TopUpResponse,
                                     economics e: ThresholdEconomics) -> [Double] {
        var acc = [Double](repeating: 0, count: ThresholdTotals.fieldCount * sample.clusterCount)
        accumulate(values: sample.value, weights: weights, margins: sample.marginRatio, cluster: sample.cluster, items: sample.items,
                   policy: policy, current: current, response: response, economics: e, mark: policy.threshold, into: &acc)
        return acc
    }

    /// Totals from per-cluster sums weighted by cluster multiplicities (`nil`: all 1).
    static func totals(fromClusters acc: [Double], multiplicity: [Double]?) -> ThresholdTotals {
        let f = ThresholdTotals.fieldCount
        var sum = [Double](repeating: 0, count: f)
        let k = acc.count / f
        for c in 0..<k {
            let w = multiplicity?[c] ?? 1
            if w == 0 { continue }
            for j in 0..<f { sum[j] += w * acc[c * f + j] }
        }
        return ThresholdTotals(fields: sum[...])
    }

    private static func accumulate(values: [Double], weights: [Double]?, margins: [Double], cluster: [Int32]?, items: ItemPriceTable,
                                   policy: ShippingPolicy, current: ShippingPolicy, response: TopUpResponse,
                                   economics e: ThresholdEconomics, mark: Double, into acc: inout [Double]) {
        let table = GapTable(response: response, items: items)
        let maxCents = table.pi.count - 1
        let T = policy.threshold
        let keep = (1 - e.returnShare) * (1 - e.pullForward)
        let f = ThresholdTotals.fieldCount
        let hasWeights = weights != nil
        let w = weights ?? []
        let perCluster = cluster != nil
        let cls = cluster ?? []
        let Tm = T - 1e-6, markm = mark - 1e-6
        let finite = T.isFinite
        let ship = e.shipCost
        let eDown = e.elasticityDown, eUp = e.elasticityUp
        table.pi.withUnsafeBufferPointer { tpi in
        table.fillerPrice.withUnsafeBufferPointer { tu in
        table.fillerMargin.withUnsafeBufferPointer { tmu in
        values.withUnsafeBufferPointer { xs in
            margins.withUnsafeBufferPointer { ms in
                w.withUnsafeBufferPointer { ws in
                cls.withUnsafeBufferPointer { cl in
                    acc.withUnsafeMutableBufferPointer { a in
                        for i in 0..<xs.count {
                            let wi = hasWeights ? ws[i] : 1
                            if wi == 0 { continue }
                            let x = xs[i], m = ms[i]
                            let fCur = current.fee(for: x), fNew = policy.fee(for: x)
                            var k = 1.0
                            if fNew != fCur {
                                let el = fNew < fCur ? eDown : eUp
                                if el == 1 { k = (x + fCur) / (x + fNew) } else if el != 0 { k = pow((x + fCur) / (x + fNew), el) }
                            }
                            var pi = 0.0, u = 0.0, mu = 0.0, inReach = 0.0
                            if finite && x < Tm {
                                let gc = Int((T - x) * 100 + 0.5) // T − x > 0: rounded half up
                                if gc >= 1 && gc <= maxCents {
                                    inReach = 1
                                    pi = tpi[gc]; u = tu[gc]; mu = tmu[gc]
                                }
                            }
                            let stay = (1 - pi) * k
                            let base = perCluster ? Int(cl[i]) * f : 0
                            let n = pi + stay
                            a[base] += wi * n
                            a[base + 1] += wi * pi
                            a[base + 2] += wi * inReach
                            if x >= Tm && fCur > 0 { a[base + 3] += wi }
                            a[base + 4] += wi * (pi * (x + u) + stay * x)
                            a[base + 5] += wi * stay * fNew
                            a[base + 6] += wi * (pi * (x * m + keep * mu) + stay * x * m)
                            a[base + 7] += wi * n * ship
                            a[base + 8] += wi * ((x + u >= markm ? pi : 0) + (x >= markm ? stay : 0))
                        }
                    }
                }
                }
            }
        }
        }
        }
        }
    }
}

/// Orders aggregated by merchandise value (exact to the cent): per distinct value the total weight, the
/// weighted mean margin ratio and the number of orders. Threshold expectations over it equal those over
/// the orders, in O(distinct values).
public struct OrderValueAggregate: Sendable {
    public var value: [Double]
    public var weight: [Double]
    public var marginRatio: [Double]
    public var count: [Double]

    /// Values up to $20,000 go through a dense per-cent array; larger ones stay individual.
    /// - Complexity: O(orders + 2·10⁶).
    public init(_ s: PricingSample, weights: [Double]? = nil) {
        var top = 0.0
        for x in s.value where x > top { top = x }
        let cap = min(2_000_000, Int((top * 100).rounded()) + 1)
        var w = [Double](repeating: 0, count: cap), wm = [Double](repeating: 0, count: cap), c = [Double](repeating: 0, count: cap)
        var value: [Double] = [], weight: [Double] = [], margin: [Double] = [], count: [Double] = []
        for i in 0..<s.count {
            let x = s.value[i], wi = weights?[i] ?? 1
            let scaled = x * 100
            let k = scaled >= 0 && scaled < Double(cap) ? Int(scaled + 0.5) : -1
            if k >= 0, k < cap, abs(Double(k) - scaled) < 1e-6 {
                w[k] += wi; wm[k] += wi * s.marginRatio[i]; c[k] += 1
            } else {
                value.append(x); weight.append(wi); margin.append(s.marginRatio[i]); count.append(1)
            }
        }
        for k in 0..<cap where c[k] > 0 {
            value.append(Double(k) / 100); weight.append(w[k]); margin.append(w[k] > 0 ? wm[k] / w[k] : 0); count.append(c[k])
        }
        self.value = value; self.weight = weight; self.marginRatio = margin; self.count = count
    }

    /// Orders (unweighted) with value ≥ `t`.
    public func orders(atOrAbove t: Double) -> Double {
        var n = 0.0
        for i in 0..<value.count where value[i] >= t - 1e-6 { n += count[i] }
        return n
    }
}
