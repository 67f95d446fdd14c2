import Foundation
import UpshellCore

/// Loads a file into a ``Dataset``: read (lines or baskets), map roles, build the order model.
public enum DatasetLoader {
    /// Roles whose column must hold numbers.
    static let numericRoles: [ColumnRole] = [.quantity, .unitPrice, .lineTotal, .unitCost, .shippingFee, .discount]

    /// Loads `path` under `options`, reporting progress while parsing.
    ///
    /// Throws ``LoadError`` for unreadable or malformed files, for a numeric role column with text,
    /// and (for order data) when no column can be the order or product id.
    /// A folder holding Olist's Kaggle files is read as one table (``OlistFolder``).
    public static func load(path: String, options: LoadOptions = LoadOptions(),
                            progress: any ProgressReporter = SilentProgress()) throws -> Dataset {
        if OlistFolder.recognises(path) {
            let started = Date()
            let timer = PhaseTimer("load")
            let read = try OlistFolder.read(folder: path, options: options, progress: progress)
            timer.mark("read and joined")
            return try build(read, path: path, options: options, started: started, timer: timer)
        }
        return try load(file: { try FileBytes.open(path: path) }, path: path, options: options, progress: progress)
    }

    /// Loads CSV text held in memory (tests, generated data), as if read from a file called `name`.
    ///
    /// ```swift
    /// let d = try DatasetLoader.load(text: "order,product,price\n1,tea,2\n", name: "tiny")
    /// d.orders?.orders.count   // 1
    /// ```
    public static func load(text: String, name: String = "data", options: LoadOptions = LoadOptions()) throws -> Dataset {
        try load(file: { FileBytes.memory(Array(text.utf8)) }, path: name, options: options, progress: SilentProgress())
    }

    /// Loads CSV bytes produced by another source (a database query streamed as CSV), through the same
    /// reader, role mapping, cleaning and order model as a file: the same rows give the same numbers.
    /// `path` names the source in positions and `datasets` (a URL without its password); `name` is the
    /// dataset's name.
    public static func load(csv bytes: [UInt8], path: String, name: String, options: LoadOptions = LoadOptions(),
                            progress: any ProgressReporter = SilentProgress()) throws -> Dataset {
        var dataset = try load(file: { FileBytes.memory(bytes) }, path: path, options: options, progress: progress)
        dataset.name = name
        return dataset
    }

    /// Loads the rows parsed as they came (``CSVStream``, fed by a remote source) from `path` (the source, shown
    /// in messages) as dataset `name`: the same roles, cleaning report and order model as ``load(csv:path:name:options:progress:)``
    /// of the same text. Throws ``CSVStream/WholeTextNeeded`` when the text must be read as one CSV instead.
    public static func load(stream: CSVStream, path: String, name: String, options: LoadOptions = LoadOptions(),
                            progress: any ProgressReporter = SilentProgress()) throws -> Dataset {
        var dataset = try load(path: path, options: options) { try stream.finish(path: path, progress: progress) }
        dataset.name = name
        return dataset
    }

    static func load(file: () throws -> FileBytes, path: String, options: LoadOptions,
                     progress: any ProgressReporter) throws -> Dataset {
        try load(path: path, options: options) { try readTable(file: file, path: path, options: options, progress: progress) }
    }

    /// The dataset of the table `read` gives (timed as the load's "read" phase), built by ``build(_:path:options:started:timer:)``.
    private static func load(path: String, options: LoadOptions, read: () throws -> CSVReadResult) throws -> Dataset {
        let started = Date()
        let timer = PhaseTimer("load")
        let table = try read()
        timer.mark("read")
        return try build(table, path: path, options: options, started: started, timer: timer)
    }

    /// Maps roles, checks the role columns and builds the order model of a table read from `path`.
    static func build(_ read: CSVReadResult, path: String, options: LoadOptions, started: Date,
                      timer: PhaseTimer) throws -> Dataset {
        var read = read
        var notes = read.notes
        if !read.header, options.columnNames == nil,
           let names = headerlessColumnNames(columnCount: read.table.columns.count, sample: read.sampleRows) {
            for (k, n) in names.enumerated() where k < read.table.columns.count { read.table.renameColumn(k, to: n) }
            notes.append("no header: columns named \(names.joined(separator: ", ")) from the recognised layout")
        }
        for name in options.uppercaseColumns {
            guard let c = read.table.columnIndex(named: name) else {
                throw LoadError.unknownColumn(name: name, columns: read.table.columnNames)
            }
            if let (before, after) = read.table.uppercase(column: c) {
                notes.append("upper-cased '\(read.table.columns[c].name)': \(before) distinct values became \(after)")
            } else {
                notes.append("upper=\(name): column '\(read.table.columns[c].name)' holds no text; left as it is")
            }
        }
        if !read.baskets, options.kind == .orders {
            notes.append(contentsOf: applyLayout(&read.table))
        }
        var roles: RoleMapping
        if read.baskets {
            roles = RoleMapping([.order: 0, .product: 1])
        } else {
            roles = RoleMapper.infer(headers: read.table.columnNames)
        }
        for (role, name) in options.roleOverrides.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            guard let c = read.table.columnIndex(named: name) else {
                throw LoadError.unknownColumn(name: name, columns: read.table.columnNames)
            }
            roles.assign(role, to: c)
        }
        let tableRoles = roles, tableNotes = notes
        var kind = options.kind
        if kind == .orders {
            var nulled: [NulledCells] = []
            try checkNumericRoles(&roles, &notes, read: &read, path: path, badValues: options.badValues, nulled: &nulled)
            try checkTimeColumn(roles, read: &read, path: path, badValues: options.badValues, nulled: &nulled)
            notes += nulled.map(\.note)
            if let note = dateOrderNote(roles, read: read, path: path, forced: options.dateFormat != nil) { notes.append(note) }
        }
        read.bytes = nil
        dropTimeWithoutDates(&roles, &notes, read.table)
        if let note = utcOffsetNote(roles, read: read) { notes.append(note) }
        var table = read.table
        if kind == .orders, options.roleOverrides[.time] == nil {
            DateTimeCombiner.combine(table: &table, roles: &roles, notes: &notes)
        }
        if kind == .orders, options.sideTableWithoutOrders, !OrderModelBuilder.formsOrders(roles) {
            // No order column (nor customer and time to form orders from): a side table to join, decided
            // from the header and sample before any order work, with the roles a side table keeps.
            kind = .table
            (roles, notes, table) = (tableRoles, tableNotes, read.table)
            dropTimeWithoutDates(&roles, &notes, table)
        }
        let name = path == "-" ? "stdin" : URL(fileURLWithPath: path).deletingPathExtension().deletingPathExtension().lastPathComponent
        var summary = LoadSummary(lines: read.table.rowCount, orders: 0, customers: 0, products: 0, dateRange: nil,
                                  seconds: 0, notes: notes, warnings: read.warnings)
        var dataset = Dataset(name: name, sourcePath: path, table: table, roles: roles, orders: nil,
                              cleaning: CleaningReport(), summary: summary, kind: kind)
        if kind == .orders {
            // the parse buffers are free now: hand their pages back before the order model's arrays are made,
            // so the two are never resident together (the load's peak memory; Scripts/bench --only load)
            HeapPolicy.releaseFreedMemory()
            timer.mark("parse buffers returned")
            try dataset.rebuild(roles: roles, policy: options.cleaning)
        }
        summary = dataset.summary
        timer.mark("order model")
        HeapPolicy.releaseFreedMemory()
        timer.mark("memory returned")
        summary.seconds = Date().timeIntervalSince(started)
        dataset.summary = summary
        return dataset
    }

    /// What a recognised store export needs beyond its mapping, done on the table: order-level fields
    /// filled down (Shopify), repeated order amounts kept once (WooCommerce). The notes for the report.
    static func applyLayout(_ table: inout Table) -> [String] {
        guard let layout = KnownLayout.recognised(headers: table.columnNames), let fill = layout.fillDown else { return [] }
        return fill.apply(to: &table).notes(filling: fill.fills).map { "\(layout.name): \($0)" }
    }

    /// A note when the time column's values carry a UTC offset (`+0100`, `-05:00`, `Z`), judged on the
    /// first rows as written: they are converted to UTC.
    static func utcOffsetNote(_ roles: RoleMapping, read: CSVReadResult) -> String? {
        guard let c = roles[.time], c < read.table.columns.count, read.table.columns[c].type == .timestamp,
              let example = read.sampleRows.lazy.compactMap({ c < $0.count ? $0[c] : nil }).first(where: DateParser.hasUTCOffset)
        else { return nil }
        return "times in '\(read.table.columns[c].name)' carry a UTC offset ('\(example)'): converted to UTC, "
            + "so days, weeks and hours are UTC's"
    }

    /// Unmaps a time column that holds no dates, with a note.
    static func dropTimeWithoutDates(_ roles: inout RoleMapping, _ notes: inout [String], _ table: Table) {
        guard let c = roles[.time], table.columns[c].type != .timestamp else { return }
        notes.append("column '\(table.columns[c].name)' holds no dates: not used as time (give date-format=…)")
        roles[.time] = nil
    }

    /// Column names for a headerless file whose shape is recognised (the CDNOW purchase file), or `nil`.
    /// Integration seam: ``RoleMapper`` knows the layouts (`RoleMapper.knownHeaderless(columnCount:sample:)`
    /// where available); `sample` holds the first rows' fields as written in the file.
    static func headerlessColumnNames(columnCount: Int, sample: [[String]]) -> [String]? {
        RoleMapper.knownHeaderless(columnCount: columnCount, sample: sample)?.columns
    }

    /// Loads a side table (products, customers…) without roles or an order model.
    public static func loadTable(path: String, options: LoadOptions = LoadOptions(),
                                 progress: any ProgressReporter = SilentProgress()) throws -> Table {
        var o = options
        o.format = .lines
        let table = try readTable(file: { try FileBytes.open(path: path) }, path: path, options: o, progress: progress).table
        HeapPolicy.releaseFreedMemory()
        return table
    }

    /// Whether `file` is read as baskets (`format=baskets`, or a file that looks like one when loading orders).
    static func readsAsBaskets(_ file: FileBytes, options: LoadOptions) -> Bool {
        options.format == .baskets
            || (options.format == .auto && options.kind == .orders && options.header != true && BasketReader.looksLikeBaskets(file))
    }

    /// The reader's settings from the load options.
    static func csvOptions(_ options: LoadOptions) -> CSVReadOptions {
        var o = CSVReadOptions()
        switch options.delimiter {
        case .byte(let b): o.delimiter = b
        case .whitespace: o.whitespaceSeparated = true
        case nil: break
        }
        o.header = options.header
        o.columnNames = options.columnNames
        o.encoding = options.encoding
        o.decimalComma = options.decimalComma
        o.dateFormat = options.dateFormat
        o.threads = options.threads
        o.chunks = options.chunks
        return o
    }

    static func readTable(file open: () throws -> FileBytes, path: String, options: LoadOptions,
                          progress: any ProgressReporter) throws -> CSVReadResult {
        defer { progress.finish() }
        let file = try open()
        let o = csvOptions(options)
        let converted = file.convertedFrom.map { "text is \($0): converted to UTF-8" }
        if readsAsBaskets(file, options: options) {
            var result = try BasketReader.read(file, path: path, delimiter: o.delimiter, encoding: options.encoding)
            if options.format == .auto { result.warnings = BasketReader.doubts(result) }
            if let converted { result.notes.insert(converted, at: 0) }
            return result
        }
        var result = try CSVReader.read(file, path: path, options: o, progress: progress)
        if let converted { result.notes.insert(converted, at: 0) }
        result.bytes = file
        return result
    }
}
