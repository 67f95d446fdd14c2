import Testing
@testable import UpshellData

/// Dense ids of grouping keys, against a `Dictionary` fold (a second method).
@Suite struct DenseIdsTests {
    /// Doubles of both signs group by their bit patterns, which span more than `Int64` holds: found by the CSV
    /// fuzz target (a decimal order column with 3.e3 and -0.25 trapped on the range's overflow).
    @Test func keysSpanningMoreThanInt64HoldsGetIdsInOrderOfFirstAppearance() {
        let values: [Double] = [3000, -0.25, 3000, .nan, -0.25, 1e300, -1e300, 3000]
        let keys = values.map { $0.isNaN ? Int64.min : Int64(bitPattern: $0.bitPattern) }
        let (ids, firstRow) = DenseIds.assign(keys, keep: [Bool](repeating: true, count: keys.count))
        #expect(ids == [0, 1, 0, -1, 1, 2, 3, 0])
        #expect(firstRow == [0, 1, 5, 6])
    }

    /// The same through a loaded table whose order column holds such decimals: the model builds.
    @Test func anOrderColumnOfDecimalsOfBothSignsLoads() throws {
        let path = TestSupport.temporaryFile("invoiceno,qty,price\n1e300,2,3\n-0.1234567,5,1\n1e300,1,2\n")
        let d = try DatasetLoader.load(path: path)
        #expect(d.table.columns[0].type == .decimal && d.orders?.orders.count == 2, "two order keys: 1e300 and -0.1234567")
    }

    /// Ids in order of first appearance from a `Dictionary` fold over the kept, non-null keys: the second method.
    static func dictionaryFold(_ keys: [Int64], keep: [Bool]) -> (ids: [Int32], firstRow: [Int32]) {
        var map: [Int64: Int32] = [:], firstRow: [Int32] = []
        let ids = keys.indices.map { i -> Int32 in
            guard keys[i] != .min, keep[i] else { return -1 }
            if let id = map[keys[i]] { return id }
            map[keys[i]] = Int32(firstRow.count)
            firstRow.append(Int32(i))
            return Int32(firstRow.count - 1)
        }
        return (ids, firstRow)
    }

    /// Keys spread 4–64 times wider than the rows take the bitmap-rank path; those wider the hash map, those
    /// narrower the array: each against the fold, with repeats, nulls, dropped rows and negative keys.
    @Test(arguments: [2, 10, 40, 63, 200])
    func spreadKeysGetTheIdsOfADictionaryFold(spread: Int) {
        var state = UInt64(spread)   // a linear congruential generator (Knuth's MMIX constants)
        let rows = 5_000
        let keys: [Int64] = (0..<rows).map { i in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            if i % 97 == 13 { return .min }
            return -1_000_000 + Int64((state >> 33) % UInt64(rows / 2 * spread))
        }
        let keep = (0..<rows).map { $0 % 11 != 5 }
        let got = DenseIds.assign(keys, keep: keep)
        let expected = Self.dictionaryFold(keys, keep: keep)
        #expect(got.ids == expected.ids)
        #expect(got.firstRow == expected.firstRow)
        #expect(expected.firstRow.count > rows / 10, "many distinct keys: \(expected.firstRow.count)")
    }

    /// The highest and lowest key of the span (its two ends) both get their ids.
    @Test func theEndsOfARankedSpanGetIds() {
        let keys: [Int64] = [0, 63, 64, 10_000, 0, 10_000, 1, 128]   // 10,001 wide for 8 rows (1,024 counted): ranks
        let got = DenseIds.assign(keys, keep: [Bool](repeating: true, count: keys.count))
        #expect(got.ids == [0, 1, 2, 3, 0, 3, 4, 5])
        #expect(got.firstRow == [0, 1, 2, 3, 6, 7])
    }
}
