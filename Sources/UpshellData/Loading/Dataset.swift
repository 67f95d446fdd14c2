/// What a load found: counts, date range, time taken, and notes. The shell prints it (`oneLine`).
public struct LoadSummary: Sendable {
    /// Order lines in the table (before cleaning).
    public var lines: Int
    /// Orders, customers and products in the order model (after cleaning); 0 for side tables.
    public var orders: Int
    /// Customers with an id in the order model.
    public var customers: Int
    /// Distinct products in the order model.
    public var products: Int
    /// Earliest and latest order time, seconds since 1970 UTC.
    public var dateRange: ClosedRange<Int64>?
    /// Wall-clock seconds the load took.
    public var seconds: Double
    /// Things the user should know: re-typed columns, encoding, unmapped roles.
    public var notes: [String]
    /// Reasons to doubt the file is order data at all (control bytes, single-item "baskets").
    public var warnings: [String] = []
}

/// A loaded dataset: the table, its column roles, the order model built under a cleaning policy,
/// the cleaning report and the load summary. Views (``filtered(rows:name:)``) share the columns.
public struct Dataset: Sendable {
    /// The name in the shell (`load … as NAME`); settable by the shell.
    public var name: String
    /// The file it came from.
    public let sourcePath: String
    /// The order lines (or the side table).
    public private(set) var table: Table
    /// Which column plays which role.
    public private(set) var roles: RoleMapping
    /// Orders, customers, products; `nil` for side tables.
    public internal(set) var orders: OrderModel?
    /// What cleaning found and did.
    public internal(set) var cleaning: CleaningReport
    /// Counts and notes from the load (counts refreshed by rebuilds).
    public var summary: LoadSummary
    /// Whether this is a side table rather than order lines.
    public let kind: LoadOptions.Kind
    /// The currency of its money (`GBP`, `EUR`, `$`): given with `load … currency=`, or read from a currency
    /// column holding one value (``detectedCurrency()``); `nil` when the data does not say.
    public var currency: String?
    /// Side tables joined so far (re-applied when the model is rebuilt).
    public private(set) var joins: [SideTableJoin] = []
    /// For a view made by ``filtered(rows:name:)``: the parent's order id of each of its orders (`-1`
    /// when the parent has none), made when the view is built; `nil` otherwise or after a rebuild.
    public private(set) var parentOrders: [Int32]?
    /// For a load with `aggregate=server`: the pairs and counts the server sent (``ServerAggregates``);
    /// `nil` for a dataset of order lines.
    public internal(set) var serverAggregates: ServerAggregates?
    /// For `aggregate=server`: the server's product table, kept across rebuilds of the order rows.
    var serverProducts: Products?
    /// Order models built for this dataset so far (load, map, clean, filter); for tests.
    private(set) var modelBuilds = 0

    init(name: String, sourcePath: String, table: Table, roles: RoleMapping, orders: OrderModel?,
         cleaning: CleaningReport, summary: LoadSummary, kind: LoadOptions.Kind) {
        self.name = name
        self.sourcePath = sourcePath
        self.table = table
        self.roles = roles
        self.orders = orders
        self.cleaning = cleaning
        self.summary = summary
        self.kind = kind
    }

    /// Bytes held: the table (shared columns counted in full) plus the order model.
    public var memoryBytes: Int { table.memoryBytes + (orders?.memoryBytes ?? 0) }

    /// Bytes this dataset adds on top of columns it shares with its parent (equal to ``memoryBytes``
    /// for a loaded dataset; the row selection and the order model for a view).
    public var ownMemoryBytes: Int {
        (table.isView ? table.ownMemoryBytes : table.memoryBytes) + (orders?.memoryBytes ?? 0)
    }

    /// Whether this dataset is a filtered view of another.
    public var isView: Bool { table.isView }

    /// Column descriptions with role names, for `describe`.
    public func describe() -> [ColumnDescription] { table.describe(roles: roles) }

    /// The roles as `role → column name`, in ``ColumnRole`` order: printed after load and by `map`.
    public var roleNames: [(role: ColumnRole, column: String)] {
        ColumnRole.allCases.compactMap { r in roles[r].map { (r, table.columns[$0].name) } }
    }

    /// Maps `role` to the column called `column` (`nil` removes the role) and rebuilds the order model.
    public mutating func map(_ role: ColumnRole, to column: String?) throws {
        try map([(role, column)])
    }

    /// Applies role changes in order (each one to-one: ``RoleMapping/assign(_:to:)``), then rebuilds the
    /// order model once. Nothing changes when a column is unknown or of the wrong type.
    public mutating func map(_ changes: [(ColumnRole, String?)]) throws {
        if serverAggregates != nil {
            throw ServerAggregatesError.needsLines("map", need: "the order lines to map columns of", dataset: name)
        }
        var newRoles = roles
        for (role, column) in changes {
            guard let column else {
                newRoles.assign(role, to: nil)
                continue
            }
            guard let c = table.columnIndex(named: column) else {
                throw LoadError.unknownColumn(name: column, columns: table.columnNames)
            }
            let type = table.columns[c].type
            if DatasetLoader.numericRoles.contains(role), type == .text {
                throw LoadError.wrongColumnType(column: table.columns[c].name, role: role.shellName, found: "text", expected: "numbers")
            }
            if role == .time, type != .timestamp {
                throw LoadError.wrongColumnType(column: table.columns[c].name, role: role.shellName,
                                                found: type == .text ? "text" : "numbers", expected: "dates (load again with date-format=…)")
            }
            newRoles.assign(role, to: c)
        }
        try rebuild(roles: newRoles, policy: cleaning.policy)
    }

    /// Rebuilds the order model under another cleaning policy (the `clean` command).
    public mutating func clean(_ policy: CleaningPolicy) throws {
        if serverAggregates != nil, policy != cleaning.policy {
            throw ServerAggregatesError.needsLines("clean", need: "the order lines (the server applied the cleaning policy)", dataset: name)
        }
        try rebuild(roles: roles, policy: policy)
    }

    /// A dataset over the rows `rows` of this one's table (a view sharing the columns), with its own
    /// order model under the same policy.
    public func filtered(rows: [Int32], name: String) throws -> Dataset {
        var d = self
        d.name = name
        d.table = table.view(rows: rows)
        d.serverAggregates?.whole = false
        try d.rebuild(roles: roles, policy: cleaning.policy)
        d.summary.lines = d.table.rowCount
        if let view = d.orders, let parent = orders {
            d.parentOrders = ParentOrders.map(view: view, rows: rows, parent: parent, table: table, roles: roles)
        }
        return d
    }

    /// Joins a product (or customer) side table on its column `keyColumn` (default: the column named
    /// like this dataset's product / customer column, else the side table's first column).
    public mutating func join(_ target: SideTableJoin.Target, table side: Table, on keyColumn: String? = nil) throws -> JoinSummary {
        guard orders != nil else {
            throw LoadError.missingRoles(path: sourcePath, missing: [ColumnRole.order.shellName], columns: table.columnNames)
        }
        let role: ColumnRole = target == .products ? .product : .customer
        let own = roles[role].map { table.columns[$0].name }
        let key = keyColumn ?? own.flatMap { side.columnIndex(named: $0) != nil ? $0 : nil } ?? side.columns.first?.name ?? ""
        let join = SideTableJoin(target: target, table: side, keyColumn: key)
        let summary = try apply(join)
        joins.append(join)
        return summary
    }

    @discardableResult
    mutating func apply(_ join: SideTableJoin) throws -> JoinSummary {
        guard var model = orders else { return JoinSummary(keyColumn: join.keyColumn, matched: 0, unmatched: 0, unusedRows: 0, attached: []) }
        let summary = join.target == .products
            ? try model.join(products: join.table, on: join.keyColumn)
            : try model.join(customers: join.table, on: join.keyColumn)
        orders = model
        return summary
    }

    mutating func rebuild(roles newRoles: RoleMapping, policy: CleaningPolicy) throws {
        guard kind == .orders else { roles = newRoles; return }
        // a view keeps the non-product codes its parent found (a subset of lines must not change them)
        let known = table.isView ? cleaning.nonProductCodes : nil
        let rowPolicy = serverAggregates == nil ? policy : ServerAggregates.orderRowPolicy(policy)
        var (model, report) = try OrderModelBuilder.build(table: table, roles: newRoles, policy: rowPolicy, path: sourcePath,
                                                          nonProductCodes: known)
        modelBuilds += 1
        for join in joins {
            _ = join.target == .products
                ? try model.join(products: join.table, on: join.keyColumn)
                : try model.join(customers: join.table, on: join.keyColumn)
        }
        roles = newRoles
        orders = model
        parentOrders = nil
        if serverAggregates != nil {
            report = serverCleaning(report)
        }
        cleaning = report
        summary.orders = model.orders.count
        summary.customers = model.customers.count
        summary.products = model.products.count
        summary.dateRange = model.dateRange
        attachServerModel()
    }

    /// After rebuilding the order rows of a server-aggregated dataset: the server's cleaning counts, with
    /// the outlier orders counted anew.
    private func serverCleaning(_ rebuilt: CleaningReport) -> CleaningReport {
        var r = cleaning
        r.outlierOrders = rebuilt.outlierOrders
        r.outlierFence = rebuilt.outlierFence
        return r
    }
}
