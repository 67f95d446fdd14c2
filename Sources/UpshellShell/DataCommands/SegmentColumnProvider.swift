import UpshellAnalytics
import UpshellCore
import UpshellData

/// A dataset's table plus a virtual text column `segment`: the segment (of the active segmentation)
/// of each line's order, so filters can say `where segment = "at-risk"`.
struct SegmentColumnProvider: FilterColumnProvider {
    let table: Table
    let segmentCodes: [Int32]
    let labels: [String]

    init(_ dataset: Dataset, _ session: Session) throws {
        guard let segmentation = session.segments.active(for: dataset.name) else {
            throw SessionError("'\(dataset.name)' has no segments to filter on", hint: "create them first: segment rfm (or lifecycle, value, first-repeat)")
        }
        table = dataset.table
        labels = segmentation.labels
        segmentCodes = try dataset.rowOrderIds().map { $0 < 0 ? -1 : segmentation.segmentOfOrder[Int($0)] }
    }

    var rowCount: Int { table.rowCount }
    var filterColumnNames: [String] { table.filterColumnNames + ["segment"] }

    func filterColumn(named name: String) -> FilterColumn? {
        if name.lowercased() == "segment" { return .text(codes: segmentCodes, dictionary: labels) }
        return table.filterColumn(named: name)
    }
}
