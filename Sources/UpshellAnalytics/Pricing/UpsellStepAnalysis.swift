import Foundation
import UpshellData

/// An upsell-step what-if (MODELS.md §4): the acceptance curve calibrated on observed trade-ups in the
/// scope's orders (``UpsellCalibration``), acceptance, revenue and margin per 1,000 base sales by step,
/// the revenue- and margin-maximising steps, an uncertainty band and the A/B comparison to confirm it.
/// Never prints: the shell renders ``UpsellStepAnalysis/Result``.
///
/// ```swift
/// var p = UpsellStepAnalysis.Parameters()
/// p.pair = (base: 3, upgrade: 4)
/// let r = try UpsellStepAnalysis.run(model, orders: nil, parameters: p)
/// ```
public enum UpsellStepAnalysis {
    /// Settings of the what-if.
    public struct Parameters: Sendable {
        /// The base and upgrade products (ids of the order model); `nil` for a curve at an illustrative $100 base.
        public var pair: (base: Int, upgrade: Int)? = nil
        /// Calibrate only on pairs of this category (as spelled in the data); `nil` for all.
        public var category: String? = nil
        /// Units each product of a calibration pair needs.
        public var minimumUnits: Double = 30
        /// Attention ceiling `A`: the share of customers who consider an offer.
        public var attention: Double = 0.20
        /// Override of the fitted (or default) `s50`.
        public var s50: Double? = nil
        /// Override of the fitted (or default) `κ`.
        public var kappa: Double? = nil
        /// Margin assumed where the data have no unit costs (cost ratio = 1 − margin).
        public var defaultMargin: Double = 0.40
        /// Defaults as documented on each field.
        public init() {}
    }

    /// Acceptance, extra revenue and extra margin per 1,000 base sales at one step.
    public struct StepOutcome: Sendable, Equatable {
        /// Price step `p1/p0 − 1`.
        public var step: Double
        /// Share of base buyers who take the upgrade.
        public var acceptance: Double
        /// Extra revenue per 1,000 base sales, in the data's currency.
        public var revenue: Double
        /// Extra margin per 1,000 base sales.
        public var margin: Double
    }

    /// The given pair's prices and outcome.
    public struct PairOutcome: Sendable, Equatable {
        /// Product id of the base.
        public var base: Int
        /// Product id of the upgrade.
        public var upgrade: Int
        /// Mean price paid for the base in the data.
        public var basePrice: Double
        /// Mean price paid for the upgrade in the data.
        public var upgradePrice: Double
        /// Outcome at the pair's step, with the pair's unit costs.
        public var outcome: StepOutcome
        /// The observed menu trade-up share, when the pair is among the calibration pairs.
        public var observedTradeUpShare: Double?
    }

    /// Everything the what-if found.
    public struct Result: Sendable {
        /// Calibration pairs found in scope, by price.
        public var pairs: [TradeUpPair]
        /// The GLM fit, usable or not; `nil` with fewer than two distinct steps.
        public var rawFit: UpsellFit?
        /// The fit when usable (κ > 0.2, finite s50 < 20): the curve rests on it.
        public var fit: UpsellFit?
        /// The curve used: fitted or default, with overrides and the attention ceiling.
        public var curve: UpsellCurve
        /// Unit cost as a share of price where a product's cost is unknown.
        public var costRatio: Double
        /// Whether ``costRatio`` came from the data's unit costs (else from the default margin).
        public var costRatioFromData: Bool
        /// Base price of the step table: the pair's base, or an illustrative 100.
        public var basePrice: Double
        /// Base unit cost of the step table: the base's cost, else ``basePrice`` × ``costRatio``.
        public var baseCost: Double
        /// The step table: 10, 20, 30, 40, 60, 100 % and s*, by step.
        public var steps: [StepOutcome]
        /// The given pair's outcome.
        public var pair: PairOutcome?
        /// Margin-maximising step on a 0.1 % grid.
        public var marginMaximisingStep: Double
        /// The step the band and the A/B test look at: the pair's, else s*, else 20 %.
        public var bandStep: Double
        /// κ range of the band (fit ± 1.96 s.e., else 2–4).
        public var bandKappa: (lower: Double, upper: Double)
        /// Acceptance at ``bandStep`` over the κ range and A × 0.5–1.5.
        public var bandAcceptance: (lower: Double, upper: Double)
        /// The step compared with ``bandStep`` in the A/B test.
        public var comparisonStep: Double
        /// Offers a day: orders with the base product (pair given) or orders in scope, per day of data.
        public var dailyOffers: Double
    }

    /// Runs the what-if on `orders` of `model` (`nil`: all orders).
    /// - Throws: ``PricingError/upgradeNotDearer(base:upgrade:basePrice:upgradePrice:)`` when the pair is a trade-down.
    /// - Complexity: O(basket entries + products²) for the calibration.
    public static func run(_ model: OrderModel, orders: [Int32]?, parameters p: Parameters) throws -> Result {
        let pairs = UpsellCalibration.pairs(model, orders: orders, category: p.category, minimumUnits: p.minimumUnits)
        let rawFit = UpsellCalibration.fit(pairs)
        let usable = rawFit.map { $0.kappa > 0.2 && $0.s50.isFinite && $0.s50 < 20 } ?? false
        let fit = usable ? rawFit : nil
        var curve = UpsellCurve(s50: fit?.s50 ?? 0.30, kappa: fit?.kappa ?? 3, attention: p.attention)
        if let v = p.s50 { curve.s50 = v }
        if let v = p.kappa { curve.kappa = v }
        let (costRatio, fromData) = costRatio(model, category: p.category, defaultMargin: p.defaultMargin)
        let price = { (q: Int) in model.products.meanPrice[q] }
        let cost = { (q: Int) in model.products.cost[q].isFinite ? model.products.cost[q] : model.products.meanPrice[q] * costRatio }
        let p0 = p.pair.map { price($0.base) } ?? 100
        let c0 = p.pair.map { cost($0.base) } ?? p0 * costRatio
        var stepList: [Double] = [0.10, 0.20, 0.30, 0.40, 0.60, 1.0]
        if let star = curve.revenueMaximisingStep { stepList.append(star) }
        let steps = stepList.sorted().map { st in
            let r = curve.perThousand(p0: p0, p1: p0 * (1 + st), c0: c0, c1: p0 * (1 + st) * costRatio)
            return StepOutcome(step: st, acceptance: r.acceptance, revenue: r.revenue, margin: r.margin)
        }
        var pairOutcome: PairOutcome? = nil
        if let (b, u) = p.pair {
            let p1 = price(u)
            let st = p1 / p0 - 1
            guard st > 0 else { throw PricingError.upgradeNotDearer(base: b, upgrade: u, basePrice: p0, upgradePrice: p1) }
            let r = curve.perThousand(p0: p0, p1: p1, c0: c0, c1: cost(u))
            pairOutcome = PairOutcome(base: b, upgrade: u, basePrice: p0, upgradePrice: p1,
                                      outcome: StepOutcome(step: st, acceptance: r.acceptance, revenue: r.revenue, margin: r.margin),
                                      observedTradeUpShare: pairs.first(where: { $0.base == b && $0.upgrade == u })?.tradeUpShare)
        }
        let marginStep = curve.marginMaximisingStep(p0: p0, c0: c0, upgradeCostRatio: costRatio)
        // band: κ ± 1.96 s.e. (or 2–4) and A × 0.5–1.5 at the proposed step
        let kLo = fit.map { max(0.1, $0.kappa - 1.96 * $0.kappaSE) } ?? 2, kHi = fit.map { $0.kappa + 1.96 * $0.kappaSE } ?? 4
        let at = pairOutcome?.outcome.step ?? (curve.revenueMaximisingStep ?? 0.2)
        var accs: [Double] = []
        for k in [kLo, kHi] { for a2 in [p.attention * 0.5, p.attention * 1.5] { accs.append(UpsellCurve(s50: curve.s50, kappa: k, attention: min(1, a2)).acceptance(at)) } }
        // A/B: the proposed step vs the revenue-maximising one (or 20 % vs 30 %)
        let other = curve.revenueMaximisingStep.flatMap { abs($0 - at) > 0.02 ? $0 : nil } ?? (abs(at - 0.2) > 0.02 ? 0.2 : 0.3)
        return Result(pairs: pairs, rawFit: rawFit, fit: fit, curve: curve, costRatio: costRatio, costRatioFromData: fromData,
                      basePrice: p0, baseCost: c0, steps: steps, pair: pairOutcome, marginMaximisingStep: marginStep,
                      bandStep: at, bandKappa: (kLo, kHi), bandAcceptance: (accs.min()!, accs.max()!), comparisonStep: other,
                      dailyOffers: dailyOffers(model, orders: orders, base: p.pair?.base))
    }

    /// Cost as a share of price: Σ unit cost ÷ Σ mean price over the products (of `category`) with both known,
    /// else 1 − `defaultMargin`; and whether it came from the data.
    static func costRatio(_ model: OrderModel, category: String?, defaultMargin: Double) -> (Double, Bool) {
        var sum = (0.0, 0.0)
        for q in 0..<model.products.count where model.products.cost[q].isFinite && model.products.meanPrice[q].isFinite && (category == nil || model.products.category[q] == category) {
            sum.0 += model.products.cost[q]; sum.1 += model.products.meanPrice[q]
        }
        return sum.1 > 0 ? (sum.0 / sum.1, true) : (1 - defaultMargin, false)
    }

    /// Orders with the `base` product (or all orders in scope) per day of the data's date range (at least 1 day).
    static func dailyOffers(_ model: OrderModel, orders: [Int32]?, base: Int?) -> Double {
        let days = max(1, Double((model.dateRange?.upperBound ?? 0) - (model.dateRange?.lowerBound ?? 0)) / 86_400)
        guard let base else { return Double(orders?.count ?? model.orders.count) / days }
        var n = 0.0
        for id in orders ?? Array(0..<Int32(model.orders.count)) where model.orders.basket(Int(id)).contains(Int32(base)) { n += 1 }
        return n / days
    }
}
