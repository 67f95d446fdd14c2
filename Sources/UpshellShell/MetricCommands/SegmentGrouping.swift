import UpshellAnalytics
import UpshellData

/// Groups orders by the segments of a segmentation: `by segment` takes the dataset's active one (the latest
/// made), `by rfm`, `by lifecycle`, `by value`, `by first-repeat` or `by NAME` (a `segment define NAME`) take
/// that one by name, so two segmentations can be compared without remaking either.
enum SegmentGrouping {
    /// The segmentations `segment` can make, named in the hint when one of them is asked for before it exists.
    static let kinds = ["rfm", "lifecycle", "value", "first-repeat"]

    /// The active segmentation's grouping.
    static func grouping(_ dataset: Dataset, _ session: Session) throws -> OrderGrouping {
        guard let s = session.segments.active(for: dataset.name) else {
            throw SessionError("'\(dataset.name)' has no segmentation yet", hint: "create one first: segment rfm (or first-repeat, value, lifecycle)")
        }
        return .orderLabels(name: "segment", labels: s.labels, groupOfOrder: s.segmentOfOrder)
    }

    /// The grouping of the segmentation called `key` (case-insensitive), `nil` when `key` names none and is
    /// not a segmentation kind either.
    /// - Throws: ``SessionError`` when `key` is a kind `segment` makes but the dataset has none of it yet.
    static func named(_ key: String, _ dataset: Dataset, _ session: Session) throws -> OrderGrouping? {
        let wanted = key.lowercased()
        if let s = session.segments.all(for: dataset.name).first(where: { $0.name.lowercased() == wanted }) {
            return .orderLabels(name: s.name, labels: s.labels, groupOfOrder: s.segmentOfOrder)
        }
        guard kinds.contains(wanted) else { return nil }
        throw SessionError("'\(dataset.name)' has no '\(wanted)' segmentation yet", hint: "make it first: segment \(wanted)")
    }

    /// Names of the dataset's segmentations, for hints and completion after `by`.
    static func names(_ dataset: Dataset, _ session: Session) -> [String] {
        session.segments.all(for: dataset.name).map(\.name)
    }
}
