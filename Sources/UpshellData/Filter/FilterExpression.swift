/// A parsed filter expression (`country = "France" and time >= 2011-01-01`), ready to be evaluated over
/// any ``FilterColumnProvider``.
///
/// **Grammar** (the full form is in FilterParser.swift): `or` binds loosest, then `and`, then `not`,
/// then comparisons; parentheses group. Comparisons: `= == != <> < <= > >=`, `in (a, b, …)`, `not in`,
/// `between X and Y` (both ends included), `contains "text"`, `is null`, `is not null`.
///
/// **Columns and values.** The left side of every comparison is a column: a bare name, or a name in
/// backticks or double quotes when it has spaces (`"Customer ID" = 12`); an unknown name is an error with
/// a did-you-mean hint. The right side is always a value: a number (`12`, `12.5`, `-3`, `$50`, `20%` =
/// 0.2), a date (`2011-01-01`) or date-time (`2011-01-01T10:00`, or quoted `"2011-01-01 10:00"`), text
/// in single or double quotes, or a bare word taken as text (`status = paid`). Comparing two columns is
/// not supported.
///
/// **Semantics.** Text comparisons ignore case (`country = france`), and a number matches text that
/// reads as the same number (`CustomerID = 17850` matches `17850.0`); ordering text against a number is
/// an error. A date names its whole day and a date-time its whole minute (or second): `time = 2011-01-01`
/// is that day, `time <= 2011-01-01` includes it, `time > 2011-01-01` starts the next day. Times are UTC
/// seconds as the loader stored them. A null never satisfies a comparison (including `!=` and `not in`);
/// `not` inverts the result, so `not (price > 5)` keeps nulls while `price <= 5` does not; `is null`
/// tests for them.
///
/// **Cost.** Text predicates are evaluated once per dictionary entry, then per row by code; each leaf
/// is one pass over a typed column. O(rows × comparisons).
///
/// ```swift
/// let filter = try FilterExpression("country in (France, Germany) and price > $10")
/// let rows = try filter.selectedRows(over: table)   // [Int32]
/// ```
public struct FilterExpression: Sendable, Equatable {
    /// The expression as typed; error positions index its characters.
    public let source: String
    /// The syntax tree.
    public let root: FilterNode

    /// Parses `source`; throws a ``FilterError`` (kind `.syntax` or `.invalidLiteral`) with the position
    /// of the problem.
    public init(_ source: String) throws(FilterError) {
        var parser = try FilterParser(source)
        self.root = try parser.parse()
        self.source = source
    }

    /// The column names as written, in order of appearance, without repeats (case-insensitive).
    public var referencedColumns: [String] {
        var names: [String] = [], seen = Set<String>()
        func walk(_ node: FilterNode) {
            switch node {
            case .and(let a, let b), .or(let a, let b): walk(a); walk(b)
            case .not(let a): walk(a)
            case .comparison(let name, _, _, _): if seen.insert(name.lowercased()).inserted { names.append(name) }
            }
        }
        walk(root)
        return names
    }

    /// Resolves the columns and checks every value's type without evaluating rows; throws the first
    /// ``FilterError`` (`.unknownColumn`, `.typeMismatch`, `.invalidLiteral`) in reading order.
    /// Cost: one pass over the dictionaries of the text columns used.
    public func validate(against provider: some FilterColumnProvider) throws(FilterError) {
        var compiler = FilterCompiler(provider: provider)
        _ = try compiler.compile(root)
    }

    /// `true` for each row the expression selects (`provider.rowCount` entries).
    ///
    /// Throws ``FilterError`` for unknown columns and type errors (before touching any row),
    /// `CancelledError` when Ctrl-C was pressed, `InternalError` if a column's length disagrees with
    /// `rowCount`.
    public func mask(over provider: some FilterColumnProvider) throws -> [Bool] {
        var compiler = FilterCompiler(provider: provider)
        let compiled = try compiler.compile(root)
        return try FilterEvaluator.mask(compiled, rowCount: provider.rowCount)
    }

    /// The indices (ascending) of the rows the expression selects. Throws as ``mask(over:)``.
    public func selectedRows(over provider: some FilterColumnProvider) throws -> [Int32] {
        FilterEvaluator.selected(try mask(over: provider))
    }
}
