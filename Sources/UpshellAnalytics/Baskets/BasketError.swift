import UpshellCore

/// Why a basket analysis cannot run as asked.
public enum BasketError: UserFacingError, Equatable {
    /// No product has the category or brand the level asks for.
    case noAttribute(String)
    /// An item named in `for=`, `if=` or `then=` is not in the data.
    case unknownItem(String, suggestions: [String])
    /// Several items contain the text typed (the first few of them).
    case ambiguousItem(String, matches: [String], count: Int)
    /// Every basket has one item: nothing is bought together.
    case noMultiItemBaskets(Int)
    /// A support outside (0, 100 %].
    case badSupport(String)
    /// The result would be too large to hold; `estimate` is a lower bound or an extrapolation.
    /// `found` is set when the search itself passed the limit (then the estimate is an extrapolation),
    /// `nil` when the estimate made before the search did.
    case tooManyItemsets(found: Int?, estimate: Double, support: String)

    public var message: String {
        switch self {
        case .noAttribute(let what): "no product has a \(what), so baskets cannot be built at \(what) level"
        case let .unknownItem(name, _): "no item '\(name)' in these baskets"
        case let .ambiguousItem(name, _, count): "'\(name)' matches \(count) items"
        case .noMultiItemBaskets(let n): "none of the \(n) baskets holds two items or more, so nothing is bought together"
        case .badSupport(let why): why
        case let .tooManyItemsets(found?, estimate, support):
            "min-support=\(support) gives more than \(found) itemsets (about \(Self.short(estimate)) by extrapolation), too many to hold"
        case let .tooManyItemsets(nil, estimate, support):
            "min-support=\(support) would give an estimated \(Self.short(estimate)) itemsets or more (sampled early in the search), too many to hold"
        }
    }

    public var hint: String? {
        switch self {
        case .noAttribute(let what): "join a product table with a \(what) column (join products FILE), or use level=product"
        case let .unknownItem(_, suggestions):
            suggestions.isEmpty ? "names are product names or ids as in the data; 'pairs' lists the common ones"
                : "did you mean " + suggestions.map { "'\($0)'" }.joined(separator: " or ") + "?"
        case let .ambiguousItem(_, matches, count):
            "name one exactly: " + matches.map { "'\($0)'" }.joined(separator: ", ") + (count > matches.count ? ", …" : "")
        case .noMultiItemBaskets: "pairs and rules need orders with several products; check the order column ('map order=…') or the filter"
        case .badSupport: "give a share above 0% and at most 100%, such as min-support=0.5%"
        case .tooManyItemsets: "raise min-support (or lower max-size), or add the flag 'force' to mine anyway"
        }
    }

    static func short(_ v: Double) -> String {
        if v >= 1e9 { return "\((v / 1e9 * 10).rounded() / 10) billion" }
        if v >= 1e6 { return "\((v / 1e6 * 10).rounded() / 10) million" }
        return "\(Int(v.rounded()))"
    }
}
