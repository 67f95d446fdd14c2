import UpshellCore
import UpshellData

/// Baskets as compressed sparse rows of dense item ids: the input of pair counting, itemset mining and
/// rules.
///
/// Basket `t` holds `items[offsets[t]..<offsets[t+1]]`, distinct ids in increasing order. Items are
/// products, categories or brands (``level``); each basket comes from one order of the model
/// (``orderOfBasket``), and orders whose basket would be empty at that level are left out, so
/// ``basketCount`` is the number of orders holding at least one item. Non-product lines (postage, fees)
/// are no items by default (``leftOut``); `caseInsensitive` merges keys differing only in case.
///
/// ```swift
/// let t = try Transactions(model, level: .category)
/// print(t.basketCount, t.itemNames[0], t.itemBaskets[0])
/// ```
public struct Transactions: Sendable {
    /// What an item is.
    public var level: ProductAttribute
    /// Display name of each item id.
    public var itemNames: [String]
    /// Other names an item answers to (the product key, e.g. a SKU), aligned with ``itemNames``.
    public var itemKeys: [String]
    /// CSR offsets, `basketCount + 1` entries.
    public var offsets: [Int32]
    /// Item ids, increasing within each basket.
    public var items: [Int32]
    /// The model's order id of each basket.
    public var orderOfBasket: [Int32]
    /// Baskets holding each item.
    public var itemBaskets: [Int32]
    /// Money of each item summed over baskets (its lines' values), 0 without prices.
    public var itemRevenue: [Double]
    /// Whether item keys were compared without letter case (`items=upper`).
    public var caseInsensitive = false
    /// Items whose key equals another's but for letter case: merged when ``caseInsensitive``, else
    /// separate items (the note suggests `items=upper`).
    public var caseVariants = 0
    /// The first such pair of keys (`["85049a", "85049A"]`), empty when there is none.
    public var caseVariantExample: [String] = []
    /// Non-product lines of the selected orders left out of the baskets.
    public var leftOut = LeftOutLines()
    /// Mean unit price of each item where known (products only; other levels: mean value per basket).
    public var itemPrice: [Double]
    /// Mean unit cost of each item where known (products only), else `.nan`.
    public var itemCost: [Double]
    /// Value of each basket's whole order.
    public var basketValue: [Double]
    /// Gross margin (value − cost) of each basket's whole order, `.nan` where costs are unknown.
    public var basketMargin: [Double]

    /// Number of baskets (orders with at least one item).
    public var basketCount: Int { offsets.count - 1 }
    /// Number of distinct items (including items in no selected basket).
    public var itemCount: Int { itemNames.count }
    /// The items of basket `t`.
    @inlinable public func basket(_ t: Int) -> ArraySlice<Int32> { items[Int(offsets[t])..<Int(offsets[t + 1])] }
    /// Baskets with two items or more.
    public var multiItemBaskets: Int {
        var n = 0
        for t in 0..<basketCount where offsets[t + 1] - offsets[t] >= 2 { n += 1 }
        return n
    }

    /// Builds the baskets of `model` at `level`, keeping only orders for which `keep` is true (all when nil).
    ///
    /// Products the model leaves out of baskets (non-product lines: postage, fees…, under the default
    /// `clean non-product=out-of-baskets`) are no items: they are counted in ``leftOut``, and an order
    /// holding nothing else is no basket. With `caseInsensitive`, products whose keys differ only in letter
    /// case (`85123a`, `85123A`) are one item, keyed by the upper-cased key (the `items=upper` option).
    ///
    /// - Throws: ``BasketError/noAttribute(_:)`` when no product has the category or brand asked for.
    /// - Complexity: O(basket entries + orders).
    // hot loop: one pass over every basket entry building the CSR arrays; one body so the per-entry state stays in locals.
    public init(_ model: OrderModel, level: ProductAttribute = .product, keep: [Bool]? = nil,
                caseInsensitive: Bool = false) throws {
        let orders = model.orders
        let catalogue = try BasketItems(model.products, level: level, caseInsensitive: caseInsensitive)
        let itemOfProduct = catalogue.itemOfProduct, isLeftOut = catalogue.leftOut
        let n = catalogue.names.count
        var off: [Int32] = [0]
        off.reserveCapacity(orders.count + 1)
        var its: [Int32] = []
        its.reserveCapacity(orders.items.count)
        var orderOf: [Int32] = []
        orderOf.reserveCapacity(orders.count)
        var baskets = [Int32](repeating: 0, count: n)
        var revenue = [Double](repeating: 0, count: n)
        var value: [Double] = [], margin: [Double] = []
        value.reserveCapacity(orders.count)
        margin.reserveCapacity(orders.count)
        var scratch: [Int32] = []
        var left = LeftOutLines()
        var leftOrdersOfProduct = [Int32](repeating: 0, count: isLeftOut.count)
        let anyLeftOut = isLeftOut.contains(true)
        for o in 0..<orders.count {
            if o & 65535 == 0 { try Cancellation.check() }
            if let keep, !keep[o] { continue }
            let lo = Int(orders.offsets[o]), hi = Int(orders.offsets[o + 1])
            guard hi > lo else { continue }
            scratch.removeAll(keepingCapacity: true)
            var leftHere = 0
            for e in lo..<hi {
                let p = Int(orders.items[e])
                if anyLeftOut && isLeftOut[p] {
                    leftHere += 1
                    leftOrdersOfProduct[p] += 1
                    continue
                }
                let i = itemOfProduct[p]
                if i >= 0 { scratch.append(i); revenue[Int(i)] += orders.lineValues[e] }
            }
            if leftHere > 0 {
                left.orders += 1
                if leftHere == hi - lo { left.ordersWithNothingElse += 1 }
            }
            guard !scratch.isEmpty else { continue }
            if !catalogue.inProductOrder { scratch.sort() }
            var last: Int32 = -1
            for i in scratch where i != last {
                its.append(i)
                baskets[Int(i)] += 1
                last = i
            }
            off.append(Int32(its.count))
            orderOf.append(Int32(o))
            value.append(orders.value[o])
            margin.append(orders.value[o] - orders.cost[o])
        }
        self.level = level
        self.caseInsensitive = caseInsensitive
        itemNames = catalogue.names
        itemKeys = catalogue.keys
        offsets = off
        items = its
        orderOfBasket = orderOf
        itemBaskets = baskets
        itemRevenue = revenue
        basketValue = value
        basketMargin = margin
        caseVariants = catalogue.caseVariants
        caseVariantExample = catalogue.caseExample
        leftOut = Self.leftOutSummary(left, ordersOfProduct: leftOrdersOfProduct, keys: model.products.key)
        if level == .product {
            itemPrice = catalogue.price
            itemCost = catalogue.cost
        } else {
            itemPrice = (0..<n).map { baskets[$0] > 0 ? revenue[$0] / Double(baskets[$0]) : .nan }
            itemCost = [Double](repeating: .nan, count: n)
        }
    }

    /// `left` with the items found and their codes, most orders first (ties by code).
    static func leftOutSummary(_ left: LeftOutLines, ordersOfProduct: [Int32], keys: [String]) -> LeftOutLines {
        var summary = left
        let found = ordersOfProduct.indices.filter { ordersOfProduct[$0] > 0 }
        summary.items = found.count
        summary.codes = found.sorted { a, b in
            ordersOfProduct[a] != ordersOfProduct[b] ? ordersOfProduct[a] > ordersOfProduct[b] : keys[a] < keys[b]
        }.map { keys[$0] }
        return summary
    }

    /// Baskets given directly as lists of item names (for tests and small inputs): one basket per list,
    /// item ids in order of first appearance, no money.
    public init(baskets: [[String]]) {
        level = .product
        var idOf: [String: Int32] = [:]
        itemNames = []
        offsets = [0]
        items = []
        orderOfBasket = []
        for basket in baskets {
            var ids = Set<Int32>()
            for name in basket {
                if let id = idOf[name] { ids.insert(id) } else {
                    let id = Int32(itemNames.count)
                    idOf[name] = id
                    itemNames.append(name)
                    ids.insert(id)
                }
            }
            guard !ids.isEmpty else { continue }
            items.append(contentsOf: ids.sorted())
            offsets.append(Int32(items.count))
            orderOfBasket.append(Int32(orderOfBasket.count))
        }
        itemKeys = itemNames
        itemBaskets = [Int32](repeating: 0, count: itemNames.count)
        for i in items { itemBaskets[Int(i)] += 1 }
        itemRevenue = [Double](repeating: 0, count: itemNames.count)
        itemPrice = [Double](repeating: .nan, count: itemNames.count)
        itemCost = [Double](repeating: .nan, count: itemNames.count)
        basketValue = [Double](repeating: 0, count: offsets.count - 1)
        basketMargin = [Double](repeating: .nan, count: offsets.count - 1)
    }

    /// The id of the item called `text` (name or key, exact, then case-insensitive).
    public func item(named text: String) -> Int32? {
        if let k = itemNames.firstIndex(of: text) ?? itemKeys.firstIndex(of: text) { return Int32(k) }
        let l = text.lowercased()
        if let k = itemNames.firstIndex(where: { $0.lowercased() == l }) ?? itemKeys.firstIndex(where: { $0.lowercased() == l }) {
            return Int32(k)
        }
        return nil
    }

    /// The id of `text`, or ``BasketError/unknownItem(_:suggestions:)`` with the closest names.
    /// Matching follows ``NameMatch``: exact name or id, else the only name containing the text.
    public func requireItem(_ text: String) throws -> Int32 {
        if let id = item(named: text) { return id }
        switch NameMatch.find(text, names: itemNames, keys: itemKeys) {
        case .found(let k): return Int32(k)
        case .ambiguous(let ks): throw BasketError.ambiguousItem(text, matches: ks.prefix(4).map { itemNames[$0] }, count: ks.count)
        case .none(let suggestions): throw BasketError.unknownItem(text, suggestions: suggestions)
        }
    }

    /// Minimum basket count for a support share: count ≥ ceil(share · baskets) (the convention of arules,
    /// pyfim and mlxtend), at least 1.
    public func minimumCount(support share: Double) -> Int {
        max(1, Int((share * Double(basketCount) - 1e-9).rounded(.up)))
    }

    /// Fails with ``BasketError/noMultiItemBaskets(_:)`` when no basket has two items.
    public func requireMultiItemBaskets() throws {
        if multiItemBaskets == 0 { throw BasketError.noMultiItemBaskets(basketCount) }
    }
}
