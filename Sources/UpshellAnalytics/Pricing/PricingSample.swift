import Foundation
import UpshellData

/// The order-level data every pricing what-if reads (MODELS.md §0.1): per order the merchandise subtotal
/// `x`, the shipping fee paid, the margin ratio, a bootstrap cluster (the customer), the time; and the
/// units-weighted item prices the threshold model draws filler items from.
///
/// Built once from an ``OrderModel`` (optionally restricted to some orders: a segment, a filtered view, a
/// period) in O(orders + basket entries); nothing downstream touches strings.
public struct PricingSample: Sendable {
    /// Merchandise subtotal per order (Σ price × quantity), in the store's currency.
    public var value: [Double]
    /// Shipping fee paid per order (`.nan` unknown); empty when the data has no fee column.
    public var fee: [Double]
    /// Gross-margin ratio per order `Σ(p − k)q / x` where costs exist, else ``defaultMargin``.
    public var marginRatio: [Double]
    /// Order time, seconds since 1970 (`Int64.min` unknown); kept only with a fee column (threshold detection
    /// needs it; nothing else does), else empty.
    public var time: [Int64]
    /// Bootstrap cluster per order, `0..<clusterCount` (whole customers; guests are their own cluster).
    public var cluster: [Int32]
    /// Number of clusters.
    public var clusterCount: Int
    /// Distinct identified customers, as every other command counts them (guest orders are not customers).
    public var customerCount: Int
    /// Orders without a customer id; each is its own bootstrap cluster.
    public var guestOrders: Int = 0
    /// Whether any order had a unit cost.
    public var hasCosts: Bool
    /// Share of orders whose margin came from costs.
    public var costCoverage: Double
    /// Whether a shipping-fee column exists.
    public var hasFees: Bool
    /// The margin ratio assumed where costs are missing.
    public var defaultMargin: Double
    /// Calendar days from the first to the last order (at least 1).
    public var days: Double
    /// Item prices (units-weighted) for filler items.
    public var items: ItemPriceTable

    /// Number of orders.
    public var count: Int { value.count }

    /// Most clusters the bootstrap keeps separate: above this, customers are hashed into this many groups
    /// of whole customers (a block bootstrap with the same clustering, cheap enough for 1,000 draws).
    public static let maxClusters = 4096

    /// The sample of `orders` (all orders when `nil`) of `model`.
    /// - Complexity: O(orders + basket entries + products · log products).
    // hot loop: one pass over every selected order and its entries; one body so the per-order state stays in locals.
    public init(model: OrderModel, orders selected: [Int32]? = nil, defaultMargin: Double = 0.40) {
        let o = model.orders
        let n = selected?.count ?? o.count
        self.defaultMargin = defaultMargin
        let keepFees = o.shipping.contains { !$0.isNaN }
        var value = [Double](repeating: 0, count: n)
        var fee = [Double](repeating: .nan, count: keepFees ? n : 0)
        var marginRatio = [Double](repeating: defaultMargin, count: n)
        var time = [Int64](repeating: .min, count: keepFees ? n : 0)
        var cluster = [Int32](repeating: 0, count: n)
        var withCost = 0
        var lo = Int64.max, hi = Int64.min
        var productUnits = [Double](repeating: 0, count: model.products.count)
        var productValue = [Double](repeating: 0, count: model.products.count)
        // customers → dense cluster ids; guests get fresh ids
        var clusterOfCustomer = [Int32](repeating: -1, count: model.customers.count)
        var next: Int32 = 0
        var identified = 0, guests = 0
        // absent cost or fee columns are skipped, not read as arrays of .nan
        let fees = o.shipping.knownValues ?? [], costs = o.cost.knownValues ?? []
        let hasCostColumn = !costs.isEmpty
        let ov = o.value, ot = o.time
        fees.withUnsafeBufferPointer { os in
        costs.withUnsafeBufferPointer { oc in
        o.customer.withUnsafeBufferPointer { ocu in
            for i in 0..<n {
                let k = selected.map { Int($0[i]) } ?? i
                let x = ov[k]
                value[i] = x
                if keepFees { fee[i] = os[k] }
                if hasCostColumn {
                    let c = oc[k]
                    if c.isFinite, x > 0 { marginRatio[i] = (x - c) / x; withCost += 1 }
                }
                let t = ot[k]
                if keepFees { time[i] = t }
                if t != .min { lo = min(lo, t); hi = max(hi, t) }
                let cu = Int(ocu[k])
                if cu >= 0 {
                    if clusterOfCustomer[cu] < 0 { clusterOfCustomer[cu] = next; next += 1; identified += 1 }
                    cluster[i] = clusterOfCustomer[cu]
                } else {
                    cluster[i] = next; next += 1; guests += 1
                }
            }
        }
        }
        }
        // units and value per product over the basket entries of the selected orders
        let qs = o.quantities, lv = o.lineValues, entryProduct = o.items
        productUnits.withUnsafeMutableBufferPointer { pu in
        productValue.withUnsafeMutableBufferPointer { pv in
            if let selected {
                for id in selected {
                    for e in Int(o.offsets[Int(id)])..<Int(o.offsets[Int(id) + 1]) {
                        let p = Int(entryProduct[e]); pu[p] += qs[e]; pv[p] += lv[e]
                    }
                }
            }
        }
        }
        if selected == nil {
            // every order: the model's product totals are these sums, taken in the same order
            productUnits = model.products.units
            productValue = model.products.revenue
        }
        self.value = value; self.fee = fee; self.marginRatio = marginRatio; self.time = time; self.cluster = cluster
        customerCount = identified
        guestOrders = guests
        if Int(next) > PricingSample.maxClusters {
            let g = UInt64(PricingSample.maxClusters)
            self.cluster.withUnsafeMutableBufferPointer { cl in
                for i in 0..<n {
                    var z = UInt64(UInt32(bitPattern: cl[i])) &+ 0x9E37_79B9_7F4A_7C15
                    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
                    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
                    cl[i] = Int32((z ^ (z >> 31)) % g)
                }
            }
            clusterCount = PricingSample.maxClusters
        } else {
            clusterCount = max(1, Int(next))
        }
        hasCosts = withCost > 0
        costCoverage = n > 0 ? Double(withCost) / Double(n) : 0
        hasFees = keepFees
        days = lo <= hi ? max(1, Double(hi - lo) / 86_400) : 1
        var entries: [ItemPriceTable.Entry] = []
        for p in 0..<model.products.count where productUnits[p] > 0 && productValue[p] > 0 {
            let price = productValue[p] / productUnits[p]
            let cost = model.products.cost[p]
            let margin = cost.isFinite ? price - cost : price * defaultMargin
            entries.append(.init(price: price, units: productUnits[p], marginPerUnit: margin))
        }
        items = ItemPriceTable(entries)
    }

    /// A sample from plain arrays (tests, synthetic stores): costs absent unless `marginRatio` is given.
    public init(value: [Double], fee: [Double]? = nil, marginRatio: [Double]? = nil, cluster: [Int32]? = nil,
                items: ItemPriceTable, defaultMargin: Double = 0.40, days: Double = 365) {
        let n = value.count
        self.value = value
        self.fee = fee ?? []
        self.marginRatio = marginRatio ?? [Double](repeating: defaultMargin, count: n)
        self.time = fee == nil ? [] : [Int64](repeating: .min, count: n)
        let cl = cluster ?? (0..<n).map { Int32($0) }
        let distinct = (cl.max().map { Int($0) + 1 }) ?? 1
        if distinct > PricingSample.maxClusters {
            self.cluster = cl.map { Int32(Int($0) % PricingSample.maxClusters) }
            clusterCount = PricingSample.maxClusters
        } else {
            self.cluster = cl
            clusterCount = max(1, distinct)
        }
        customerCount = distinct
        hasCosts = marginRatio != nil
        costCoverage = marginRatio != nil ? 1 : 0
        hasFees = fee != nil
        self.defaultMargin = defaultMargin
        self.days = days
        self.items = items
    }

    /// The sub-sample of the given positions (0-based indices into this sample).
    public func subset(_ positions: [Int]) -> PricingSample {
        var s = self
        s.value = positions.map { value[$0] }
        s.fee = fee.isEmpty ? [] : positions.map { fee[$0] }
        s.marginRatio = positions.map { marginRatio[$0] }
        s.time = time.isEmpty ? [] : positions.map { time[$0] }
        var dense = [Int32: Int32]()
        s.cluster = positions.map { i in
            if let c = dense[cluster[i]] { return c }
            let c = Int32(dense.count); dense[cluster[i]] = c; return c
        }
        s.clusterCount = max(1, dense.count)
        return s
    }
}

/// Item prices weighted by units sold, with the margin per unit, sorted by price: where filler items for
/// a top-up come from (MODELS.md §1.1). Each product enters once at its units-weighted mean price.
public struct ItemPriceTable: Sendable {
    /// One item price point.
    public struct Entry: Sendable {
        public var price: Double
        public var units: Double
        public var marginPerUnit: Double
        public init(price: Double, units: Double, marginPerUnit: Double) {
            self.price = price; self.units = units; self.marginPerUnit = marginPerUnit
        }
    }
    /// Prices ascending.
    public private(set) var price: [Double]
    /// Prefix sums (count + 1) of units, units × price, units × margin.
    private var cumUnits: [Double], cumValue: [Double], cumMargin: [Double]
    /// Margin per unit at each price.
    public private(set) var marginPerUnit: [Double]

    /// A table of the given entries (any order).
    public init(_ entries: [Entry]) {
        let sorted = entries.filter { $0.units > 0 && $0.price > 0 }.sorted { $0.price < $1.price }
        price = sorted.map(\.price)
        marginPerUnit = sorted.map(\.marginPerUnit)
        cumUnits = [0]; cumValue = [0]; cumMargin = [0]
        for e in sorted {
            cumUnits.append(cumUnits.last! + e.units)
            cumValue.append(cumValue.last! + e.units * e.price)
            cumMargin.append(cumMargin.last! + e.units * e.marginPerUnit)
        }
    }

    /// Units-weighted quantile of item prices (q in [0, 1]).
    public func priceQuantile(_ q: Double) -> Double {
        guard let total = cumUnits.last, total > 0 else { return .nan }
        let target = q * total
        var i = 1
        while i < cumUnits.count - 1 && cumUnits[i] < target { i += 1 }
        return price[i - 1]
    }

    /// First index with price ≥ `x` (binary search).
    private func lowerBound(_ x: Double) -> Int {
        var a = 0, b = price.count
        while a < b { let m = (a + b) / 2; if price[m] < x { a = m + 1 } else { b = m } }
        return a
    }

    /// Expected filler price and margin for a gap `g`: the units-weighted mean over items priced in
    /// `[g, g + cap]`; if none, the cheapest item priced ≥ `g`; `nil` when no item reaches `g`.
    public func filler(gap g: Double, cap: Double) -> (price: Double, margin: Double)? {
        let a = lowerBound(g - 1e-9)
        guard a < price.count else { return nil }
        let b = lowerBound(g + cap + 1e-9)
        if b > a {
            let u = cumUnits[b] - cumUnits[a]
            return ((cumValue[b] - cumValue[a]) / u, (cumMargin[b] - cumMargin[a]) / u)
        }
        return (price[a], marginPerUnit[a])
    }

    /// Draws a filler item for gap `g` (tests' Monte Carlo): units-weighted among `[g, g + cap]`, else the
    /// cheapest item ≥ `g`.
    public func drawFiller(gap g: Double, cap: Double, uniform: Double) -> (price: Double, margin: Double)? {
        let a = lowerBound(g - 1e-9)
        guard a < price.count else { return nil }
        let b = lowerBound(g + cap + 1e-9)
        guard b > a else { return (price[a], marginPerUnit[a]) }
        let target = cumUnits[a] + uniform * (cumUnits[b] - cumUnits[a])
        var i = a
        while i < b - 1 && cumUnits[i + 1] <= target { i += 1 }
        return (price[i], marginPerUnit[i])
    }

    /// Number of distinct price points.
    public var count: Int { price.count }
}
