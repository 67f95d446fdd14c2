import UpshellCore
import UpshellData

/// The models the offer engine needs for one set of orders, built once and reused by every recommend
/// command on the same data: the catalogue, the item–item model (chosen measure and unit), the
/// frequently-bought-together counts (orders, confidence) and the popularity ranking.
public struct OfferModels: Sendable {
    /// Product attributes.
    public let catalogue: OfferCatalogue
    /// Item–item collaborative model.
    public let itemCF: CoOccurrenceModel
    /// Frequently bought together: co-counts per order, ranked by confidence.
    public let fbt: CoOccurrenceModel
    /// Products by number of orders holding them (descending), ties by id; only products in some order.
    public let popularity: [Int32]
    /// Orders holding each product.
    public let ordersOfItem: [Int32]
    /// Orders (units of the order model) holding at least one item.
    public let orderCount: Int
    /// Seconds the build took.
    public var buildSeconds = 0.0

    /// Builds the models over the orders of `model` selected by `keep` (all when nil).
    /// - Complexity: O(Σ_orders |o|²) for the co-counts (twice when unit=customers).
    /// - Parameter progress: counts products whose neighbours are ranked (the item–item lists).
    public init(_ model: OrderModel, keep: [Bool]? = nil, similarity: ItemSimilarity = .cosine, unit: CoOccurrenceUnit = .orders,
                neighbours: Int = 50, progress: any ProgressReporter = SilentProgress()) throws {
        let timer = PhaseTimer("offer models")
        let orders = try PurchaseUnits(model, unit: .orders, keep: keep)
        guard !orders.items.isEmpty else { throw OfferError.noProducts }
        let itemUnits = unit == .orders ? orders : try PurchaseUnits(model, unit: unit, keep: keep)
        let catalogue = OfferCatalogue(model)
        timer.mark("units and catalogue")
        try self.init(catalogue: catalogue, orders: orders, itemUnits: itemUnits, similarity: similarity, neighbours: neighbours, progress: progress)
        timer.mark("all")
    }

    /// Builds the models from units given directly (tests, evaluation).
    public init(catalogue: OfferCatalogue, orders: PurchaseUnits, itemUnits: PurchaseUnits? = nil,
                similarity: ItemSimilarity = .cosine, neighbours: Int = 50, progress: any ProgressReporter = SilentProgress()) throws {
        self.catalogue = catalogue
        let timer = PhaseTimer("offer models")
        defer { timer.mark("item-item and frequently-bought-together lists") }
        if let itemUnits, itemUnits.unit != orders.unit {
            itemCF = try CoOccurrenceModel.build(itemUnits, similarities: [similarity], neighbours: neighbours, progress: progress)[0]
            fbt = try CoOccurrenceModel(orders, similarity: .confidence, neighbours: neighbours)
        } else {
            // one counting pass for both: the same co-counts over orders
            let both = try CoOccurrenceModel.build(orders, similarities: [similarity, .confidence], neighbours: neighbours, progress: progress)
            itemCF = both[0]
            fbt = both[1]
        }
        ordersOfItem = orders.unitsOfItem
        orderCount = orders.count
        popularity = Self.ranking(orders.unitsOfItem)
    }

    /// Ids with a positive count, by count (descending), ties by id (ascending).
    public static func ranking(_ counts: [Int32]) -> [Int32] {
        var ids = (0..<Int32(counts.count)).filter { counts[Int($0)] > 0 }
        ids.sort { counts[Int($0)] != counts[Int($1)] ? counts[Int($0)] > counts[Int($1)] : $0 < $1 }
        return ids
    }

    /// Memory held by the models, in bytes.
    public var memoryBytes: Int { itemCF.memoryBytes + fbt.memoryBytes + popularity.count * 4 + ordersOfItem.count * 4 }
}
