import Foundation

/// Sample quantiles, in the two conventions the reports use.
///
/// - ``linear(sorted:_:)``: linear interpolation between order statistics — Hyndman & Fan (1996) type 7,
///   R's default, numpy's `quantile(method="linear")`: h = (n − 1)·q, x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]).
///   Used by the bootstrap intervals, the order-value percentiles and the medians of `compare`.
/// - ``median(_:)``: the middle value, or the midpoint (a + b)/2 of the two middle values — the textbook
///   median. At q = ½ it equals type 7 up to rounding (type 7 computes a + ½(b − a)); the `describe` and
///   `abtest` medians use it and keep it so their printed values stay as they are.
///
/// The outlier fence of the loader (`UpshellData`, below this module) selects its quartiles without sorting
/// by the same type-7 rule.
///
/// ```swift
/// Quantile.linear(sorted: [1, 2, 3, 4], 0.25)   // 1.75
/// Quantile.median([4, 1, 3, 2])                 // 2.5
/// ```
public enum Quantile {
    /// The type-7 quantile q ∈ [0, 1] of ascending `sorted`; NaN when empty. - Complexity: O(1).
    public static func linear(sorted: [Double], _ q: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let position = q * Double(sorted.count - 1)
        let low = Int(position.rounded(.down)), high = min(low + 1, sorted.count - 1)
        let fraction = position - Double(low)
        return sorted[low] + fraction * (sorted[high] - sorted[low])
    }

    /// The median of `values` in any order (midpoint of the two middle values for an even count); NaN when
    /// empty. - Complexity: O(n log n).
    public static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return .nan }
        let s = values.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }
}
