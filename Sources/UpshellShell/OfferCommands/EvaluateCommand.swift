import UpshellAnalytics
import UpshellCore
import UpshellData

/// `evaluate recommend …`: offline evaluation of the recommenders against `popular`.
public struct EvaluateCommand: CommandWithForms {
    public static let forms: [any ShellCommand.Type] = [EvaluateRecommendCommand.self]

    public static let spec = CommandSpec(
        name: "evaluate", group: .offers,
        abstract: "offline evaluation: hit rate, precision, recall, MAP, NDCG and coverage at k, against popular, on a temporal holdout",
        synopsis: EvaluateRecommendCommand.spec.synopsis,
        discussion: EvaluateRecommendCommand.spec.discussion,
        subcommands: ["recommend"],
        options: EvaluateRecommendCommand.spec.options,
        examples: EvaluateRecommendCommand.spec.examples)

    public let form: any ShellCommand

    public init(arguments: Arguments) throws {
        let kind = try arguments.subcommand()
        form = try arguments.form(try Self.form(named: kind), shown: "evaluate \(kind)")
    }

    public func run(in session: Session) throws -> CommandOutput { try form.run(in: session) }
}

/// Which methods `evaluate recommend method=` names.
enum EvaluatedMethods: String, CaseIterable, Sendable {
    case itemCF = "item-cf", userCF = "user-cf", fbt, content, hybrid, popular, all

    var methods: [RecommendMethod] {
        switch self {
        case .all: [.itemCF, .userCF, .fbt, .content, .hybrid]
        case .itemCF: [.itemCF]
        case .userCF: [.userCF]
        case .fbt: [.fbt]
        case .content: [.content]
        case .hybrid: [.hybrid]
        case .popular: []
        }
    }
}

/// `evaluate recommend [method=…|all] [k=4] [holdout=last-30d|last-N%] [seed=N]`.
struct EvaluateRecommendCommand: ScopedCommand {
    public static let spec = CommandSpec(
        name: "evaluate recommend", group: .offers,
        abstract: "the recommenders' hit rate at k on a temporal holdout, beside popular",
        synopsis: ["evaluate recommend [method=item-cf|user-cf|fbt|content|hybrid|popular|all] [k=4] [holdout=last-30d|last-N%] [seed=N] [similarity=…] [unit=…]"],
        discussion: """
            Protocol (issue 16), so that anyone can reproduce it: cut = time of the last order minus the holdout \
            (last-30d: 30 days; last-20%: a fifth of the data's time span); training = orders before the cut, test = \
            orders at or after it. A query is one product p of a test order holding at least 2 distinct products, \
            where p occurs in training; its context is the order's other distinct products (user-cf adds the \
            customer's training history to find neighbours; guests use the context alone). Each method, built on \
            the training orders only, returns k products not in the context (a short list is filled with best-sellers, \
            as 'recommend' shows it; the business policy is not applied); a hit when p is among them. Per method: \
            queries, hit rate@k with a 95% Wilson interval, precision@k (hits/k), recall@k (one relevant product per \
            query, so equal to the hit rate), MAP@k (1/rank of p when found), NDCG@k (1/log2(rank+1)), coverage \
            (distinct products recommended ÷ products in training). popular — products in the most training orders, \
            ties by product id, context removed — is always shown, and every other method is compared with it. \
            Above 100,000 queries a uniform sample of 100,000 is scored (seed=, default the session's seed).
            """,
        options: [method.spec, k.spec, holdout.spec, seed.spec, OfferInput.similarity.spec, OfferInput.unit.spec, DatasetOption.spec],
        examples: ["evaluate recommend method=item-cf k=4 holdout=last-30d", "evaluate recommend method=all holdout=last-20%"])

    static let method = TypedOption<EvaluatedMethods>.choice("method", default: "all", "the methods to score (popular is always scored)")
    static let k = TypedOption.integer("k", default: "4", in: 1...100, "list length")
    static let holdout = TypedOption<HoldoutSpan>(OptionSpec("holdout", .text, default: "last-30d", "the span held out: last-30d (days), last-4w (weeks) or last-20% (of the time span)"),
                                                  expecting: "last-Nd, last-Nw or last-N%", parse: Self.parseHoldout).defaulting(to: "last-30d")
    static let seed = TypedOption.integer("seed", in: 0...Int.max, "seed of the query sample (default: the session's seed)")

    /// `last-30d`, `last-4w`, `last-20%`.
    static func parseHoldout(_ text: String) -> HoldoutSpan? {
        let t = text.lowercased()
        guard t.hasPrefix("last-") else { return nil }
        let body = t.dropFirst(5)
        guard let unit = body.last, let n = Double(body.dropLast()), n > 0, n.isFinite else { return nil }
        switch unit {
        case "d": return .days(n)
        case "w": return .days(n * 7)
        case "%": return n <= 100 ? .share(n / 100) : nil
        default: return nil
        }
    }

    let methods: EvaluatedMethods
    let k: Int
    let holdout: HoldoutSpan
    let holdoutText: String
    let seed: Int?
    let similarity: ItemSimilarity
    let unit: CoOccurrenceUnit
    let orderScope: OrderScope

    init(arguments a: Arguments) throws {
        try a.expectPositionals(atMost: 1)
        methods = try a.value(Self.method)
        k = try a.value(Self.k)
        holdout = try a.value(Self.holdout)
        holdoutText = a.text(Self.holdout)
        seed = try a.value(Self.seed)
        similarity = try a.value(OfferInput.similarity)
        unit = try a.value(OfferInput.unit)
        orderScope = try .dataset(of: a)
    }

    func run(in session: Session, on resolved: ResolvedOrderScope) throws -> CommandOutput {
        let policy = session.offerPolicy
        let result = try session.withProgress(unit: "queries") { progress in
            try RecommendationEvaluation.run(resolved.model, holdout: holdout, methods: methods.methods, k: k, similarity: similarity, unit: unit,
                                             minimumEvidence: policy.minimumEvidence, seed: seed.map(UInt64.init) ?? session.seed,
                                             cutText: { CivilDateFormatting.iso($0) }, progress: progress)
        }
        return EvaluationReport.output(result, holdout: holdoutText, similarity: similarity, unit: unit, description: resolved.description)
    }
}
