import Foundation
import UpshellData

/// What the data say for a tier what-if (MODELS.md §2.2): the ideal-spend distribution (fitted by maximum
/// likelihood to a category's units sold at each price point, else a units-weighted geometric mean price),
/// the cost ratio from unit costs, and the daily order volume. Never prints; the shell writes the
/// assumptions from it.
///
/// ```swift
/// let c = TierCalibration.calibrate(model, orders: nil, category: "Audio")
/// let spend = c.idealSpend(median: nil, sigma: nil)   // fitted m and σ with their likelihood box
/// ```
public struct TierCalibration: Sendable {
    /// Products of the category, when one was given.
    public var categoryProducts: Int?
    /// Σ unit cost ÷ Σ value over the products sold with a known unit cost; `nil` when none has one.
    public var costRatio: Double?
    /// Orders with at least one (category) item of positive quantity.
    public var ordersWithItems: Int
    /// ``ordersWithItems`` per day of the data's date range (at least one day).
    public var dailyOrders: Double
    /// With a category: the maximum-likelihood fit on its price points (`nil` below two points). Without: a
    /// fallback with `m` = geometric mean price, σ 0.8 and no ranges (`nil` without sales).
    public var fit: IdealSpendFit?

    /// Where a parameter of the ideal-spend distribution came from.
    public enum Source: Sendable, Equatable {
        /// Given by the analyst.
        case given
        /// Fitted by maximum likelihood to the category's price points.
        case fitted
        /// The units-weighted geometric mean price (median only).
        case geometricMean
        /// The model's default.
        case modelDefault
    }

    /// The median `m` and log-sd `σ` of ideal spend, where each came from, and the (m, σ) corners of the 95 %
    /// profile-likelihood box when both were fitted.
    public struct IdealSpend: Sendable {
        /// Median ideal spend `m` (currency).
        public var medianSpend: Double
        /// Where `m` came from.
        public var medianSource: Source
        /// Log-sd `σ` of ideal spend.
        public var sigma: Double
        /// Where `σ` came from.
        public var sigmaSource: Source
        /// Corners of the likelihood box, `(m, σ)`; empty unless σ was fitted.
        public var fitBox: [(medianSpend: Double, sigma: Double)]
    }

    /// Scans the basket entries of `orders` (`nil`: all) of `model`, restricted to `category` (as spelled in
    /// the data) when given.
    /// - Complexity: O(basket entries + products), plus the fit's grid with a category.
    public static func calibrate(_ model: OrderModel, orders selected: [Int32]?, category: String?) -> TierCalibration {
        let productCount = model.products.count
        let inCategory: [Bool] = category.map { c in model.products.category.map { $0 == c } } ?? [Bool](repeating: true, count: productCount)
        let perPricePoint = category != nil
        var units: [Int: Double] = [:]  // price in cents → units (category only)
        var productUnits = [Double](repeating: 0, count: productCount)
        var productValue = [Double](repeating: 0, count: productCount)
        var ordersWithItems = 0
        let o = model.orders
        for k in selected ?? Array(0..<Int32(o.count)) {
            var any = false
            for e in Int(o.offsets[Int(k)])..<Int(o.offsets[Int(k) + 1]) {
                let prod = Int(o.items[e])
                guard inCategory[prod], o.quantities[e] > 0 else { continue }
                let q = Double(o.quantities[e])
                productUnits[prod] += q
                productValue[prod] += o.lineValues[e]
                if perPricePoint { units[Int((o.lineValues[e] / q * 100).rounded()), default: 0] += q }
                any = true
            }
            if any { ordersWithItems += 1 }
        }
        var value = 0.0, cost = 0.0
        for prod in 0..<productCount where productUnits[prod] > 0 && model.products.cost[prod].isFinite {
            value += productValue[prod]; cost += model.products.cost[prod] * productUnits[prod]
        }
        let days = max(1, Double((model.dateRange?.upperBound ?? 0) - (model.dateRange?.lowerBound ?? 0)) / 86_400)
        let fit: IdealSpendFit?
        if perPricePoint {
            let pts = units.keys.sorted()
            fit = IdealSpendFit.fit(prices: pts.map { Double($0) / 100 }, units: pts.map { units[$0]! })
        } else {
            fit = geometricMeanFallback(units: productUnits, values: productValue)
        }
        return TierCalibration(categoryProducts: category.map { _ in inCategory.count(where: { $0 }) }, costRatio: value > 0 ? cost / value : nil,
                               ordersWithItems: ordersWithItems, dailyOrders: Double(ordersWithItems) / days, fit: fit)
    }

    /// `m` = units-weighted geometric mean of the products' mean prices, σ 0.8; `nil` without units sold.
    static func geometricMeanFallback(units: [Double], values: [Double]) -> IdealSpendFit? {
        var n = 0.0, sl = 0.0
        for prod in units.indices where units[prod] > 0 && values[prod] > 0 {
            n += units[prod]; sl += units[prod] * log(values[prod] / units[prod])
        }
        guard n > 0 else { return nil }
        return IdealSpendFit(medianSpend: exp(sl / n), sigma: 0.8, medianRange: (.nan, .nan), sigmaRange: (.nan, .nan),
                             pricePoints: 0, units: n, geometricMeanPrice: exp(sl / n), logPriceSD: .nan)
    }

    /// `m` and `σ`: given values first; else fitted with a category (σ only when `m` was not given); else `m`
    /// from the geometric mean price; else the defaults of `defaults`.
    public func idealSpend(median given: Double?, sigma givenSigma: Double?, defaults: TierModelParameters = .init()) -> IdealSpend {
        var spend = IdealSpend(medianSpend: defaults.medianSpend, medianSource: .modelDefault, sigma: defaults.sigma,
                               sigmaSource: .modelDefault, fitBox: [])
        let fitted = categoryProducts != nil ? fit : nil
        if let given {
            spend.medianSpend = given; spend.medianSource = .given
        } else if let fitted {
            spend.medianSpend = fitted.medianSpend; spend.medianSource = .fitted
        } else if let fit {
            spend.medianSpend = fit.geometricMeanPrice; spend.medianSource = .geometricMean
        }
        if let givenSigma {
            spend.sigma = givenSigma; spend.sigmaSource = .given
        } else if let fitted, given == nil {
            spend.sigma = fitted.sigma; spend.sigmaSource = .fitted
            for m in [fitted.medianRange.lower, fitted.medianRange.upper] {
                for s in [fitted.sigmaRange.lower, fitted.sigmaRange.upper] { spend.fitBox.append((m, s)) }
            }
        }
        return spend
    }
}
