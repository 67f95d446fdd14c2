import Foundation
import UpshellCore

/// The Olist Brazilian e-commerce dataset (Kaggle, `olistbr/brazilian-ecommerce`) as its files come, in one
/// folder: `load FOLDER` joins them into one table of order lines.
///
/// - `olist_order_items_dataset.csv` (required): one line per item (`order_id`, `order_item_id`,
///   `product_id`, `seller_id`, `shipping_limit_date`, `price`, `freight_value`);
/// - `olist_orders_dataset.csv` (required): `order_id` → `customer_id`, `order_status`,
///   `order_purchase_timestamp`;
/// - `olist_customers_dataset.csv`: `customer_id` (one per order) → `customer_unique_id` (the person),
///   `customer_zip_code_prefix`, `customer_city`, `customer_state`;
/// - `olist_products_dataset.csv`: `product_id` → `product_category_name` (Portuguese);
/// - `product_category_name_translation.csv`: `product_category_name` → `product_category_name_english`.
///
/// Each item line gets its order's columns, its customer's and its product's category (a left join: lines
/// without a match keep empty cells, counted in the notes). The result is then mapped like any file, by the
/// ``KnownLayout/olist`` layout. Files may also be gzip-compressed (`.csv.gz`).
public enum OlistFolder {
    static let items = "olist_order_items_dataset.csv"
    static let orders = "olist_orders_dataset.csv"
    static let customers = "olist_customers_dataset.csv"
    static let products = "olist_products_dataset.csv"
    static let translation = "product_category_name_translation.csv"

    /// The path of `name` (or `name.gz`) in `folder`, when it exists.
    static func file(_ folder: String, _ name: String) -> String? {
        let base = (folder as NSString).appendingPathComponent(name)
        return [base, base + ".gz"].first { FileManager.default.fileExists(atPath: $0) }
    }

    /// Whether `path` is a folder holding Olist's order items file.
    public static func recognises(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
            && file(path, items) != nil
    }

    /// The items file read, with the orders', customers' and products' columns joined to it, and notes on
    /// the join. Throws ``LoadError/missingFile(path:suggestion:)`` without the orders file.
    static func read(folder: String, options: LoadOptions, progress: any ProgressReporter) throws -> CSVReadResult {
        guard let itemsPath = file(folder, items) else {
            throw LoadError.missingFile(path: (folder as NSString).appendingPathComponent(items), suggestion: nil)
        }
        guard let ordersPath = file(folder, orders) else {
            throw LoadError.missingFile(path: (folder as NSString).appendingPathComponent(orders), suggestion: nil)
        }
        var read = try DatasetLoader.readTable(file: { try FileBytes.open(path: itemsPath) }, path: itemsPath,
                                               options: options, progress: progress)
        read.bytes = nil
        var table = read.table
        var joined: [String] = []
        func side(_ path: String) throws -> Table {
            var o = LoadOptions()
            o.kind = .table
            return try DatasetLoader.loadTable(path: path, options: o)
        }
        func attach(_ sideTable: Table, on key: String, sideKey: String? = nil, columns: [String], label: String) {
            guard let k = table.columnIndex(named: key), let sk = sideTable.columnIndex(named: sideKey ?? key) else { return }
            let rows = TableLookup.rows(of: table, column: k, in: sideTable, column: sk)
            var added: [String] = []
            for name in columns {
                guard let c = sideTable.columnIndex(named: name), table.columnIndex(named: name) == nil else { continue }
                table.appendColumn(sideTable.columns[c].gathered(rows: rows))
                added.append(name)
            }
            let unmatched = rows.reduce(0) { $0 + ($1 < 0 ? 1 : 0) }
            joined.append("\(label) (\(added.joined(separator: ", ")))"
                          + (unmatched > 0 ? ": \(unmatched) \(unmatched == 1 ? "line" : "lines") without a match" : ""))
        }
        attach(try side(ordersPath), on: "order_id", columns: ["customer_id", "order_status", "order_purchase_timestamp"],
               label: "orders")
        if let path = file(folder, customers) {
            attach(try side(path), on: "customer_id",
                   columns: ["customer_unique_id", "customer_city", "customer_state"], label: "customers")
        }
        if let path = file(folder, products) {
            attach(try side(path), on: "product_id", columns: ["product_category_name"], label: "products")
        }
        if let path = file(folder, translation) {
            attach(try side(path), on: "product_category_name", columns: ["product_category_name_english"],
                   label: "category names")
        }
        read.table = table
        read.notes.append("Olist folder: order items joined with " + joined.joined(separator: "; "))
        return read
    }
}

/// Row lookups between two tables by a key column, for joining at load time.
enum TableLookup {
    /// For each row of `table`, the first row of `side` whose `sideColumn` holds the same text as the
    /// row's `column` (`-1`: none, or an empty key). Text keys are looked up once per dictionary entry.
    ///
    /// - Complexity: O(rows + side rows + distinct keys).
    static func rows(of table: Table, column: Int, in side: Table, column sideColumn: Int) -> [Int32] {
        var rowOf: [String: Int32] = [:]
        for r in 0..<side.rowCount {
            let p = side.physicalRow(r)
            let key = side.columns[sideColumn].displayString(p)
            if !key.isEmpty, rowOf[key] == nil { rowOf[key] = Int32(p) }
        }
        let n = table.rowCount
        if case .text(_, let dictionary) = table.columns[column].values {
            let byCode = dictionary.map { rowOf[$0] ?? -1 }
            return table.codes(column: column).map { $0 < 0 ? -1 : byCode[Int($0)] }
        }
        return (0..<n).map { i in rowOf[table.columns[column].displayString(table.physicalRow(i))] ?? -1 }
    }
}

extension Column {
    /// The column's values at `rows` (physical rows; `-1` gives an empty cell), same name and type.
    ///
    /// - Complexity: O(rows).
    func gathered(rows: [Int32]) -> Column {
        func ints(_ s: IntStorage) -> IntStorage {
            let v = s.int64Values()
            return .narrowing(rows.map { $0 < 0 ? .min : v[Int($0)] })
        }
        let values: ColumnValues = switch self.values {
        case .text(let codes, let dictionary):
            .text(codes: .narrowingCodes(rows.map { $0 < 0 ? -1 : codes.code(Int($0)) }, dictionarySize: dictionary.count),
                  dictionary: dictionary)
        case .integer(let s): .integer(ints(s))
        case .fixed(let s, let scale): .fixed(ints(s), scale: scale)
        case .timestamp(let s, let dateOnly): .timestamp(ints(s), dateOnly: dateOnly)
        case .double(let a): .double(rows.map { $0 < 0 ? .nan : a[Int($0)] })
        }
        return Column(name: name, values: values)
    }
}
