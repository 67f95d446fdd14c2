import Foundation

/// A caution about reading an experiment's result, with the numbers behind it. The command prints
/// ``message`` under the result table; ``code`` is a stable identifier for scripts and tests.
public enum ExperimentWarning: Sendable, Hashable {
    /// A variant has fewer conversions than the rule of thumb (350–400 per variant) asks for.
    case fewConversions(variant: String, conversions: Int, ruleOfThumb: Int)
    /// A variant has fewer units than the planned sample size.
    case belowPlannedSample(variant: String, observed: Int, planned: Int)
    /// A value metric has few observations in a variant, so t and bootstrap intervals are rough.
    case fewObservations(variant: String, count: Int, minimum: Int)
    /// The test ran for fewer days than two weekly cycles.
    case shortDuration(days: Int, minimumDays: Int)
    /// The traffic split differs from the planned split more than chance allows (χ² goodness of fit).
    case sampleRatioMismatch(pValue: Double, observedShares: [Double], expectedShares: [Double])
    /// The results were looked at more than once; fixed-horizon p-values overstate significance.
    case peeking(looks: Int, sequentialIntervalIncluded: Bool)
    /// Several variants were compared with control; p-values are reported Holm-adjusted as well.
    case multipleComparisons(comparisons: Int)

    /// A stable identifier: `few-conversions`, `below-planned-sample`, `few-observations`,
    /// `short-duration`, `sample-ratio-mismatch`, `peeking`, `multiple-comparisons`.
    public var code: String {
        switch self {
        case .fewConversions: return "few-conversions"
        case .belowPlannedSample: return "below-planned-sample"
        case .fewObservations: return "few-observations"
        case .shortDuration: return "short-duration"
        case .sampleRatioMismatch: return "sample-ratio-mismatch"
        case .peeking: return "peeking"
        case .multipleComparisons: return "multiple-comparisons"
        }
    }

    /// One sentence for the analyst, lower case, variant names in single quotes.
    public var message: String {
        switch self {
        case let .fewConversions(variant, conversions, rule):
            return "variant '\(variant)' has \(conversions) conversions; results are fragile below about \(rule) per variant"
        case let .belowPlannedSample(variant, observed, planned):
            return "variant '\(variant)' has \(observed) of the \(planned) planned; the test is underpowered until it reaches the plan"
        case let .fewObservations(variant, count, minimum):
            return "variant '\(variant)' has only \(count) values (fewer than \(minimum)); intervals are rough"
        case let .shortDuration(days, minimum):
            return "the test ran \(days) day\(days == 1 ? "" : "s"); run at least \(minimum) days (two full weekly cycles) to average out weekday effects"
        case let .sampleRatioMismatch(p, observed, expected):
            let obs = observed.map { Self.share($0) }.joined(separator: "/")
            let exp = expected.map { Self.share($0) }.joined(separator: "/")
            return "sample-ratio mismatch: traffic split \(obs) vs planned \(exp) (chi-square p = \(Self.pValue(p))); check assignment and logging before trusting the result"
        case let .peeking(looks, included):
            let advice = included ? "use the always-valid (mSPRT) interval below" : "use the sequential option for an always-valid interval"
            return "results were checked \(looks) times; the p-value is only valid for a single look at a planned sample size — \(advice)"
        case let .multipleComparisons(comparisons):
            return "\(comparisons) variants are compared with control; judge them by the Holm-adjusted p-values"
        }
    }

    private static func share(_ x: Double) -> String { String(format: "%.1f%%", x * 100) }
    private static func pValue(_ p: Double) -> String { p < 1e-4 ? String(format: "%.1e", p) : String(format: "%.4f", p) }
}
