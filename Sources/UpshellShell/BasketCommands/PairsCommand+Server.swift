import UpshellAnalytics
import UpshellCore
import UpshellData

extension PairsCommand {
    /// `pairs` on a dataset loaded with `aggregate=server`: the pairs the server counted in at least the
    /// floor's orders, with the measures that need only counts (support, confidence, lift, leverage,
    /// conviction, attach rate). Refuses what those cannot answer exactly: part of the orders (`where`,
    /// `segment=`), another level than products, a money ranking, or a threshold below the floor when the
    /// ranking is not by orders (rare pairs could rank first).
    func aggregatedRun(_ orders: ResolvedOrderScope, _ aggregates: ServerAggregates) throws -> CommandOutput {
        let name = orders.parent.name
        guard aggregates.whole, orders.orders == nil, orders.dataset.serverAggregates?.whole ?? false else {
            throw ServerAggregatesError.needsLines("'pairs' of part of the orders (where, segment=)", need: "the order lines", dataset: name)
        }
        guard scope.level == .product, !scope.caseInsensitive else {
            throw ServerAggregatesError.needsLines("'pairs level=\(scope.level.rawValue)'", need: "the order lines", dataset: name)
        }
        if [.revenue, .margin, .incremental].contains(sort) {
            throw ServerAggregatesError.needsLines("'pairs sort=\(sort.rawValue)'", need: "the value of the orders holding each pair (the order lines)", dataset: name)
        }
        let products = orders.model.products, n = aggregates.basketOrders
        let supportCount = minSupport.map { max(1, Int(($0 * Double(n) - 1e-9).rounded(.up))) } ?? 1
        let asked = max(minOrders, supportCount)
        if asked < aggregates.floor && sort != .orders && sort != .support {
            throw ServerAggregatesError(
                "'pairs sort=\(sort.rawValue)' with pairs in fewer than \(aggregates.floor) orders needs the pairs below the floor, which '\(name)' (loaded with aggregate=server floor=\(aggregates.floor)) does not have",
                hint: "add min-orders=\(aggregates.floor), load again with a lower floor=, or load without aggregate=server")
        }
        let minimum = max(asked, aggregates.floor)
        let focusId = try focus.map { text -> Int32 in
            guard let id = products.id(named: text) else {
                throw scope.places.error("for=: no product '\(text)' in '\(name)'", option: "for",
                                         hint: Suggestions.didYouMean(text, in: products.name.filter { !$0.isEmpty } + products.key) ?? "see the products with: pairs")
            }
            return id
        }
        var found: [ItemPair] = []
        for p in aggregates.pairs where p.orders >= minimum {
            var a = p.a, b = p.b
            let ca = Int(products.orderCount[Int(a)]), cb = Int(products.orderCount[Int(b)])
            if let f = focusId {
                guard f == a || f == b else { continue }
                if f == b { swap(&a, &b) }
            } else if cb > ca || (cb == ca && products.key[Int(b)] < products.key[Int(a)]) {
                swap(&a, &b)
            }
            let pair = ItemPair(a: a, b: b, together: p.orders, countA: Int(products.orderCount[Int(a)]),
                                countB: Int(products.orderCount[Int(b)]), baskets: n)
            if let minLift, pair.lift < minLift { continue }
            found.append(pair)
        }
        let ranked = found.sorted { x, y in
            let kx = Self.key(x, sort), ky = Self.key(y, sort)
            return kx.0 != ky.0 ? kx.0 > ky.0 : kx.1 != ky.1 ? kx.1 > ky.1 : (x.a, x.b) < (y.a, y.b)
        }
        return output(Array(ranked.prefix(top)), matching: found.count, minimum: minimum, baskets: n, products: products,
                      what: orders.description, floor: aggregates.floor)
    }

    /// The ranking key (larger first), then the tie-break: as ``PairAnalysis`` ranks.
    static func key(_ p: ItemPair, _ sort: PairSortKey) -> (Double, Double) {
        switch sort {
        case .confidence: (max(p.confidenceAB, p.confidenceBA), Double(p.together))
        case .lift: (p.lift, Double(p.together))
        case .leverage: (p.leverage, Double(p.together))
        case .conviction: (p.convictionAB, Double(p.together))
        default: (Double(p.together), p.lift)
        }
    }

    private func output(_ pairs: [ItemPair], matching: Int, minimum: Int, baskets: Int, products: Products,
                        what: String, floor: Int) -> CommandOutput {
        let columns = [ResultColumn("item A"), ResultColumn("item B"), ResultColumn("orders", .integer), ResultColumn("support", .percent(2)),
                       ResultColumn("conf A→B", .percent(1)), ResultColumn("conf B→A", .percent(1)), ResultColumn("lift", .decimal(2)),
                       ResultColumn("leverage", .decimal(4)), ResultColumn("conviction A→B", .decimal(2)), ResultColumn("attach A→B", .percent(1))]
        var table = ResultTable(title: "Pairs bought together — \(what): \(BasketInput.count(baskets)) orders", columns: columns)
        func shown(_ p: Int32) -> String { products.name[Int(p)].isEmpty ? products.key[Int(p)] : products.name[Int(p)] }
        for p in pairs {
            table.append([.text(shown(p.a)), .text(shown(p.b)), .int(p.together), .double(p.support),
                          .double(p.confidenceAB), .double(p.confidenceBA), .double(p.lift), .double(p.leverage),
                          .double(p.convictionAB), .double(p.attachRate)])
        }
        var out = CommandOutput([.table(table)])
        var filters = ["at least \(BasketInput.count(minimum)) order\(minimum == 1 ? "" : "s") together"]
        if let minLift, minLift > 0 { filters.append("lift ≥ \(NumberFormat.plain(minLift))") }
        out.append(.note("\(BasketInput.plural(matching, "pair")) with \(filters.joined(separator: " and ")); top \(pairs.count) by \(sort.rawValue)"))
        out.append(.note("A is the anchor (in more orders\(focus == nil ? "" : ", or the product asked for")); A→B reads anchor → partner"))
        out.append(.note("from the server's pair counts (aggregate=server, floor=\(floor)): pairs in fewer orders, and the revenue of the orders holding a pair, need the order lines"))
        if matching == 0 { out.append(.warning("no pair passes the thresholds; lower min-lift, or load again with a lower floor=")) }
        return out
    }
}
