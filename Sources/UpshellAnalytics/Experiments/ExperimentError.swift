import Foundation
import UpshellCore

/// Bad input to experiment planning or analysis, phrased for the analyst.
public enum ExperimentError: UserFacingError, Equatable {
    /// The baseline conversion rate is 0 %, 100 % or outside [0, 1].
    case baselineOutOfRange(Double)
    /// The minimum detectable effect is zero (or not a number).
    case zeroEffect
    /// The effect moves the rate outside [0, 1].
    case targetOutOfRange(baseline: Double, target: Double)
    /// α is not strictly between 0 and 1.
    case alphaOutOfRange(Double)
    /// Power is not strictly between 0 and 1.
    case powerOutOfRange(Double)
    /// Power is not larger than α, so the test cannot be planned.
    case powerNotAboveAlpha(power: Double, alpha: Double)
    /// Fewer than two variants (the names of those present).
    case tooFewVariants([String])
    /// A variant has more conversions than visitors.
    case conversionsExceedVisitors(variant: String, conversions: Int, visitors: Int)
    /// A variant has a negative count.
    case negativeCount(variant: String, value: Int)
    /// A variant has no visitors or no values.
    case emptyVariant(String)
    /// Two variants share a name.
    case duplicateVariant(String)
    /// The standard deviation given for a mean is not positive.
    case nonPositiveStandardDeviation(Double)
    /// Daily traffic is not positive.
    case nonPositiveTraffic(Double)
    /// The variant count for planning is below 2.
    case invalidVariantCount(Int)
    /// Planned traffic shares do not match the variants or are not positive.
    case invalidPlannedShares([Double])
    /// The number of looks is below 1.
    case invalidLooks(Int)
    /// A value is missing or infinite in a variant's data.
    case nonFiniteValue(variant: String)
    /// The effect is so small that the required sample exceeds any real test (more than 10¹² per arm).
    case effectTooSmall(Double)
    /// The named control is not among the variants.
    case unknownVariant(String, available: [String])
    /// A simulation was asked for fewer than one visitor per arm.
    case invalidSampleSize(Int)
    /// A simulation was asked for fewer than one run.
    case invalidRunCount(Int)

    public var message: String {
        switch self {
        case let .baselineOutOfRange(p):
            return "baseline rate '\(Self.percent(p))' must be strictly between 0 % and 100 %"
        case .zeroEffect:
            return "the minimum detectable effect is zero"
        case let .targetOutOfRange(baseline, target):
            return "the effect moves the rate from \(Self.percent(baseline)) to '\(Self.percent(target))', outside 0 %–100 %"
        case let .alphaOutOfRange(a):
            return "alpha '\(a)' must be strictly between 0 and 1"
        case let .powerOutOfRange(p):
            return "power '\(p)' must be strictly between 0 and 1"
        case let .powerNotAboveAlpha(power, alpha):
            return "power '\(power)' must be larger than alpha '\(alpha)'"
        case let .tooFewVariants(names):
            if names.isEmpty { return "no variants found; an experiment needs a control and at least one variant" }
            return "only one variant ('\(names.joined(separator: "', '"))'); an experiment needs at least two"
        case let .conversionsExceedVisitors(variant, conversions, visitors):
            return "variant '\(variant)' has \(conversions) conversions but only \(visitors) visitors"
        case let .negativeCount(variant, value):
            return "variant '\(variant)' has a negative count '\(value)'"
        case let .emptyVariant(name):
            return "variant '\(name)' has no data"
        case let .duplicateVariant(name):
            return "variant '\(name)' appears twice"
        case let .nonPositiveStandardDeviation(sd):
            return "standard deviation '\(sd)' must be positive"
        case let .nonPositiveTraffic(t):
            return "daily traffic '\(t)' must be positive"
        case let .invalidVariantCount(k):
            return "variants '\(k)' must be at least 2 (control plus one variant)"
        case let .invalidPlannedShares(shares):
            return "planned split '\(shares.map { String($0) }.joined(separator: ":"))' does not fit the variants"
        case let .invalidLooks(n):
            return "looks '\(n)' must be at least 1"
        case let .nonFiniteValue(variant):
            return "variant '\(variant)' has a missing or infinite value"
        case let .effectTooSmall(effect):
            return "effect '\(effect)' is too small: it needs more than 10^12 visitors per variant"
        case let .unknownVariant(name, available):
            return "no variant '\(name)' among \(available.map { "'\($0)'" }.joined(separator: ", "))"
        case let .invalidSampleSize(n):
            return "sample size '\(n)' per variant must be at least 1"
        case let .invalidRunCount(n):
            return "runs '\(n)' must be at least 1"
        }
    }

    /// Plain advice; the shell words it in its commands and options (`AnalyticsErrorHints`).
    public var hint: String? {
        switch self {
        case .baselineOutOfRange: return "give the control's current conversion rate, e.g. 3.2%"
        case .zeroEffect: return "give the smallest lift worth detecting, e.g. 10% relative or 0.5 points absolute"
        case .targetOutOfRange: return "use a smaller effect, or an absolute one if you meant percentage points"
        case .alphaOutOfRange: return "alpha is the false-positive rate, usually 0.05"
        case .powerOutOfRange: return "power is the chance to detect a real effect, usually 0.8"
        case .powerNotAboveAlpha: return "use e.g. alpha 0.05 and power 0.8"
        case .tooFewVariants: return "check the variant column, or give counts for each arm"
        case .conversionsExceedVisitors: return "give conversions and visitors in that order"
        case .negativeCount: return "counts must be zero or more"
        case .emptyVariant: return "remove the variant or check the filter"
        case .duplicateVariant: return "give each variant a distinct name"
        case .nonPositiveStandardDeviation: return "give the standard deviation from past data"
        case .nonPositiveTraffic: return "give the visitors (or orders) per day entering the test"
        case .invalidVariantCount: return "use 2 variants for a simple A/B test"
        case .invalidPlannedShares: return "give one positive share per variant"
        case .invalidLooks: return "looks counts how often the results were checked, 1 for a single final look"
        case .nonFiniteValue: return "drop or fill missing values first"
        case .effectTooSmall: return "plan for a larger effect"
        case let .unknownVariant(name, available):
            return Suggestions.didYouMean(name, in: available) ?? "name one of the variants as the control"
        case .invalidSampleSize: return "simulate at least one visitor per variant"
        case .invalidRunCount: return "simulate at least one run"
        }
    }

    /// A rate as a percentage for messages, e.g. 0.032 → "3.2%".
    static func percent(_ p: Double) -> String {
        guard p.isFinite else { return String(p) }
        var text = String(format: "%.4f", p * 100)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text + "%"
    }
}
