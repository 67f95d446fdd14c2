/// A single value in a result: a number, a text, a date or nothing.
public enum Value: Sendable, Equatable {
    case int(Int)
    case double(Double)
    case text(String)
    /// Seconds since 1970-01-01 UTC.
    case time(Int64)
    case null

    /// The value as a Double, when numeric.
    public var number: Double? {
        switch self {
        case .int(let v): Double(v)
        case .double(let v): v.isNaN ? nil : v
        default: nil
        }
    }
}

extension Value: ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, ExpressibleByStringLiteral {
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(stringLiteral value: String) { self = .text(value) }
}

/// How a column's numbers are meant and shown.
public enum ValueFormat: Sendable, Equatable {
    /// Text, left-aligned.
    case text
    /// Whole numbers with thousands separators.
    case integer
    /// Decimal numbers with a fixed number of decimals.
    case decimal(Int)
    /// Money in the session's currency, two decimals (`$1,234.50`).
    case money
    /// A fraction shown as a percentage with the given decimals (`0.125` → `12.5%`).
    case percent(Int)
    /// A date (`2011-01-31`).
    case date
    /// A date and time.
    case dateTime

    /// The unit name used in JSON/CSV column metadata.
    public var unitName: String {
        switch self {
        case .text: "text"
        case .integer: "count"
        case .decimal: "number"
        case .money: "currency"
        case .percent: "fraction"
        case .date: "date"
        case .dateTime: "datetime"
        }
    }

    /// Whether values align to the right in tables.
    var alignsRight: Bool {
        switch self {
        case .text, .date, .dateTime: false
        default: true
        }
    }
}
