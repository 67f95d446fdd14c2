import UpshellAnalytics
import UpshellCore
import UpshellData

/// A dataset's table plus virtual text columns that filters can use although the file has no such
/// column: `segment` (the active segmentation's segment of each line's order) and the joined product
/// attributes `category` and `brand`. Virtual columns are materialized only when an expression names them.
struct DatasetColumnProvider: FilterColumnProvider {
    let table: Table
    private var virtual: [String: FilterColumn] = [:]

    /// Names of virtual columns a dataset can offer.
    static let virtualNames = ["segment", "category", "brand"]

    init(_ dataset: Dataset, _ session: Session, referenced: [String]) throws {
        table = dataset.table
        let wanted = Set(referenced.map { $0.lowercased() }).filter { Self.virtualNames.contains($0) && table.columnIndex(named: $0) == nil }
        if wanted.contains("segment") {
            guard let segmentation = session.segments.active(for: dataset.name) else {
                throw SessionError("'\(dataset.name)' has no segments to filter on", hint: "create them first: segment rfm (or lifecycle, value, first-repeat)")
            }
            let codes = try dataset.rowOrderIds().map { $0 < 0 ? -1 : segmentation.segmentOfOrder[Int($0)] }
            virtual["segment"] = .text(codes: codes, dictionary: segmentation.labels)
        }
        for attribute in ["category", "brand"] where wanted.contains(attribute) {
            guard let products = dataset.orders?.products else { continue }
            let values = attribute == "category" ? products.category : products.brand
            var labels: [String] = []
            var index: [String: Int32] = [:]
            let codeOfProduct = values.map { v -> Int32 in
                guard !v.isEmpty else { return -1 }
                if let k = index[v] { return k }
                index[v] = Int32(labels.count)
                labels.append(v)
                return Int32(labels.count - 1)
            }
            guard !labels.isEmpty else { continue }
            let codes = try dataset.rowProductIds().map { $0 < 0 ? -1 : codeOfProduct[Int($0)] }
            virtual[attribute] = .text(codes: codes, dictionary: labels)
        }
    }

    var rowCount: Int { table.rowCount }
    var filterColumnNames: [String] { table.filterColumnNames + virtual.keys.sorted() }

    func filterColumn(named name: String) -> FilterColumn? {
        table.filterColumn(named: name) ?? virtual[name.lowercased()]
    }
}

extension FilterExpression {
    /// The selected rows of a dataset, with its virtual columns (segment, category, brand) available.
    func selectedRows(in dataset: Dataset, _ session: Session) throws -> [Int32] {
        try selectedRows(over: DatasetColumnProvider(dataset, session, referenced: referencedColumns))
    }
}
