/// Family-wise error control for several comparisons (e.g. each variant against control).
public enum MultipleTesting {
    /// Bonferroni-adjusted p-values min(1, m·pᵢ) (statsmodels `multipletests(method='bonferroni')`).
    /// - Complexity: O(m).
    public static func bonferroni(_ pValues: [Double]) -> [Double] {
        let m = Double(pValues.count)
        return pValues.map { min(1, $0 * m) }
    }

    /// Holm's step-down adjusted p-values (Holm 1979; statsmodels `multipletests(method='holm')`): sorted
    /// ascending, p₍ᵢ₎ is multiplied by (m − i + 1), made monotone by a running maximum, capped at 1, and
    /// returned in the input order. Uniformly more powerful than Bonferroni at the same family-wise level.
    /// - Complexity: O(m log m).
    public static func holm(_ pValues: [Double]) -> [Double] {
        let m = pValues.count
        let order = pValues.indices.sorted { pValues[$0] < pValues[$1] }
        var adjusted = [Double](repeating: 1, count: m)
        var running = 0.0
        for (rank, index) in order.enumerated() {
            running = max(running, min(1, Double(m - rank) * pValues[index]))
            adjusted[index] = running
        }
        return adjusted
    }

    /// Per-comparison significance level under Bonferroni: α/m.
    public static func bonferroniAlpha(_ alpha: Double, comparisons m: Int) -> Double {
        alpha / Double(max(1, m))
    }
}
