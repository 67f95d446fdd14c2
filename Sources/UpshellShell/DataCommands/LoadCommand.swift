import Foundation
import UpshellCore
import UpshellData

/// `load PATH [as NAME] [option=value…]`: reads order lines, baskets or a side table into memory.
public struct LoadCommand: ShellCommand {
    public static let spec = CommandSpec(
        name: "load", aliases: ["open"], group: .data,
        abstract: "load order lines, baskets or a side table (products, customers) from a CSV/TSV file (.gz too)",
        synopsis: ["load PATH [as NAME] [format=lines|baskets] [delimiter=C] [header=on|off] [columns=a,b,…]",
                   "     [encoding=utf8|latin1] [decimal-comma=on|off] [date-format=F] [kind=orders|table] [ROLE=COLUMN…]",
                   "load postgres://USER@HOST:PORT/DB table=NAME|query=\"SELECT …\" [aggregate=server [floor=N]] [sslmode=require|disable]"],
        discussion: """
            Delimiter, header, encoding (UTF-8, or Latin-1 when the bytes are not UTF-8), decimal commas, quoting and \
            date layouts (ISO-8601, YYYYMMDD, M/D/YYYY H:MM, D.M.YYYY) are detected; options override them. Column \
            roles (order, customer, product, product-name, quantity, unit-price, line-total, unit-cost, time, \
            category, brand, shipping-fee, discount, status, country, variant, offer, cancelled-at) are mapped from \
            common header names — including UCI Online Retail, Olist, Shopify and WooCommerce exports — and printed; \
            set one by hand with ROLE=COLUMN here or with 'map' later. A file without an order column loads as a side \
            table (products, customers) to 'join'. After loading, a summary and a cleaning report are printed: \
            cancelled orders and returns, non-positive prices, missing customers, duplicates and outliers are \
            counted, never dropped silently ('clean' changes what is kept).

            Times with a UTC offset (2024-01-05 10:00:00 +0100, -0500, +01:00, 2024-01-05T10:00:00+01:00, Z) are \
            converted to UTC, so days, weeks and hours are UTC's; the load report says so when the time column has \
            offsets. Times without an offset are kept as written.

            Store exports, recognised from their headers. \
            Shopify (Admin → Orders → Export; one line per item, the order is 'Name', the customer 'Email'): the \
            order-level fields Shopify writes on an order's first line only (Email, Financial Status, Created at, \
            Shipping, Billing/Shipping Country, Cancelled at, …) are filled down to the order's other lines — never \
            across orders, and a line's own value is kept; the order amounts Subtotal, Taxes, Total, Discount Amount \
            and Refunded Amount stay on the first line so they count once; the report says how many cells were \
            filled. Financial Status refunded or voided, or a non-empty Cancelled at, makes the order cancelled; \
            partially_refunded orders are purchases and are kept. \
            WooCommerce (one row per item, order fields on every row): Item Cost is the price paid per item, Cart \
            Discount is kept on each order's first line so it is taken off once; statuses cancelled, refunded and \
            failed are cancellations. \
            Olist (Kaggle's Brazilian e-commerce files): 'load FOLDER' on the folder holding \
            olist_order_items_dataset.csv and olist_orders_dataset.csv (and, if present, olist_customers_dataset.csv, \
            olist_products_dataset.csv, product_category_name_translation.csv; .csv.gz too) joins items to their \
            order (purchase time, status), the order's customer_id to the person (customer_unique_id) and the \
            product to its category in English; each item is one unit, freight_value is the shipping fee; \
            statuses canceled and unavailable are cancellations.

            Databases: 'load postgres://USER@HOST:PORT/DB table=NAME' (or query="SELECT …") reads every line, as \
            from a CSV file of the same rows. With aggregate=server the server does the heavy work instead: \
            generated standard SQL applies the cleaning policy and sends one row per order, the product table \
            with order counts and the pairs bought together in at least floor= orders (default 0.1% of the \
            orders holding a product); 'explain load URL table=NAME aggregate=server' prints that SQL. Order, \
            customer, RFM, lifecycle and CLV analyses are then exact; commands that need the order lines \
            (itemsets, rules, bundles, pairs below the floor, recommendations, offers, breakdowns by product or \
            category) refuse and say so.
            """,
        positionals: [PositionalSpec("path", .path, "the file to read (.csv, .tsv, .txt, .gz), a folder with orders.csv, a folder of Olist files, a pipe such as <(zcat x.gz), - for standard input, or a database URL postgres://USER@HOST:PORT/DB with table=NAME or query=\"SELECT …\""),
                      PositionalSpec("as NAME", .text, optional: true, "the dataset's name (default: the file name)")],
        options: [Self.format.spec, Self.delimiter.spec, Self.header.spec, Self.columns.spec, Self.encoding.spec,
                  Self.decimalComma.spec, Self.dateFormat.spec, Self.dates.spec, Self.kind.spec, Self.threads.spec, Self.upper.spec, Self.currency.spec, Self.badValues.spec]
                  + LoadRemote.optionSpecs + RoleOptions.specs,
        flags: [Self.brief],
        examples: ["load orders.csv", "load Datasets/public/groceries.csv.gz as groceries format=baskets",
                   "load orders.csv as shop order=order_id product=sku",
                   "load Datasets/public/cdnow_sample.txt.gz as cdnow header=off columns=customer,index,date,quantity,line-total"])

    /// What `load` reads when no option says otherwise.
    private static let detected = LoadOptions()
    static let format = TypedOption<LoadOptions.Format>.choice("format", default: detected.format.rawValue, "order lines, or one basket per line")
    static let delimiter = TypedOption<LoadOptions.Delimiter>(
        OptionSpec("delimiter", .text, "field separator: , ; | tab space or one character (default: detected)"),
        expecting: ", ; | tab space or one ASCII character", parse: { LoadOptions.Delimiter(option: $0) })
    static let header = TypedOption.boolean("header", "whether the first line names the columns (default: detected)")
    static let columns = TypedOption.list("columns", "column names for a file without header")
    static let encoding = TypedOption<TextEncoding>(OptionSpec("encoding", .choice(TextEncoding.optionWords), "text encoding"),
                                                    parse: { TextEncoding(option: $0) }).defaulting(to: detected.encoding.rawValue)
    static let decimalComma = TypedOption.boolean("decimal-comma", "numbers use , as decimal separator (default: detected)")
    static let dateFormat = TypedOption<DateFormat>(
        OptionSpec("date-format", .text, "date layout: iso (YYYY-MM-DD), yyyymmdd, m/d/yyyy, d/m/yyyy or d.m.yyyy (default: detected)"),
        expecting: "iso, yyyymmdd, m/d/yyyy, d/m/yyyy or d.m.yyyy", parse: { DateFormat(option: $0) })
    /// `dates=dmy|mdy|ymd`: the order of day, month and year, for dates that could be read either way.
    static let dates = TypedOption<DateFormat>(
        OptionSpec("dates", .choice(["dmy", "mdy", "ymd"]), "the order of day, month and year (forces one reading of 03/04/2025; date-format= gives the whole layout)"),
        parse: { ["dmy": DateFormat.dayMonthYear, "mdy": .monthDayYear, "ymd": .iso][$0.lowercased()] })
    static let kind = TypedOption<LoadOptions.Kind>.choice("kind", "order lines, or a side table to join")
    static let threads = TypedOption.integer("threads", "parser threads; with a database URL also the connections reading a table at once")
        .checked { threads, _ in (1...64).contains(threads) ? nil : OptionProblem("threads must be from 1 to 64") }
        .defaulting(to: String(detected.threads))
    static let upper = TypedOption.list("upper", "text columns to upper-case, merging values that differ only in case (upper=StockCode)")
    static let brief = FlagSpec("brief", "print only the one-line summary")
    static let currency = TypedOption.text("currency", "the currency of the money: an ISO code (GBP, EUR) or a symbol (default: a currency column, else $)")
        .checked { c, raw in CurrencySymbol.isValid(c) ? nil : OptionProblem("option 'currency' got '\(raw)': expected an ISO code such as GBP or a symbol such as €") }

    /// `bad-values=error|null`: an unreadable cell in a column of numbers or dates stops the load, or is a null.
    static let badValues = TypedOption<BadValues>(
        OptionSpec("bad-values", .choice(BadValues.allCases.map(\.rawValue)),
                   "an unreadable cell (NaN, 1e400, n/a) among numbers or dates: error (the default; set bad-values = null changes it) or null, counted in the cleaning report"),
        parse: { BadValues(rawValue: $0.lowercased()) })
    /// The session variable that sets the default of `bad-values=` (`set bad-values = null`).
    static let badValuesVariable = "bad_values"

    let path: String
    let name: String?
    /// `bad-values=`, or `nil` for the session's default (`set bad-values = …`, else error).
    let badValues: BadValues?
    /// How to read the file; without `kind=`, a file with no order column loads as a side table.
    let options: LoadOptions
    let brief: Bool
    /// `currency=`, or `nil` to read it from the data.
    let currency: String?
    /// A database to read instead of a file (`load postgres://… table=NAME`), or `nil` for a file.
    let remote: RemoteRequest?
    /// `aggregate=server` (with `floor=`): the server aggregates instead of sending every line.
    let aggregate: Bool
    let floor: Int?

    public init(arguments: Arguments) throws {
        brief = arguments.flag(Self.brief)
        currency = try arguments.value(Self.currency)
        let pathToken = try arguments.positional(0, "a file to load")
        path = (pathToken.text as NSString).expandingTildeInPath
        remote = try LoadRemote.request(arguments, location: pathToken)
        aggregate = try arguments.value(LoadRemote.aggregate) != nil
        floor = try arguments.value(LoadRemote.floor)
        if floor != nil && !aggregate {
            throw arguments.error("floor= goes with aggregate=server", at: nil, hint: "load URL table=NAME aggregate=server floor=50")
        }
        name = try Self.name(arguments)
        var o = LoadOptions()
        o.format = try arguments.value(Self.format)
        o.delimiter = try arguments.value(Self.delimiter)
        o.header = try arguments.value(Self.header)
        o.columnNames = try arguments.value(Self.columns)
        o.encoding = try arguments.value(Self.encoding)
        o.decimalComma = try arguments.value(Self.decimalComma)
        o.dateFormat = try arguments.value(Self.dateFormat) ?? arguments.value(Self.dates)
        let kind = try arguments.value(Self.kind)
        o.kind = kind ?? o.kind
        o.sideTableWithoutOrders = kind == nil
        o.threads = try arguments.value(Self.threads)
        for (role, column) in try RoleOptions.given(in: arguments) {
            if let column { o.roleOverrides[role] = column }
        }
        o.uppercaseColumns = try arguments.value(Self.upper) ?? []
        badValues = try arguments.value(Self.badValues)
        options = o
    }

    /// The name after `as`, or `nil` when the path stands alone.
    private static func name(_ arguments: Arguments) throws -> String? {
        guard arguments.positionals.count > 1 else { return nil }
        let word = arguments.positionals[1]
        guard word.text.lowercased() == "as", !word.wasQuoted else {
            throw arguments.error("unexpected '\(word.text)' after the path", at: word, hint: "name the dataset with: load PATH as NAME")
        }
        let nameToken = try arguments.positional(2, "a name after 'as'")
        try arguments.expectPositionals(atMost: 3)
        guard isValidName(nameToken.text) else {
            throw arguments.error("'\(nameToken.text)' is not a dataset name", at: nameToken, hint: "names start with a letter and hold letters, digits, - and _")
        }
        return nameToken.text
    }

    static func isValidName(_ s: String) -> Bool {
        guard let first = s.first, first.isLetter else { return false }
        return s.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
    }

    public func run(in session: Session) throws -> CommandOutput {
        if let remote {
            var options = options
            options.badValues = badValues ?? session.variables[Self.badValuesVariable].flatMap { BadValues(rawValue: $0) } ?? .error
            var request = remote
            request.streams = options.threads   // threads= also sets how many connections read a table at once
            var load = LoadRemote(request: request, name: name, options: options, currency: currency, brief: brief)
            load.pushdown = aggregate
            load.floor = floor
            return try load.run(in: session)
        }
        var filePath = path
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue,
           FileManager.default.fileExists(atPath: (path as NSString).appendingPathComponent("orders.csv")) {
            let out = try LoadFolder(folder: path, name: name, currency: currency).run(in: session)
            return brief ? CommandOutput(Array(out.blocks.prefix(1))) : out
        }
        if name == nil, FileManager.default.fileExists(atPath: filePath) == false, FileManager.default.fileExists(atPath: filePath + ".csv") {
            filePath += ".csv"
        }
        if let name, session.datasets.contains(name) {
            throw SessionError("a dataset called '\(name)' is already loaded", hint: "choose another name with 'as NAME', or 'drop \(name)' first")
        }
        var options = options
        options.badValues = badValues ?? session.variables[Self.badValuesVariable].flatMap { BadValues(rawValue: $0) } ?? .error
        var dataset = try session.withProgress(unit: "bytes") { [options] in try DatasetLoader.load(path: filePath, options: options, progress: $0) }
        let asTable = dataset.kind == .table && options.sideTableWithoutOrders
        if let name { dataset.name = name }
        if session.deterministic { dataset.summary.seconds = 0 }
        return try Self.register(dataset, in: session, asTable: asTable, currency: currency, brief: brief)
    }

    /// Adds a loaded dataset to the session under a free name (`demo`, then `demo2`, …) with its currency,
    /// and returns the load's output: the whole report, or with `brief` the summary line and any warning
    /// (a doubt about the data is never hidden). Shared by file and database loads.
    static func register(_ loaded: Dataset, in session: Session, asTable: Bool, currency: String?, brief: Bool) throws -> CommandOutput {
        var dataset = loaded
        let base = dataset.name
        var n = 2
        while session.datasets.contains(dataset.name) {
            dataset.name = "\(base)\(n)"
            n += 1
        }
        let currencyNotes = applyCurrency(&dataset, given: currency)
        try session.datasets.add(dataset)
        var out = report(dataset, asTable: asTable)
        if brief {
            let warnings = out.blocks.filter { if case .warning = $0 { true } else { false } }
            out = CommandOutput(Array(out.blocks.prefix(1)) + warnings)
        }
        for n in currencyNotes where !brief || n.isWarning { out.append(n) }
        return out
    }

    /// The output after a load: summary line, roles, cleaning report, notes.
    /// Sets the dataset's currency: `given`, else the one value of its currency column. Returns a note
    /// naming where it came from, or a warning when the column holds several currencies.
    static func applyCurrency(_ dataset: inout Dataset, given: String?) -> [OutputBlock] {
        if let given {
            dataset.currency = given
            return []
        }
        guard let found = dataset.detectedCurrency() else { return [] }
        if found.values.count == 1 {
            dataset.currency = found.values[0]
            return [.note("money in \(found.values[0]) (column '\(found.column)'); 'set currency = CODE' shows another")]
        }
        return [.warning("column '\(found.column)' holds \(found.values.count) currencies (\(found.values.prefix(4).joined(separator: ", "))): amounts are added as they are; analyse one at a time: filter \(dataset.name) where \(found.column) = \"\(found.values[0])\" as \(dataset.name)_\(found.values[0].lowercased())")]
    }

    static func report(_ dataset: Dataset, asTable: Bool) -> CommandOutput {
        var out = CommandOutput()
        if dataset.kind == .table {
            out.append(.text("'\(dataset.name)' loaded as a side table: \(dataset.summary.oneLine)"))
            if asTable {
                out.append(.note("no column can be the order id, so this is a side table; attach it to orders with: join ORDERS \(dataset.name) on product (or customer)"))
            }
            return out
        }
        out.append(.text("'\(dataset.name)' loaded: \(dataset.summary.oneLine)"))
        var roles = ResultTable(title: "Column roles", columns: [ResultColumn("role"), ResultColumn("column")])
        for (role, column) in dataset.roleNames { roles.append([.text(role.shellName), .text(column)]) }
        out.append(.table(roles))
        out.append(contentsOf: cleaningBlocks(dataset.cleaning))
        for note in dataset.summary.notes { out.append(.note(note)) }
        for warning in dataset.summary.warnings { out.append(.warning(warning)) }
        return out
    }

    /// The cleaning report as a table of the categories that occur, or a note that nothing needed cleaning.
    static func cleaningBlocks(_ report: CleaningReport) -> [OutputBlock] {
        let found = report.entries.filter { $0.count > 0 }
        guard !found.isEmpty else {
            return [.note("cleaning: no cancelled orders, returns, non-positive prices, missing customers, duplicates or outliers found")]
        }
        var table = ResultTable(title: "Cleaning (change with: clean CATEGORY=keep|drop)",
                                columns: [ResultColumn("category"), ResultColumn("count", .integer), ResultColumn("unit"), ResultColumn("action")])
        for e in found { table.append([.text(e.category), .int(e.count), .text(e.unit), .text(e.action)]) }
        var blocks: [OutputBlock] = [.table(table)]
        if let note = nonProductNote(report) { blocks.append(note) }
        blocks.append(.note("\(NumberFormat.grouped(Double(report.keptLines), decimals: 0)) of \(NumberFormat.grouped(Double(report.totalLines), decimals: 0)) lines kept"))
        return blocks
    }

    /// Which codes are non-product lines and what happens to them, when there are any.
    static func nonProductNote(_ report: CleaningReport) -> OutputBlock? {
        guard report.nonProductLines > 0 else { return nil }
        let codes = report.nonProductCodes
        let list = codes.prefix(8).joined(separator: ", ") + (codes.count > 8 ? ", … (\(codes.count) codes)" : "")
        let fate = switch report.policy.nonProduct {
        case .outOfBaskets: "kept in revenue and order values, left out of baskets"
        case .keep: "kept everywhere, baskets included"
        case .drop: "dropped"
        }
        return .note("non-product lines (postage, fees, placeholders; rule: 'help clean'): \(list) — \(fate); change with clean non-product=keep|drop|out-of-baskets")
    }
}

extension CommandOutput {
    mutating func append(contentsOf blocks: [OutputBlock]) { self.blocks.append(contentsOf: blocks) }
}
