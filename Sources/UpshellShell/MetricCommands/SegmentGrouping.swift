import UpshellAnalytics
import UpshellData

/// Groups orders by the customer segments of the dataset's active segmentation.
enum SegmentGrouping {
    static func grouping(_ dataset: Dataset, _ session: Session) throws -> OrderGrouping {
        throw SessionError("'\(dataset.name)' has no segmentation yet", hint: "create one first: segment rfm (or first-repeat, value, lifecycle)")
    }
}
