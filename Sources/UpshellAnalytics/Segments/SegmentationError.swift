import UpshellCore

/// Why a segmentation cannot be made. Messages and hints are plain; the shell words them in its
/// commands and options (`AnalyticsErrorHints` in UpshellShell).
public enum SegmentationError: UserFacingError, Equatable {
    /// The segmentation (`rfm`, `lifecycle`, …) needs a column role that no column plays: (role, segmentation).
    case missingRole(String, String)
    /// Fewer than two customers: (count, segmentation).
    case tooFewCustomers(Int, String)
    /// The active window is not positive and shorter than the lapsed one (in inter-purchase times).
    case activeNotBeforeLapsed(active: Double, lapsed: Double)
    /// A champion needs at least two orders.
    case championOrdersTooFew
    /// No customer ordered twice on different days, so the inter-purchase time is unknown.
    case noInterPurchaseTime
    /// The top share is not strictly between 0 and 1.
    case topShareOutOfRange(Double)

    public var message: String {
        switch self {
        case let .missingRole(role, kind): "the \(kind) segmentation needs the '\(role)' role, which no column plays"
        case let .tooFewCustomers(n, kind): "the \(kind) segmentation needs at least 2 customers; the data has \(n)"
        case let .activeNotBeforeLapsed(active, lapsed): "the active window must be positive and shorter than the lapsed one (got \(active) and \(lapsed) inter-purchase times)"
        case .championOrdersTooFew: "a champion needs at least 2 orders"
        case .noInterPurchaseTime: "no customer ordered twice on different days, so the inter-purchase time is unknown"
        case let .topShareOutOfRange(share): "the top share must be more than 0% and less than 100% (got \(share * 100)%)"
        }
    }

    public var hint: String? {
        switch self {
        case let .missingRole(role, _): "name the column that holds the \(role)"
        case .tooFewCustomers: "segments compare customers with each other; load more orders"
        case .noInterPurchaseTime: "give the inter-purchase time in days"
        default: nil
        }
    }
}
