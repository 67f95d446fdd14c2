/// How strongly two items go together, from their co-count `c`, the units holding each (`a`, `b`) and
/// the number of units `n` (formulas in the Offers design notes).
public enum ItemSimilarity: String, CaseIterable, Sendable {
    /// c / √(a·b) (Sarwar et al. 2001, eq. 1, on binary purchase vectors).
    case cosine
    /// c / (a + b − c).
    case jaccard
    /// c·n / (a·b); above 1: bought together more often than chance.
    case lift
    /// c / a: the share of the anchor's units that hold the partner (the basket engine's conf A→B).
    case confidence

    /// The measure for co-count `c` of an anchor in `a` units and a partner in `b` units, of `n` units.
    @inlinable public func value(together c: Int32, anchor a: Int32, partner b: Int32, units n: Int) -> Double {
        switch self {
        case .cosine: return Self.cosine(together: c, anchor: a, partner: b)
        case .jaccard: return Self.jaccard(together: c, anchor: a, partner: b)
        case .lift: return Self.lift(together: c, anchor: a, partner: b, units: n)
        case .confidence: return Self.confidence(together: c, anchor: a)
        }
    }

    /// c / √(a·b).
    @inlinable public static func cosine(together c: Int32, anchor a: Int32, partner b: Int32) -> Double {
        Double(c) / (Double(a) * Double(b)).squareRoot()
    }

    /// c / (a + b − c).
    @inlinable public static func jaccard(together c: Int32, anchor a: Int32, partner b: Int32) -> Double {
        Double(c) / (Double(a) + Double(b) - Double(c))
    }

    /// c / a.
    @inlinable public static func confidence(together c: Int32, anchor a: Int32) -> Double { Double(c) / Double(a) }

    /// Lift c·n/(a·b), shown beside every measure.
    @inlinable public static func lift(together c: Int32, anchor a: Int32, partner b: Int32, units n: Int) -> Double {
        Double(c) * Double(n) / (Double(a) * Double(b))
    }
}
