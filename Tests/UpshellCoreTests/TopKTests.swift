import Testing
import UpshellCore

/// ``TopK`` against a second method: the prefix of a full stable sort (`sorted(by:)`, documented
/// stable), on random inputs with many ties, where the comparator sees only part of each element so
/// that tie order is visible.
@Suite struct TopKTests {
    /// SplitMix64 (Steele, Lea & Flood 2014): a fixed, seeded stream so failures reproduce.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// An element whose rank depends on `key` (and `second`) only; `id` shows which of equal keys won.
    struct Item: Equatable {
        var key: Int
        var second: Double
        var id: Int
    }

    static func ranksBefore(_ a: Item, _ b: Item) -> Bool {
        a.key != b.key ? a.key > b.key : a.second < b.second
    }

    @Test func equalsTheStableSortPrefixOnRandomInputsWithTies() throws {
        var random = SplitMix(state: 15)
        for trial in 0..<400 {
            let n = Int.random(in: 0...300, using: &random)
            // few distinct keys: most elements tie with others
            let distinct = Int.random(in: 1...12, using: &random)
            let items = (0..<n).map { i in
                Item(key: Int.random(in: 0..<distinct, using: &random), second: Double(Int.random(in: 0..<2, using: &random)), id: i)
            }
            let k = [0, 1, 2, 5, n / 2, n, n + 3, Int.random(in: 0...max(0, n), using: &random)][trial % 8]
            var top = TopK<Item>(capacity: k, by: Self.ranksBefore)
            for item in items { top.insert(item) }
            #expect(top.offered == n)
            let expected = Array(items.sorted(by: Self.ranksBefore).prefix(max(0, k)))
            let got = try top.sortedBest()
            #expect(got == expected, "trial \(trial): n \(n), k \(k)")
        }
    }

    @Test func keepsTheLargestOfDistinctValues() throws {
        var random = SplitMix(state: 7)
        let values = (0..<10_000).map { _ in Double.random(in: -1...1, using: &random) }
        var top = TopK<Double>(capacity: 25, by: >)
        for v in values { top.insert(v) }
        #expect(try top.sortedBest() == Array(values.sorted(by: >).prefix(25)))
    }

    // Ctrl-C while sorting a large k is tested end to end (InterruptEachCommandTests, pairs top=4000000):
    // setting the process-wide flag here would cancel other suites running in parallel.
    @Test func aNegativeCapacityKeepsNothing() throws {
        var top = TopK<Int>(capacity: -3, by: >)
        top.insert(1)
        #expect(top.count == 0 && top.offered == 1)
        #expect(try top.sortedBest().isEmpty)
    }
}
