import UpshellCore

/// What `rules` ranks by.
public enum RuleSortKey: String, CaseIterable, Sendable {
    case lift, confidence, support, leverage, conviction
}

/// One association rule X ⇒ y with a single-item consequent.
///
/// Support = count(X ∪ y) / N (arules' convention); confidence = count(X ∪ y) / count(X); lift =
/// confidence / support(y); leverage = support − support(X)·support(y); conviction =
/// (1 − support(y)) / (1 − confidence), infinite at confidence 1.
public struct AssociationRule: Sendable, Equatable {
    /// Node of X ∪ y in the itemset tree.
    public var itemset: Int32
    /// Node of X.
    public var antecedent: Int32
    /// Rank of y.
    public var consequentRank: Int32
    /// Baskets holding X ∪ y, X, y; all baskets.
    public var count: Int, antecedentCount: Int, consequentCount: Int, baskets: Int

    public var support: Double { Double(count) / Double(baskets) }
    public var confidence: Double { Double(count) / Double(antecedentCount) }
    public var lift: Double { Double(count) * Double(baskets) / (Double(antecedentCount) * Double(consequentCount)) }
    public var leverage: Double {
        support - Double(antecedentCount) / Double(baskets) * Double(consequentCount) / Double(baskets)
    }
    public var conviction: Double {
        count == antecedentCount ? .infinity : (1 - Double(consequentCount) / Double(baskets)) / (1 - confidence)
    }
}

/// Parameters of rule induction (the support threshold is the tree's).
public struct RuleQuery: Sendable {
    /// Lowest confidence kept (a fraction).
    public var minimumConfidence: Double = 0.8
    /// Lowest lift kept.
    public var minimumLift: Double = 0
    /// Keep rules whose antecedent holds this item id.
    public var antecedentContains: Int32?
    /// Keep rules whose consequent is this item id.
    public var consequent: Int32?
    /// Largest |X ∪ y|.
    public var maxSize: Int = .max
    /// Drop redundant rules (a rule with a more general antecedent and the same consequent is at least as confident).
    public var removeRedundant = false
    /// Ranking (descending; ties by support, then confidence).
    public var sort: RuleSortKey = .lift
    public init() {}
}

/// Rules from a frequent-itemset tree. - Complexity: O(Σ k² log c) over itemsets of size k, plus
/// O(2^k) per rule for redundancy, plus O(log top) per rule to keep the top.
public enum AssociationRules {
    /// All rules meeting the query, sorted.
    public static func generate(_ tree: ItemsetTree, _ q: RuleQuery) throws -> [AssociationRule] {
        try generate(tree, q, top: .max).rules
    }

    /// The `top` best rules meeting the query, best first, and how many meet it. Only the top are held
    /// (a bounded heap, ``TopK``), so `rules … force` over tens of millions of rules needs no memory for
    /// them and stops at Ctrl-C. Ranking: the sort key descending, then orders, then confidence, then the
    /// order found (as a stable sort of all rules would give).
    public static func generate(_ tree: ItemsetTree, _ q: RuleQuery, top: Int) throws -> (rules: [AssociationRule], matching: Int) {
        let key = sortKey(q.sort)
        var best = TopK<(key: Double, rule: AssociationRule)>(capacity: top) { a, b in
            if a.key != b.key { return a.key > b.key }
            if a.rule.count != b.rule.count { return a.rule.count > b.rule.count }
            return a.rule.confidence > b.rule.confidence
        }
        var ranks: [Int32] = [], sub: [Int32] = []
        let consequentRank: Int32 = q.consequent.map { tree.rankOfItem[Int($0)] } ?? -1
        let antecedentRank: Int32 = q.antecedentContains.map { tree.rankOfItem[Int($0)] } ?? -1
        if q.consequent != nil && consequentRank < 0 { return ([], 0) }
        if q.antecedentContains != nil && antecedentRank < 0 { return ([], 0) }
        let n = tree.baskets
        for z in 0..<tree.itemsetCount where tree.size[z] >= 2 && Int(tree.size[z]) <= q.maxSize {
            // each itemset gives up to k rules, each maybe a 2^k redundancy check
            if z & 255 == 0 { try Cancellation.check() }
            tree.ranks(of: z, into: &ranks)
            if antecedentRank >= 0 && !ranks.contains(antecedentRank) { continue }
            for (k, c) in ranks.enumerated() {
                if consequentRank >= 0 && c != consequentRank { continue }
                if antecedentRank >= 0 && c == antecedentRank { continue }
                let x: Int
                if k == ranks.count - 1 {
                    x = Int(tree.parent[z])
                } else {
                    sub.removeAll(keepingCapacity: true)
                    for (j, r) in ranks.enumerated() where j != k { sub.append(r) }
                    x = tree.lookup(sub)
                }
                guard x >= 0 else { throw InternalError("rules: a subset of a frequent itemset is missing") }
                let rule = AssociationRule(itemset: Int32(z), antecedent: Int32(x), consequentRank: c, count: Int(tree.count[z]),
                                           antecedentCount: Int(tree.count[x]), consequentCount: Int(tree.count[Int(c)]), baskets: n)
                // relative tolerance: shares typed as percentages are not exact binary fractions
                guard rule.confidence >= q.minimumConfidence * (1 - 1e-12) else { continue }
                if q.minimumLift > 0 && rule.lift < q.minimumLift * (1 - 1e-12) { continue }
                if q.removeRedundant && isRedundant(tree, rule, &sub) { continue }
                best.insert((key(rule), rule))
            }
        }
        return (try best.sortedBest().map { $0.rule }, best.offered)
    }

    /// The ranking key of `sort` (larger ranks first).
    static func sortKey(_ sort: RuleSortKey) -> (AssociationRule) -> Double {
        switch sort {
        case .lift: { $0.lift }
        case .confidence: { $0.confidence }
        case .support: { $0.support }
        case .leverage: { $0.leverage }
        case .conviction: { $0.conviction }
        }
    }

    /// Whether some non-empty X′ ⊊ X gives X′ ⇒ y at least the confidence of X ⇒ y, compared exactly:
    /// count(X′y)·count(X) ≥ count(Xy)·count(X′).
    static func isRedundant(_ tree: ItemsetTree, _ rule: AssociationRule, _ scratch: inout [Int32]) -> Bool {
        var x: [Int32] = []
        tree.ranks(of: Int(rule.antecedent), into: &x)
        guard x.count >= 2, x.count < 31 else { return false }
        let y = rule.consequentRank
        let full = (1 << x.count) - 1
        for mask in 1..<full {
            scratch.removeAll(keepingCapacity: true)
            for (j, r) in x.enumerated() where mask & (1 << j) != 0 { scratch.append(r) }
            let a = tree.lookup(scratch)
            // X′ ∪ y in rank order
            if let at = scratch.firstIndex(where: { $0 > y }) { scratch.insert(y, at: at) } else { scratch.append(y) }
            let ay = tree.lookup(scratch)
            guard a >= 0, ay >= 0 else { continue }
            if Int(tree.count[ay]) * rule.antecedentCount >= rule.count * Int(tree.count[a]) { return true }
        }
        return false
    }
}
