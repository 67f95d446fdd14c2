import Foundation
import Testing
@testable import UpshellData

/// What keeps a load's peak memory low must not change a number: parsed pages of a mapped file dropped
/// while it is scanned, numeric role columns read in place from the table's storage, rows not copied when
/// each order's lines are together. Each is compared with the plain way (a second method).
@Suite struct LoadMemoryTests {
    /// 140,000 rows: more than two 65,536-row steps of a chunk, so pages are dropped mid-chunk.
    static func bigFile() -> (path: String, bytes: [UInt8]) {
        var text = "order_id,customer,created_at,product,quantity,unit_price\n"
        for i in 0..<140_000 {
            let product = i % 997 == 0 ? "\"Mug, \"\"large\"\"\"" : (i % 5_003 == 0 ? "\"Two\nlines\"" : "P\(i % 311)")
            let quantity = i % 701 == 0 ? "" : "\(1 + i % 4)"
            text += "O\(i / 4),C\(i % 9_001),2024-0\(1 + i % 9)-1\(i % 10) 10:0\(i % 10):00,\(product),\(quantity),\(Double(i % 2_000) / 100)\n"
        }
        let bytes = Array(text.utf8)
        return (TestSupport.temporaryFile(bytes), bytes)
    }

    @Test(arguments: [1, 3])
    func aMappedFileWithPagesDroppedReadsAsTheBytesInMemory(chunks: Int) throws {
        let (path, bytes) = Self.bigFile()
        defer { try? FileManager.default.removeItem(atPath: path) }
        var options = CSVReadOptions()
        options.chunks = chunks
        let file = try FileBytes.open(path: path)
        #expect(file.isMapped, "a plain file is mapped, so its pages are dropped as it is parsed")
        let mapped = try CSVReader.read(file, path: path, options: options)
        let inMemory = try CSVReader.read(FileBytes.memory(bytes), path: path, options: options)
        #expect(mapped.table.rowCount == 140_000 && inMemory.table.rowCount == 140_000)
        #expect(mapped.table.columns.map(\.type) == inMemory.table.columns.map(\.type))
        #expect(TestSupport.rows(mapped.table) == TestSupport.rows(inMemory.table))
        #expect(mapped.notes == inMemory.notes)
    }

    /// Integer, fixed-point, double, timestamp and text columns with nulls, in a table and in a view of
    /// some of its rows: the same bits as ``Table/doubles(column:)``.
    @Test func lineNumbersReadTheSameBitsAsTheWidenedColumn() throws {
        let text = """
        q,p,d,t,s
        1,1.25,0.1,2024-01-01 10:00:00,x
        ,,,,
        -3,2.5,1e300,2024-02-03 04:05:06,y
        120,0.07,-2.5,2023-12-31 23:59:59,
        7,19.99,3,2024-06-30 00:00:00,z
        """
        let table = try TestSupport.read(text).table
        let view = table.view(rows: [4, 0, 1])
        for t in [table, view] {
            for c in 0..<t.columns.count {
                let widened = t.doubles(column: c)
                let inPlace = LineNumbers(table: t, column: c)
                #expect(inPlace.count == widened.count)
                #expect(inPlace.indices.allSatisfy { inPlace[$0].bitPattern == widened[$0].bitPattern },
                        "column \(t.columns[c].name): \(Array(inPlace)) vs \(widened)")
            }
        }
    }

    /// Orders whose lines are together with every line kept need no row list: the same totals and
    /// baskets as with the rows listed.
    @Test func aggregationWithoutARowListEqualsTheListedRows() throws {
        let c = OrderAggregationTests.randomCase(orders: 2_000, seed: 11)
        let rows = c.input.rowsInOrder.map { Int($0) }
        let quantity = c.input.quantity!, price = c.input.price!, times = c.input.times!
        let inOrder = OrderLineInputs(offsets: c.input.offsets, rowsInOrder: [], productOf: rows.map { c.input.productOf[$0] },
                                      quantity: LineNumbers(rows.map { quantity[$0] }), total: nil,
                                      price: LineNumbers(rows.map { price[$0] }), unitCost: nil, shippingFee: nil,
                                      times: .i64(rows.map { times[$0] }), customerOf: rows.map { c.input.customerOf![$0] })
        let listed = try OrderAggregation.run(c.input)
        let direct = try OrderAggregation.run(inOrder)
        #expect(direct.offsets == listed.offsets && direct.items == listed.items)
        #expect(direct.quantities == listed.quantities && direct.values == listed.values)
        func same(_ a: OrderTotals, _ b: OrderTotals) -> Bool {
            a.customer == b.customer && a.entries == b.entries && a.time == b.time && a.units.bitPattern == b.units.bitPattern
                && a.value.bitPattern == b.value.bitPattern && a.cost.bitPattern == b.cost.bitPattern
                && a.shipping.bitPattern == b.shipping.bitPattern
        }
        #expect((0..<listed.totals.count).allSatisfy { same(direct.totals[$0], listed.totals[$0]) })
        #expect(listed.totals.count == 2_000)
    }
}
