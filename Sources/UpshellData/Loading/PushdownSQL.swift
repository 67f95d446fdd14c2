import Foundation

/// A column of a database table or query, as the server describes it.
public struct SourceField: Sendable, Equatable {
    /// The column's name.
    public var name: String
    /// Whether the server types it as numbers (integers, numeric, floating point).
    public var isNumeric: Bool
    /// Whether the server types it as text (`text`, `varchar`, `char`): id prefixes and status words are
    /// tested only on text.
    public var isText: Bool

    public init(name: String, isNumeric: Bool, isText: Bool) {
        self.name = name
        self.isNumeric = isNumeric
        self.isText = isText
    }
}

/// The SQL `load … aggregate=server` sends instead of reading every line: upshell's cleaning policy as a
/// `CASE` that puts each line in its first cleaning category (the order of ``LineClassifier``), then the
/// order table, the product table, the customer summaries, the basket count and the pairs above a floor,
/// all over the kept lines. Standard SQL only (common table expressions, `CASE`, `GROUP BY`, `COUNT(DISTINCT …)`,
/// an equi-join, `IN`), so Citus, Trino or Spark SQL run it unchanged.
///
/// Roles come from the column names as for a file (``RoleMapper/infer(headers:)``, then `ROLE=COLUMN`
/// overrides); a numeric role on a column the server does not type as numbers is left unmapped.
public struct PushdownSQL: Sendable {
    /// The columns of the source.
    public let fields: [SourceField]
    /// Role → column index into ``fields``.
    public let roles: RoleMapping
    /// The cleaning policy carried into the SQL.
    public let policy: CleaningPolicy
    /// The `FROM` item: a quoted table name or a parenthesised query.
    public let from: String

    /// Names of the columns of the order query, in order (the role columns keep their own names).
    public let orderColumns: [(name: String, role: ColumnRole?)]

    /// - Parameters:
    ///   - from: `"orders"` (quoted relation) or `(SELECT …)`; aliased `upshell_source` here.
    ///   - overrides: `ROLE=COLUMN` given on the line.
    public init(fields: [SourceField], from: String, policy: CleaningPolicy, overrides: [ColumnRole: String] = [:]) throws {
        var roles = RoleMapper.infer(headers: fields.map(\.name))
        for (role, column) in overrides {
            guard let c = fields.firstIndex(where: { $0.name.lowercased() == column.lowercased() }) else {
                throw LoadError.unknownColumn(name: column, columns: fields.map(\.name))
            }
            roles.assign(role, to: c)
        }
        for (role, c) in roles.columns where DatasetLoader.numericRoles.contains(role) && !fields[c].isNumeric {
            roles[role] = nil
        }
        guard roles[.order] != nil else {
            throw LoadError.missingRoles(path: "", missing: [ColumnRole.order.shellName], columns: fields.map(\.name))
        }
        self.fields = fields
        self.roles = roles
        self.policy = policy
        self.from = from
        var columns: [(name: String, role: ColumnRole?)] = [(fields[roles[.order]!].name, .order)]
        if let c = roles[.customer] { columns.append((fields[c].name, .customer)) }
        if let t = roles[.time] { columns.append((fields[t].name, .time)) }
        if roles[.unitPrice] != nil || roles[.lineTotal] != nil { columns.append(("order_value", .lineTotal)) }
        columns.append(("units", .quantity))
        if roles[.shippingFee] != nil { columns.append(("shipping", .shippingFee)) }
        if roles[.unitCost] != nil { columns.append(("cost", nil)) }
        orderColumns = columns
    }

    /// The quoted column playing `role`, if mapped.
    func column(_ role: ColumnRole) -> String? { roles[role].map { SQLQuote.identifier(fields[$0].name) } }

    private func isText(_ role: ColumnRole) -> Bool { roles[role].map { fields[$0].isText } ?? false }

    /// The category `CASE`: the first of cancelled, adjustments, returns, non-positive-price,
    /// missing-values (and missing-customer when dropped) that applies, else `kept`.
    var categoryCase: String {
        var whens: [(String, String)] = []
        var cancelled: [String] = []
        if let o = column(.order), isText(.order) {
            cancelled += policy.cancelledPrefixes.filter { !$0.isEmpty }.map { "UPPER(\(o)) LIKE \(SQLQuote.literal($0.uppercased() + "%"))" }
        }
        if let s = column(.status), isText(.status) {
            let words = ["cancel", "refund", "return", "void", "chargeback", "failed", "unavailable"]
                .map { "LOWER(\(s)) LIKE '%\($0)%'" }.joined(separator: " OR ")
            cancelled.append("(LOWER(\(s)) NOT LIKE '%partial%' AND (\(words)))")
        }
        if let ca = column(.cancelledAt) { cancelled.append(isText(.cancelledAt) ? "(\(ca) IS NOT NULL AND \(ca) <> '')" : "\(ca) IS NOT NULL") }
        if !cancelled.isEmpty { whens.append((cancelled.joined(separator: " OR "), "cancelled")) }
        if let o = column(.order), isText(.order) {
            let adjustment = policy.adjustmentPrefixes.filter { !$0.isEmpty }.map { "UPPER(\(o)) LIKE \(SQLQuote.literal($0.uppercased() + "%"))" }
            if !adjustment.isEmpty { whens.append((adjustment.joined(separator: " OR "), "adjustments")) }
        }
        if let q = column(.quantity) { whens.append(("\(q) <= 0", "returns")) }
        let price = column(.unitPrice) ?? column(.lineTotal)
        if let price { whens.append(("\(price) <= 0", "non-positive-price")) }
        var missing: [String] = []
        if let q = column(.quantity) { missing.append("\(q) IS NULL") }
        if let price {
            let total = column(.unitPrice) != nil ? column(.lineTotal) : nil
            missing.append(total.map { "(\(price) IS NULL AND \($0) IS NULL)" } ?? "\(price) IS NULL")
        }
        if let t = column(.time) { missing.append("\(t) IS NULL") }
        if !missing.isEmpty { whens.append((missing.joined(separator: " OR "), "missing-values")) }
        if policy.missingCustomer == .drop, let c = missingCustomer { whens.append((c, "missing-customer")) }
        let body = whens.map { "WHEN \($0.0) THEN '\($0.1)'" }.joined(separator: "\n           ")
        return whens.isEmpty ? "'kept'" : "CASE \(body)\n           ELSE 'kept' END"
    }

    /// The test for a line without a customer, if a customer column is mapped.
    var missingCustomer: String? {
        column(.customer).map { isText(.customer) ? "(\($0) IS NULL OR \($0) = '')" : "\($0) IS NULL" }
    }

    /// The categories the policy drops.
    var droppedCategories: [String] {
        var dropped: [String] = []
        if policy.cancelled == .drop { dropped.append("cancelled") }
        if policy.adjustments == .drop { dropped.append("adjustments") }
        if policy.nonPositiveQuantity == .drop { dropped.append("returns") }
        if policy.nonPositivePrice == .drop { dropped.append("non-positive-price") }
        if policy.missingValues == .drop { dropped.append("missing-values") }
        if policy.missingCustomer == .drop { dropped.append("missing-customer") }
        return dropped
    }

    /// `WITH classified AS (…), kept AS (…)`: every line with its category, and the lines the policy keeps.
    var keptLines: String {
        let dropped = droppedCategories.map { "'\($0)'" }.joined(separator: ", ")
        return """
            WITH classified AS (
              SELECT upshell_source.*,
                     \(categoryCase) AS upshell_category
              FROM \(from) AS upshell_source
            ),
            kept AS (
              SELECT * FROM classified\(dropped.isEmpty ? "" : "\n  WHERE upshell_category NOT IN (\(dropped))")
            )
            """
    }

    /// A line's value: the line total, else quantity × unit price (quantity 1 when missing), less the
    /// discount when there is one; `nil` without money.
    var lineValue: String? {
        let q = column(.quantity).map { "COALESCE(\($0), 1) * " } ?? ""
        let fromPrice = column(.unitPrice).map { q + $0 }
        let base: String
        if let total = column(.lineTotal) {
            base = fromPrice.map { "COALESCE(\(total), \($0))" } ?? total
        } else if let fromPrice {
            base = fromPrice
        } else {
            return nil
        }
        return column(.discount).map { "\(base) - COALESCE(\($0), 0)" } ?? base
    }

    /// Units of a line: its quantity, 1 when missing or without a quantity column.
    var lineUnits: String { column(.quantity).map { "COALESCE(\($0), 1)" } ?? "1" }

    /// The product column (the product id, else the product name).
    var product: String? { column(.product) ?? column(.productName) }
}
