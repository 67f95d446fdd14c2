import UpshellCore
import UpshellData

/// How often an add-on B is bought in the same order as an anchor A, in orders and in units.
///
/// `rate = N_AB / N_A` — the attach rate of MODELS.md §3.1 (`a0`): of the orders holding A, the share that
/// also hold B. In units: B's units in orders holding A per unit of A.
public struct AttachRate: Sendable, Equatable {
    /// All orders (the denominator of the baseline).
    public var orders: Int
    /// Orders holding the anchor A, the add-on B, and both.
    public var ordersWithAnchor: Int
    public var ordersWithAddOn: Int
    public var ordersWithBoth: Int
    /// Units of A in all orders; units of B in orders that hold A; units of B in all orders.
    public var anchorUnits: Double
    public var addOnUnitsWithAnchor: Double
    public var addOnUnits: Double
    /// Revenue of B's lines in orders that hold A.
    public var addOnRevenueWithAnchor: Double

    /// N_AB ÷ N_A: the share of A's orders that also hold B (`.nan` when A was never bought).
    public var rate: Double { ordersWithAnchor > 0 ? Double(ordersWithBoth) / Double(ordersWithAnchor) : .nan }
    /// N_AB ÷ N_B: the reverse direction, B → A.
    public var reverseRate: Double { ordersWithAddOn > 0 ? Double(ordersWithBoth) / Double(ordersWithAddOn) : .nan }
    /// N_B ÷ N: how often B is in any order (what the attach rate is compared with).
    public var baseline: Double { orders > 0 ? Double(ordersWithAddOn) / Double(orders) : .nan }
    /// rate ÷ baseline (the lift of the pair, N_AB·N / (N_A·N_B)).
    public var lift: Double { baseline > 0 ? rate / baseline : .nan }
    /// Units of B in A's orders per unit of A.
    public var unitsPerAnchorUnit: Double { anchorUnits > 0 ? addOnUnitsWithAnchor / anchorUnits : .nan }
    /// Share of B's units sold in orders that hold A.
    public var addOnUnitShareWithAnchor: Double { addOnUnits > 0 ? addOnUnitsWithAnchor / addOnUnits : .nan }
    /// Wilson interval of ``rate`` (`nil` when A was never bought).
    public func interval(level: Double = 0.95) -> ConfidenceInterval? {
        try? ProportionTests.wilsonInterval(successes: ordersWithBoth, trials: ordersWithAnchor, level: level)
    }

    /// Counts A, B and both over the baskets. - Complexity: O(order lines).
    /// - Throws: `CancelledError` on Ctrl-C.
    public static func compute(_ model: OrderModel, anchor a: Int32, addOn b: Int32) throws -> AttachRate {
        let o = model.orders
        var r = AttachRate(orders: o.count, ordersWithAnchor: 0, ordersWithAddOn: 0, ordersWithBoth: 0,
                           anchorUnits: 0, addOnUnitsWithAnchor: 0, addOnUnits: 0, addOnRevenueWithAnchor: 0)
        for i in 0..<o.count {
            if i & 0xFFFF == 0 { try Cancellation.check() }
            var hasA = false, hasB = false
            var unitsB = 0.0, valueB = 0.0
            for j in Int(o.offsets[i])..<Int(o.offsets[i + 1]) {
                let p = o.items[j]
                if p == a {
                    hasA = true
                    r.anchorUnits += Double(o.quantities[j])
                } else if p == b {
                    hasB = true
                    unitsB += Double(o.quantities[j])
                    valueB += o.lineValues[j]
                }
            }
            if hasA { r.ordersWithAnchor += 1 }
            if hasB {
                r.ordersWithAddOn += 1
                r.addOnUnits += unitsB
            }
            if hasA && hasB {
                r.ordersWithBoth += 1
                r.addOnUnitsWithAnchor += unitsB
                r.addOnRevenueWithAnchor += valueB
            }
        }
        return r
    }
}
