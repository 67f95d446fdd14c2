import UpshellAnalytics
import UpshellCore

/// Segmentations made in the session, per dataset, with the one `by segment` uses (the latest).
public struct SegmentStore: Sendable {
    private var byDataset: [String: [String: Segmentation]] = [:]
    private var active: [String: String] = [:]
    public init() {}

    /// Keeps a segmentation for a dataset and makes it the active one.
    public mutating func add(_ segmentation: Segmentation, to dataset: String) {
        byDataset[dataset, default: [:]][segmentation.name] = segmentation
        active[dataset] = segmentation.name
    }

    /// The active segmentation of a dataset, if any.
    public func active(for dataset: String) -> Segmentation? {
        active[dataset].flatMap { byDataset[dataset]?[$0] }
    }

    /// All segmentations of a dataset, by name.
    public func all(for dataset: String) -> [Segmentation] {
        (byDataset[dataset] ?? [:]).keys.sorted().compactMap { byDataset[dataset]?[$0] }
    }

    /// Datasets that have segmentations.
    public var datasetNames: [String] { Array(byDataset.keys) }

    /// Forgets a dataset's segmentations (after its orders were rebuilt or it was dropped).
    public mutating func invalidate(_ dataset: String) {
        byDataset[dataset] = nil
        active[dataset] = nil
    }

    /// The segmentation holding a segment called `label` (active one first), with the segment's index.
    public func find(segment label: String, in dataset: String) throws -> (Segmentation, Int) {
        let candidates = (active(for: dataset).map { [$0] } ?? []) + all(for: dataset)
        for s in candidates { if let i = s.index(of: label) { return (s, i) } }
        if candidates.isEmpty {
            throw SessionError("'\(dataset)' has no segments yet", hint: "create them first: segment rfm (or first-repeat, value, lifecycle, define NAME where …)")
        }
        var seen = Set<String>()
        let names = candidates.flatMap(\.labels).filter { seen.insert($0).inserted }
        throw SessionError("no segment '\(label)' in '\(dataset)'", hint: Suggestions.didYouMean(label, in: names) ?? "segments: " + names.joined(separator: ", "))
    }
}
