/// Each customer's orders in time order, as compressed sparse rows.
public struct CustomerOrders: Sendable, Equatable {
    /// `count + 1` offsets into ``orders``.
    public var offsets: [Int32]
    /// Order ids, grouped by customer; within a customer by time (unknown times last), then by id.
    public var orders: [Int32]

    /// The orders of customer `c`.
    public func orders(of c: Int) -> ArraySlice<Int32> { orders[Int(offsets[c])..<Int(offsets[c + 1])] }
}

extension OrderModel {
    /// Groups orders by customer (orders without a customer are left out), each group in time order:
    /// the input of recency / frequency / lifetime-value computations.
    ///
    /// - Complexity: O(*o* + Σ *kᵢ* log *kᵢ*) for *o* orders and *kᵢ* orders of customer *i*.
    public func ordersByCustomer() -> CustomerOrders {
        let count = customers.count
        var offsets = [Int32](repeating: 0, count: count + 1)
        for o in 0..<orders.count where orders.customer[o] >= 0 { offsets[Int(orders.customer[o]) + 1] += 1 }
        for c in 0..<count { offsets[c + 1] += offsets[c] }
        var cursor = Array(offsets.dropLast())
        var grouped = [Int32](repeating: 0, count: Int(offsets[count]))
        for o in 0..<orders.count where orders.customer[o] >= 0 {
            let c = Int(orders.customer[o])
            grouped[Int(cursor[c])] = Int32(o)
            cursor[c] += 1
        }
        let time = orders.time
        for c in 0..<count {
            let a = Int(offsets[c]), b = Int(offsets[c + 1])
            if b - a > 1 {
                grouped[a..<b].sort { x, y in
                    let tx = time[Int(x)] == .min ? Int64.max : time[Int(x)]
                    let ty = time[Int(y)] == .min ? Int64.max : time[Int(y)]
                    return tx != ty ? tx < ty : x < y
                }
            }
        }
        return CustomerOrders(offsets: offsets, orders: grouped)
    }
}
