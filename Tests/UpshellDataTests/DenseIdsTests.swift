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
}
