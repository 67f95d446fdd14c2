import UpshellAnalytics
import UpshellCore
import UpshellData

/// `recommend customer ID`: next-best offers from the customer's history, with their segment and
/// lifecycle stage.
struct RecommendCustomerCommand: ScopedCommand {
    public static let spec = CommandSpec(
        name: "recommend customer", group: .offers,
        abstract: "next-best offers for a customer: what similar customers bought, and what goes with their history",
        synopsis: ["recommend customer ID [k=4] [method=user-cf|item-cf|fbt|content|hybrid|popular] [context=…] [similarity=…] [unit=…]"],
        discussion: """
            customer ID: the customer's history (the distinct products of all their orders) is the context. user-cf: the \
            30 customers most similar by cosine over what they bought (shared products / √(|A|·|B|)); a product's \
            score is the summed similarity of the neighbours who bought it, evidence how many did. hybrid (default): \
            user-cf products bought by at least min-evidence neighbours, then item-cf from the history, then popular. \
            What the customer already bought is never offered again unless it is a replenishment item \
            ('policy set replenish=…'); their declines are never shown. The customer's segment (the active \
            segmentation, if any) and lifecycle stage (segment lifecycle's defaults) are shown with the history.
            """,
        positionals: [PositionalSpec("customer", .text, "the customer id")],
        options: OfferInput.options,
        examples: ["recommend customer C00042", "recommend customer C00042 method=user-cf k=3"])

    let settings: RecommendSettings
    let id: String
    let places: ArgumentPlaces
    var orderScope: OrderScope { settings.orderScope }

    public init(arguments: Arguments) throws {
        try arguments.expectPositionals(atMost: 2)
        id = try arguments.positional(1, "a customer id: recommend customer ID").text
        settings = try RecommendSettings(arguments, forCustomer: true)
        places = arguments.places
    }

    func run(in session: Session, on resolved: ResolvedOrderScope) throws -> CommandOutput {
        let model = resolved.model
        guard model.hasCustomers else { throw OfferError.noCustomers }
        guard let c = (0..<model.customers.count).first(where: { model.customers.key[$0] == id }) else {
            let keys = (0..<model.customers.count).lazy.map { model.customers.key[$0] }
            let close = Suggestions.closest(to: id, in: keys)
            throw places.error("no customer '\(id)' in \(resolved.description)", positional: 1,
                               hint: close.isEmpty ? "customer ids are matched exactly" : "did you mean " + close.map { "'\($0)'" }.joined(separator: " or ") + "?")
        }
        let policy = session.offerPolicy
        let (models, reused) = try OfferInput.models(resolved, session, similarity: settings.similarity, unit: settings.unit)
        let histories = try CustomerHistories(model, keep: resolved.keep)
        let history = Array(histories.history(Int32(c)))
        var request = OfferRequest(placement: settings.placement)
        request.bought = Set(history)
        request.replenishment = OfferDeclines.ids(policy.replenishment, models.catalogue).ids
        request.declined = try OfferDeclines.resolve(policy, models.catalogue, customer: id).everyone
        let k = settings.k ?? policy.k
        var r = Recommender(models, minimumEvidence: policy.minimumEvidence)
        var candidates: [Suggestion]
        switch settings.method {
        case .userCF: candidates = histories.recommend(for: Int32(c))
        case .hybrid:
            candidates = histories.recommend(for: Int32(c)).filter { $0.evidence >= policy.minimumEvidence }
            let taken = Set(candidates.map(\.item))
            candidates += r.candidates(.itemCF, context: history, limit: Int.max).filter { !taken.contains($0.item) }
        default: candidates = r.candidates(settings.method, context: history, limit: Int.max)
        }
        var effects = PolicyEffects()
        var list = policy.apply(candidates, request, catalogue: models.catalogue, k: k, effects: &effects)
        let fromMethod = list.count
        if list.count < k && policy.minimumRelevance == 0 {
            var ignored = PolicyEffects()
            let fill = r.popular(limit: Int.max, skip: Set(list.map(\.item)), source: .popularFallback)
            list += policy.apply(fill, request, catalogue: models.catalogue, k: k - list.count, effects: &ignored)
        }
        var out = CommandOutput([.table(OfferInput.table(list, models, title: "Next-best offers for customer \(id) — \(settings.method.rawValue), \(resolved.description)"))])
        out.append(.note(profile(Int32(c), history: history.count, model, session, resolved)))
        out.append(contentsOf: OfferInput.notes(effects, fromMethod: fromMethod, shown: list.count, method: settings.method, policy: policy,
                                                placement: settings.placement, models: models, reused: reused, currency: session.renderSettings.currency))
        return out
    }

    /// `history: 12 orders, 9 products, last order 2026-08-02; segment 'Champions' (rfm); lifecycle 'engaged'`.
    func profile(_ c: Int32, history: Int, _ model: OrderModel, _ session: Session, _ resolved: ResolvedOrderScope) -> String {
        let customers = model.customers
        var text = "history: \(LoadSummary.grouped(Int(customers.orderCount[Int(c)]))) order\(customers.orderCount[Int(c)] == 1 ? "" : "s"), "
            + "\(history) product\(history == 1 ? "" : "s")"
        if model.hasTimes { text += ", last order \(CivilDateFormatting.iso(customers.lastOrderTime[Int(c)] - customers.lastOrderTime[Int(c)] % 86_400))" }
        if let s = session.segments.active(for: resolved.parent.name), let seg = s.segmentOfCustomer, Int(c) < seg.count, seg[Int(c)] >= 0,
           resolved.parent.name == resolved.dataset.name {
            text += "; segment '\(s.labels[Int(seg[Int(c)])])' (\(s.name))"
        }
        if let life = try? LifecycleSegmentation.compute(model, LifecycleParameters()), let seg = life.segmentOfCustomer, seg[Int(c)] >= 0 {
            text += "; lifecycle '\(life.labels[Int(seg[Int(c)])])'"
        }
        return text
    }
}
