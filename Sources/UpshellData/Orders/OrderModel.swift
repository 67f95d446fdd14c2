/// Products with dense ids `0..<count`: names and attributes, price statistics over kept lines.
/// Strings are for display only; analytics index these arrays by product id.
public struct Products: Sendable {
    /// The product key as in the file (stock code, SKU, or the item name for baskets).
    public var key: [String] = []
    /// Name (description) or `""`.
    public var name: [String] = []
    /// Category or `""`.
    public var category: [String] = []
    /// Brand or `""`.
    public var brand: [String] = []
    /// Lowest, mean (per line) and highest unit price; `.nan` without prices.
    public var minPrice: [Double] = []
    /// Mean unit price over kept lines (each line weighs the same).
    public var meanPrice: [Double] = []
    /// Highest unit price.
    public var maxPrice: [Double] = []
    /// Unit cost when known (cost column or joined product table), else `.nan`.
    public var cost: [Double] = []
    /// Units in stock when joined from a product table, else `.nan`.
    public var inventory: [Double] = []
    /// Marked strategic in a joined product table.
    public var strategic: [Bool] = []
    /// Orders containing the product, units sold and revenue over kept lines.
    public var orderCount: [Int32] = []
    /// Units sold.
    public var units: [Double] = []
    /// Revenue (sum of line values).
    public var revenue: [Double] = []
    /// Left out of baskets: non-product lines (postage, fees…; ``NonProductRule``) under the default
    /// `clean non-product=out-of-baskets`. Empty when none is (read it with ``isOutOfBaskets(_:)``).
    public var outOfBaskets: [Bool] = []

    /// Number of products.
    public var count: Int { key.count }

    /// Whether product `p` is left out of baskets (a non-product line under the default cleaning).
    @inlinable public func isOutOfBaskets(_ p: Int) -> Bool { p < outOfBaskets.count && outOfBaskets[p] }

    /// Margin share `(price − cost) / price` at the mean price, `.nan` when either is unknown.
    public func margin(_ p: Int) -> Double {
        let price = meanPrice[p], c = cost[p]
        guard price.isFinite, c.isFinite, price > 0 else { return .nan }
        return (price - c) / price
    }

    /// The id of the product whose key or name is `text` (case-insensitive), if any.
    public func id(named text: String) -> Int32? {
        if let k = key.firstIndex(of: text) ?? name.firstIndex(of: text) { return Int32(k) }
        let l = text.lowercased()
        if let k = key.firstIndex(where: { $0.lowercased() == l }) ?? name.firstIndex(where: { $0.lowercased() == l }) {
            return Int32(k)
        }
        return nil
    }
}

/// Customers with dense ids `0..<count` (orders without a customer have customer `-1`).
public struct Customers: Sendable {
    /// The customer id as in the file.
    public var key = KeyColumn()
    /// Time of the first and last order, seconds since 1970 UTC (`Int64.min` without times).
    public var firstOrderTime = CompactTimes()
    /// Time of the last order.
    public var lastOrderTime = CompactTimes()
    /// Number of orders.
    public var orderCount: [Int32] = []
    /// Total merchandise value of their orders (whole cents when exact).
    public var value = CompactMoney()
    /// Attributes joined from a customer table: column name → value per customer (`""` unknown).
    public var attributes: [String: [String]] = [:]

    /// Number of customers.
    public var count: Int { key.count }
}

/// Orders with dense ids `0..<count`, and their baskets in compressed sparse rows.
///
/// Basket of order `o`: `items[offsets[o]..<offsets[o+1]]`, distinct product ids in increasing order,
/// with `quantities` (units) and `lineValues` (money) aligned to `items` (duplicates of a product in
/// one order are summed).
public struct Orders: Sendable {
    /// The order id as in the file.
    public var key = KeyColumn()
    /// Customer id per order, `-1` when unknown.
    public var customer: [Int32] = []
    /// Order time (earliest line), seconds since 1970 UTC; `Int64.min` when unknown.
    public var time = CompactTimes()
    /// Units per order (sum of quantities; 1 per line without a quantity column), narrow when whole.
    public var units = CompactUnits()
    /// Merchandise value per order (sum of line totals); 0 without prices. Whole cents when exact.
    public var value = CompactMoney()
    /// Cost of goods per order when unit costs are known, else `.nan` (no storage without a cost).
    public var cost = OptionalAmounts(unknown: 0)
    /// Shipping fee per order when a shipping column exists, else `.nan` (no storage without one).
    public var shipping = OptionalAmounts(unknown: 0)
    /// CSR offsets (count + 1 entries) into `items`.
    public var offsets: [Int32] = [0]
    /// Product ids, sorted within each order (16 bits when every id fits).
    public var items = ProductIds()
    /// Units of each basket entry (whole numbers in one or two bytes, else `Float`: exact below 2^24).
    public var quantities = CompactUnits()
    /// Money of each basket entry (whole cents in 32 bits when every amount is one, else `Double`).
    public var lineValues = CompactMoney()
    /// The table row (logical, as the model's table numbers them) of each order's first kept line: ties
    /// a filtered view's orders to its parent's (``Dataset/parentOrders``) without comparing key strings.
    public internal(set) var firstRow: [Int32] = []

    /// Number of orders.
    public var count: Int { key.count }

    /// Distinct products in order `o`.
    public func itemCount(_ o: Int) -> Int32 { offsets[o + 1] - offsets[o] }

    /// The product ids of order `o`.
    public func basket(_ o: Int) -> Slice<ProductIds> { items[Int(offsets[o])..<Int(offsets[o + 1])] }
}

/// Orders, customers and products derived once from an order-line table under a cleaning policy.
/// Nothing downstream touches strings in inner loops: everything is indexed by dense ids.
public struct OrderModel: Sendable {
    /// The orders and their baskets.
    public var orders: Orders
    /// The customers (with an id).
    public var customers: Customers
    /// The products.
    public var products: Products
    /// Whether the data had money (a unit price or line total), customers, times, quantities.
    public var hasMoney: Bool
    /// A customer column is mapped.
    public var hasCustomers: Bool
    /// A timestamp column is mapped as time.
    public var hasTimes: Bool
    /// A quantity column is mapped (else every line counts one unit).
    public var hasQuantities: Bool
    /// Lines the model was built from (kept lines).
    public var lineCount: Int
    /// Earliest and latest order time, if times are known.
    public var dateRange: ClosedRange<Int64>?

    /// Bytes held by the model's arrays (strings counted at their UTF-8 length plus 16).
    public var memoryBytes: Int {
        let strings = orders.key.memoryBytes + customers.key.memoryBytes
            + products.key.reduce(0) { $0 + $1.utf8.count + 16 } + products.name.reduce(0) { $0 + $1.utf8.count + 16 }
        let perOrder = orders.count * (4 + 4) + orders.time.memoryBytes + orders.units.memoryBytes + orders.value.memoryBytes + orders.cost.memoryBytes + orders.shipping.memoryBytes
        let perLine = orders.items.memoryBytes + orders.quantities.memoryBytes + orders.lineValues.memoryBytes
        let perCustomer = customers.count * 4 + customers.value.memoryBytes
            + customers.firstOrderTime.memoryBytes + customers.lastOrderTime.memoryBytes
        let perProduct = products.count * (8 * 8 + 4 + 1)
        return strings + perOrder + perLine + perCustomer + perProduct
    }
}
