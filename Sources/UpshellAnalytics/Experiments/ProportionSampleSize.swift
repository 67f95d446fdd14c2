import Foundation

/// How the smallest effect worth detecting is stated.
public enum MinimumDetectableEffect: Sendable, Hashable {
    /// A lift relative to the baseline: 0.10 means 3.2 % → 3.52 %.
    case relative(Double)
    /// A change in percentage points as a fraction: 0.01 means 5 % → 6 %.
    case absolute(Double)
}

/// One- or two-sided hypothesis tests.
public enum Sidedness: String, Sendable, Hashable, CaseIterable {
    /// H₁: the variant differs in either direction (z at 1 − α/2).
    case twoSided = "two"
    /// H₁: the variant moves in the planned direction (z at 1 − α).
    case oneSided = "one"
}

/// The formula for the per-arm sample size of a two-proportion test. Tools disagree; the result names
/// which one was used.
public enum ProportionSampleSizeMethod: String, Sendable, Hashable, CaseIterable {
    /// n = [z_α·√(2p̄q̄) + z_β·√(p₁q₁ + p₂q₂)]² / δ², p̄ = (p₁ + p₂)/2: pooled variance under H₀, each arm's
    /// own under H₁. R `power.prop.test` (default `strict = FALSE`, which ignores the far rejection
    /// tail, so this closed form is its exact solution) and statsmodels
    /// `samplesize_proportions_2indep_onetail`. Rounded up.
    case pooled
    /// n = [z_α·√(2p₁q₁) + z_β·√(p₁q₁ + p₂q₂)]² / δ²: the baseline's variance under H₀, as Evan Miller's
    /// online calculator (`num_subjects` in its source). Rounded to the nearest integer, as the calculator
    /// displays it (5 % → 6 % is 7,663.0003 → 7,663; 20 % → 25 % is 1,030.2 → 1,030).
    case evanMiller = "evanmiller"
    /// n = 2·(z_α + z_β)² / h², h = 2·asin√p₂ − 2·asin√p₁ (Cohen's h; power = Φ(|h|·√(n/2) − z_α)): R `pwr::pwr.2p.test`, statsmodels
    /// `NormalIndPower().solve_power(proportion_effectsize(p2, p1))`. Rounded up.
    case arcsine

    /// The formula in words, for the command's output.
    public var formulaDescription: String {
        switch self {
        case .pooled: return "pooled variance under H0, per-arm variances under H1 (R power.prop.test, statsmodels)"
        case .evanMiller: return "baseline variance under H0 (Evan Miller's calculator)"
        case .arcsine: return "arcsine transform, Cohen's h (pwr.2p.test, statsmodels NormalIndPower)"
        }
    }
}

/// How several variants share α.
public enum MultipleComparisonAdjustment: String, Sendable, Hashable {
    /// A single comparison: α as given.
    case none
    /// α/(k − 1) per comparison against control. Sizing with Bonferroni is conservative for Holm's
    /// step-down procedure used at analysis, which is never less powerful.
    case bonferroni

    /// A sentence for the output, or `nil` for a single comparison, e.g. "alpha 0.05 split over 2
    /// comparisons with control by Bonferroni (0.025 each); Holm's step-down at analysis is never less powerful".
    public func describe(alpha: Double, comparisons: Int) -> String? {
        guard self == .bonferroni else { return nil }
        let each = alpha / Double(max(1, comparisons))
        return "alpha \(alpha) split over \(comparisons) comparisons with control by Bonferroni (\(String(format: "%.4g", each)) each); Holm's step-down at analysis is never less powerful"
    }
}

/// A request for the per-variant sample size of a conversion-rate test.
public struct ProportionSampleSizeRequest: Sendable, Hashable {
    /// Control conversion rate as a fraction in (0, 1), e.g. 0.032.
    public var baseline: Double
    /// Smallest effect worth detecting.
    public var effect: MinimumDetectableEffect
    /// Family-wise false-positive rate (before any multiple-comparison adjustment).
    public var alpha: Double
    /// Probability of detecting the effect when it is real.
    public var power: Double
    /// One- or two-sided test.
    public var sidedness: Sidedness
    /// Number of arms including control (≥ 2).
    public var variants: Int
    /// The sample-size formula.
    public var method: ProportionSampleSizeMethod

    /// A request; defaults α = 0.05, power 0.8, two-sided, two arms, pooled formula.
    public init(baseline: Double, effect: MinimumDetectableEffect, alpha: Double = 0.05, power: Double = 0.8,
                sidedness: Sidedness = .twoSided, variants: Int = 2, method: ProportionSampleSizeMethod = .pooled) {
        self.baseline = baseline; self.effect = effect; self.alpha = alpha; self.power = power
        self.sidedness = sidedness; self.variants = variants; self.method = method
    }
}

/// The planned sample size of a conversion-rate test and everything needed to explain it.
public struct ProportionSampleSize: Sendable, Hashable {
    /// The request this answers.
    public let request: ProportionSampleSizeRequest
    /// Rate the variant is expected to reach, p₂.
    public let targetRate: Double
    /// p₂ − p₁.
    public let absoluteEffect: Double
    /// p₂/p₁ − 1.
    public let relativeEffect: Double
    /// Unrounded solution of the formula, per arm.
    public let exactPerVariant: Double
    /// Visitors per arm (rounded as the method's source does: up, or to nearest for Evan Miller).
    public let perVariant: Int
    /// perVariant × variants.
    public let total: Int
    /// Comparisons against control: variants − 1.
    public let comparisons: Int
    /// α used per comparison (α/comparisons under Bonferroni).
    public let adjustedAlpha: Double
    /// How α was split.
    public let adjustment: MultipleComparisonAdjustment
    /// Expected conversions per arm in control at this size (baseline × perVariant), for the 350–400 rule of thumb.
    public let expectedControlConversions: Double
    /// The multiple-comparison note for the output, `nil` for two arms.
    public var adjustmentNote: String? { adjustment.describe(alpha: request.alpha, comparisons: comparisons) }
}

/// Closed-form sample sizes for experiments.
public enum SampleSize {
    /// Per-variant visitors to detect `request.effect` on a conversion rate.
    ///
    /// With k > 2 variants, each of the k − 1 comparisons against control uses α/(k − 1) (Bonferroni).
    /// - Throws: ``ExperimentError`` for a baseline of 0 % or 100 %, a zero effect, a target rate outside
    ///   [0, 1], α or power outside (0, 1), power ≤ α, or fewer than two variants.
    /// - Complexity: O(1).
    public static func proportions(_ request: ProportionSampleSizeRequest) throws(ExperimentError) -> ProportionSampleSize {
        let p1 = request.baseline
        guard p1 > 0, p1 < 1 else { throw .baselineOutOfRange(p1) }
        try validate(alpha: request.alpha, power: request.power, variants: request.variants)
        let p2: Double
        switch request.effect {
        case let .relative(r): p2 = p1 * (1 + r)
        case let .absolute(d): p2 = p1 + d
        }
        guard p2.isFinite, p2 != p1 else { throw .zeroEffect }
        guard p2 >= 0, p2 <= 1 else { throw .targetOutOfRange(baseline: p1, target: p2) }
        let comparisons = request.variants - 1
        let alpha = comparisons > 1 ? request.alpha / Double(comparisons) : request.alpha
        let zAlpha = criticalZ(alpha: alpha, sidedness: request.sidedness)
        let zBeta = NormalDistribution.quantile(request.power)
        let delta = p2 - p1
        let q1 = 1 - p1, q2 = 1 - p2
        let exact: Double
        switch request.method {
        case .pooled:
            let pBar = (p1 + p2) / 2
            let s = zAlpha * (2 * pBar * (1 - pBar)).squareRoot() + zBeta * (p1 * q1 + p2 * q2).squareRoot()
            exact = s * s / (delta * delta)
        case .evanMiller:
            let s = zAlpha * (2 * p1 * q1).squareRoot() + zBeta * (p1 * q1 + p2 * q2).squareRoot()
            exact = s * s / (delta * delta)
        case .arcsine:
            let h = 2 * asin(p2.squareRoot()) - 2 * asin(p1.squareRoot())
            exact = 2 * (zAlpha + zBeta) * (zAlpha + zBeta) / (h * h)
        }
        guard exact.isFinite, exact <= 1e12 else {
            switch request.effect {
            case let .relative(r): throw .effectTooSmall(r)
            case let .absolute(d): throw .effectTooSmall(d)
            }
        }
        let perVariant = request.method == .evanMiller ? Int(exact.rounded()) : roundUp(exact)
        return ProportionSampleSize(
            request: request, targetRate: p2, absoluteEffect: delta, relativeEffect: delta / p1,
            exactPerVariant: exact, perVariant: perVariant, total: perVariant * request.variants,
            comparisons: comparisons, adjustedAlpha: alpha,
            adjustment: comparisons > 1 ? .bonferroni : .none,
            expectedControlConversions: p1 * Double(perVariant))
    }

    /// z_{1−α/2} (two-sided) or z_{1−α} (one-sided).
    static func criticalZ(alpha: Double, sidedness: Sidedness) -> Double {
        NormalDistribution.quantile(1 - (sidedness == .twoSided ? alpha / 2 : alpha))
    }

    /// Shared checks of α, power and the number of arms.
    static func validate(alpha: Double, power: Double, variants: Int) throws(ExperimentError) {
        guard alpha > 0, alpha < 1 else { throw .alphaOutOfRange(alpha) }
        guard power > 0, power < 1 else { throw .powerOutOfRange(power) }
        guard power > alpha else { throw .powerNotAboveAlpha(power: power, alpha: alpha) }
        guard variants >= 2 else { throw .invalidVariantCount(variants) }
    }

    /// Ceiling that tolerates floating-point noise: 8157.99999999999 and 8158.0000000001 both give 8,158
    /// only when within 1e-9 relative of an integer.
    static func roundUp(_ x: Double) -> Int {
        let nearest = x.rounded()
        if abs(x - nearest) <= 1e-9 * max(1, x) { return Int(nearest) }
        return Int(x.rounded(.up))
    }
}
