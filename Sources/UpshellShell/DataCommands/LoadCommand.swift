import Foundation
import UpshellCore
import UpshellData

/// `load PATH [as NAME] [option=value…]`: reads order lines, baskets or a side table into memory.
public struct LoadCommand: ShellCommand {
    static let roleOptions: [OptionSpec] = ColumnRole.allCases.map {
        OptionSpec($0.shellName, .column, "the column holding the \($0.shellName) (overrides automatic mapping)")
    }

    public static let spec = CommandSpec(
        name: "load", aliases: ["open"], group: .data,
        abstract: "load order lines, baskets or a side table (products, customers) from a CSV/TSV file (.gz too)",
        synopsis: ["load PATH [as NAME] [format=lines|baskets] [delimiter=C] [header=on|off] [columns=a,b,…]",
                   "     [encoding=utf8|latin1] [decimal-comma=on|off] [date-format=F] [kind=orders|table] [ROLE=COLUMN…]"],
        discussion: """
            Delimiter, header, encoding (UTF-8, or Latin-1 when the bytes are not UTF-8), decimal commas, quoting and \
            date layouts (ISO-8601, YYYYMMDD, M/D/YYYY H:MM, D.M.YYYY) are detected; options override them. Column \
            roles (order, customer, product, product-name, quantity, unit-price, line-total, unit-cost, time, \
            category, brand, shipping-fee, discount, status, country, variant, offer) are mapped from common header \
            names — including UCI Online Retail, Olist, Shopify and WooCommerce exports — and printed; set one by \
            hand with ROLE=COLUMN here or with 'map' later. A file without an order column loads as a side table \
            (products, customers) to 'join'. After loading, a summary and a cleaning report are printed: \
            cancelled orders and returns, non-positive prices, missing customers, duplicates and outliers are \
            counted, never dropped silently ('clean' changes what is kept).
            """,
        positionals: [PositionalSpec("path", .path, "the file to read (.csv, .tsv, .txt, .gz) or a folder with orders.csv"),
                      PositionalSpec("as NAME", .text, optional: true, "the dataset's name (default: the file name)")],
        options: [OptionSpec("format", .choice(["auto", "lines", "baskets"]), default: "auto", "order lines, or one basket per line"),
                  OptionSpec("delimiter", .text, "field separator: , ; | tab space or one character (default: detected)"),
                  OptionSpec("header", .boolean, "whether the first line names the columns (default: detected)"),
                  OptionSpec("columns", .list, "column names for a file without header"),
                  OptionSpec("encoding", .choice(["auto", "utf8", "utf-8", "latin1", "latin-1"]), default: "auto", "text encoding"),
                  OptionSpec("decimal-comma", .boolean, "numbers use , as decimal separator (default: detected)"),
                  OptionSpec("date-format", .text, "date layout: iso (YYYY-MM-DD), yyyymmdd, m/d/yyyy, d/m/yyyy or d.m.yyyy (default: detected)"),
                  OptionSpec("kind", .choice(["orders", "table"]), "order lines, or a side table to join"),
                  OptionSpec("threads", .integer, default: "2", "parser threads"),
                  OptionSpec("upper", .list, "text columns to upper-case, merging values that differ only in case (upper=StockCode)")] + roleOptions,
        flags: [FlagSpec("brief", "print only the one-line summary")],
        examples: ["load orders.csv", "load ../shared/datasets/groceries.csv as groceries format=baskets",
                   "load retail.csv as retail order=InvoiceNo product=StockCode",
                   "load cdnow.txt header=off columns=customer,index,date,quantity,line-total"])

    let path: String
    let name: String?
    let options: LoadOptions
    let explicitKind: Bool
    let brief: Bool
    let arguments: Arguments

    public init(arguments: Arguments) throws {
        self.arguments = arguments
        brief = arguments.flags.contains("brief")
        let pathToken = try arguments.positional(0, "a file to load")
        path = (pathToken.text as NSString).expandingTildeInPath
        if arguments.positionals.count > 1 {
            let word = arguments.positionals[1]
            guard word.text.lowercased() == "as", !word.wasQuoted else {
                throw arguments.error("unexpected '\(word.text)' after the path", at: word, hint: "name the dataset with: load PATH as NAME")
            }
            let nameToken = try arguments.positional(2, "a name after 'as'")
            try arguments.expectPositionals(atMost: 3)
            guard Self.isValidName(nameToken.text) else {
                throw arguments.error("'\(nameToken.text)' is not a dataset name", at: nameToken, hint: "names start with a letter and hold letters, digits, - and _")
            }
            name = nameToken.text
        } else {
            name = nil
        }
        var o = LoadOptions()
        o.format = LoadOptions.Format(rawValue: arguments.choice("format") ?? "auto") ?? .auto
        if let d = arguments.text("delimiter") {
            guard let delimiter = LoadOptions.Delimiter(option: d) else {
                throw arguments.error("option 'delimiter' got '\(d)': expected , ; | tab space or one ASCII character", at: arguments.options["delimiter"])
            }
            o.delimiter = delimiter
        }
        o.header = try arguments.boolean("header")
        o.columnNames = arguments.list("columns")
        switch arguments.choice("encoding") {
        case "utf8", "utf-8": o.encoding = .utf8
        case "latin1", "latin-1": o.encoding = .latin1
        default: o.encoding = .auto
        }
        o.decimalComma = try arguments.boolean("decimal-comma")
        if let f = arguments.text("date-format") {
            guard let format = DateFormat(option: f) else {
                throw arguments.error("option 'date-format' got '\(f)': expected iso, yyyymmdd, m/d/yyyy, d/m/yyyy or d.m.yyyy", at: arguments.options["date-format"])
            }
            o.dateFormat = format
        }
        explicitKind = arguments.has("kind")
        if arguments.choice("kind") == "table" { o.kind = .table }
        if let t = try arguments.integer("threads") {
            guard (1...64).contains(t) else { throw arguments.error("threads must be from 1 to 64", at: arguments.options["threads"]) }
            o.threads = t
        }
        for role in ColumnRole.allCases {
            if let column = arguments.text(role.shellName), !column.isEmpty { o.roleOverrides[role] = column }
        }
        if let columns = arguments.text("upper") {
            o.uppercaseColumns = columns.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        options = o
    }

    static func isValidName(_ s: String) -> Bool {
        guard let first = s.first, first.isLetter else { return false }
        return s.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
    }

    public func run(in session: Session) throws -> CommandOutput {
        var filePath = path
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue,
           FileManager.default.fileExists(atPath: (path as NSString).appendingPathComponent("orders.csv")) {
            let out = try LoadFolder(folder: path, name: name).run(in: session)
            return brief ? CommandOutput(Array(out.blocks.prefix(1))) : out
        }
        if name == nil, FileManager.default.fileExists(atPath: filePath) == false, FileManager.default.fileExists(atPath: filePath + ".csv") {
            filePath += ".csv"
        }
        if let name, session.datasets.contains(name) {
            throw SessionError("a dataset called '\(name)' is already loaded", hint: "choose another name with 'as NAME', or 'drop \(name)' first")
        }
        // Without 'kind=', a file with no order column loads as a side table (products, customers) to join.
        var o = options
        o.sideTableWithoutOrders = !explicitKind
        var dataset = try session.withProgress { try DatasetLoader.load(path: filePath, options: o, progress: $0) }
        let asTable = dataset.kind == .table && !explicitKind
        if let name { dataset.name = name }
        if session.deterministic { dataset.summary.seconds = 0 }
        var base = dataset.name
        var n = 2
        while session.datasets.contains(dataset.name) {
            dataset.name = "\(base)\(n)"
            n += 1
        }
        base = dataset.name
        try session.datasets.add(dataset)
        let out = Self.report(dataset, asTable: asTable)
        return brief ? CommandOutput(Array(out.blocks.prefix(1))) : out
    }

    /// The output after a load: summary line, roles, cleaning report, notes.
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
        for e in found { table.append([.text(e.category), .int(e.count), .text(e.unit), .text(e.action.rawValue)]) }
        return [.table(table), .note("\(NumberFormat.grouped(Double(report.keptLines), decimals: 0)) of \(NumberFormat.grouped(Double(report.totalLines), decimals: 0)) lines kept")]
    }
}

extension CommandOutput {
    mutating func append(contentsOf blocks: [OutputBlock]) { self.blocks.append(contentsOf: blocks) }
}
