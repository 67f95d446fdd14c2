/// A higher-tier alternative to a product: same category, dearer by a step within the asked band.
public struct UpsellCandidate: Sendable, Equatable {
    public var item: Int32
    /// Price step p_candidate / p_anchor − 1.
    public var step: Double
    /// Unit margin gain (price − cost of the candidate minus that of the anchor), `.nan` without costs.
    public var marginGain: Double
    /// Whether the brand is the anchor's.
    public var sameBrand: Bool
    /// Orders holding the candidate.
    public var orders: Int
}

/// Upsell candidates: products of the anchor's category priced a step above it, the step within
/// `band` (0.2…0.4: 20–40 % dearer); the same brand first, then by orders, then by step. Names are not
/// read: a longer cable is not an upgrade because its name says 5 m — only category, brand and price are.
public enum UpsellCandidates {
    public static func find(_ anchor: Int32, band: ClosedRange<Double>, catalogue: OfferCatalogue, ordersOfItem: [Int32],
                            cost: (Int32) -> Double) -> [UpsellCandidate] {
        let a = Int(anchor)
        let pa = catalogue.price[a], ca = catalogue.category[a]
        guard pa.isFinite, pa > 0, ca >= 0 else { return [] }
        var out: [UpsellCandidate] = []
        for j in 0..<Int32(catalogue.count) where j != anchor && catalogue.offerable[Int(j)] && catalogue.category[Int(j)] == ca {
            let pj = catalogue.price[Int(j)]
            guard pj.isFinite else { continue }
            let step = pj / pa - 1
            guard band.contains(step) else { continue }
            let gain = (pj - cost(j)) - (pa - cost(anchor))
            out.append(UpsellCandidate(item: j, step: step, marginGain: gain, sameBrand: catalogue.brand[a] >= 0 && catalogue.brand[Int(j)] == catalogue.brand[a],
                                       orders: Int(j) < ordersOfItem.count ? Int(ordersOfItem[Int(j)]) : 0))
        }
        out.sort { x, y in
            if x.sameBrand != y.sameBrand { return x.sameBrand }
            if x.orders != y.orders { return x.orders > y.orders }
            return x.step < y.step
        }
        return out
    }
}
