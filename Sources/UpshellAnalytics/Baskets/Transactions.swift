import UpshellCore
import UpshellData

/// Baskets as compressed sparse rows of dense item ids: the input of pair counting, itemset mining and
/// rules.
///
/// Basket `t` holds `items[offsets[t]..<offsets[t+1]]`, distinct ids in increasing order. Items are
/// products, categories or brands (``level``); each basket comes from one order of the model
/// (``orderOfBasket``), and orders whose basket would be empty at that level are left out, so
/// ``basketCount`` is the number of orders holding at least one item.
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
    /// - Throws: ``BasketError/noAttribute(_:)`` when no product has the category or brand asked for.
    /// - Complexity: O(basket entries + orders).
    // hot loop: one pass over every basket entry building the CSR arrays; one body so the per-entry state stays in locals.
    public init(_ model: OrderModel, level: ProductAttribute = .product, keep: [Bool]? = nil) throws {
        let orders = model.orders, products = model.products
        var names: [String], keys: [String]
        // item of each product (-1 when the product has no value at this level)
        var itemOfProduct: [Int32]
        switch level {
        case .product:
            names = (0..<products.count).map { products.name[$0].isEmpty ? products.key[$0] : products.name[$0] }
            keys = products.key
            itemOfProduct = (0..<Int32(products.count)).map { $0 }
        case .category, .brand:
            let values = level == .category ? products.category : products.brand
            // ids in alphabetical order of the values, so results do not depend on row order
            let distinct = Set(values.filter { !$0.isEmpty }).sorted()
            guard !distinct.isEmpty else { throw BasketError.noAttribute(level.rawValue) }
            var idOf: [String: Int32] = [:]
            for (k, v) in distinct.enumerated() { idOf[v] = Int32(k) }
            itemOfProduct = values.map { idOf[$0] ?? -1 }
            names = distinct
            keys = distinct
        }
        let n = names.count
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
        for o in 0..<orders.count {
            if o & 65535 == 0 { try Cancellation.check() }
            if let keep, !keep[o] { continue }
            let lo = Int(orders.offsets[o]), hi = Int(orders.offsets[o + 1])
            guard hi > lo else { continue }
            if level == .product {
                for e in lo..<hi {
                    let i = Int(orders.items[e])
                    its.append(Int32(i))
                    baskets[i] += 1
                    revenue[i] += orders.lineValues[e]
                }
            } else {
                scratch.removeAll(keepingCapacity: true)
                for e in lo..<hi {
                    let i = itemOfProduct[Int(orders.items[e])]
                    if i >= 0 { scratch.append(i); revenue[Int(i)] += orders.lineValues[e] }
                }
                guard !scratch.isEmpty else { continue }
                scratch.sort()
                var last: Int32 = -1
                for i in scratch where i != last {
                    its.append(i)
                    baskets[Int(i)] += 1
                    last = i
                }
            }
            off.append(Int32(its.count))
            orderOf.append(Int32(o))
            value.append(orders.value[o])
            margin.append(orders.value[o] - orders.cost[o])
        }
        self.level = level
        itemNames = names
        itemKeys = keys
        offsets = off
        items = its
        orderOfBasket = orderOf
        itemBaskets = baskets
        itemRevenue = revenue
        basketValue = value
        basketMargin = margin
        if level == .product {
            itemPrice = products.meanPrice
            itemCost = products.cost
        } else {
            itemPrice = (0..<n).map { baskets[$0] > 0 ? revenue[$0] / Double(baskets[$0]) : .nan }
            itemCost = [Double](repeating: .nan, count: n)
        }
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
