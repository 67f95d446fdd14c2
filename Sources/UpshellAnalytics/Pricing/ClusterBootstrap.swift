import Foundation
import UpshellCore

/// The customer-clustered bootstrap of MODELS.md §0.2: resample whole customers (clusters) with
/// replacement, keep all their orders. Statistics that are sums over orders are computed from per-cluster
/// sums, so a draw costs O(clusters), not O(orders); every what-if of a sweep sees the same draws.
public enum ClusterBootstrap {
    /// Calls `body` with the multiplicity of each of `clusters` clusters for `draws` seeded draws.
    /// - Complexity: O(draws · clusters).
    public static func forEachDraw(clusters: Int, draws: Int, seed: UInt64, _ body: ([Double]) throws -> Void) throws {
        var rng = SeededGenerator(seed: seed)
        var m = [Double](repeating: 0, count: clusters)
        for d in 0..<draws {
            if d % 16 == 0 { try Cancellation.check() }
            for c in 0..<clusters { m[c] = 0 }
            for _ in 0..<clusters { m[rng.nextIndex(below: clusters)] += 1 }
            try body(m)
        }
    }

    /// The percentile interval of `values` at `level` (linear interpolation, numpy's default).
    public static func interval(_ values: [Double], level: Double = 0.90) -> (lower: Double, upper: Double) {
        let s = values.filter(\.isFinite).sorted()
        guard !s.isEmpty else { return (.nan, .nan) }
        let a = (1 - level) / 2
        return (Bootstrap.sortedQuantile(s, a), Bootstrap.sortedQuantile(s, 1 - a))
    }
}
