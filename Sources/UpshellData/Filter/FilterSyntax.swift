/// A comparison operator of the filter language.
public enum FilterComparisonOperator: String, Sendable, Equatable {
    case equal = "="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
}

/// A value written in a filter expression, with its place in the text.
public struct FilterLiteral: Sendable, Equatable {
    /// What the value is.
    public enum Value: Sendable, Equatable {
        /// A number (`$` dropped, `%` divided by 100).
        case number(Double)
        /// Text: quoted, or a bare word.
        case text(String)
        /// A date or date-time: the span it names, `start` in seconds since 1970-01-01 UTC and its length
        /// in seconds (86,400 for a day, 60 for a minute, 1 for a second).
        case time(start: Int64, seconds: Int64)
    }

    public var value: Value
    /// The text as written (without quotes), used for `contains` and for messages.
    public var source: String
    /// Character offset in the expression.
    public var position: Int
    /// Characters the literal spans in the expression (quotes included).
    public var length: Int
}

/// What a comparison tests about its column.
public enum FilterPredicate: Sendable, Equatable {
    /// `column OP value`.
    case compare(FilterComparisonOperator, FilterLiteral)
    /// `column [not] in (a, b, …)`.
    case oneOf([FilterLiteral], negated: Bool)
    /// `column [not] between low and high` (both ends included).
    case between(FilterLiteral, FilterLiteral, negated: Bool)
    /// `column [not] contains "text"` — case-insensitive substring test on text columns.
    case contains(FilterLiteral, negated: Bool)
    /// `column is [not] null`.
    case isNull(negated: Bool)
}

/// The syntax tree of a filter expression.
public indirect enum FilterNode: Sendable, Equatable {
    case and(FilterNode, FilterNode)
    case or(FilterNode, FilterNode)
    case not(FilterNode)
    /// A test on one column: its name as written, where the name stands, and the predicate.
    case comparison(column: String, position: Int, length: Int, FilterPredicate)
}
