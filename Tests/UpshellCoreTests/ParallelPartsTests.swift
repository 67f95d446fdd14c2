import Testing
@testable import UpshellCore

@Suite struct ParallelPartsTests {
    /// The parts cover `0..<count` once, in order, however the count splits.
    @Test(arguments: [0, 1, 99_999, 200_000, 200_001, 1_000_003])
    func partsCoverTheRangeInOrder(count: Int) {
        let ranges = ParallelParts.map(count: count) { $0 }
        #expect(ranges.first?.lowerBound == 0 && ranges.last?.upperBound == count)
        for (a, b) in zip(ranges, ranges.dropFirst()) { #expect(a.upperBound == b.lowerBound) }
        #expect(ranges.count == (count >= 200_000 ? 2 : 1))
        let sums = ParallelParts.map(count: count) { r in r.reduce(0) { $0 + $1 } }
        #expect(sums.reduce(0, +) == count * (count - 1) / 2)
    }

    /// Every index gets its own result, in index order, run side by side or serially.
    @Test(arguments: [0, 1, 2, 7, 64])
    func eachKeepsIndexOrder(count: Int) {
        let squares = (0..<count).map { $0 * $0 }
        #expect(ParallelParts.each(count) { $0 * $0 } == squares)
        #expect(ParallelParts.each(count, serially: true) { $0 * $0 } == squares)
    }
}
