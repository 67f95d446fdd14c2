import Foundation

/// The A/B test that would confirm a what-if's predicted effect (MODELS.md §5): the metric, its predicted
/// change, the per-variant sample size (from ``SampleSize``) and the duration at the store's daily volume.
public struct PricingABHook: Sendable {
    /// What is compared (e.g. "share of orders at or above $50").
    public var metric: String
    /// Unit the sample is counted in ("orders", "visitors", "anchor orders", "offers").
    public var unit: String
    /// Control and predicted variant value (fractions for proportions, currency for means).
    public var control: Double
    public var variant: Double
    /// Whether the metric is a proportion (else a mean).
    public var isProportion: Bool
    /// Units per variant; `nil` when there is no predicted effect to detect.
    public var perVariant: Int?
    /// Days to collect both variants at `daily` units per day, and the recommended run (≥ 14 days, whole weeks).
    public var days: Int?
    public var recommendedDays: Int?
    /// Units per day in the data.
    public var daily: Double
    /// The formula used.
    public var method: String

    /// Two proportions, pooled variance under H0 (R power.prop.test / statsmodels), α 0.05, power 0.8.
    public static func proportions(metric: String, unit: String, control p1: Double, variant p2: Double, daily: Double,
                                   alpha: Double = 0.05, power: Double = 0.8) -> PricingABHook {
        var hook = PricingABHook(metric: metric, unit: unit, control: p1, variant: p2, isProportion: true, perVariant: nil,
                                 days: nil, recommendedDays: nil, daily: daily,
                                 method: "two proportions, pooled variance under H0 (R power.prop.test, statsmodels), two-sided alpha \(alpha), power \(power)")
        if abs(p2 - p1) > 1e-12, p1 > 0, p1 < 1,
           let plan = try? SampleSize.proportions(.init(baseline: p1, effect: .absolute(p2 - p1), alpha: alpha, power: power)) {
            hook.perVariant = plan.perVariant
            hook.setDuration()
        }
        return hook
    }

    /// A difference in means (Welch, t-iterated; statsmodels TTestIndPower for equal σ).
    public static func means(metric: String, unit: String, control m1: Double, variant m2: Double, sd: Double, variantSD: Double? = nil,
                             daily: Double, alpha: Double = 0.05, power: Double = 0.8) -> PricingABHook {
        var hook = PricingABHook(metric: metric, unit: unit, control: m1, variant: m2, isProportion: false, perVariant: nil,
                                 days: nil, recommendedDays: nil, daily: daily,
                                 method: "difference in means, Welch t (statsmodels TTestIndPower), two-sided alpha \(alpha), power \(power)")
        if abs(m2 - m1) > 1e-12, sd > 0,
           let plan = try? SampleSize.mean(.init(absoluteEffect: abs(m2 - m1), standardDeviation: sd, variantStandardDeviation: variantSD, alpha: alpha, power: power)) {
            hook.perVariant = plan.perVariant
            hook.setDuration()
        }
        return hook
    }

    private mutating func setDuration() {
        guard let n = perVariant, daily > 0, let d = try? ExperimentDuration(perVariant: n, variants: 2, daily: daily) else { return }
        days = d.days
        recommendedDays = d.recommendedDays
    }
}
