import Testing
@testable import UpshellData

/// Quickselect quantiles against the definition on a sorted copy (a second method), ties included.
@Suite struct QuantilesTests {
    /// Linear interpolation on the sorted values: the textbook form the selection must reproduce.
    static func bySorting(_ values: [Double], _ q: Double) -> Double {
        let s = values.sorted()
        let h = Double(s.count - 1) * q
        let lo = Int(h.rounded(.down)), hi = min(lo + 1, s.count - 1)
        return s[lo] + (h - Double(lo)) * (s[hi] - s[lo])
    }

    @Test func matchesSortedDefinition() {
        var state: UInt64 = 42
        func next() -> UInt64 { state = state &* 6364136223846793005 &+ 1442695040888963407; return state >> 33 }
        for n in [1, 2, 3, 4, 5, 10, 11, 100, 1001] {
            for distinct in [2, 7, 1000] {
                let values = (0..<n).map { _ in Double(next() % UInt64(distinct)) * 1.5 }
                for q in [0.0, 0.05, 0.25, 0.5, 0.75, 0.99, 1.0] {
                    #expect(Quantiles.linear(values, q) == Self.bySorting(values, q), "n=\(n) distinct=\(distinct) q=\(q)")
                }
            }
        }
    }

    /// numpy.quantile([1, 2, 3, 4, 10], [0.25, 0.75]) = [2.0, 4.0]; numpy.quantile([1, 2], 0.25) = 1.25.
    @Test func handValues() {
        #expect(Quantiles.linear([10, 1, 4, 2, 3], 0.25) == 2)
        #expect(Quantiles.linear([10, 1, 4, 2, 3], 0.75) == 4)
        #expect(Quantiles.linear([2, 1], 0.25) == 1.25)
        #expect(Quantiles.linear([], 0.5).isNaN)
    }
}
