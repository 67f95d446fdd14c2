/// Two items bought together and how strongly: counts, then the usual interest measures.
///
/// The pair is unordered; ``a`` is the anchor (the item in more baskets, or the item asked for with
/// `for=`) and ``b`` its partner, so "A→B" always reads anchor → partner.
/// Support = n_AB / N; confidence A→B = n_AB / n_A (Agrawal, Imieliński & Swami 1993); lift =
/// n_AB·N / (n_A·n_B) (Brin et al. 1997, "interest"); leverage = s_AB − s_A·s_B (Piatetsky-Shapiro 1991);
/// conviction A→B = (1 − s_B) / (1 − conf A→B), infinite when the confidence is 1 (Brin et al. 1997).
public struct ItemPair: Sendable, Equatable {
    /// The anchor item id.
    public var a: Int32
    /// The partner item id.
    public var b: Int32
    /// Baskets holding both.
    public var together: Int
    /// Baskets holding A, holding B, and all baskets.
    public var countA: Int, countB: Int, baskets: Int
    /// Total value of the orders holding both (whole orders, all their lines).
    public var revenue: Double = 0
    /// Total gross margin of those orders, `.nan` when costs are unknown.
    public var margin: Double = 0
    /// A signpost, not a forecast: extra revenue if the weaker direction's attach rate rose to the
    /// stronger one's — extra orders n_X·(conf_strong − conf_weak) times the consequent's mean value per order.
    public var incrementalRevenue: Double = 0

    public init(a: Int32, b: Int32, together: Int, countA: Int, countB: Int, baskets: Int) {
        self.a = a
        self.b = b
        self.together = together
        self.countA = countA
        self.countB = countB
        self.baskets = baskets
    }

    public var support: Double { Double(together) / Double(baskets) }
    public var confidenceAB: Double { Double(together) / Double(countA) }
    public var confidenceBA: Double { Double(together) / Double(countB) }
    public var lift: Double { Double(together) * Double(baskets) / (Double(countA) * Double(countB)) }
    public var leverage: Double { support - Double(countA) / Double(baskets) * Double(countB) / Double(baskets) }
    /// Conviction A→B; `.infinity` when every basket with A holds B.
    public var convictionAB: Double {
        together == countA ? .infinity : (1 - Double(countB) / Double(baskets)) / (1 - confidenceAB)
    }
    /// Attach rate A→B: the share of orders with the anchor that also hold the partner (= confidence A→B).
    public var attachRate: Double { confidenceAB }
}
