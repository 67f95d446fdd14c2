/// How a recommendation is made (`method=`).
public enum RecommendMethod: String, CaseIterable, Sendable {
    /// Item–item collaborative filtering over co-purchases.
    case itemCF = "item-cf"
    /// User–user collaborative filtering: what similar customers bought.
    case userCF = "user-cf"
    /// Frequently bought together: the basket engine's confidence anchor → partner.
    case fbt
    /// Same category, brand and price band.
    case content
    /// Item–item where the evidence is enough, content otherwise, popular last.
    case hybrid
    /// Best-sellers (the baseline).
    case popular
}

/// Where a suggestion came from, shown on every row.
public enum SuggestionSource: String, Sendable {
    case itemCF = "item-cf"
    case userCF = "user-cf"
    case fbt
    case content
    case popular
    /// A best-seller filling a list the method could not fill.
    case popularFallback = "popular (fallback)"
}

/// One suggested product with the reasons for it.
public struct Suggestion: Sendable, Equatable {
    /// Product id.
    public var item: Int32
    /// The method's score (after policy weighting when a policy was applied).
    public var score: Double
    /// The score before margin weighting and strategic boost.
    public var relevance: Double
    /// Co-purchases with the context (item-cf, fbt), customers (user-cf) or orders (popular); 0 for content.
    public var evidence: Int
    /// The similarity (item-cf), confidence (fbt) or content score of the strongest context item, `.nan` else.
    public var similarity: Double
    /// Lift with the strongest context item, `.nan` where not measured.
    public var lift: Double
    /// The context product the strongest link is to, `-1` when none.
    public var anchor: Int32
    /// Where it came from.
    public var source: SuggestionSource

    public init(item: Int32, score: Double, evidence: Int, similarity: Double = .nan, lift: Double = .nan,
                anchor: Int32 = -1, source: SuggestionSource) {
        self.item = item
        self.score = score
        self.relevance = score
        self.evidence = evidence
        self.similarity = similarity
        self.lift = lift
        self.anchor = anchor
        self.source = source
    }

    /// Best first: score, then evidence (descending), then product id.
    public static func ranksBefore(_ a: Suggestion, _ b: Suggestion) -> Bool {
        if a.score != b.score { return a.score > b.score }
        if a.evidence != b.evidence { return a.evidence > b.evidence }
        return a.item < b.item
    }
}
