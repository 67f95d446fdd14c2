/// Where an offer is shown (`context=`): checkout limits offers to low-commitment add-ons.
public enum OfferPlacement: String, CaseIterable, Sendable {
    case productPage = "product-page"
    case cart
    case checkout
    case postPurchase = "post-purchase"
}

/// The business rules every recommend command applies, the same way (`policy`).
///
/// In order: products that cannot be offered, are below ``minimumInventory`` units in stock, were
/// declined, or (for a customer) were already bought and are no replenishment item are removed; at
/// checkout only products priced in [``checkoutMinimum``, ``checkoutMaximum``] — or, when the cart's value
/// is known, at most ``checkoutShare`` of it (and at least the minimum) — stay; suggestions whose
/// relevance is below ``minimumRelevance`` go; the score becomes relevance × ((1 − w) + w × margin share)
/// (w = ``marginWeight``; unknown margins keep the factor 1) × ``strategicBoost`` for strategic products;
/// within each source the list is re-ranked by that score; at most ``k`` are kept.
public struct OfferPolicy: Sendable, Equatable {
    /// Most suggestions shown.
    public var k = 4
    /// Products with fewer units in stock are never shown (unknown stock passes).
    public var minimumInventory = 5.0
    /// Weight of the margin share in the score, 0…1 (0: relevance only).
    public var marginWeight = 0.0
    /// Factor for strategic products, 1…``maximumBoost``.
    public var strategicBoost = 1.0
    /// Suggestions with a lower relevance are not shown (0: no threshold); fallbacks are not added when set.
    public var minimumRelevance = 0.0
    /// Checkout price band.
    public var checkoutMinimum = 5.0
    public var checkoutMaximum = 20.0
    /// Checkout: also allowed up to this share of the cart's value.
    public var checkoutShare = 0.20
    /// Fewest co-purchases for a collaborative suggestion in `hybrid`.
    public var minimumEvidence = 3
    /// Product keys or names never shown (declined), for every customer.
    public var declinedByAll: [String] = []
    /// Declines per customer key: product keys or names.
    public var declinedByCustomer: [String: [String]] = [:]
    /// Product keys or names that may be offered again to a customer who bought them.
    public var replenishment: [String] = []

    /// The highest strategic boost allowed.
    public static let maximumBoost = 1.5

    public init() {}

    /// `30`, `2.5`.
    static func text(_ v: Double) -> String { v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v) }

    /// What contradicts itself or is out of bounds, in the analyst's words (empty: consistent).
    public var problems: [String] {
        var out: [String] = []
        if k < 1 { out.append("k must be 1 or more, not \(k)") }
        if k > 100 { out.append("k must be at most 100, not \(k)") }
        if !(0...1).contains(marginWeight) { out.append("margin-weight must be between 0 and 1") }
        if !(1...Self.maximumBoost).contains(strategicBoost) { out.append("strategic-boost must be between 1 and \(Self.maximumBoost) (a bounded factor)") }
        if checkoutMinimum > checkoutMaximum { out.append("checkout-min (\(Self.text(checkoutMinimum))) is above checkout-max (\(Self.text(checkoutMaximum)))") }
        if checkoutMinimum < 0 { out.append("checkout-min cannot be negative") }
        if !(0...1).contains(checkoutShare) { out.append("checkout-share must be between 0% and 100%") }
        if minimumRelevance < 0 { out.append("min-relevance cannot be negative") }
        if minimumEvidence < 1 { out.append("min-evidence must be 1 or more") }
        let declined = Set(declinedByAll.map { $0.lowercased() })
        if let both = replenishment.first(where: { declined.contains($0.lowercased()) }) {
            out.append("'\(both)' is both declined by everyone and a replenishment item")
        }
        return out
    }
}

/// The facts a policy needs about one request.
public struct OfferRequest: Sendable {
    public var placement: OfferPlacement = .productPage
    /// Value of the cart (checkout share), nil when unknown.
    public var cartValue: Double?
    /// Products never to show (declined, resolved to ids).
    public var declined: Set<Int32> = []
    /// Products the customer already bought (removed unless replenishment).
    public var bought: Set<Int32> = []
    /// Replenishment products (resolved).
    public var replenishment: Set<Int32> = []
    /// Products left out for this request without counting as a policy effect (a cart's near-substitutes).
    public var excluded: Set<Int32> = []
    public init(placement: OfferPlacement = .productPage) { self.placement = placement }
}

/// Why candidates were removed, for the notes under a recommendation.
public struct PolicyEffects: Sendable, Equatable {
    public var lowInventory = 0
    public var declined = 0
    public var alreadyBought = 0
    public var outsideCheckoutBand = 0
    public var belowRelevance = 0
    public init() {}
}

extension OfferPolicy {
    /// Applies the rules to `candidates` (ranked, sources in tiers) and keeps at most `k`.
    public func apply(_ candidates: [Suggestion], _ request: OfferRequest, catalogue: OfferCatalogue, k wanted: Int? = nil,
                      effects: inout PolicyEffects) -> [Suggestion] {
        var kept: [Suggestion] = []
        for var s in candidates {
            guard admits(s.item, request, catalogue, &effects) else { continue }
            if minimumRelevance > 0, s.source != .popular, s.source != .popularFallback, s.relevance < minimumRelevance {
                effects.belowRelevance += 1
                continue
            }
            let m = catalogue.margin[Int(s.item)]
            var factor = m.isFinite ? (1 - marginWeight) + marginWeight * m : 1
            if catalogue.strategic[Int(s.item)] { factor *= strategicBoost }
            s.score = s.relevance * factor
            kept.append(s)
        }
        let tier: (SuggestionSource) -> Int = {
            switch $0 {
            case .userCF: 0
            case .itemCF, .fbt: 1
            case .content: 2
            case .popular: 3
            case .popularFallback: 4
            }
        }
        kept.sort { a, b in tier(a.source) != tier(b.source) ? tier(a.source) < tier(b.source) : Suggestion.ranksBefore(a, b) }
        let limit = wanted ?? k
        if kept.count > limit { kept.removeLast(kept.count - limit) }
        return kept
    }

    /// Whether product `p` may be shown for `request` (counting what removed it).
    public func admits(_ p: Int32, _ request: OfferRequest, _ catalogue: OfferCatalogue, _ effects: inout PolicyEffects) -> Bool {
        let i = Int(p)
        guard catalogue.offerable[i], !request.excluded.contains(p) else { return false }
        if request.declined.contains(p) { effects.declined += 1; return false }
        let stock = catalogue.inventory[i]
        if stock.isFinite && stock < minimumInventory { effects.lowInventory += 1; return false }
        if request.bought.contains(p) && !request.replenishment.contains(p) { effects.alreadyBought += 1; return false }
        if request.placement == .checkout {
            let price = catalogue.price[i]
            let ceiling = max(checkoutMaximum, (request.cartValue ?? 0) * checkoutShare)
            if !(price.isFinite && price >= checkoutMinimum && price <= ceiling) { effects.outsideCheckoutBand += 1; return false }
        }
        return true
    }
}
