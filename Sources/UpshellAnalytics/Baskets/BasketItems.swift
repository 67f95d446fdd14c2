import UpshellData

/// What the baskets left out of the orders they were built from: non-product lines (postage, fees,
/// placeholders; `NonProductRule`) under the default `clean non-product=out-of-baskets`.
public struct LeftOutLines: Sendable, Equatable {
    /// Distinct non-product items found in the selected orders.
    public var items = 0
    /// Their codes (product keys), in most orders first (ties by code).
    public var codes: [String] = []
    /// Selected orders holding at least one of them.
    public var orders = 0
    /// Selected orders holding nothing else: they are not baskets.
    public var ordersWithNothingElse = 0

    /// Nothing left out.
    public init() {}
}

/// How the products of an order model become basket items: at a level (product, category, brand),
/// without the products left out of baskets, and with keys compared exactly or without letter case.
struct BasketItems {
    /// Display name and key of each item.
    var names: [String] = [], keys: [String] = []
    /// The item of each product, `-1` when it is none (left out, or no value at the level).
    var itemOfProduct: [Int32] = []
    /// Whether the products left out of baskets are flagged (``Products/outOfBaskets``).
    var leftOut: [Bool] = []
    /// Whether item ids increase with product ids and no two products share an item, so a basket's
    /// items come out sorted and distinct without a sort.
    var inProductOrder = true
    /// Items whose key equals another's but for letter case (merged when keys compare without case).
    var caseVariants = 0
    /// The first such pair of keys, for the note.
    var caseExample: [String] = []
    /// Mean unit price and cost of each item (products only; weighted by orders when products merge).
    var price: [Double] = [], cost: [Double] = []

    /// The items of `products` at `level`.
    ///
    /// - Throws: ``BasketError/noAttribute(_:)`` when no product has the category or brand asked for.
    /// - Complexity: O(products) expected.
    init(_ products: Products, level: ProductAttribute, caseInsensitive: Bool) throws {
        leftOut = (0..<products.count).map { products.isOutOfBaskets($0) }
        if level == .product {
            productItems(products, caseInsensitive: caseInsensitive)
        } else {
            try attributeItems(level == .category ? products.category : products.brand, level: level,
                               caseInsensitive: caseInsensitive)
        }
    }

    /// Items are products (merged by upper-cased key when `caseInsensitive`), in product order.
    private mutating func productItems(_ products: Products, caseInsensitive: Bool) {
        itemOfProduct = [Int32](repeating: -1, count: products.count)
        var itemOfKey: [String: Int32] = [:]
        var members: [[Int]] = []
        for p in 0..<products.count where !leftOut[p] {
            let key = products.key[p], folded = key.uppercased()
            if let other = itemOfKey[folded] {
                caseVariants += 1
                if caseExample.isEmpty { caseExample = [keys[Int(other)], key] }
                if caseInsensitive {
                    itemOfProduct[p] = other
                    members[Int(other)].append(p)
                    inProductOrder = false
                    continue
                }
            } else {
                itemOfKey[folded] = Int32(names.count)
            }
            itemOfProduct[p] = Int32(names.count)
            names.append(products.name[p].isEmpty ? key : products.name[p])
            keys.append(caseInsensitive ? folded : key)
            members.append([p])
        }
        // merged products: means weighted by the orders holding each
        func mean(_ values: [Double], _ ps: [Int]) -> Double {
            var sum = 0.0, weight = 0.0
            for p in ps where values[p].isFinite {
                let w = Double(max(1, products.orderCount.indices.contains(p) ? products.orderCount[p] : 1))
                sum += w * values[p]
                weight += w
            }
            return weight > 0 ? sum / weight : .nan
        }
        price = members.map { $0.count == 1 ? products.meanPrice[$0[0]] : mean(products.meanPrice, $0) }
        cost = members.map { $0.count == 1 ? products.cost[$0[0]] : mean(products.cost, $0) }
    }

    /// Items are the distinct non-empty `values` (categories or brands) of the products kept in baskets,
    /// in alphabetical order (of the upper-cased value when `caseInsensitive`), so results do not depend
    /// on row order.
    private mutating func attributeItems(_ values: [String], level: ProductAttribute, caseInsensitive: Bool) throws {
        guard values.contains(where: { !$0.isEmpty }) else { throw BasketError.noAttribute(level.rawValue) }
        inProductOrder = false
        let used = values.indices.filter { !leftOut[$0] && !values[$0].isEmpty }
        let exact = Set(used.map { values[$0] })
        var nameOfKey: [String: String] = [:]
        for v in exact.sorted() {
            let key = caseInsensitive ? v.uppercased() : v
            if nameOfKey[key] == nil { nameOfKey[key] = v }
        }
        let folded = Set(exact.map { $0.uppercased() })
        caseVariants = exact.count - folded.count
        if caseVariants > 0 {
            let byFold = Dictionary(grouping: exact.sorted(), by: { $0.uppercased() })
            caseExample = byFold.values.filter { $0.count > 1 }.min { $0[0] < $1[0] }.map { Array($0.prefix(2)) } ?? []
        }
        let sortedKeys = nameOfKey.keys.sorted()
        var idOf: [String: Int32] = [:]
        for (k, key) in sortedKeys.enumerated() { idOf[key] = Int32(k) }
        itemOfProduct = values.indices.map { p in
            leftOut[p] || values[p].isEmpty ? -1 : idOf[caseInsensitive ? values[p].uppercased() : values[p]] ?? -1
        }
        names = sortedKeys.map { nameOfKey[$0] ?? $0 }
        keys = names
    }
}
