/// The kind of value an option or argument takes; decides parsing, validation, help and completion.
public enum ValueKind: Sendable, Equatable {
    /// Any text.
    case text
    /// A whole number (`10`, `-3`).
    case integer
    /// A number (`2.5`).
    case number
    /// A share: `0.5%` or the fraction `0.005`.
    case share
    /// An amount of money: `$50`, `50`, `49.95`, `€20`.
    case money
    /// `A..B`, for sweeps (`20..100`, `0..30%`, `$20..$100`).
    case range
    /// Comma-separated values (`a,b,"c, d"`).
    case list
    /// A date or date-time: `2011-01-01`, `2011-01`, `2011-01-01T10:00`.
    case date
    /// A span of time: `52w`, `30d`, `12m`, `1y`.
    case duration
    /// One of fixed words.
    case choice([String])
    /// `on`/`off`, `true`/`false`, `yes`/`no`.
    case boolean
    /// A result cell: `[7]` or `last`.
    case cell
    /// A product name or id of the current dataset (completed from the data).
    case product
    /// A column name of the current dataset.
    case column
    /// A loaded dataset's name.
    case dataset
    /// A file path.
    case path

    /// How the expected form is described in errors and help.
    public var expectation: String {
        switch self {
        case .text: "text"
        case .integer: "a whole number such as 10"
        case .number: "a number such as 2.5"
        case .share: "a share such as 0.5% or 0.005"
        case .money: "an amount such as $50 or 49.95"
        case .range: "a range such as 20..100"
        case .list: "a comma-separated list such as a,b,c"
        case .date: "a date such as 2011-01-31 or 2011-01-31T10:00"
        case .duration: "a span such as 52w, 30d, 12m or 1y"
        case .choice(let words): "one of " + words.joined(separator: ", ")
        case .boolean: "on or off"
        case .cell: "a cell such as [7] or last"
        case .product: "a product name or id"
        case .column: "a column name"
        case .dataset: "a dataset name"
        case .path: "a file path"
        }
    }

    /// A short placeholder for synopses (`min-support=SHARE`).
    public var placeholder: String {
        switch self {
        case .text: "TEXT"
        case .integer: "N"
        case .number: "X"
        case .share: "SHARE"
        case .money: "AMOUNT"
        case .range: "A..B"
        case .list: "A,B,…"
        case .date: "DATE"
        case .duration: "SPAN"
        case .choice(let words): words.joined(separator: "|")
        case .boolean: "on|off"
        case .cell: "CELL"
        case .product: "PRODUCT"
        case .column: "COLUMN"
        case .dataset: "NAME"
        case .path: "PATH"
        }
    }

    /// Whether `text` is a valid value of this kind.
    public func accepts(_ text: String) -> Bool {
        switch self {
        case .column: true  // empty: no column (`map status=` removes a role)
        case .text, .product, .dataset, .path, .list: !text.isEmpty
        case .integer: ValueParser.integer(text) != nil
        case .number: ValueParser.number(text) != nil
        case .share: ValueParser.share(text) != nil
        case .money: ValueParser.money(text) != nil
        case .range: ValueParser.range(text) != nil
        case .date: ValueParser.date(text) != nil
        case .duration: ValueParser.duration(text) != nil
        case .choice(let words): words.contains(text.lowercased())
        case .boolean: ValueParser.boolean(text) != nil
        case .cell: ValueParser.cell(text) != nil
        }
    }
}
