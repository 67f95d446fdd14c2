import UpshellAnalytics
import UpshellCore
import UpshellData

/// `rules`: association rules X ⇒ y from the frequent itemsets.
public struct RulesCommand: ShellCommand {
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
            raise min-support, lower max-size, or add the flag force (or --force).
            """,
        options: [OptionSpec("min-support", .share, default: "1%", "lowest share of orders holding antecedent and consequent"),
                  OptionSpec("min-confidence", .share, default: "50%", "lowest confidence"),
                  OptionSpec("min-lift", .number, "lowest lift"),
                  OptionSpec("if", .product, "the antecedent holds this item"),
                  OptionSpec("then", .product, "the consequent is this item"),
                  OptionSpec("max-size", .integer, "most items in a rule (antecedent + consequent)"),
                  OptionSpec("sort", .choice(RuleSortKey.allCases.map(\.rawValue)), default: "lift", "ranking: lift, confidence, support, leverage, conviction"),
                  OptionSpec("top", .integer, default: "50", "how many rules to show"),
                  BasketInput.level, BasketInput.segment, DatasetOption.spec],
        flags: [FlagSpec("nonredundant", "drop redundant rules"), BasketInput.force],
        examples: ["rules min-support=0.5% min-confidence=30% then=\"phone case\"", "rules min-support=0.1% min-confidence=50% nonredundant",
                   "rules if=\"whole milk\" sort=confidence top=10"])

    let arguments: Arguments
    public init(arguments: Arguments) throws {
        try arguments.expectPositionals(atMost: 0)
        self.arguments = arguments
        _ = try BasketInput.support(arguments)
        _ = try BasketInput.confidence(arguments)
        _ = try BasketInput.positive(arguments, "top")
        if let m = try arguments.integer("max-size"), m < 2 {
            throw arguments.error("max-size must be 2 or more: a rule has an antecedent and a consequent", at: arguments.options["max-size"])
        }
    }

    public func run(in session: Session) throws -> CommandOutput {
        let (t, what) = try BasketInput.transactions(arguments, session)
        var q = RuleQuery()
        q.minimumConfidence = try BasketInput.confidence(arguments) ?? 0.5
        q.minimumLift = try arguments.number("min-lift") ?? 0
        q.antecedentContains = try BasketInput.item(arguments, "if", in: t)
        q.consequent = try BasketInput.item(arguments, "then", in: t)
        q.maxSize = try arguments.integer("max-size") ?? .max
        q.removeRedundant = arguments.flags.contains("nonredundant")
        q.sort = RuleSortKey(rawValue: arguments.choice("sort") ?? "lift") ?? .lift
        let top = try BasketInput.positive(arguments, "top") ?? 50
        let support = try BasketInput.support(arguments) ?? 0.01
        let minimum = t.minimumCount(support: support)
        try t.requireMultiItemBaskets()
        let (tree, rules) = try session.withProgress { progress in
            let tree = try FrequentItemsetMiner.mine(t, minimumCount: minimum, maxSize: q.maxSize,
                                                     limit: BasketInput.forced(arguments) ? nil : FrequentItemsetMiner.defaultLimit,
                                                     supportText: arguments.text("min-support") ?? "1%", progress: progress)
            return (tree, try AssociationRules.generate(tree, q))
        }
        var table = ResultTable(title: "Association rules — \(what)", columns: [
            ResultColumn("antecedent"), ResultColumn("consequent"), ResultColumn("support", .percent(2)), ResultColumn("confidence", .percent(1)),
            ResultColumn("lift", .decimal(2)), ResultColumn("leverage", .decimal(4)), ResultColumn("conviction", .decimal(2)),
            ResultColumn("orders", .integer)])
        for r in rules.prefix(top) {
            table.append([.text(BasketInput.itemset(tree.items(of: Int(r.antecedent)), t)),
                          .text(t.itemNames[Int(tree.itemOfRank[Int(r.consequentRank)])]),
                          .double(r.support), .double(r.confidence), .double(r.lift), .double(r.leverage), .double(r.conviction), .int(r.count)])
        }
        var out = CommandOutput([.table(table)])
        var summary = "\(BasketInput.plural(rules.count, "rule")) at min-support \(BasketInput.threshold(support, minimum, t)), min-confidence \(NumberFormat.plain(q.minimumConfidence * 100))%"
        if q.minimumLift > 0 { summary += ", min-lift \(NumberFormat.plain(q.minimumLift))" }
        if q.removeRedundant { summary += ", redundant rules removed" }
        out.append(.note(summary + "; top \(min(top, rules.count)) by \(q.sort.rawValue)"))
        if rules.isEmpty { out.append(.warning("no rule passes the thresholds; lower min-support or min-confidence")) }
        return out
    }
}
