/// Estimates how many frequent itemsets a search would find before running it, by Knuth's random-probe
/// estimator of a search tree's size (D. E. Knuth, "Estimating the efficiency of backtrack programs",
/// Math. Comp. 29, 1975): walk from the root choosing a random child at each level; with d_i children at
/// level i, 1 + d_1 + d_1·d_2 + … is an unbiased estimate of the number of nodes. The mean over probes is
/// used. Only run when a cheap bound says the result could pass the limit.
///
/// - Complexity: O(probes × depth × Σ_{t ∈ T(P)} |t|) — a few thousand tid-list scans.
struct ItemsetCountEstimator {
    let m: Int
    let minimum: Int32
    let maxSize: Int
    let off: UnsafePointer<Int32>, items: UnsafePointer<Int32>
    let tOff: [Int32], tids: UnsafePointer<Int32>

    /// An upper bound needing no search: every frequent itemset lies in at least `minimum` baskets, so
    /// there are at most Σ_b Σ_{j ≤ maxSize} C(k_b, j) / minimum of them (k_b frequent items in basket b).
    static func upperBound(basketSizes: [Int32], minimum: Int, maxSize: Int) -> Double {
        var total = 0.0
        for k in basketSizes {
            var c = 1.0, sum = 0.0
            for j in 1...max(1, min(Int(k), maxSize)) {
                c = c * Double(Int(k) - j + 1) / Double(j)
                sum += c
            }
            total += sum
            if total.isInfinite { return .infinity }
        }
        return total / Double(max(1, minimum))
    }

    func estimate(probes: Int, seed: UInt64 = 0x5EED_BA5C) -> Double {
        guard m > 0 else { return 0 }
        var rng = SeededGenerator(seed: seed)
        var counts = [Int32](repeating: 0, count: m)
        var touched: [Int32] = []
        var total = 0.0
        for _ in 0..<probes {
            var weight = Double(m), estimate = Double(m)
            let r = rng.nextIndex(below: m)
            var current = Array(UnsafeBufferPointer(start: tids + Int(tOff[r]), count: Int(tOff[r + 1] - tOff[r])))
            var tail = Int32(r), size = 1
            while size < maxSize {
                touched.removeAll(keepingCapacity: true)
                for b in current {
                    var e = Int(off[Int(b) + 1]) - 1
                    while e >= Int(off[Int(b)]), items[e] > tail {
                        let x = Int(items[e])
                        if counts[x] == 0 { touched.append(Int32(x)) }
                        counts[x] += 1
                        e -= 1
                    }
                }
                let children = touched.filter { counts[Int($0)] >= minimum }
                for x in touched { counts[Int(x)] = 0 }
                guard !children.isEmpty else { break }
                weight *= Double(children.count)
                estimate += weight
                let k = children[rng.nextIndex(below: children.count)]
                current = current.filter { b in
                    var lo = Int(off[Int(b)]), hi = Int(off[Int(b) + 1])
                    while lo < hi {
                        let mid = (lo + hi) >> 1
                        if items[mid] < k { lo = mid + 1 } else { hi = mid }
                    }
                    return lo < Int(off[Int(b) + 1]) && items[lo] == k
                }
                tail = k
                size += 1
            }
            total += estimate
        }
        return total / Double(probes)
    }
}
