/// Everything `load PATH [option=value…]` can say about how to read a file.
public struct LoadOptions: Sendable {
    /// How lines map to orders.
    public enum Format: String, Sendable, CaseIterable {
        /// Baskets when the lines look like item lists, else order lines.
        case auto
        /// One order line per row (a delimited table).
        case lines
        /// One basket per line, items separated by the delimiter.
        case baskets
    }

    /// What the file is.
    public enum Kind: String, Sendable, CaseIterable {
        /// Order lines: an order and a product column are required.
        case orders
        /// A side table (products, customers): no roles required, no order model.
        case table
    }

    /// The field separator.
    public enum Delimiter: Sendable, Equatable {
        /// A single byte (`,` `;` tab `|` or any other ASCII character).
        case byte(UInt8)
        /// Runs of spaces and tabs.
        case whitespace

        /// Parses `,` `;` `|` `tab` `\t` `comma` `semicolon` `pipe` `space` `whitespace` or one ASCII character.
        public init?(option: String) {
            switch option.lowercased() {
            case "tab", "\\t", "\t": self = .byte(9)
            case "comma": self = .byte(44)
            case "semicolon": self = .byte(59)
            case "pipe": self = .byte(124)
            case "space", "spaces", "whitespace", "ws": self = .whitespace
            default:
                guard option.utf8.count == 1, let b = option.utf8.first, b < 128, b != 34, b != 10, b != 13 else { return nil }
                self = .byte(b)
            }
        }
    }

    /// Lines or baskets (default: detected).
    public var format: Format = .auto
    /// Orders (default) or a side table.
    public var kind: Kind = .orders
    /// Load order lines without an order column (nor customer and time to form orders from) as a side
    /// table instead of failing: decided from the header's roles, before any order work (`load` when
    /// `kind=` is not given). The dataset's ``Dataset/kind`` says which it became.
    public var sideTableWithoutOrders = false
    /// Field separator (default: detected from the first lines).
    public var delimiter: Delimiter?
    /// Whether the first line names the columns (default: detected).
    public var header: Bool?
    /// Column names for files without a header (or to rename the header's).
    public var columnNames: [String]?
    /// Text encoding (default: UTF-8, Latin-1 when the text is not valid UTF-8).
    public var encoding: TextEncoding = .auto
    /// `,` as the decimal separator (default: detected for `;`-separated files).
    public var decimalComma: Bool?
    /// Date layout (default: detected per column).
    public var dateFormat: DateFormat?
    /// Roles set by hand, by column name: `[.order: "Invoice"]`.
    public var roleOverrides: [ColumnRole: String] = [:]
    /// Parser threads (default 2).
    public var threads: Int = 2
    /// Number of chunks the data is split into (default: by size and threads); for tests.
    public var chunks: Int?
    /// The cleaning policy the order model is built under.
    public var cleaning = CleaningPolicy()
    /// What to do with a cell that cannot be read in a column whose other values are numbers or dates
    /// (`1e400`, `NaN`, `n/a` in a quantity column): an error at its place (default), or a null.
    public var badValues: BadValues = .error
    /// Text columns whose values are upper-cased at load, merging values that differ only in case
    /// (`upper=StockCode`: UCI Online Retail writes `85099b` and `85099B` for one product).
    public var uppercaseColumns: [String] = []

    /// Default options: everything detected.
    public init() {}
}

/// What the loader does with an unreadable cell in a column whose other values it reads (`bad-values=`).
public enum BadValues: String, Sendable, CaseIterable, Equatable {
    /// Stop at the first such cell with its `file:line:column`, the value and a hint (the default).
    case error
    /// Read such cells as nulls: counted in the cleaning report (`missing-values`), their first lines
    /// named in the load notes.
    case null
}

extension TextEncoding {
    /// The words `encoding=` accepts, in the order help lists them.
    public static let optionWords = ["auto", "utf8", "utf-8", "latin1", "latin-1"]

    /// Parses one of ``optionWords``, case-insensitively (`utf-8` and `utf8` are the same).
    public init?(option: String) {
        switch option.lowercased() {
        case "auto": self = .auto
        case "utf8", "utf-8": self = .utf8
        case "latin1", "latin-1": self = .latin1
        default: return nil
        }
    }
}
