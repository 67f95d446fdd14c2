import UpshellAnalytics
import UpshellCore
import UpshellData

/// Which orders a command works on: a dataset (`data=`), an optional `where` filter and an optional
/// segment (`segment=`). ``Session/resolve(_:)`` turns it into orders once, before the command's work.
struct OrderScope {
    /// Where `segment=NAME` looks for its segment.
    enum SegmentRule {
        /// A segment of the dataset's active segmentation (the basket commands).
        case activeSegmentation
        /// A segment of any of the dataset's segmentations (the active one first), or the built-in
        /// first-time / repeat orders when no segmentation has a segment of that name (the pricing what-ifs).
        case anySegmentationOrFirstRepeat
    }

    /// `data=NAME`, or `nil` for the current dataset.
    var dataset: String?
    /// The `where` clause.
    var filter: ScopeClause?
    /// The value of `segment=` (its position puts carets under it).
    var segment: Token?
    /// The command text, for carets.
    var source: String
    var rule: SegmentRule = .anySegmentationOrFirstRepeat
    /// The hint when the dataset is a side table.
    var sideTableHint = "join it to an order dataset, or choose one with data=NAME"
    /// Whether the orders must have values (a price or line-total column).
    var needsMoney = false
    /// Whether the dataset must hold at least one order after cleaning.
    var needsOrders = false
    /// What to say when no dataset is named and none is current (`nil`: the session's usual message).
    var whenNothingLoaded: SessionError? = nil

    /// All orders of the dataset named by the line's `data=` (or the current one): the scope of the commands
    /// that take no `where` or `segment=`.
    static func dataset(of arguments: Arguments, needsOrders: Bool = true, sideTableHint: String? = nil) throws -> OrderScope {
        var scope = OrderScope(dataset: try arguments.value(DatasetOption.option), source: arguments.command.source, needsOrders: needsOrders)
        if let sideTableHint { scope.sideTableHint = sideTableHint }
        return scope
    }
}

/// An ``OrderScope`` resolved against the session's data.
struct ResolvedOrderScope {
    /// The dataset named by `data=` (or the current one), before `where`.
    let parent: Dataset
    /// The dataset after `where` (a filtered view), or ``parent``.
    let dataset: Dataset
    /// ``dataset``'s orders.
    let model: OrderModel
    /// The selected orders of ``model`` (`nil`: all of them).
    let orders: [Int32]?
    /// `'demo' where … , segment 'Champions'`, for titles and notes.
    let description: String

    /// The scope's orders as ids of the *unfiltered* dataset's model, so that questions about customers'
    /// histories (first orders) see the whole history, not only the filtered rows.
    var parentSelection: (model: OrderModel, orders: [Int32]?) {
        guard let pm = parent.orders, let parentOf = dataset.parentOrders else { return (parent.orders ?? model, orders) }
        let local = orders ?? Array(0..<Int32(model.orders.count))
        return (pm, local.compactMap { parentOf[Int($0)] >= 0 ? parentOf[Int($0)] : nil })
    }

    /// One flag per order of ``model``: selected or not.
    var keep: [Bool]? {
        guard let orders else { return nil }
        var keep = [Bool](repeating: false, count: model.orders.count)
        for o in orders { keep[Int(o)] = true }
        return keep
    }
}

/// The last filtered view a scope made, kept while its data, expression and segments stay the same.
struct ScopeViewCache {
    struct Key: Equatable {
        var dataset: String
        var generation: Int?
        var expression: String
        var segmentsVersion: Int
    }
    var key: Key?
    var view: Dataset?
    /// Views built (a test counter: a second command on the same scope builds none).
    private(set) var builds = 0

    /// The cached view for `key`, or the one `build` makes (then cached).
    mutating func view(for key: Key, build: () throws -> Dataset) rethrows -> Dataset {
        if let view, self.key == key { return view }
        let made = try build()
        builds += 1
        self.key = key
        view = made
        return made
    }

    /// Forgets the view (its data changed or was dropped).
    mutating func clear() {
        key = nil
        view = nil
    }
}

extension Session {
    /// Resolves `scope` once: the dataset, the filtered view (cached while the data, the expression and
    /// the segmentations stay the same), its orders, and the segment's orders among them.
    func resolve(_ scope: OrderScope) throws -> ResolvedOrderScope {
        if scope.dataset == nil, datasets.currentName == nil, let message = scope.whenNothingLoaded { throw message }
        let parent = try datasets.resolve(scope.dataset)
        var dataset = parent
        var description = "'\(parent.name)'"
        if let clause = scope.filter {
            let key = ScopeViewCache.Key(dataset: parent.name, generation: datasets.generation(of: parent.name),
                                         expression: clause.expression, segmentsVersion: segmentsVersion)
            dataset = try scopeViews.view(for: key) {
                let rows = try clause.selectedRows(in: parent, self)
                guard !rows.isEmpty else {
                    throw SessionError("no orders of '\(parent.name)' satisfy: \(clause.expression)", hint: "'describe \(parent.name)' shows each column's range of values")
                }
                return try parent.filtered(rows: rows, name: parent.name + "·where")
            }
            description += " where \(clause.expression)"
        }
        guard let model = dataset.orders else {
            throw SessionError("'\(dataset.name)' is a side table, not orders", hint: scope.sideTableHint)
        }
        if scope.needsOrders, model.orders.count == 0 { throw MetricsError.noOrders("in '\(dataset.name)' after cleaning") }
        if scope.needsMoney, !model.hasMoney {
            throw SessionError("'\(dataset.name)' has no prices: pricing what-ifs need order values", hint: "map a price column: map unit-price=COLUMN")
        }
        var selected: [Int32]? = nil
        if let token = scope.segment {
            let (inSegment, phrase) = try segmentOrders(token, scope, parent)
            description += phrase
            let parentOf = dataset.parentOrders
            selected = (0..<Int32(model.orders.count)).filter { o in
                let p = parentOf.map { $0[Int(o)] } ?? o
                return p >= 0 && inSegment(Int(p))
            }
            if scope.rule == .anySegmentationOrFirstRepeat, selected?.isEmpty != false {
                throw SessionError("segment '\(token.text)' has no orders in \(description)", hint: "'segments' lists the segments and their sizes")
            }
        }
        return ResolvedOrderScope(parent: parent, dataset: dataset, model: model, orders: selected, description: description)
    }

    /// Whether each order of `parent` is in the segment named by `token`, and `, segment 'NAME'`.
    private func segmentOrders(_ token: Token, _ scope: OrderScope, _ parent: Dataset) throws -> ((Int) -> Bool, String) {
        let name = token.text
        if scope.rule == .activeSegmentation {
            guard let s = segments.active(for: parent.name) else {
                throw SessionError("'\(parent.name)' has no segmentation yet, so segment='\(name)' cannot be found",
                                   hint: "create one first: segment rfm (or first-repeat, value, lifecycle, define)")
            }
            guard let index = s.index(of: name) else {
                throw LanguageError("no segment '\(name)' in the segmentation '\(s.name)'",
                                    hint: Suggestions.didYouMean(name, in: s.labels) ?? "segments: " + s.labels.joined(separator: ", "),
                                    range: token.range, source: scope.source)
            }
            let of = s.segmentOfOrder
            return ({ of[$0] == Int32(index) }, ", segment '\(s.labels[index])'")
        }
        let known = (try? segments.find(segment: name, in: parent.name)) != nil
        if let firstTime = Self.builtInSegment(name), !known {
            // a customer's first order in the whole (unfiltered) data
            guard let pm = parent.orders, pm.hasCustomers, pm.hasTimes else {
                throw SessionError("first-time and repeat orders need customer ids and order times", hint: "map them: map customer=COLUMN time=COLUMN")
            }
            let isFirst = (0..<pm.orders.count).map { o in
                let c = Int(pm.orders.customer[o])
                return c >= 0 && pm.orders.time[o] != .min && pm.orders.time[o] == pm.customers.firstOrderTime[c]
            }
            return ({ pm.orders.customer[$0] >= 0 && isFirst[$0] == firstTime },
                    firstTime ? ", first-time buyers (a customer's first order)" : ", repeat orders")
        }
        let (segmentation, index) = try segments.find(segment: name, in: parent.name)
        let of = segmentation.segmentOfOrder
        return ({ of[$0] == Int32(index) }, ", segment '\(segmentation.labels[index])'")
    }

    /// `true` for the built-in first-time segment names, `false` for repeat, `nil` otherwise.
    static func builtInSegment(_ name: String) -> Bool? {
        switch name.lowercased() {
        case "first-time", "first", "first-order", "first-orders", "new", "first-time-buyers": return true
        case "repeat", "repeat-order", "repeat-orders", "returning": return false
        default: return nil
        }
    }
}
