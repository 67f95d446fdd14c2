/// Turns a context (a product, a cart, the other products of an order) into ranked candidates by one
/// method. Holds scratch rows sized to the catalogue so a query costs only the neighbours it touches.
///
/// ```swift
/// var r = Recommender(models)
/// let top = r.candidates(.itemCF, context: [p], limit: 4)
/// ```
public struct Recommender: Sendable {
    /// The models it reads.
    public let models: OfferModels
    /// Fewest co-purchases with the context for an item–item suggestion in `hybrid`.
    public var minimumEvidence = 3
    var total: [Double], evidence: [Int32], best: [Double], bestAt: [Int32], anchorOf: [Int32]
    var touched: [Int32] = []
    var inContext: [Bool]

    public init(_ models: OfferModels, minimumEvidence: Int = 3) {
        self.models = models
        self.minimumEvidence = minimumEvidence
        let n = models.catalogue.count
        total = [Double](repeating: 0, count: n)
        evidence = [Int32](repeating: 0, count: n)
        best = [Double](repeating: -1, count: n)
        bestAt = [Int32](repeating: -1, count: n)
        anchorOf = [Int32](repeating: -1, count: n)
        inContext = [Bool](repeating: false, count: n)
    }

    /// Candidates for `context` by `method`, best first, without the context's products and products that
    /// cannot be offered; at most `limit` (popular fills only for `hybrid` and `popular` itself).
    /// user-cf needs a customer history: use ``UserNeighbours`` instead (here it falls back to item-cf).
    public mutating func candidates(_ method: RecommendMethod, context: [Int32], limit: Int) -> [Suggestion] {
        for c in context where Int(c) < inContext.count { inContext[Int(c)] = true }
        defer { for c in context where Int(c) < inContext.count { inContext[Int(c)] = false } }
        switch method {
        case .itemCF, .userCF: return collaborative(models.itemCF, source: .itemCF, context: context, limit: limit)
        case .fbt: return collaborative(models.fbt, source: .fbt, context: context, limit: limit)
        case .content: return content(context: context, limit: limit, skip: [])
        case .popular: return popular(limit: limit, skip: [], source: .popular)
        case .hybrid: return hybrid(context: context, limit: limit)
        }
    }

    /// Best-sellers not in the context nor in `skip`.
    public mutating func popular(limit: Int, skip: Set<Int32>, source: SuggestionSource) -> [Suggestion] {
        var out: [Suggestion] = []
        let n = Double(max(1, models.orderCount))
        for p in models.popularity where out.count < limit {
            if inContext[Int(p)] || skip.contains(p) || !models.catalogue.offerable[Int(p)] { continue }
            let c = models.ordersOfItem[Int(p)]
            out.append(Suggestion(item: p, score: Double(c) / n, evidence: Int(c), source: source))
        }
        return out
    }

    /// Best-sellers not in `context` nor in `skip`, labelled as a fallback.
    public mutating func popularExcluding(_ context: [Int32], skip: Set<Int32>, limit: Int = Int.max) -> [Suggestion] {
        for c in context where Int(c) < inContext.count { inContext[Int(c)] = true }
        defer { for c in context where Int(c) < inContext.count { inContext[Int(c)] = false } }
        return popular(limit: limit, skip: skip, source: .popularFallback)
    }

    // hot loop: sums the neighbours' measures over the context in dense scratch rows, touched entries reset.
    mutating func collaborative(_ m: CoOccurrenceModel, source: SuggestionSource, context: [Int32], limit: Int) -> [Suggestion] {
        touched.removeAll(keepingCapacity: true)
        for a in context where Int(a) < m.itemCount {
            for e in m.range(of: a) {
                let j = m.neighbour[e]
                if inContext[Int(j)] || !models.catalogue.offerable[Int(j)] { continue }
                if evidence[Int(j)] == 0 && total[Int(j)] == 0 { touched.append(j) }
                total[Int(j)] += m.score[e]
                evidence[Int(j)] += m.together[e]
                if m.score[e] > best[Int(j)] { best[Int(j)] = m.score[e]; bestAt[Int(j)] = Int32(e); anchorOf[Int(j)] = a }
            }
        }
        var out: [Suggestion] = []
        out.reserveCapacity(touched.count)
        for j in touched {
            let e = Int(bestAt[Int(j)]), a = anchorOf[Int(j)]
            out.append(Suggestion(item: j, score: total[Int(j)], evidence: Int(evidence[Int(j)]), similarity: best[Int(j)],
                                  lift: m.lift(a, at: e), anchor: a, source: source))
            total[Int(j)] = 0; evidence[Int(j)] = 0; best[Int(j)] = -1; bestAt[Int(j)] = -1; anchorOf[Int(j)] = -1
        }
        out.sort(by: Suggestion.ranksBefore)
        if out.count > limit { out.removeLast(out.count - limit) }
        return out
    }

    /// Content-based candidates: the best content score over the context, products sold at least once.
    mutating func content(context: [Int32], limit: Int, skip: Set<Int32>) -> [Suggestion] {
        let cat = models.catalogue
        var out: [Suggestion] = []
        for j in 0..<Int32(cat.count) where !inContext[Int(j)] && cat.offerable[Int(j)] && models.ordersOfItem[Int(j)] > 0 && !skip.contains(j) {
            var s = 0.0, anchor: Int32 = -1
            for a in context where Int(a) < cat.count {
                let v = cat.contentScore(a, j)
                if v > s { s = v; anchor = a }
            }
            if s > 0 { out.append(Suggestion(item: j, score: s, evidence: 0, similarity: s, anchor: anchor, source: .content)) }
        }
        // ties: more orders first, then id
        let orders = models.ordersOfItem
        out.sort { a, b in
            if a.score != b.score { return a.score > b.score }
            if orders[Int(a.item)] != orders[Int(b.item)] { return orders[Int(a.item)] > orders[Int(b.item)] }
            return a.item < b.item
        }
        if out.count > limit { out.removeLast(out.count - limit) }
        return out
    }

    /// Item–item suggestions with enough evidence, then content, then popular.
    mutating func hybrid(context: [Int32], limit: Int) -> [Suggestion] {
        var out = collaborative(models.itemCF, source: .itemCF, context: context, limit: Int.max).filter { $0.evidence >= minimumEvidence }
        if out.count > limit { out.removeLast(out.count - limit) }
        var taken = Set(out.map(\.item))
        if out.count < limit {
            let more = content(context: context, limit: limit - out.count, skip: taken)
            out += more
            taken.formUnion(more.map(\.item))
        }
        if out.count < limit { out += popular(limit: limit - out.count, skip: taken, source: .popular) }
        return out
    }
}

extension Recommender {
    /// `method`'s suggestions for `context` after `policy`; when fewer than `k` pass, best-sellers that pass
    /// fill the list, labelled ``SuggestionSource/popularFallback`` (not when a relevance threshold is set:
    /// then nothing rather than something irrelevant).
    public mutating func recommend(_ method: RecommendMethod, context: [Int32], policy: OfferPolicy, request: OfferRequest,
                                   k: Int? = nil) -> (suggestions: [Suggestion], effects: PolicyEffects, fromMethod: Int) {
        var effects = PolicyEffects()
        let wanted = k ?? policy.k
        minimumEvidence = policy.minimumEvidence
        // a few more candidates than needed, all of them only when the policy removed too many
        let first = max(4 * wanted, wanted + 32)
        var raw = candidates(method, context: context, limit: first)
        var out = policy.apply(raw, request, catalogue: models.catalogue, k: wanted, effects: &effects)
        if out.count < wanted && raw.count >= first {
            effects = PolicyEffects()
            raw = candidates(method, context: context, limit: Int.max)
            out = policy.apply(raw, request, catalogue: models.catalogue, k: wanted, effects: &effects)
        }
        let fromMethod = out.count
        if out.count < wanted && policy.minimumRelevance == 0 && method != .popular {
            let taken = Set(out.map(\.item))
            var ignored = PolicyEffects()
            let missing = wanted - out.count
            var fill = popularExcluding(context, skip: taken, limit: max(4 * missing, missing + 32))
            var admitted = policy.apply(fill, request, catalogue: models.catalogue, k: missing, effects: &ignored)
            if admitted.count < missing {
                fill = popularExcluding(context, skip: taken, limit: Int.max)
                admitted = policy.apply(fill, request, catalogue: models.catalogue, k: missing, effects: &ignored)
            }
            out += admitted
        }
        return (out, effects, fromMethod)
    }
}
