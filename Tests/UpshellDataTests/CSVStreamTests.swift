import Foundation
import Testing
import UpshellCore
@testable import UpshellData

/// ``CSVStream``: text fed in pieces of whole rows gives the table, notes and order model that loading the same
/// text as one CSV gives (the reference is the file loader itself, `DatasetLoader.load(csv:)`), or says it needs
/// the whole text.
@Suite struct CSVStreamTests {
    /// `text` cut after every `rows`-th row end (a line break outside quotes): the pieces a source feeds.
    static func pieces(_ text: String, rows: Int) -> [[UInt8]] {
        var out: [[UInt8]] = [], current: [UInt8] = []
        var inQuotes = false, ended = 0
        for b in Array(text.utf8) {
            current.append(b)
            if b == 34 { inQuotes.toggle() }
            if b == 10, !inQuotes {
                ended += 1
                if ended % rows == 0 { out.append(current); current = [] }
            }
        }
        if !current.isEmpty { out.append(current) }
        return out
    }

    static func streamed(_ text: String, rows: Int, options: LoadOptions = LoadOptions()) throws -> Dataset {
        let stream = CSVStream(options: options)
        stream.expectedRows = 100
        for piece in pieces(text, rows: rows) { piece.withUnsafeBufferPointer { stream.feed($0) } }
        return try DatasetLoader.load(stream: stream, path: "db table=orders", name: "s", options: options)
    }

    static func whole(_ text: String, options: LoadOptions = LoadOptions()) throws -> Dataset {
        try DatasetLoader.load(csv: Array(text.utf8), path: "db table=orders", name: "s", options: options)
    }

    static func expectSame(_ a: Dataset, _ b: Dataset, _ label: String) {
        #expect(a.table.columns.map(\.name) == b.table.columns.map(\.name), "\(label)")
        let types: [ColumnType] = a.table.columns.map(\.type), expectedTypes: [ColumnType] = b.table.columns.map(\.type)
        #expect(types == expectedTypes, "\(label)")
        #expect(TestSupport.rows(a.table) == TestSupport.rows(b.table), "\(label)")
        #expect(a.summary.notes == b.summary.notes, "\(label)")
        #expect(a.summary.warnings == b.summary.warnings, "\(label)")
        let counts: [Int] = [a.summary.lines, a.summary.orders, a.summary.customers, a.summary.products]
        let expectedCounts: [Int] = [b.summary.lines, b.summary.orders, b.summary.customers, b.summary.products]
        #expect(counts == expectedCounts, "\(label)")
        #expect(a.summary.dateRange == b.summary.dateRange, "\(label)")
    }

    /// The demo store's 31,497 order lines fed a row, 997 rows and 5,000 rows at a time: the same dataset as the
    /// file loader reading the text whole — including the note on `variant` (integers, then `A` at line 23,641).
    @Test(arguments: [1, 997, 5_000])
    func demoOrdersStreamedEqualTheFileLoad(rows: Int) throws {
        let text = try String(contentsOfFile: TestSupport.packageRoot.appendingPathComponent("Datasets/demo/orders.csv").path, encoding: .utf8)
        let reference = try Self.whole(text)
        #expect(reference.summary.lines == 31_497)
        #expect(reference.summary.notes.contains { $0.contains("line 23641 has 'A'") })
        Self.expectSame(try Self.streamed(text, rows: rows), reference, "pieces of \(rows) rows")
    }

    /// Quoted commas, doubled quotes and line breaks inside fields, CRLF line ends, cut into pieces of 1–64 rows.
    @Test(arguments: [UInt64(1), 2, 3])
    func quotedFieldsStreamedEqualTheFileLoad(seed: UInt64) throws {
        let text = ChunkingTests.randomCSV(seed: seed, rows: 2_600) + "\n"
        var options = LoadOptions()
        options.kind = .table
        let reference = try Self.whole(text, options: options)
        #expect(reference.table.rowCount == 2_600)
        for rows in [1, 7, 64] {
            Self.expectSame(try Self.streamed(text, rows: rows, options: options), reference, "seed \(seed), pieces of \(rows) rows")
        }
    }

    /// Fewer rows than the sample: the text is read whole, as a file.
    @Test func shortTextIsReadWhole() throws {
        let text = "order_id,sku,quantity,unit_price\n1,a,1,2.50\n1,b,2,1.00\n2,a,1,2.50\n"
        Self.expectSame(try Self.streamed(text, rows: 1), try Self.whole(text), "short")
    }

    /// A decimal column whose value after the sample is text cannot be turned back into its text: the stream
    /// says the whole text is needed (and the whole text reads the column as text, with the note).
    @Test func aDecimalColumnBrokenAfterTheSampleNeedsTheWholeText() throws {
        var text = "order_id,sku,quantity,weight\n"
        for i in 0..<3_000 { text += "\(i),a,1,\(i % 7).25\n" }
        text += "3000,a,1,n/a\n"
        #expect(throws: CSVStream.WholeTextNeeded.self) { try Self.streamed(text, rows: 100) }
        let whole = try Self.whole(text)
        #expect(whole.summary.notes.contains { $0.contains("line 3002 has 'n/a'") })
    }

    /// An integer column whose value after the sample is text is turned into text in place: the same table and
    /// the same note, at the same line, as the whole text.
    @Test func anIntegerColumnBrokenAfterTheSampleIsTheSame() throws {
        var text = "order_id,sku,quantity,unit_price,variant\n"
        for i in 0..<3_000 { text += "\(i),a,1,2.50,\(i % 3)\n" }
        text += "3000,a,1,2.50,XL\n3001,b,1,2.50,2\n"
        let reference = try Self.whole(text)
        #expect(reference.summary.notes.contains { $0.contains("line 3002 has 'XL'") })
        Self.expectSame(try Self.streamed(text, rows: 250), reference, "integer to text")
    }
}
