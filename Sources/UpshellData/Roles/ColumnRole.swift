/// What a column means for order analytics, independent of what the file calls it.
///
/// Roles are mapped automatically from common header names (see ``RoleMapper``) and can be set by hand
/// with `map role=column`. Only ``order`` and ``product`` are required for basket analysis; customer
/// metrics need ``customer`` and ``time``; money metrics need ``unitPrice`` or ``lineTotal``.
public enum ColumnRole: String, CaseIterable, Sendable, Hashable, Codable {
    case order          // order / invoice / transaction id
    case customer       // customer / member id
    case product        // product id / SKU / stock code
    case productName    // description / product name
    case quantity
    case unitPrice
    case lineTotal
    case unitCost
    case time           // timestamp or date of the order
    case category
    case brand
    case shippingFee
    case discount
    case status         // order status (cancelled, refunded, …)
    case country
    case variant        // A/B test variant of the order
    case offer          // marks a line that came from an upsell/cross-sell offer
    case cancelledAt    // when the order was cancelled: a non-empty value marks it cancelled (Shopify `Cancelled at`)

    /// The spelling used in the shell (`map unit-price=Price`).
    public var shellName: String {
        switch self {
        case .productName: "product-name"
        case .unitPrice: "unit-price"
        case .lineTotal: "line-total"
        case .unitCost: "unit-cost"
        case .shippingFee: "shipping-fee"
        case .cancelledAt: "cancelled-at"
        default: rawValue
        }
    }

    /// The role for a shell spelling such as `unit-price` (also accepts `unitPrice`, `price`, `cost`).
    public init?(shellName: String) {
        let key = shellName.lowercased()
        if let role = ColumnRole.allCases.first(where: { $0.shellName == key || $0.rawValue.lowercased() == key }) {
            self = role
            return
        }
        switch key {
        case "price": self = .unitPrice
        case "cost": self = .unitCost
        case "date", "timestamp": self = .time
        case "name", "description": self = .productName
        case "qty": self = .quantity
        case "shipping": self = .shippingFee
        default: return nil
        }
    }
}

/// Which column (by index in the table) plays each role.
public struct RoleMapping: Sendable, Equatable {
    /// Column index for each mapped role.
    public var columns: [ColumnRole: Int]
    public init(_ columns: [ColumnRole: Int] = [:]) { self.columns = columns }
    public subscript(role: ColumnRole) -> Int? {
        get { columns[role] }
        set { columns[role] = newValue }
    }
}
