import UpshellCore

/// Why a segmentation cannot be made.
public enum SegmentationError: UserFacingError, Equatable {
    case missingRole(String, String)
    case tooFewCustomers(Int, String)
    case badParameter(String, String)

    public var message: String {
        switch self {
        case let .missingRole(role, kind): "segment \(kind) needs the '\(role)' role, which no column plays"
        case let .tooFewCustomers(n, kind): "segment \(kind) needs at least 2 customers; the data has \(n)"
        case let .badParameter(name, why): "\(name): \(why)"
        }
    }

    public var hint: String? {
        switch self {
        case let .missingRole(role, _): "map it: map \(role)=COLUMN ('describe' lists the columns)"
        case .tooFewCustomers: "segments compare customers with each other; load more orders"
        case .badParameter: "'help segment' lists the parameters and their ranges"
        }
    }
}
