import UpshellCore

/// Input a statistical kernel cannot work with, phrased for the person at the terminal.
public enum StatisticsError: UserFacingError, Equatable {
    /// A sample has fewer observations than the method needs (`group` names it, e.g. 'b').
    case tooFewObservations(group: String, count: Int, needed: Int)
    /// Counts are negative, or successes exceed trials.
    case invalidCounts(group: String, successes: Int, trials: Int)
    /// A probability or confidence level outside (0, 1).
    case invalidLevel(Double)
    /// Both samples are constant, so the test statistic is undefined.
    case zeroVariance
    /// A sample contains NaN or an infinite value.
    case nonFiniteValue(group: String)

    public var message: String {
        switch self {
        case let .tooFewObservations(group, count, needed):
            return "group '\(group)' has \(count) observation\(count == 1 ? "" : "s"); at least \(needed) needed"
        case let .invalidCounts(group, successes, trials):
            return "group '\(group)' has \(successes) successes out of \(trials) trials"
        case let .invalidLevel(level):
            return "level '\(level)' must be strictly between 0 and 1"
        case .zeroVariance:
            return "both groups are constant, so the test is undefined"
        case let .nonFiniteValue(group):
            return "group '\(group)' contains a missing or infinite value"
        }
    }

    public var hint: String? {
        switch self {
        case .tooFewObservations: return "collect more data or merge small groups"
        case .invalidCounts: return "successes must be between 0 and the number of trials"
        case .invalidLevel: return "use e.g. 0.95 for a 95 % interval"
        case .zeroVariance: return "check that the value column is the one you meant"
        case .nonFiniteValue: return "drop or fill missing values first"
        }
    }
}
