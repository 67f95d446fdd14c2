import Foundation
import UpshellCore
import UpshellData

/// What the order data say about an anchor/add-on pair (MODELS.md §3.3): co-purchase counts, prices, cost,
/// pull-in, per bootstrap cluster as well.
public struct AttachData: Sendable {
    /// Orders holding the anchor (all orders in scope when there is no anchor), and those also holding the add-on.
    public var anchorOrders: Double
    public var bothOrders: Double
    /// Anchor orders without the add-on whose customer is known, and those whose customer bought the add-on
    /// within the window afterwards.
    public var pullInCandidates: Double
    public var pulledIn: Double
    /// Units-weighted mean unit prices in scope; the add-on's unit cost (`.nan` unknown).
    public var anchorPrice: Double
    public var addonPrice: Double
    public var addonCost: Double
    /// Per-cluster counts (`clusterCount × 4`: anchor, both, candidates, pulled in).
    public var clusterCounts: [Double]
    public var clusterCount: Int
    /// Days covered.
    public var days: Double

    public var attachRate: Double { anchorOrders > 0 ? bothOrders / anchorOrders : .nan }
    public var pullIn: Double { pullInCandidates > 0 ? pulledIn / pullInCandidates : 0 }

    /// Measures a pair in `sample`'s orders of `model` (`orders` as passed to the sample; `nil` = all).
    /// - Complexity: O(orders in scope · basket size + orders with the add-on).
    public static func measure(_ model: OrderModel, orders selected: [Int32]?, sample: PricingSample, anchor: Int?, addon: Int,
                               windowDays: Double = 30) -> AttachData {
        let o = model.orders
        let ids: [Int32] = selected ?? Array(0..<Int32(o.count))
        // times of add-on purchases per customer, as sorted segments of one array (all orders of the model:
        // later purchases may fall outside the scope); orders scanned in two halves side by side
        let customers = model.customers.count
        let target = Int32(addon)
        let buyers = ParallelParts.map(count: o.count) { range -> [Purchase] in
            var found: [Purchase] = []
            for k in range where o.customer[k] >= 0 && o.time[k] != .min
                && o.items.index(of: target, in: Int(o.offsets[k])..<Int(o.offsets[k + 1])) != nil {
                found.append(Purchase(customer: o.customer[k], time: o.time[k]))
            }
            return found
        }.flatMap { $0 }
        var start = [Int32](repeating: 0, count: customers + 1)
        for b in buyers { start[Int(b.customer) + 1] += 1 }
        for c in 0..<customers { start[c + 1] += start[c] }
        var times = [Int64](repeating: 0, count: buyers.count)
        var cursor = Array(start.dropLast())
        for b in buyers { times[Int(cursor[Int(b.customer)])] = b.time; cursor[Int(b.customer)] += 1 }
        for c in 0..<customers where start[c + 1] - start[c] > 1 { times[Int(start[c])..<Int(start[c + 1])].sort() }
        let window = Int64(windowDays * 86_400)
        let anchorId = anchor.map { Int32($0) } ?? -1
        let addonTimes = times, addonStart = start
        // every basket in scope, in two halves side by side; the tallies add up exactly (counts) or to the
        // last bits (units and money)
        let tallies = ParallelParts.map(count: ids.count) { range -> Tally in
            var t = Tally(clusters: sample.clusterCount)
            for i in range {
                let k = Int(ids[i])
                var hasA = anchor == nil, hasB = false
                let basket = Int(o.offsets[k])..<Int(o.offsets[k + 1])
                if anchor != nil, let e = o.items.index(of: anchorId, in: basket) {
                    hasA = true; t.unitsA += o.quantities[e]; t.valueA += o.lineValues[e]
                }
                if let e = o.items.index(of: target, in: basket) {
                    hasB = true; t.unitsB += o.quantities[e]; t.valueB += o.lineValues[e]
                }
                guard hasA else { continue }
                let c = Int(sample.cluster[i]) * 4
                t.counts[c] += 1
                if hasB { t.counts[c + 1] += 1; continue }
                let cu = Int(o.customer[k]), time = o.time[k]
                guard cu >= 0, time != .min else { continue }
                t.counts[c + 2] += 1
                let a = Int(addonStart[cu]), b = Int(addonStart[cu + 1])
                if b > a {
                    // first add-on purchase after the order
                    var lo = a, hi = b
                    while lo < hi { let m = (lo + hi) / 2; if addonTimes[m] <= time { lo = m + 1 } else { hi = m } }
                    if lo < b && addonTimes[lo] <= time + window { t.counts[c + 3] += 1 }
                }
            }
            return t
        }
        var counts = tallies[0].counts
        var unitsA = tallies[0].unitsA, valueA = tallies[0].valueA, unitsB = tallies[0].unitsB, valueB = tallies[0].valueB
        for t in tallies.dropFirst() {
            for j in counts.indices { counts[j] += t.counts[j] }
            unitsA += t.unitsA; valueA += t.valueA; unitsB += t.unitsB; valueB += t.valueB
        }
        var tot = [0.0, 0.0, 0.0, 0.0]
        for c in 0..<sample.clusterCount { for j in 0..<4 { tot[j] += counts[c * 4 + j] } }
        let pA = unitsA > 0 ? valueA / unitsA : (anchor.map { model.products.meanPrice[$0] } ?? 0)
        let pB = unitsB > 0 ? valueB / unitsB : model.products.meanPrice[addon]
        return AttachData(anchorOrders: tot[0], bothOrders: tot[1], pullInCandidates: tot[2], pulledIn: tot[3],
                          anchorPrice: anchor == nil ? 0 : pA, addonPrice: pB, addonCost: model.products.cost[addon],
                          clusterCounts: counts, clusterCount: sample.clusterCount, days: sample.days)
    }
}

/// An order holding the add-on: its customer and time.
private struct Purchase: Sendable {
    var customer: Int32
    var time: Int64
}

/// One part's counts per cluster (anchor, both, candidates, pulled in) and units and money of the pair.
private struct Tally: Sendable {
    var counts: [Double]
    var unitsA = 0.0, valueA = 0.0, unitsB = 0.0, valueB = 0.0
    init(clusters: Int) { counts = [Double](repeating: 0, count: clusters * 4) }
}

/// What the order data say about first orders (MODELS.md §3.2).
public struct FirstOrderData: Sendable {
    /// First orders in scope (a customer's first order in the data), their mean value and margin ratio.
    public var firstOrders: Double
    public var meanValue: Double
    public var marginRatio: Double
    /// Mean gross margin of repeat orders within 365 days of the first order, over customers whose first order
    /// is at least 365 days before the end of the data (the mature cohort); `.nan` without one.
    public var futureMargin: Double
    /// Cumulative repeat margin per mature customer by month after the first order (months 1…12, 30.4 days each).
    public var cumulativeMarginByMonth: [Double]
    public var matureCustomers: Int
    public var days: Double
    public var costCoverage: Double

    /// - Complexity: O(orders).
    public static func measure(_ model: OrderModel, orders selected: [Int32]?, defaultMargin: Double) -> FirstOrderData {
        let o = model.orders
        let c = model.customers
        let ids: [Int32] = selected ?? Array(0..<Int32(o.count))
        var n = 0.0, value = 0.0, margin = 0.0, costed = 0.0
        var lo = Int64.max, hi = Int64.min
        for id in ids {
            let k = Int(id)
            let t = o.time[k]
            if t != .min { lo = min(lo, t); hi = max(hi, t) }
            let cu = Int(o.customer[k])
            guard cu >= 0, t != .min, t == c.firstOrderTime[cu] else { continue }
            n += 1
            value += o.value[k]
            if o.cost[k].isFinite { margin += o.value[k] - o.cost[k]; costed += 1 } else { margin += o.value[k] * defaultMargin }
        }
        // mature cohort over the whole model
        let end = model.dateRange?.upperBound ?? hi
        let year: Int64 = 365 * 86_400
        var mature = 0
        var future = 0.0
        var byMonth = [Double](repeating: 0, count: 12)
        var isMature = [Bool](repeating: false, count: c.count)
        for cu in 0..<c.count where c.firstOrderTime[cu] != .min && c.firstOrderTime[cu] <= end - year { isMature[cu] = true; mature += 1 }
        for k in 0..<o.count {
            let cu = Int(o.customer[k])
            guard cu >= 0, isMature[cu], o.time[k] != .min else { continue }
            let first = c.firstOrderTime[cu]
            guard o.time[k] > first, o.time[k] <= first + year else { continue }
            let g = o.cost[k].isFinite ? o.value[k] - o.cost[k] : o.value[k] * defaultMargin
            future += g
            byMonth[min(11, Int(Double(o.time[k] - first) / (30.4375 * 86_400)))] += g
        }
        return FirstOrderData(firstOrders: n, meanValue: n > 0 ? value / n : .nan, marginRatio: value > 0 ? margin / value : defaultMargin,
                              futureMargin: mature > 0 ? future / Double(mature) : .nan,
                              cumulativeMarginByMonth: mature > 0 ? byMonth.indices.map { m in byMonth[0...m].reduce(0, +) / Double(mature) } : [],
                              matureCustomers: mature,
                              days: lo <= hi ? max(1, Double(hi - lo) / 86_400) : 1, costCoverage: n > 0 ? costed / n : 0)
    }
}
