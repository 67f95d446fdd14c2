import UpshellCore
import UpshellData

/// How much of the end of the data is held out (`holdout=`).
public enum HoldoutSpan: Sendable, Equatable {
    /// The last `days` days before the last order.
    case days(Double)
    /// The last share (0…1) of the data's time span (first to last order).
    case share(Double)
}

/// One query of the protocol: the other distinct products of a test order, and the product held out.
public struct EvaluationQuery: Sendable, Equatable {
    public var context: [Int32]
    public var target: Int32
    /// The order's customer, `-1` for a guest (customer methods then use the context alone).
    public var customer: Int32
    public init(context: [Int32], target: Int32, customer: Int32 = -1) {
        self.context = context
        self.target = target
        self.customer = customer
    }
}

/// One method's scores over the queries.
public struct MethodScore: Sendable {
    public var method: RecommendMethod
    public var queries: Int
    public var hits: Int
    /// hits / queries.
    public var hitRate: Double
    /// Wilson 95 % interval on the hit rate.
    public var hitInterval: ConfidenceInterval
    /// Mean of hits / k.
    public var precision: Double
    /// Mean share of the relevant products found (one per query: equals the hit rate).
    public var recall: Double
    /// Mean average precision at k (one relevant product: 1/rank when found).
    public var map: Double
    /// Mean NDCG at k (one relevant product: 1/log2(rank + 1) when found).
    public var ndcg: Double
    /// Distinct products recommended over all queries ÷ products in the training orders.
    public var coverage: Double
}

/// The offline evaluation of issue 16 (design notes of this folder): a temporal cut, queries from test
/// orders, every method scored beside `popular`.
public struct RecommendationEvaluation: Sendable {
    /// Cut time (seconds since 1970 UTC): training before, test at or after.
    public var cut: Int64
    public var trainingOrders: Int
    public var testOrders: Int
    /// Test orders with at least two distinct products.
    public var multiProductTestOrders: Int
    /// Queries used (all of them, or a seeded sample of ``maximumQueries``).
    public var queries: Int
    /// Queries the protocol defines before sampling.
    public var allQueries: Int
    /// Products in the training orders.
    public var trainingProducts: Int
    public var k: Int
    /// One row per method, `popular` last.
    public var scores: [MethodScore]
    /// Seconds to build the training models.
    public var buildSeconds = 0.0

    /// The cut for `span`: time of the last order minus the span.
    public static func cut(_ model: OrderModel, _ span: HoldoutSpan) throws -> Int64 {
        guard model.hasTimes, let range = model.dateRange else { throw OfferError.noTimes }
        switch span {
        case .days(let d): return range.upperBound - Int64((d * 86_400).rounded())
        case .share(let s): return range.upperBound - Int64((Double(range.upperBound - range.lowerBound) * s).rounded())
        }
    }

    /// Runs the protocol on `model` for `methods` (popular is added when missing) at `k`.
    /// - Parameters:
    ///   - maximumQueries: above this many queries a seeded uniform sample of this size is scored.
    public static func run(_ model: OrderModel, holdout: HoldoutSpan, methods: [RecommendMethod], k: Int,
                           similarity: ItemSimilarity = .cosine, unit: CoOccurrenceUnit = .orders, minimumEvidence: Int = 3,
                           maximumQueries: Int = 100_000, seed: UInt64 = 20_261_125, cutText: (Int64) -> String,
                           progress: any ProgressReporter = SilentProgress()) throws -> RecommendationEvaluation {
        let cut = try Self.cut(model, holdout)
        let orders = model.orders
        var train = [Bool](repeating: false, count: orders.count), test: [Int32] = []
        for o in 0..<orders.count {
            let t = orders.time[o]
            if t == Int64.min { continue }
            if t < cut { train[o] = true } else { test.append(Int32(o)) }
        }
        let trainingCount = train.reduce(0) { $0 + ($1 ? 1 : 0) }
        guard trainingCount > 0 else { throw OfferError.noTrainingOrders(cut: cutText(cut)) }
        guard !test.isEmpty else { throw OfferError.noTestOrders(cut: cutText(cut)) }
        let clock = ContinuousClock.now
        let models = try OfferModels(model, keep: train, similarity: similarity, unit: unit)
        let built = ContinuousClock.now - clock
        var testKeep = [Bool](repeating: false, count: orders.count)
        for o in test { testKeep[Int(o)] = true }
        let testUnits = try PurchaseUnits(model, unit: .orders, keep: testKeep)
        var queries = Self.queries(testUnits, seenInTraining: models.ordersOfItem, customerOfOrder: model.orders.customer)
        guard !queries.isEmpty else { throw OfferError.noQueries(testOrders: test.count) }
        let all = queries.count
        if queries.count > maximumQueries {
            var rng = SeededGenerator(seed: seed)
            queries.shuffle(using: &rng)
            queries.removeLast(queries.count - maximumQueries)
        }
        var list = methods.filter { $0 != .popular && ($0 != .userCF || model.hasCustomers) }
        list.append(.popular)
        var recommender = Recommender(models, minimumEvidence: minimumEvidence)
        let trainingProducts = models.ordersOfItem.filter { $0 > 0 }.count
        let histories = list.contains(.userCF) ? try CustomerHistories(model, keep: train) : nil
        let work = queries.count * list.count
        let scores = try list.enumerated().map { m, method in
            try score(method, queries, &recommender, k: k, trainingProducts: trainingProducts, histories: histories,
                      progress: progress, doneBefore: m * queries.count, total: work)
        }
        var multi = 0
        for u in 0..<testUnits.count where testUnits.offsets[u + 1] - testUnits.offsets[u] >= 2 { multi += 1 }
        var result = RecommendationEvaluation(cut: cut, trainingOrders: trainingCount, testOrders: test.count, multiProductTestOrders: multi,
                                              queries: queries.count, allQueries: all, trainingProducts: trainingProducts, k: k, scores: scores)
        result.buildSeconds = Double(built.components.seconds) + Double(built.components.attoseconds) * 1e-18
        return result
    }

    /// The protocol's queries: for each unit with ≥ 2 distinct products, each product seen in training,
    /// with the unit's other products as context.
    public static func queries(_ test: PurchaseUnits, seenInTraining: [Int32], customerOfOrder: [Int32] = []) -> [EvaluationQuery] {
        var out: [EvaluationQuery] = []
        for u in 0..<test.count {
            let row = Array(test.row(u))
            guard row.count >= 2 else { continue }
            let order = u < test.orderOfUnit.count ? Int(test.orderOfUnit[u]) : -1
            let customer = order >= 0 && order < customerOfOrder.count ? customerOfOrder[order] : -1
            for (i, p) in row.enumerated() where Int(p) < seenInTraining.count && seenInTraining[Int(p)] > 0 {
                var context = row
                context.remove(at: i)
                out.append(EvaluationQuery(context: context, target: p, customer: customer))
            }
        }
        return out
    }

    /// Scores `method` over `queries` (no business policy: the protocol's method returns k products not in
    /// the context; item-cf, fbt and content fill a short list with best-sellers, as the shell shows them).
    public static func score(_ method: RecommendMethod, _ queries: [EvaluationQuery], _ r: inout Recommender, k: Int,
                             trainingProducts: Int, histories: CustomerHistories? = nil,
                             progress: any ProgressReporter = SilentProgress(), doneBefore: Int = 0, total: Int = 0) throws -> MethodScore {
        var hits = 0, ap = 0.0, ndcg = 0.0
        var shown = [Bool](repeating: false, count: r.models.catalogue.count)
        var policy = OfferPolicy()
        policy.minimumInventory = -.infinity
        policy.minimumEvidence = r.minimumEvidence
        for (n, q) in queries.enumerated() {
            if n & 1023 == 0 {
                try Cancellation.check()
                progress.update(done: doneBefore + n, total: total)
            }
            let list: [Suggestion]
            if method == .userCF, let histories {
                list = userCF(q, histories, &r, policy: policy, k: k)
            } else {
                list = r.recommend(method, context: q.context, policy: policy, request: OfferRequest(), k: k).suggestions
            }
            for s in list { shown[Int(s.item)] = true }
            if let rank = list.firstIndex(where: { $0.item == q.target }) {
                hits += 1
                ap += 1 / Double(rank + 1)
                ndcg += 1 / log2(Double(rank + 2))
            }
        }
        let n = Double(queries.count)
        let interval = try ProportionTests.wilsonInterval(successes: hits, trials: queries.count)
        let covered = shown.reduce(0) { $0 + ($1 ? 1 : 0) }
        return MethodScore(method: method, queries: queries.count, hits: hits, hitRate: Double(hits) / n, hitInterval: interval,
                           precision: Double(hits) / (n * Double(k)), recall: Double(hits) / n, map: ap / n, ndcg: ndcg / n,
                           coverage: trainingProducts > 0 ? Double(covered) / Double(trainingProducts) : 0)
    }
}

extension RecommendationEvaluation {
    /// user-cf for a query: the customer's training history plus the context is the purchase set; the
    /// neighbours' products not in the context, filled with best-sellers.
    static func userCF(_ q: EvaluationQuery, _ h: CustomerHistories, _ r: inout Recommender, policy: OfferPolicy, k: Int) -> [Suggestion] {
        var products = q.context
        if q.customer >= 0 && Int(q.customer) + 1 < h.offsets.count { products += h.history(q.customer) }
        products = Array(Set(products)).sorted()
        var effects = PolicyEffects()
        let candidates = h.recommend(products: products, skipping: q.customer, excluding: Set(q.context))
        var list = policy.apply(candidates, OfferRequest(), catalogue: r.models.catalogue, k: k, effects: &effects)
        if list.count < k {
            var fill = r.popularExcluding(q.context, skip: Set(list.map(\.item)), limit: 4 * k + 32)
            fill = policy.apply(fill, OfferRequest(), catalogue: r.models.catalogue, k: k - list.count, effects: &effects)
            list += fill
        }
        return list
    }
}

#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif
