import UpshellCore

/// Why a basket analysis cannot run as asked. Messages and hints are plain; the shell words them in
/// its commands and options (`AnalyticsErrorHints` in UpshellShell).
public enum BasketError: UserFacingError, Equatable {
    /// No product has the category or brand the level asks for.
    case noAttribute(String)
    /// An item named in `for=`, `if=` or `then=` is not in the data.
    case unknownItem(String, suggestions: [String])
    /// Several items contain the text typed (the first few of them).
    case ambiguousItem(String, matches: [String], count: Int)
    /// Every basket has one item: nothing is bought together.
    case noMultiItemBaskets(Int)
    /// A support outside (0, 100 %]: why, in words.
    case badSupport(String)
    /// The result would be too large to hold; `estimate` is a lower bound or an extrapolation.
    /// `found` is set when the search itself passed the limit (then the estimate is an extrapolation),
    /// `nil` when the estimate made before the search did.
    case tooManyItemsets(found: Int?, estimate: Double, support: String)
    /// With `force`: the result would not fit in the memory available (``MemoryGuard``).
    case exceedsMemory(estimate: Double, neededBytes: Double, availableBytes: Int, support: String)

    public var message: String {
        switch self {
        case .noAttribute(let what): "no product has a \(what), so baskets cannot be built at \(what) level"
        case let .unknownItem(name, _): "no item '\(name)' in these baskets"
        case let .ambiguousItem(name, _, count): "'\(name)' matches \(count) items"
        case .noMultiItemBaskets(let n): "none of the \(n) baskets holds two items or more, so nothing is bought together"
        case .badSupport(let why): why
        case let .tooManyItemsets(found?, estimate, support):
            "a minimum support of \(support) gives more than \(found) itemsets (about \(Self.short(estimate)) by extrapolation), too many to hold"
        case let .exceedsMemory(estimate, needed, available, support):
            "a minimum support of \(support) gives \(Self.short(estimate)) itemsets or more, needing about \(MemoryGuard.describe(needed)) of memory; \(MemoryGuard.describe(Double(available))) is available"
        case let .tooManyItemsets(nil, estimate, support):
            "a minimum support of \(support) would give an estimated \(Self.short(estimate)) itemsets or more (sampled early in the search), too many to hold"
        }
    }

    public var hint: String? {
        switch self {
        case .noAttribute(let what): "add a product table with a \(what) column, or build baskets of products"
        case let .unknownItem(_, suggestions):
            suggestions.isEmpty ? "names are product names or ids as in the data"
                : "did you mean " + suggestions.map { "'\($0)'" }.joined(separator: " or ") + "?"
        case let .ambiguousItem(_, matches, count):
            "name one exactly: " + matches.map { "'\($0)'" }.joined(separator: ", ") + (count > matches.count ? ", …" : "")
        case .noMultiItemBaskets: "pairs and rules need orders with several products; check which column holds the order ids, and the filter"
        case .badSupport: "give a share above 0% and at most 100%"
        case .tooManyItemsets: "raise the minimum support or lower the largest itemset size"
        case .exceedsMemory: "raise the minimum support or lower the largest itemset size (force cannot make memory); free memory by dropping datasets"
        }
    }

    /// A large count in words: `2.4 million`, `1.1 billion`, or the whole number.
    public static func short(_ v: Double) -> String {
        if v >= 1e9 { return "\((v / 1e9 * 10).rounded() / 10) billion" }
        if v >= 1e6 { return "\((v / 1e6 * 10).rounded() / 10) million" }
        return "\(Int(v.rounded()))"
    }
}
