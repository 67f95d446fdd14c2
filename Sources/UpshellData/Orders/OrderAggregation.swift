import Dispatch
import Synchronization
import UpshellCore

/// One order's totals (what ``OrderTotalColumns`` holds for it).
struct OrderTotals {
    var customer: Int32 = -1
    /// Basket entries (distinct products) of the order.
    var entries: Int32 = 0
    var time = Int64.min
    var units = 0.0
    var value = 0.0
    var cost = 0.0
    var shipping = Double.nan
}

/// The per-order totals ``OrderAggregation`` writes, one array per field, so each is handed to ``Orders``
/// as it is or narrowed on its own — no 48-byte record per order resident beside them (a 10 M-line load's
/// peak memory). `cost` and `shipping` are empty when the lines have no such column.
struct OrderTotalColumns {
    var customer: [Int32] = []
    var entries: [Int32] = []
    var time: [Int64] = []
    var units: [Double] = []
    var value: [Double] = []
    var cost: [Double] = []
    var shipping: [Double] = []

    /// Number of orders.
    var count: Int { entries.count }
    var isEmpty: Bool { entries.isEmpty }

    /// Order `o`'s totals as one record (NaN cost and shipping when the columns are absent).
    subscript(o: Int) -> OrderTotals {
        OrderTotals(customer: customer[o], entries: entries[o], time: time[o], units: units[o], value: value[o],
                    cost: cost.isEmpty ? .nan : cost[o], shipping: shipping.isEmpty ? .nan : shipping[o])
    }
}

/// The per-line inputs of the aggregation: rows of each order (CSR) and the role columns as numbers.
/// Optional columns are empty arrays with a flag, so the line loop tests a flag, not an optional.
struct OrderLineInputs: Sendable {
    /// Lines of order `o`: `rowsInOrder[offsets[o]..<offsets[o+1]]`; `rowsInOrder` is empty when that
    /// is the rows themselves (every line kept, each order's lines together): rows `offsets[o]..<offsets[o+1]`.
    var offsets: [Int32]
    var rowsInOrder: [Int32]
    /// Dense product id per row (`-1`: no product).
    var productOf: [Int32]
    var quantity: LineNumbers?, total: LineNumbers?, price: LineNumbers?, unitCost: LineNumbers?, shippingFee: LineNumbers?
    var times: IntStorage?
    var customerOf: [Int32]?
}

/// Folds each order's lines into its totals and its basket (distinct products in increasing id,
/// units and money of repeated products summed), orders split into ranges aggregated in parallel.
///
/// Entries are first written at the order's first line offset (an order has at most as many entries
/// as lines), so ranges never overlap; when repeated products were merged somewhere, one pass closes
/// the gaps. Line value = line total, else quantity × unit price; quantity 1 when absent.
enum OrderAggregation {
    /// Baskets and per-order totals for `input`; throws ``CancelledError`` when cancelled.
    static func run(_ input: OrderLineInputs, threads: Int = 2)
        throws -> (totals: OrderTotalColumns, offsets: [Int32], items: [Int32], quantities: [Float], values: [Double]) {
        let orderCount = input.offsets.count - 1
        guard orderCount > 0 else { return (OrderTotalColumns(), [0], [], [], []) }
        let placed = Int(input.offsets[orderCount])
        let ranges = split(input.offsets, pieces: threads <= 1 ? 1 : threads * 4)
        var totals = OrderTotalColumns(customer: [Int32](repeating: -1, count: orderCount),
                                       entries: [Int32](repeating: 0, count: orderCount),
                                       time: [Int64](repeating: .min, count: orderCount),
                                       units: [Double](repeating: 0, count: orderCount),
                                       value: [Double](repeating: 0, count: orderCount),
                                       cost: input.unitCost == nil ? [] : [Double](repeating: .nan, count: orderCount),
                                       shipping: input.shippingFee == nil ? [] : [Double](repeating: .nan, count: orderCount))
        var finalCount = placed
        var cancelled = false
        var quantities: [Float] = [], values: [Double] = []
        let items = [Int32](unsafeUninitializedCapacity: placed) { itemBuffer, itemCount in
            quantities = [Float](unsafeUninitializedCapacity: placed) { quantityBuffer, quantityCount in
                values = [Double](unsafeUninitializedCapacity: placed) { valueBuffer, valueCount in
                    totals.withPointers { columns in
                        let out = Outputs(items: itemBuffer.baseAddress!, quantities: quantityBuffer.baseAddress!,
                                          values: valueBuffer.baseAddress!, totals: columns)
                        let stopped = Atomic<Bool>(false)
                        let work: @Sendable (Int) -> Void = { k in
                            if !aggregate(ranges[k], input, out) { stopped.store(true, ordering: .relaxed) }
                        }
                        if ranges.count <= 1 {
                            for k in ranges.indices { work(k) }
                        } else {
                            DispatchQueue.concurrentPerform(iterations: ranges.count, execute: work)
                        }
                        cancelled = stopped.load(ordering: .relaxed)
                        if !cancelled { finalCount = compact(input.offsets, out) }
                    }
                    valueCount = cancelled ? 0 : finalCount
                }
                quantityCount = cancelled ? 0 : finalCount
            }
            itemCount = cancelled ? 0 : finalCount
        }
        if cancelled { throw CancelledError() }
        var offsets = [Int32](repeating: 0, count: orderCount + 1)
        for o in 0..<orderCount { offsets[o + 1] = offsets[o] + totals.entries[o] }
        return (totals, offsets, items, quantities, values)
    }

    /// Where workers write: entries at line offsets, totals per order. Each worker writes only its
    /// own orders' slots.
    struct Outputs: @unchecked Sendable {
        let items: UnsafeMutablePointer<Int32>
        let quantities: UnsafeMutablePointer<Float>
        let values: UnsafeMutablePointer<Double>
        let totals: TotalPointers
    }

    /// Where the per-order totals are written (``OrderTotalColumns``' arrays); `cost` and `shipping` are
    /// `nil` when those columns are empty.
    struct TotalPointers {
        let customer: UnsafeMutablePointer<Int32>, entries: UnsafeMutablePointer<Int32>, time: UnsafeMutablePointer<Int64>
        let units: UnsafeMutablePointer<Double>, value: UnsafeMutablePointer<Double>
        let cost: UnsafeMutablePointer<Double>?, shipping: UnsafeMutablePointer<Double>?

        /// Writes order `o`'s totals.
        @inline(__always)
        func store(_ t: OrderTotals, at o: Int) {
            customer[o] = t.customer; entries[o] = t.entries; time[o] = t.time; units[o] = t.units; value[o] = t.value
            cost?[o] = t.cost
            shipping?[o] = t.shipping
        }
    }

    /// Aggregates the orders in `range`; `false` when cancelled.
    static func aggregate(_ range: Range<Int>, _ input: OrderLineInputs, _ out: Outputs) -> Bool {
        let offsets = input.offsets, rows = input.rowsInOrder, productOf = input.productOf
        let identity = rows.isEmpty
        let hasQuantity = input.quantity != nil, qs = input.quantity ?? []
        let hasTotal = input.total != nil, lineTotals = input.total ?? []
        let hasPrice = input.price != nil, prices = input.price ?? []
        let hasCost = input.unitCost != nil, costs = input.unitCost ?? []
        let hasShipping = input.shippingFee != nil, fees = input.shippingFee ?? []
        let hasTimes = input.times != nil, ts = input.times ?? .i64([])
        let hasCustomer = input.customerOf != nil, cids = input.customerOf ?? []
        var spill: [(product: Int32, units: Float, value: Double)] = []
        for o in range {
            if (o - range.lowerBound) & 16383 == 16383, Cancellation.isRequested { return false }
            let start = Int(offsets[o]), end = Int(offsets[o + 1])
            var t = OrderTotals()
            t.cost = hasCost ? 0 : .nan
            var ship = -Double.infinity
            var time = Int64.max
            var m = start
            for r in start..<end {
                let i = identity ? r : Int(rows[r])
                var q = 1.0
                if hasQuantity, !qs[i].isNaN { q = qs[i] }
                var v = 0.0
                if hasTotal, !lineTotals[i].isNaN { v = lineTotals[i] } else if hasPrice, !prices[i].isNaN { v = q * prices[i] }
                let p = productOf[i]
                if p >= 0 {
                    out.items[m] = p; out.quantities[m] = Float(q); out.values[m] = v
                    m += 1
                }
                t.units += q
                t.value += v
                if hasCost, !costs[i].isNaN { t.cost += q * costs[i] }
                if hasShipping, !fees[i].isNaN { ship = max(ship, fees[i]) }
                if hasTimes, ts[i] != .min, ts[i] < time { time = ts[i] }
                if t.customer < 0, hasCustomer, cids[i] >= 0 { t.customer = cids[i] }
            }
            if m - start <= 24 {
                // insertion sort: baskets are small and often already in order
                var a = start + 1
                while a < m {
                    let p = out.items[a], q = out.quantities[a], v = out.values[a]
                    var b = a
                    while b > start, out.items[b - 1] > p {
                        out.items[b] = out.items[b - 1]; out.quantities[b] = out.quantities[b - 1]; out.values[b] = out.values[b - 1]
                        b -= 1
                    }
                    out.items[b] = p; out.quantities[b] = q; out.values[b] = v
                    a += 1
                }
            } else {
                spill.removeAll(keepingCapacity: true)
                for e in start..<m { spill.append((out.items[e], out.quantities[e], out.values[e])) }
                spill.sort { $0.product < $1.product }
                for (k, e) in spill.enumerated() {
                    out.items[start + k] = e.product; out.quantities[start + k] = e.units; out.values[start + k] = e.value
                }
            }
            // repeated products of one order become one entry (units and money summed)
            var w = start, k = start
            while k < m {
                let p = out.items[k]
                var units = Double(out.quantities[k]), value = out.values[k]
                k += 1
                while k < m, out.items[k] == p { units += Double(out.quantities[k]); value += out.values[k]; k += 1 }
                out.items[w] = p; out.quantities[w] = Float(units); out.values[w] = value
                w += 1
            }
            t.entries = Int32(w - start)
            if ship > -Double.infinity { t.shipping = ship }
            if time != .max { t.time = time }
            out.totals.store(t, at: o)
        }
        return true
    }

    /// Moves each order's entries down to close the gaps left by merged repeats; the entry count.
    static func compact(_ offsets: [Int32], _ out: Outputs) -> Int {
        let orderCount = offsets.count - 1
        var w = 0
        for o in 0..<orderCount {
            let start = Int(offsets[o]), n = Int(out.totals.entries[o])
            if start != w {
                // w < start: a forward copy never overwrites what it has still to read
                for x in 0..<n {
                    out.items[w + x] = out.items[start + x]
                    out.quantities[w + x] = out.quantities[start + x]
                    out.values[w + x] = out.values[start + x]
                }
            }
            w += n
        }
        return w
    }

    /// Order ranges of about equal line counts.
    static func split(_ offsets: [Int32], pieces: Int) -> [Range<Int>] {
        let orderCount = offsets.count - 1
        guard orderCount > 0 else { return [] }
        let lines = Int(offsets[orderCount])
        var bounds = [0]
        for k in 1..<max(pieces, 1) {
            let target = Int32(lines * k / pieces)
            var lo = bounds.last!, hi = orderCount
            while lo < hi {
                let mid = (lo + hi) / 2
                if offsets[mid] < target { lo = mid + 1 } else { hi = mid }
            }
            if lo > bounds.last! && lo < orderCount { bounds.append(lo) }
        }
        bounds.append(orderCount)
        return (0..<bounds.count - 1).map { bounds[$0]..<bounds[$0 + 1] }
    }
}

extension OrderTotalColumns {
    /// Runs `body` with pointers to every array (stable for the call).
    mutating func withPointers<R>(_ body: (OrderAggregation.TotalPointers) throws -> R) rethrows -> R {
        try customer.withUnsafeMutableBufferPointer { c in
            try entries.withUnsafeMutableBufferPointer { e in
                try time.withUnsafeMutableBufferPointer { t in
                    try units.withUnsafeMutableBufferPointer { u in
                        try value.withUnsafeMutableBufferPointer { v in
                            try cost.withUnsafeMutableBufferPointer { k in
                                try shipping.withUnsafeMutableBufferPointer { s in
                                    try body(OrderAggregation.TotalPointers(
                                        customer: c.baseAddress!, entries: e.baseAddress!, time: t.baseAddress!,
                                        units: u.baseAddress!, value: v.baseAddress!,
                                        cost: k.isEmpty ? nil : k.baseAddress, shipping: s.isEmpty ? nil : s.baseAddress))
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
