/// A single value in a result: a number, a text, a date, an interval, a change or nothing.
///
/// Numbers stay numbers until a renderer formats them: the table renderer rounds them for people
/// (`$53,000.00`, `< 0.0001`, `3.02% … 3.61%`), csv and json write them exactly (money to the cent).
/// A cell is shown in its column's ``ValueFormat`` (or, in a `values` block, its item's format);
/// ``typed(_:_:)`` carries its own format for a column that mixes kinds, such as the A/B block whose
/// `control` column holds a rate in one row and money in the next.
public enum Value: Sendable, Equatable {
    case int(Int)
    case double(Double)
    case text(String)
    /// Seconds since 1970-01-01 UTC.
    case time(Int64)
    case null
    /// A number shown in its own format instead of its column's.
    case typed(Double, ValueFormat)
    /// A closed interval (low, high) in the format of its column or item: `-$9.41 … $20.13`.
    /// Tables show `low … high` (`n/a` when a bound is not finite); csv writes two columns
    /// `NAME low`,`NAME high`; json writes `[low, high]`.
    case interval(Double, Double)
    /// A change from one number to another in the format of its column or item: `52.78% → 96.61%`, with
    /// the relative change to `relative` decimals when given (`$42.10 → $44.02 (+4.56%)`). Like an
    /// interval, csv writes two columns (or rows) `NAME from`,`NAME to`; json writes `{"from":…,"to":…}`.
    case change(from: Double, to: Double, relative: Int?)

    /// The value as a Double, when it is one number.
    public var number: Double? {
        switch self {
        case .int(let v): Double(v)
        case .double(let v), .typed(let v, _): v.isNaN ? nil : v
        default: nil
        }
    }

    /// The bounds, when the value is an interval.
    public var bounds: (low: Double, high: Double)? {
        if case let .interval(low, high) = self { return (low, high) }
        return nil
    }

    /// The two numbers of an interval or a change, with the suffixes csv gives their columns or rows
    /// (`low`/`high`, `from`/`to`).
    public var pair: (first: Double, second: Double, names: (String, String))? {
        switch self {
        case let .interval(low, high): (low, high, ("low", "high"))
        case let .change(from, to, _): (from, to, ("from", "to"))
        default: nil
        }
    }
}

extension Value: ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, ExpressibleByStringLiteral {
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(stringLiteral value: String) { self = .text(value) }
}

/// How a column's numbers are meant and shown. Only the renderers turn a format into text.
public enum ValueFormat: Sendable, Equatable {
    /// Text, left-aligned.
    case text
    /// Whole numbers with thousands separators.
    case integer
    /// Decimal numbers with a fixed number of decimals.
    case decimal(Int)
    /// Money in the session's currency, two decimals (`$1,234.50`); csv/json round to the cent.
    case money
    /// An amount of money without the currency sign, for tables whose unit is in a column of its own:
    /// two decimals with separators (`15,832.00`); csv/json round to the cent like ``money``.
    case amount
    /// A fraction shown as a percentage with the given decimals (`0.125` → `12.5%`).
    case percent(Int)
    /// A fraction shown as a signed percentage, a relative change (`0.245` → `+24.5%`).
    case signedPercent(Int)
    /// A difference of two fractions shown in signed percentage points (`0.0074` → `+0.74 pts`).
    case points(Int)
    /// A p-value: four decimals, `< 0.0001` below that (tables only; csv/json write the number).
    case pValue
    /// A date (`2011-01-31`).
    case date
    /// A date and time.
    case dateTime

    /// The unit name used in JSON column metadata.
    public var unitName: String {
        switch self {
        case .text: "text"
        case .integer: "count"
        case .decimal: "number"
        case .money, .amount: "currency"
        case .percent, .signedPercent, .points: "fraction"
        case .pValue: "probability"
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
