import UpshellAnalytics
import UpshellData

/// Groups orders by the segments of the dataset's active segmentation.
enum SegmentGrouping {
    static func grouping(_ dataset: Dataset, _ session: Session) throws -> OrderGrouping {
        guard let s = session.segments.active(for: dataset.name) else {
            throw SessionError("'\(dataset.name)' has no segmentation yet", hint: "create one first: segment rfm (or first-repeat, value, lifecycle)")
        }
        return .orderLabels(name: "segment", labels: s.labels, groupOfOrder: s.segmentOfOrder)
    }
}
