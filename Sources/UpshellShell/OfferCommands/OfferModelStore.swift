import UpshellAnalytics

/// Offer models built in this session, by dataset, its generation, the scope and the model's settings:
/// built on first use, reused by every later recommend command on the same data, rebuilt when the data
/// changes (a new generation replaces the dataset's older models).
struct OfferModelStore {
    struct Key: Hashable {
        var dataset: String
        var generation: Int?
        /// The scope's description (`'demo' where …`).
        var scope: String
        var similarity: ItemSimilarity
        var unit: CoOccurrenceUnit
    }

    private var entries: [(key: Key, models: OfferModels)] = []
    /// Models built (a test counter: a second command on the same data builds none).
    private(set) var builds = 0
    /// Most sets of models kept (the oldest go first).
    static let capacity = 4

    /// The models for `key`, or the ones `build` makes (then kept).
    mutating func models(for key: Key, build: () throws -> OfferModels) rethrows -> (OfferModels, reused: Bool) {
        if let hit = entries.first(where: { $0.key == key }) { return (hit.models, true) }
        let made = try build()
        builds += 1
        entries.removeAll { $0.key.dataset == key.dataset && $0.key.generation != key.generation }
        entries.append((key, made))
        if entries.count > Self.capacity { entries.removeFirst(entries.count - Self.capacity) }
        return (made, false)
    }

    /// Memory held by the models of `dataset`, in bytes (0 when none).
    func memoryBytes(of dataset: String) -> Int {
        entries.filter { $0.key.dataset == dataset }.reduce(0) { $0 + $1.models.memoryBytes }
    }
}
