import UpshellCore
import UpshellData

/// Purchases of free items that the order model leaves out: lines with a unit price (or, without a price
/// column, a line total) of exactly 0 that cleaning drops as `non-positive-price` and for no other reason.
///
/// A zero-value purchase is still a purchase: BG/NBD counts it in frequency and recency (Fader, Hardie &
/// Lee's CDNOW sample has 8 such lines, and their 2,357 customers include the 8 customers who made them),
/// while revenue, AOV and baskets stay as the order model has them, and Gamma-Gamma fits positive spend only.
///
/// The lines are found by building an order model of the price-0 rows alone under the dataset's own
/// policy with `non-positive-price` kept: every other rule (cancellations, adjustments, quantity ≤ 0,
/// missing customers, duplicates, …) decides about them exactly as it does for the whole table.
public struct ZeroValuePurchases: Sendable {
    /// Customer of each purchase: an id of the dataset's order model, or −1 − k for customer k of
    /// ``newCustomerKeys`` (customers whose only purchases are zero-value ones).
    public var customer: [Int32] = []
    /// Time of each purchase (seconds since 1970 UTC; the earliest line of its order).
    public var time: [Int64] = []
    /// Keys (as in the file) of customers the order model does not have.
    public var newCustomerKeys: [String] = []

    /// No zero-value purchases.
    public init() {}

    /// Number of purchases (orders of price-0 lines with a customer and a time).
    public var count: Int { customer.count }

    /// The zero-value purchases the order model of `dataset` leaves out: none when its policy keeps
    /// non-positive prices (they are in the model then) or it has no price-0 line.
    ///
    /// - Complexity: O(*n*) for *n* table rows (one scan of the price column), plus an order-model build of
    ///   the price-0 rows.
    public static func find(in dataset: Dataset) throws -> ZeroValuePurchases {
        var found = ZeroValuePurchases()
        let policy = dataset.cleaning.policy, roles = dataset.roles, table = dataset.table
        guard let model = dataset.orders, policy.nonPositivePrice == .drop, dataset.cleaning.nonPositivePriceLines > 0,
              let priceColumn = roles[.unitPrice] ?? roles[.lineTotal] else { return found }
        let price = table.doubles(column: priceColumn)
        let rows = price.indices.filter { price[$0] == 0 }.map { Int32($0) }
        guard !rows.isEmpty else { return found }
        var keepFree = policy
        keepFree.nonPositivePrice = .keep
        keepFree.outliers = .keep  // order values are all 0: no fence to apply
        let free = try OrderModelBuilder.build(table: table.view(rows: rows), roles: roles, policy: keepFree).model
        try Cancellation.check()
        let wanted = Set((0..<free.orders.count).compactMap { o in
            free.orders.customer[o] >= 0 && free.orders.time[o] != .min ? free.customers.key[Int(free.orders.customer[o])] : nil
        })
        var idOfKey: [String: Int32] = [:]
        for c in 0..<model.customers.count where wanted.contains(model.customers.key[c]) { idOfKey[model.customers.key[c]] = Int32(c) }
        for o in 0..<free.orders.count {
            let c = free.orders.customer[o], t = free.orders.time[o]
            guard c >= 0, t != .min else { continue }
            let key = free.customers.key[Int(c)]
            let id: Int32
            if let known = idOfKey[key] {
                id = known
            } else {
                id = Int32(-1 - found.newCustomerKeys.count)
                found.newCustomerKeys.append(key)
                idOfKey[key] = id
            }
            found.customer.append(id)
            found.time.append(t)
        }
        return found
    }

    /// The purchases grouped by customer: slot c < `modelCustomers` is the model's customer c, slot
    /// `modelCustomers` + k the new customer k.
    ///
    /// - Complexity: O(purchases + customers).
    func byCustomer(modelCustomers: Int) -> PurchasesByCustomer {
        guard !customer.isEmpty else { return PurchasesByCustomer(offsets: [], purchases: []) }
        let slots = modelCustomers + newCustomerKeys.count
        func slot(_ c: Int32) -> Int { c >= 0 ? Int(c) : modelCustomers - 1 - Int(c) }
        var offsets = [Int32](repeating: 0, count: slots + 1)
        for c in customer { offsets[slot(c) + 1] += 1 }
        for c in 0..<slots { offsets[c + 1] += offsets[c] }
        var cursor = Array(offsets.dropLast())
        var purchases = [Int32](repeating: 0, count: customer.count)
        for (k, c) in customer.enumerated() {
            purchases[Int(cursor[slot(c)])] = Int32(k)
            cursor[slot(c)] += 1
        }
        return PurchasesByCustomer(offsets: offsets, purchases: purchases)
    }

    /// Indices of purchases per customer slot (compressed rows; empty when there are none at all).
    struct PurchasesByCustomer {
        let offsets: [Int32]
        let purchases: [Int32]

        /// The purchases of customer slot `c`.
        func purchases(of c: Int) -> ArraySlice<Int32> {
            offsets.isEmpty ? [] : purchases[Int(offsets[c])..<Int(offsets[c + 1])]
        }
    }
}
