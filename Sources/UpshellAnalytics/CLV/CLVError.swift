import UpshellCore

/// Why a lifetime-value computation cannot give an answer.
public enum CLVError: UserFacingError, Equatable {
    /// A column role the computation needs is not mapped: (role, what needs it).
    case missingRole(String, String)
    /// No customer has an order with a known time.
    case noCustomers
    /// The calibration end lies before the first or after the last order: (end, first, last) as dates.
    case calibrationEndOutside(String, String, String)
    /// Too few customers or repeat buyers for a model: (what, count, needed).
    case tooLittleData(String, Int, Int)
    /// The optimizer did not converge: the model and its last state.
    case notConverged(model: String, reason: String, lastState: String)

    public var message: String {
        switch self {
        case let .missingRole(role, what):
            "\(what) needs the '\(role)' role, which no column plays"
        case .noCustomers:
            "no customer has an order with a known time"
        case let .calibrationEndOutside(end, first, last):
            "calibration end \(end) is outside the orders' dates (\(first) … \(last))"
        case let .tooLittleData(what, n, needed):
            "too little data to fit: \(n) \(what) (at least \(needed) needed)"
        case let .notConverged(model, reason, state):
            "the \(model) fit did not converge: \(reason); last state: \(state)"
        }
    }

    /// Plain advice; the shell words it in its commands and options (`AnalyticsErrorHints`).
    public var hint: String? {
        switch self {
        case let .missingRole(role, _): "name the column that holds the \(role)"
        case .noCustomers: "lifetime value follows customers over time: it needs customer ids and order times"
        case .calibrationEndOutside:
            "choose a day from the first to the last order date; the days after it form the holdout period"
        case .tooLittleData: "fit on more history (a later calibration end) or more customers"
        case .notConverged: "the data may not fit the model (e.g. almost no repeat purchases); try days as the time unit or another calibration end"
        }
    }
}
