import UpshellCore
import UpshellData

/// What one row of co-occurrence counts is: an order, or a customer (all their orders together).
public enum CoOccurrenceUnit: String, CaseIterable, Sendable {
    /// Products bought in the same order.
    case orders
    /// Products bought by the same customer, in any of their orders (a guest order is a unit of its own).
    case customers
}

/// Rows of distinct product ids (compressed sparse rows): the input of the item–item model.
///
/// Row `u` holds `items[offsets[u]..<offsets[u+1]]`, distinct product ids of the order model, increasing.
/// Products left out of baskets (postage, fees) are no items; rows that would be empty are dropped.
///
/// - Complexity: O(order lines) to build.
public struct PurchaseUnits: Sendable {
    /// CSR offsets, `count + 1` entries.
    public var offsets: [Int32] = [0]
    /// Product ids.
    public var items: [Int32] = []
    /// Units holding each product (length: the model's product count).
    public var unitsOfItem: [Int32]
    /// What a row is.
    public var unit: CoOccurrenceUnit
    /// The order model's order of each row (for customers: their first order in the row), `-1` for rows given directly.
    public var orderOfUnit: [Int32] = []

    /// Number of rows.
    public var count: Int { offsets.count - 1 }
    /// Number of products (items and non-items alike).
    public var itemCount: Int { unitsOfItem.count }

    /// The distinct products of every order of `model` selected by `keep` (all when nil), grouped by
    /// order or by customer.
    public init(_ model: OrderModel, unit: CoOccurrenceUnit = .orders, keep: [Bool]? = nil) throws {
        if !(unit == .customers && model.hasCustomers), let fast = try Self.orderRows(model, keep: keep) {
            self = fast
            self.unit = unit
            return
        }
        self.unit = unit
        let products = model.products
        let n = products.count
        unitsOfItem = [Int32](repeating: 0, count: n)
        let orders = model.orders
        var sequence: [Int32]
        if unit == .customers && model.hasCustomers {
            // orders grouped by customer (stable), guests each alone
            sequence = (0..<Int32(orders.count)).filter { keep?[Int($0)] ?? true }
            sequence.sort { a, b in
                let ca = orders.customer[Int(a)], cb = orders.customer[Int(b)]
                let ka = ca < 0 ? Int64(Int32.max) + Int64(a) : Int64(ca), kb = cb < 0 ? Int64(Int32.max) + Int64(b) : Int64(cb)
                return ka != kb ? ka < kb : a < b
            }
        } else {
            sequence = (0..<Int32(orders.count)).filter { keep?[Int($0)] ?? true }
        }
        var seen = [Int32](repeating: -1, count: n)
        var row: [Int32] = []
        var k = 0
        var unitNumber: Int32 = 0
        while k < sequence.count {
            if k & 65535 == 0 { try Cancellation.check() }
            var end = k + 1
            if unit == .customers && model.hasCustomers {
                let c = orders.customer[Int(sequence[k])]
                if c >= 0 { while end < sequence.count && orders.customer[Int(sequence[end])] == c { end += 1 } }
            }
            row.removeAll(keepingCapacity: true)
            let firstOfRow = k
            for s in k..<end {
                let o = Int(sequence[s])
                for e in Int(orders.offsets[o])..<Int(orders.offsets[o + 1]) {
                    let p = orders.items[e]
                    if products.isOutOfBaskets(Int(p)) || seen[Int(p)] == unitNumber { continue }
                    seen[Int(p)] = unitNumber
                    row.append(p)
                }
            }
            k = end
            guard !row.isEmpty else { continue }
            row.sort()
            let first = sequence[firstOfRow]
            items.append(contentsOf: row)
            for p in row { unitsOfItem[Int(p)] += 1 }
            offsets.append(Int32(items.count))
            orderOfUnit.append(first)
            unitNumber += 1
        }
    }

    /// One row per kept order: the order's items as they are, since the order model keeps each basket's
    /// product ids distinct and increasing — nil when a basket breaks that (the general path then runs).
    /// No per-row set or sort, which took most of the units' time (0.26 s of 0.69 s for the models on 10 M lines).
    // hot loop: one pass over the baskets, copying item ids.
    static func orderRows(_ model: OrderModel, keep: [Bool]?) throws -> PurchaseUnits? {
        let products = model.products, orders = model.orders
        let isItem = (0..<products.count).map { !products.isOutOfBaskets($0) }
        var units = [Int32](repeating: 0, count: products.count)
        var offsets = [Int32](repeating: 0, count: orders.count + 1), orderOf = [Int32](repeating: 0, count: orders.count)
        var rows = 0, entries = 0, ordered = true
        let items = try [Int32](unsafeUninitializedCapacity: orders.items.count) { out, filled in
            try units.withUnsafeMutableBufferPointer { units in
                for o in 0..<orders.count {
                    if o & 65535 == 0 { try Cancellation.check() }
                    if let keep, !keep[o] { continue }
                    var last: Int32 = -1
                    for e in Int(orders.offsets[o])..<Int(orders.offsets[o + 1]) {
                        let p = orders.items[e]
                        guard p > last else { ordered = false; filled = entries; return }
                        last = p
                        guard isItem[Int(p)] else { continue }
                        out[entries] = p
                        entries += 1
                        units[Int(p)] += 1
                    }
                    guard entries > Int(offsets[rows]) else { continue }
                    orderOf[rows] = Int32(o)
                    rows += 1
                    offsets[rows] = Int32(entries)
                }
            }
            filled = entries
        }
        guard ordered else { return nil }
        var out = PurchaseUnits(rows: [], itemCount: 0)
        out.items = items
        out.unitsOfItem = units
        out.offsets = Array(offsets[0...rows])
        out.orderOfUnit = Array(orderOf[0..<rows])
        return out
    }

    /// Rows given directly (tests and crafted inputs): product ids `0..<itemCount`.
    public init(rows: [[Int32]], itemCount: Int, unit: CoOccurrenceUnit = .orders) {
        self.unit = unit
        unitsOfItem = [Int32](repeating: 0, count: itemCount)
        for r in rows {
            let distinct = Array(Set(r)).sorted()
            guard !distinct.isEmpty else { continue }
            items.append(contentsOf: distinct)
            for p in distinct { unitsOfItem[Int(p)] += 1 }
            offsets.append(Int32(items.count))
            orderOfUnit.append(-1)
        }
    }

    /// The products of row `u`.
    @inlinable public func row(_ u: Int) -> ArraySlice<Int32> { items[Int(offsets[u])..<Int(offsets[u + 1])] }

    /// Memory held, in bytes.
    public var memoryBytes: Int { (offsets.count + items.count + unitsOfItem.count) * 4 }
}
