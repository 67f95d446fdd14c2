import UpshellAnalytics

/// The last lifetime-model fit per dataset, so `clv predict` reuses what `clv fit` estimated.
public struct LifetimeFitStore: Sendable {
    /// A fit with what it was fitted to.
    public struct Entry: Sendable {
        public var fit: LifetimeModelFit
        /// The dataset's generation when fitted (a rebuilt dataset needs a new fit).
        public var generation: Int?
    }

    private var byDataset: [String: Entry] = [:]
    public init() {}

    /// Keeps `fit` as the dataset's current fit.
    public mutating func store(_ fit: LifetimeModelFit, for dataset: String, generation: Int?) {
        byDataset[dataset] = Entry(fit: fit, generation: generation)
    }

    /// The dataset's fit, if one was made on the dataset as it is now.
    public func fit(for dataset: String, generation: Int?) -> LifetimeModelFit? {
        guard let e = byDataset[dataset], e.generation == generation else { return nil }
        return e.fit
    }
}
