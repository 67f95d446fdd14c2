import Foundation
import Testing
@testable import UpshellData

@Suite struct LoadErrorTests {
    func loadError(_ path: String, _ options: LoadOptions = LoadOptions()) -> LoadError? {
        do {
            _ = try DatasetLoader.load(path: path, options: options)
            return nil
        } catch let e as LoadError {
            return e
        } catch {
            Issue.record("unexpected error \(error)")
            return nil
        }
    }

    @Test func missingFileSuggestsACloseName() throws {
        let e = try #require(loadError(TestSupport.fixture("lines_small.csv").replacingOccurrences(of: "small", with: "smal")))
        #expect(e.message.hasPrefix("no file '"))
        #expect(e.hint?.contains("lines_small.csv") == true)
    }

    @Test func directory() throws {
        let e = try #require(loadError(NSTemporaryDirectory()))
        #expect(e.message.contains("is a directory"))
    }

    @Test(arguments: ["", "\n\n  \r\n"])
    func emptyFile(_ text: String) throws {
        let e = try #require(loadError(TestSupport.temporaryFile(text)))
        #expect(e.message.contains("is empty"))
    }

    @Test func headerOnly() throws {
        let e = try #require(loadError(TestSupport.temporaryFile("order,product,price\n")))
        #expect(e.message.contains("has a header ('order', 'product', 'price') but no rows"))
    }

    @Test func raggedRowsListTheFirstFewWithLineNumbersAndACount() throws {
        var text = "order,product,price\n"
        for i in 1...20 { text += i % 3 == 0 ? "\(i),p\n" : (i % 7 == 0 ? "\(i),p,1,extra\n" : "\(i),p,1\n") }
        let path = TestSupport.temporaryFile(text)
        let e = try #require(loadError(path))
        // rows 3, 6, 7, 9, 12, 14, 15, 18 are wrong (8 rows); row i is on line i + 1
        #expect(e.message == "\(path): 8 rows with the wrong number of fields (expected 3): line 4 has 2, line 7 has 2, line 8 has 4, line 10 has 2, line 13 has 2, …")
        #expect(e.hint != nil)
    }

    @Test func unterminatedQuoteAtEndOfFile() throws {
        let path = TestSupport.temporaryFile("order,product\n1,a\n2,\"b, c\n3,d\n")
        let e = try #require(loadError(path))
        #expect(e.message == "\(path):3:3: quoted field never closed: found the end of the file, expected a closing '\"'")
    }

    @Test func textInANumericRoleColumnNamesTheLine() throws {
        var text = "order,product,quantity\n"
        for i in 0..<2500 { text += "\(i),p\(i % 10),\(1 + i % 4)\n" }
        text += "2500,p1,three\n"
        let path = TestSupport.temporaryFile(text)
        let e = try #require(loadError(path))
        #expect(e.message == "\(path):2502:9: column 'quantity' (quantity) has text 'three', expected a number")
        #expect(e.hint?.contains("map quantity=COLUMN") == true)
    }

    @Test func impossibleDate() throws {
        let path = TestSupport.temporaryFile("order,product,date\n1,a,2011-02-27\n2,b,2011-02-30\n")
        let e = try #require(loadError(path))
        #expect(e.message == "\(path):3:5: column 'date' has '2011-02-30', a date that does not exist (expected YYYY-MM-DD)")
    }

    @Test func noOrderColumnSaysWhichRolesAreMissingAndHowToMap() throws {
        let path = TestSupport.temporaryFile("when,what,amount\n2020-01-01,a,1\n")
        let e = try #require(loadError(path))
        #expect(e.message == "'\(path)' has no column for 'order'")
        #expect(e.hint?.contains("map order=COLUMN") == true)
        #expect(e.hint?.contains("'when'") == true)
        var o = LoadOptions()
        o.kind = .table
        #expect(try DatasetLoader.load(path: path, options: o).orders == nil)
        o = LoadOptions()
        o.roleOverrides = [.order: "when", .product: "what"]
        #expect(try DatasetLoader.load(path: path, options: o).orders?.orders.count == 1)
    }

    @Test func unknownColumnInAnOverrideSuggestsOne() throws {
        var o = LoadOptions()
        o.roleOverrides = [.order: "ordr"]
        let e = try #require(loadError(TestSupport.fixture("lines_small.csv"), o))
        #expect(e.message == "no column 'ordr'")
    }

    @Test func fileTooBigForMemoryIsRefusedBeforeReading() throws {
        let path = TestSupport.fixture("lines_small.csv")
        #expect(throws: LoadError.self) { try FileBytes.open(path: path, memoryFactor: 1e12) }
        do {
            _ = try FileBytes.open(path: path, memoryFactor: 1e12)
        } catch let e as LoadError {
            #expect(e.message.contains("needs about"))
            #expect(e.message.contains("is available"))
        }
    }

    @Test func binaryGarbage() throws {
        let path = TestSupport.temporaryFile([0x50, 0x4B, 0x03, 0x04, 0x0A, 0x00, 0x00, 0xFF, 0xFE])
        let e = try #require(loadError(path))
        #expect(e.message == "\(path):2:1: found a NUL byte, expected text: this looks like a binary file")
    }

    /// Issue 15: UTF-16 with a byte-order mark is read (converted to UTF-8, with a note naming it), not
    /// refused as binary for its NUL bytes. One order of one product: counts by hand.
    @Test func utf16IsReadAndNamed() throws {
        let text = "order,product,price\n1,tea,2\n"
        let path = TestSupport.temporaryFile([0xFF, 0xFE] + Array(text.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        let d = try DatasetLoader.load(path: path)
        #expect(d.orders?.orders.count == 1 && d.summary.lines == 1)
        #expect(d.summary.notes.contains("text is UTF-16LE: converted to UTF-8"))
        let big = TestSupport.temporaryFile([0xFE, 0xFF] + Array(text.utf16).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] })
        #expect(try DatasetLoader.load(path: big).summary.notes.contains("text is UTF-16BE: converted to UTF-8"))
    }

    @Test func gzipFilesAreInflated() throws {
        let plain = TestSupport.fixture("lines_small.csv")
        let gz = NSTemporaryDirectory() + "upshell-\(UUID().uuidString).csv.gz"
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", "gzip -c '\(plain)' > '\(gz)'"]
        try p.run()
        p.waitUntilExit()
        var o = OrderModelTests.smallRoles()
        o.cleaning = .keepAll
        let d = try DatasetLoader.load(path: gz, options: o)
        #expect(d.table.rowCount == 10)
        #expect(d.name == "upshell-" + URL(fileURLWithPath: gz).lastPathComponent.dropFirst(8).dropLast(7))
        #expect(d.orders?.orders.count == 7)
    }

    @Test func corruptGzip() throws {
        let path = TestSupport.temporaryFile([0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0xFF, 0xFF, 0xFF, 0x01, 0x02, 0x03, 0x04, 0x05],
                                             suffix: ".gz")
        let e = try #require(loadError(path))
        #expect(e.message.hasPrefix("cannot decompress"))
    }

    @Test func errorsReadAsSentences() {
        let e = LoadError.emptyFile(path: "x.csv")
        #expect(e.message.first?.isUppercase == false)
        #expect(LoadError.binaryFile(position: FilePosition(path: "a", line: 1, column: 2)).description.contains("hint:"))
    }
}
