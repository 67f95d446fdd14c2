import UpshellAnalytics
import UpshellCore
import UpshellData

/// `rules`: association rules X ⇒ y from the frequent itemsets.
struct RulesCommand: ScopedCommand {
    public static let spec = CommandSpec(
        name: "rules", group: .baskets,
        abstract: "association rules (if these, then that) with support, confidence, lift, leverage, conviction",
        discussion: """
            Rules X ⇒ y with one item y as consequent and a non-empty antecedent X, as R's arules makes them. \
            support = share of orders holding X and y (the whole rule, arules' convention; count ≥ ceil(s·N)); \
            confidence = orders with X and y ÷ orders with X; lift = confidence ÷ support of y; leverage = \
            support − support(X)·support(y); conviction = (1 − support(y)) ÷ (1 − confidence), ∞ at confidence 1. \
            orders = orders holding X and y.
            if=ITEM keeps rules whose antecedent holds the item; then=ITEM rules whose consequent is the item. \
            max-size limits |X| + 1. nonredundant drops a rule when a rule with a smaller antecedent and the same \
            consequent is at least as confident (arules' is.redundant).
            Itemsets are mined first (see 'help itemsets'): a result estimated above 20 million itemsets is refused; \
            raise min-support, lower max-size, or add the flag force (or --force), which mines as far as the \
            available memory allows (about 21 bytes an itemset; rules past top= are counted, not held) and refuses \
            beyond it.
            """,
        options: [Self.minSupport.spec, Self.minConfidence.spec, Self.minLift.spec, Self.antecedent.spec, Self.consequent.spec, Self.maxSize.spec, Self.sort.spec, Self.top.spec]
            + BasketInput.scopeOptions,
        flags: [Self.nonredundant, BasketInput.force],
        examples: ["rules min-support=0.5% min-confidence=30% then=\"Paper filters #2 (100 pack)\"", "rules min-support=0.1% min-confidence=50% nonredundant",
                   "rules min-support=0.2% if=\"Compact camping stove\" sort=confidence top=10"])

    static let minSupport = BasketInput.support(help: "lowest share of orders holding antecedent and consequent").defaulting(to: "1%")
    static let minConfidence = BasketInput.confidence(help: "lowest confidence").defaulting(to: "50%")
    static let minLift = TypedOption.number("min-lift", "lowest lift")
    static let antecedent = TypedOption.text("if", .product, "the antecedent holds this item")
    static let consequent = TypedOption.text("then", .product, "the consequent is this item")
    static let maxSize = TypedOption.integer("max-size", "most items in a rule (antecedent + consequent)").checked { m, _ in
        m < 2 ? OptionProblem("max-size must be 2 or more: a rule has an antecedent and a consequent") : nil
    }
    static let sort = TypedOption<RuleSortKey>.choice("sort", default: "lift", "ranking: lift, confidence, support, leverage, conviction")
    static let top = TypedOption.count("top", default: "50", "how many rules to show")
    static let nonredundant = FlagSpec("nonredundant", "drop redundant rules")

    let scope: BasketScope
    let query: RuleQuery
    let minSupport: Double
    /// min-support as typed, for the estimate's message.
    let minSupportText: String
    let top: Int
    let force: Bool
    /// The items named by if= and then=, found once the baskets are known.
    let antecedent: String?, consequent: String?

    public init(arguments: Arguments) throws {
        try arguments.expectPositionals(atMost: 0)
        scope = try BasketScope(arguments)
        minSupport = try arguments.value(Self.minSupport)
        minSupportText = arguments.text(Self.minSupport)
        var q = RuleQuery()
        q.minimumConfidence = try arguments.value(Self.minConfidence)
        top = try arguments.value(Self.top)
        q.maxSize = try arguments.value(Self.maxSize) ?? .max
        q.minimumLift = try arguments.value(Self.minLift) ?? 0
        q.removeRedundant = arguments.flag(Self.nonredundant)
        q.sort = try arguments.value(Self.sort)
        query = q
        antecedent = try arguments.value(Self.antecedent)
        consequent = try arguments.value(Self.consequent)
        force = arguments.flag(BasketInput.force)
    }

    var orderScope: OrderScope { scope.orders }

    func run(in session: Session, on orders: ResolvedOrderScope) throws -> CommandOutput {
        let (t, what) = try scope.transactions(orders)
        var q = query
        q.antecedentContains = try scope.item(antecedent, option: "if", in: t)
        q.consequent = try scope.item(consequent, option: "then", in: t)
        let support = minSupport
        let minimum = t.minimumCount(support: support)
        try t.requireMultiItemBaskets()
        let (tree, found) = try BasketInput.mining(force: force, bytesEach: BasketInput.bytesPerItemset) { limit in
            try session.withProgress { progress in
                let tree = try FrequentItemsetMiner.mine(t, minimumCount: minimum, maxSize: q.maxSize, limit: limit,
                                                         supportText: minSupportText, progress: progress)
                return (tree, try AssociationRules.generate(tree, q, top: top))
            }
        }
        let rules = found.rules
        var table = ResultTable(title: "Association rules — \(what)", columns: [
            ResultColumn("antecedent"), ResultColumn("consequent"), ResultColumn("support", .percent(2)), ResultColumn("confidence", .percent(1)),
            ResultColumn("lift", .decimal(2)), ResultColumn("leverage", .decimal(4)), ResultColumn("conviction", .decimal(2)),
            ResultColumn("orders", .integer)])
        for r in rules {
            table.append([.text(BasketInput.itemset(tree.items(of: Int(r.antecedent)), t)),
                          .text(t.itemNames[Int(tree.itemOfRank[Int(r.consequentRank)])]),
                          .double(r.support), .double(r.confidence), .double(r.lift), .double(r.leverage), .double(r.conviction), .int(r.count)])
        }
        var out = CommandOutput([.table(table)])
        var summary = "\(BasketInput.plural(found.matching, "rule")) at min-support \(BasketInput.threshold(support, minimum, t)), min-confidence \(NumberFormat.plain(q.minimumConfidence * 100))%"
        if q.minimumLift > 0 { summary += ", min-lift \(NumberFormat.plain(q.minimumLift))" }
        if q.removeRedundant { summary += ", redundant rules removed" }
        out.append(.note(summary + "; top \(rules.count) by \(q.sort.rawValue)"))
        out.append(contentsOf: BasketScope.itemNotes(t))
        if found.matching == 0 { out.append(.warning("no rule passes the thresholds; lower min-support or min-confidence")) }
        return out
    }
}
