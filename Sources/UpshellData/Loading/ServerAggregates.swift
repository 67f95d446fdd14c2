import UpshellCore

/// Two products bought together in `orders` orders (product ids of the dataset's model, `a < b` by key).
public struct ServerPair: Sendable, Equatable {
    public var a: Int32
    public var b: Int32
    public var orders: Int
}

/// What a dataset loaded with `aggregate=server` holds instead of its order lines: one row per order (the
/// order model is built from those rows, each as one line without products), the product table with
/// order counts, and the pairs bought together in at least ``floor`` orders. Commands that need the lines
/// (baskets, itemsets, pairs below the floor, category breakdowns) refuse on such a dataset.
public struct ServerAggregates: Sendable {
    /// Pairs in at least ``floor`` orders.
    public var pairs: [ServerPair]
    /// The pair floor: fewest orders together a pair needs to be kept.
    public var floor: Int
    /// Orders holding at least one product (non-product lines left out): the N of pair support.
    public var basketOrders: Int
    /// Rows and CSV bytes the server sent, over all queries.
    public var rowsTransferred: Int
    public var bytesTransferred: Int
    /// False for a filtered view: the pairs and products are the whole dataset's, not the view's.
    public var whole = true

    public init(pairs: [ServerPair], floor: Int, basketOrders: Int, rowsTransferred: Int, bytesTransferred: Int) {
        self.pairs = pairs
        self.floor = floor
        self.basketOrders = basketOrders
        self.rowsTransferred = rowsTransferred
        self.bytesTransferred = bytesTransferred
    }

    /// The default pair floor: 0.1 % of the basket orders, rounded up (at least 1).
    public static func defaultFloor(basketOrders: Int) -> Int { max(1, (basketOrders + 999) / 1000) }

    /// The policy the order rows are built under: the server applied the line categories already, so
    /// every row is kept; outliers (a property of whole orders) are still counted and kept or dropped here.
    static func orderRowPolicy(_ policy: CleaningPolicy) -> CleaningPolicy {
        var p = CleaningPolicy.keepAll
        p.outliers = policy.outliers
        p.outlierFence = policy.outlierFence
        return p
    }
}

/// A dataset command that needs order lines on a dataset that has only the server's aggregates.
public struct ServerAggregatesError: UserFacingError {
    public let message: String
    public let hint: String?

    public init(_ message: String, hint: String?) {
        self.message = message
        self.hint = hint
    }

    /// `what` needs `need`, which `dataset` (loaded with aggregate=server) does not have.
    public static func needsLines(_ what: String, need: String, dataset: String) -> ServerAggregatesError {
        ServerAggregatesError("\(what) needs \(need), and '\(dataset)' was loaded with aggregate=server: it holds one row per order, the product table and the pairs above the floor, not the order lines",
                              hint: "load the same source without aggregate=server to have every line")
    }
}
