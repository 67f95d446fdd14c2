import Foundation
import UpshellCore

extension AttachDiscountModel {
    /// Customer-clustered bootstrap intervals (90 %) of Δ margin at each discount: the anchor orders, attach
    /// rate and (unless `pullInFixed`) pull-in are recomputed from the resampled per-cluster counts of `data`;
    /// the elasticity stays fixed. All discounts see the same draws. NaN ends for `draws` ≤ 0.
    ///
    /// - Complexity: O(draws · (clusters + discounts)).
    /// - Parameter progress: counts draws.
    /// - Throws: `CancelledError` on Ctrl-C.
    public static func bootstrapMarginChange(_ inputs: AttachInputs, data: AttachData, discounts: [Double], draws: Int,
                                             seed: UInt64, pullInFixed: Bool,
                                             progress: any ProgressReporter = SilentProgress()) throws -> [(lower: Double, upper: Double)] {
        guard draws > 0 else { return discounts.map { _ in (.nan, .nan) } }
        var samples = [[Double]](repeating: [], count: discounts.count)
        let g = data.clusterCount
        var drawn = 0
        try Bootstrap.forEachClusterDraw(clusters: g, draws: draws, seed: seed) { m in
            drawn += 1
            progress.update(done: drawn, total: draws)
            var t = [0.0, 0.0, 0.0, 0.0]
            for c in 0..<g where m[c] > 0 { for j in 0..<4 { t[j] += m[c] * data.clusterCounts[c * 4 + j] } }
            var inp = inputs
            inp.anchorOrders = t[0]
            inp.attachRate = t[0] > 0 ? t[1] / t[0] : 0
            if !pullInFixed { inp.pullIn = t[2] > 0 ? t[3] / t[2] : 0 }
            for (k, d) in discounts.enumerated() { samples[k].append(evaluate(inp, discount: d)?.marginChange ?? .nan) }
        }
        return samples.map { Bootstrap.percentileInterval($0) }
    }
}
