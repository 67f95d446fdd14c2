/// Columns as the filter language sees them: a number, a text (dictionary-encoded) or a time per row.
///
/// The filter evaluator never touches rows as strings: text predicates are evaluated once per
/// dictionary entry, then looked up per row by code.
public enum FilterColumn {
    /// Numbers per row; `.nan` is null.
    case numeric([Double])
    /// Dictionary codes per row (`-1` is null) and the dictionary they index.
    case text(codes: [Int32], dictionary: [String])
    /// Seconds since 1970-01-01 UTC per row; `Int64.min` is null.
    case time([Int64])
}

/// Anything a filter expression can be evaluated over: a table, an order-line view, customers.
public protocol FilterColumnProvider {
    /// Number of rows the expression is evaluated for.
    var rowCount: Int { get }
    /// Names that can appear in expressions (for errors and completion).
    var filterColumnNames: [String] { get }
    /// The column called `name` (case-insensitive), materialized for evaluation, or `nil` if unknown.
    func filterColumn(named name: String) -> FilterColumn?
}
