import Foundation
import UpshellCore

/// Summary of a distribution of per-order numbers (order value, units): moments, percentiles, extremes.
///
/// Percentiles use linear interpolation between order statistics — Hyndman & Fan (1996) type 7, numpy's
/// default `np.percentile(x, q)` and R's `quantile(type = 7)`: position `h = q·(n − 1)` in the sorted
/// values, value `x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋ + 1] − x[⌊h⌋])`.
///
/// ```swift
/// let d = try ValueDistribution([10, 20, 30, 40])
/// d.percentile(0.5)   // 25
/// ```
public struct ValueDistribution: Sendable {
    /// The values, ascending.
    public let sorted: [Double]
    /// Mean and sample standard deviation (n − 1).
    public let summary: SampleSummary

    /// The percentiles reported by default: p5, p10, p25, p50, p75, p90, p95, p99.
    public static let standardPercentiles: [Double] = [0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95, 0.99]

    /// Sorts the values. - Throws: ``MetricsError/noOrders(_:)`` when empty, ``MetricsError/nonFinite(_:)``
    /// when a value is NaN or infinite. - Complexity: O(n log n).
    public init(_ values: [Double]) throws {
        guard !values.isEmpty else { throw MetricsError.noOrders("to describe") }
        guard values.allSatisfy(\.isFinite) else { throw MetricsError.nonFinite("order values") }
        sorted = values.sorted()
        summary = SampleSummary(values)
    }

    /// Number of values.
    public var count: Int { sorted.count }
    /// Arithmetic mean.
    public var mean: Double { summary.mean }
    /// Median (the 50th percentile).
    public var median: Double { percentile(0.5) }
    /// Smallest and largest value.
    public var minimum: Double { sorted[0] }
    public var maximum: Double { sorted[sorted.count - 1] }
    /// Sum of all values.
    public var total: Double { sorted.reduce(0, +) }

    /// The `q`-quantile (0 ≤ q ≤ 1) by linear interpolation (numpy's default). - Complexity: O(1).
    public func percentile(_ q: Double) -> Double { Quantile.linear(sorted: sorted, min(1, max(0, q))) }

    /// The number of values strictly below `x`. - Complexity: O(log n).
    public func countBelow(_ x: Double) -> Int {
        var lo = 0, hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if sorted[mid] < x { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}

/// One bin `[lower, upper)` of a histogram or one price band, with its count and share of all values.
public struct ValueBin: Sendable, Equatable {
    /// Inclusive lower edge (`-infinity` for an open first band).
    public var lower: Double
    /// Exclusive upper edge (`+infinity` for the overflow bin or the open last band).
    public var upper: Double
    /// Values in the bin.
    public var count: Int
    /// Sum of the values in the bin (revenue, for order values).
    public var total: Double
    /// `count` ÷ all values.
    public var share: Double
    /// `total` ÷ sum of all values (`.nan` when the sum is 0).
    public var totalShare: Double
}

extension ValueDistribution {
    /// Counts values into consecutive half-open bins `[edges[i], edges[i+1])`; a first bin `(−∞, edges[0])`
    /// is added when a value lies below the first edge, and a last bin `[edges.last, ∞)` when one lies at or
    /// above the last edge. Empty open bins are left out. - Complexity: O(bins · log n).
    public func bins(edges: [Double]) -> [ValueBin] {
        guard !edges.isEmpty else { return [] }
        let all = total
        var prefix = [0.0]
        prefix.reserveCapacity(count + 1)
        for v in sorted { prefix.append(prefix[prefix.count - 1] + v) }
        var bounds = [-Double.infinity] + edges + [Double.infinity]
        bounds = bounds.enumerated().filter { $0.offset == 0 || $0.element > bounds[$0.offset - 1] }.map(\.element)
        var out: [ValueBin] = []
        for i in 0..<(bounds.count - 1) {
            let lo = bounds[i].isFinite ? countBelow(bounds[i]) : 0
            let hi = bounds[i + 1].isFinite ? countBelow(bounds[i + 1]) : count
            let isOpen = !bounds[i].isFinite || !bounds[i + 1].isFinite
            if isOpen && hi == lo { continue }
            let sum = prefix[hi] - prefix[lo]
            out.append(ValueBin(lower: bounds[i], upper: bounds[i + 1], count: hi - lo, total: sum,
                                share: Double(hi - lo) / Double(count), totalShare: all != 0 ? sum / all : .nan))
        }
        return out
    }

    /// Edges of an equal-width histogram with a "nice" width (1, 2, 2.5 or 5 × 10ᵏ; at least `minimumWidth`).
    ///
    /// The bins span from the minimum to the 95th percentile, so a heavy right tail does not squash the
    /// body into one bar; values above the last edge fall into one overflow bin (see ``bins(edges:)``).
    /// The number of bins is `target` when given, else from the Freedman–Diaconis rule
    /// (width 2·IQR·n^(−1/3); Freedman & Diaconis 1981), kept within 6…20.
    /// - Complexity: O(bins).
    public func histogramEdges(target: Int? = nil, minimumWidth: Double = 0) -> [Double] {
        let lo = minimum
        var hi = percentile(0.95)
        if hi <= lo { hi = maximum }
        if hi <= lo { return [lo, lo + Swift.max(1, minimumWidth)] }
        let bins: Int
        if let target {
            bins = Swift.max(1, target)
        } else {
            let iqr = percentile(0.75) - percentile(0.25)
            let fd = iqr > 0 ? 2 * iqr * pow(Double(count), -1.0 / 3) : (hi - lo) / 10
            bins = Swift.min(20, Swift.max(6, Int(((hi - lo) / fd).rounded(.up))))
        }
        let width = Swift.max(minimumWidth, Self.niceStep(atLeast: (hi - lo) / Double(bins)))
        let start = (lo / width).rounded(.down) * width
        var edges = [start]
        while edges[edges.count - 1] <= hi, edges.count <= 10_000 { edges.append(start + Double(edges.count) * width) }
        return edges
    }

    /// Price-band edges from the 1–2.5–5 sequence (…, 10, 25, 50, 100, 250, …) that lie between the 5th and
    /// the 99th percentile, so the body of the distribution is split into a handful of readable bands.
    public func bandEdges() -> [Double] {
        let lo = Swift.max(percentile(0.05), 1e-9), hi = percentile(0.99)
        var edges: [Double] = []
        var decade = pow(10, (log10(lo)).rounded(.down))
        while decade <= hi * 10 {
            for m in [1.0, 2.5, 5.0] {
                let e = m * decade
                if e > lo && e <= hi { edges.append(e) }
            }
            decade *= 10
        }
        if edges.isEmpty { edges = [Self.niceStep(atLeast: percentile(0.5))] }
        return edges
    }

    /// The smallest of 1, 2, 2.5, 5 × 10ᵏ at least `x` (x > 0).
    public static func niceStep(atLeast x: Double) -> Double {
        guard x > 0, x.isFinite else { return 1 }
        let decade = pow(10, log10(x).rounded(.down))
        for m in [1.0, 2.0, 2.5, 5.0, 10.0] where m * decade >= x * (1 - 1e-12) { return m * decade }
        return 10 * decade
    }
}
