import UpshellCore

/// Why an offer model, a recommendation or an evaluation cannot run as asked.
public enum OfferError: UserFacingError, Equatable {
    /// No product in the data (or none in baskets).
    case noProducts
    /// The holdout leaves no training orders (cut, first order time as text).
    case noTrainingOrders(cut: String)
    /// The holdout leaves no test orders.
    case noTestOrders(cut: String)
    /// No test order holds two distinct products that occur in training.
    case noQueries(testOrders: Int)
    /// The data has no order times, so there is no temporal cut.
    case noTimes
    /// Content similarity needs categories or brands.
    case noContentAttributes
    /// The customer method needs customer ids.
    case noCustomers

    public var message: String {
        switch self {
        case .noProducts: "no product is in any basket, so there is nothing to recommend"
        case .noTrainingOrders(let cut): "the holdout leaves no training orders: every order is at or after the cut \(cut)"
        case .noTestOrders(let cut): "the holdout leaves no test orders: no order is at or after the cut \(cut)"
        case .noQueries(let n): "none of the \(n) test orders holds two distinct products seen in training, so there is no query"
        case .noTimes: "the orders have no times, so there is no temporal holdout"
        case .noContentAttributes: "no product has a category or a brand, so content similarity has nothing to compare"
        case .noCustomers: "the orders have no customer ids"
        }
    }

    public var hint: String? {
        switch self {
        case .noProducts: "check the product column ('describe') and the cleaning ('help clean')"
        case .noTrainingOrders, .noTestOrders: "choose a holdout inside the data's date range, e.g. holdout=last-30d or holdout=last-20%"
        case .noQueries: "lengthen the holdout so that more multi-product orders fall after the cut"
        case .noTimes: "map a time column: map time=COLUMN"
        case .noContentAttributes: "join a product table with category and brand columns: join products.csv on sku"
        case .noCustomers: "map a customer column: map customer=COLUMN"
        }
    }
}
