import Testing
@testable import UpshellData

@Suite struct ReaderTests {
    @Test func quotedFieldsWithDelimitersQuotesAndNewlines() throws {
        let r = try TestSupport.read("id,name,note\n1,\"a, b\",\"say \"\"hi\"\"\"\n2,\"two\nlines\",x\n")
        #expect(r.table.columnNames == ["id", "name", "note"])
        #expect(TestSupport.rows(r.table) == [["1", "a, b", "say \"hi\""], ["2", "two\nlines", "x"]])
    }

    /// A value equal to the previous line's is recognised by its bytes (no hash, no date parse); escaped
    /// values, nulls and a type change in between must not make a later value reuse a wrong result.
    @Test func repeatedValuesFromLineToLine() throws {
        let text = "id,name,at\n1,\"a\"\"b\",2024-01-02\n2,\"a\"\"b\",2024-01-02\n3,a\"\"b,2024-01-02\n"
            + "4,a,2024-01-03\n5,\"a\",2024-01-03\n6,,\n7,a,2024-01-03\n8,b,2024-01-03\n9,b,2024-01-03 10:00\n"
        let r = try TestSupport.read(text)
        #expect(TestSupport.rows(r.table).map { Array($0.dropFirst()) } == [
            ["a\"b", "2024-01-02 00:00:00"], ["a\"b", "2024-01-02 00:00:00"], ["a\"\"b", "2024-01-02 00:00:00"],
            ["a", "2024-01-03 00:00:00"], ["a", "2024-01-03 00:00:00"], ["", ""], ["a", "2024-01-03 00:00:00"],
            ["b", "2024-01-03 00:00:00"], ["b", "2024-01-03 10:00:00"],
        ])
    }

    @Test func crlfAndMissingFinalNewline() throws {
        let r = try TestSupport.read("a,b\r\n1,x\r\n2,y")
        #expect(TestSupport.rows(r.table) == [["1", "x"], ["2", "y"]])
        #expect(r.table.columns[0].type == .integer)
    }

    @Test func blankLinesAreSkipped() throws {
        let r = try TestSupport.read("a,b\n\n1,x\n\r\n2,y\n\n")
        #expect(r.table.rowCount == 2)
    }

    @Test func unquotedTextIsTrimmedQuotedIsNot() throws {
        let r = try TestSupport.read("item,qty\ncream cheese ,1\n\" padded \",2\n")
        #expect(TestSupport.rows(r.table) == [["cream cheese", "1"], [" padded ", "2"]])
    }

    @Test(arguments: [(";", UInt8(59)), ("\t", 9), ("|", 124), (",", 44)])
    func delimiterIsDetected(_ d: String, _ byte: UInt8) throws {
        let r = try TestSupport.read("a\(d)b\(d)c\n1\(d)2\(d)x\n3\(d)4\(d)y\n")
        #expect(r.dialect.delimiter == byte)
        #expect(TestSupport.rows(r.table) == [["1", "2", "x"], ["3", "4", "y"]])
    }

    @Test func whitespaceSeparatedWithLeadingSpaces() throws {
        let r = try TestSupport.read(" 00004 0001 19970101  2   29.33\r\n 00021 0002 19970102  3   63.34\r\n")
        #expect(r.dialect.whitespaceSeparated)
        #expect(r.header == false)
        #expect(TestSupport.rows(r.table) == [["00004", "0001", "1997-01-01", "2", "29.33"], ["00021", "0002", "1997-01-02", "3", "63.34"]])
    }

    @Test func headerFalseWithGivenNames() throws {
        let r = try TestSupport.read("1,x\n2,y\n") { $0.header = false; $0.columnNames = ["id", "item"] }
        #expect(r.table.columnNames == ["id", "item"])
        #expect(r.table.rowCount == 2)
    }

    @Test func headerIsDetectedOrNot() throws {
        #expect(try TestSupport.read("a,b\n1,2\n").header == true)
        #expect(try TestSupport.read("1,2\n3,4\n").header == false)
        #expect(try TestSupport.read("1,2\n3,4\n").table.columnNames == ["column1", "column2"])
    }

    @Test func typedColumns() throws {
        let r = try TestSupport.read("i,d,t,s\n1,2.55,2011-01-02 08:26:00,a\n-3,10,2011-01-03,b\n,,,\n")
        #expect(r.table.columns.map(\.type) == [.integer, .decimal, .timestamp, .text])
        #expect(TestSupport.rows(r.table) == [["1", "2.55", "2011-01-02 08:26:00", "a"],
                                              ["-3", "10.00", "2011-01-03 00:00:00", "b"], ["", "", "", ""]])
        // 2.55 is stored exactly as fixed-point 255 / 10^2
        guard case .fixed(_, let scale) = r.table.columns[1].values else { Issue.record("not fixed-point"); return }
        #expect(scale == 2)
        // 2011-01-02 08:26 UTC: 41 years × 365 + 10 leap days (1972…2008) + 1 = 14,976 days, plus 8 h 26 min
        #expect(r.table.columns[2].rawInteger(0) == 14_976 * 86_400 + 8 * 3600 + 26 * 60)
    }

    @Test func integerTextIsReadAsIntegerWhenAllWhole() throws {
        let r = try TestSupport.read("customer\n17850.0\n13047.0\n\n")
        #expect(r.table.columns[0].type == .integer)
        #expect(r.table.rowStrings(0) == ["17850"])
    }

    @Test(arguments: [
        ("2011-12-09", "2011-12-09"), ("2011-12-09T10:05", "2011-12-09 10:05:00"), ("20111209", "2011-12-09"),
        ("12/9/2011 8:26", "2011-12-09 08:26:00"), ("12/9/2011 8:26 PM", "2011-12-09 20:26:00"),
        ("12/9/2011 12:05:09 am", "2011-12-09 00:05:09"), ("9.12.2011", "2011-12-09"), ("2011-12-09 10:05:07Z", "2011-12-09 10:05:07"),
    ])
    func dateLayouts(_ text: String, _ shown: String) throws {
        let r = try TestSupport.read("when,x\n\(text),1\n\(text),2\n")
        #expect(r.table.columns[0].type == .timestamp)
        let full = r.table.rowStrings(0)[0]
        #expect(full == shown || full == shown + " 00:00:00" || full.hasPrefix(shown))
    }

    @Test func dayFirstSlashDatesAreDetectedFromDaysAbove12() throws {
        let r = try TestSupport.read("d,x\n13/01/2020,1\n02/03/2020,2\n")
        #expect(r.table.rowStrings(1)[0] == "2020-03-02")
    }

    @Test func forcedDateFormat() throws {
        let r = try TestSupport.read("d,x\n02/03/2020,1\n") { $0.dateFormat = .dayMonthYear }
        #expect(r.table.rowStrings(0)[0] == "2020-03-02")
    }

    @Test func decimalCommaIsDetectedForSemicolons() throws {
        let r = try TestSupport.read("item;price\na;12,50\nb;3,1\n")
        #expect(r.dialect.decimalComma)
        #expect(r.table.columns[1].type == .decimal)
        #expect(r.table.columns[1].double(0) == 12.5)
    }

    @Test func latin1IsDetectedFromInvalidUTF8() throws {
        var bytes = Array("name,x\ncr".utf8)
        bytes += [0xE8, 0x6D, 0x65]  // "crème" in Latin-1
        bytes += Array(",1\n".utf8)
        let r = try TestSupport.read(bytes: bytes)
        #expect(r.encoding == .latin1)
        #expect(r.table.rowStrings(0)[0] == "crème")
        #expect(r.notes.contains { $0.contains("Latin-1") })
    }

    @Test func latin1Option() throws {
        let r = try TestSupport.read(bytes: [0x61, 0x0A, 0xA3, 0x31, 0x0A]) { $0.encoding = .latin1; $0.header = true }
        #expect(r.table.rowStrings(0)[0] == "£1")
    }

    @Test func utf8BOMIsSkipped() throws {
        let r = try TestSupport.read(bytes: [0xEF, 0xBB, 0xBF] + Array("a,b\n1,2\n".utf8))
        #expect(r.table.columnNames == ["a", "b"])
    }

    /// A value past the sample that breaks the guessed type re-types the column, and a note says so.
    @Test func laterValueBreakingTheGuessRetypesTheColumn() throws {
        var text = "invoice,qty,price,when\n"
        for i in 0..<3000 { text += "\(536_365 + i),\(i % 7),\(i % 5),2011-01-0\(1 + i % 9)\n" }
        text += "C536379,1.5,n/a,soon\n"
        let r = try TestSupport.read(text) { $0.chunks = 3 }
        #expect(r.table.columns.map(\.type) == [.text, .decimal, .text, .text])
        #expect(r.table.rowStrings(0) == ["536365", "0.0", "0", "2011-01-01"])  // one decimal, as 1.5 has
        #expect(r.table.rowStrings(3000) == ["C536379", "1.5", "n/a", "soon"])
        #expect(r.notes.count == 4)
        #expect(r.notes[0].contains("line 3002"))
        #expect(r.typeBreaks[2]?.position.line == 3002)
    }

    @Test func nonCanonicalIntegersAreReparsedAsText() throws {
        var text = "code\n"
        for i in 0..<2500 { text += "00\(i)\n" }
        text += "X1\n"
        let r = try TestSupport.read(text)
        #expect(r.table.columns[0].type == .text)
        #expect(r.table.rowStrings(0) == ["000"])
    }

    /// `007` and `7` are different product codes; 20-digit ids do not fit a double.
    @Test func identifiersThatNumbersWouldChangeStayText() throws {
        var text = "code,id\n"
        for i in 0..<2500 { text += "\(i),\(i)\n" }
        text += "007,12345678901234567890\n7,12345678901234567891\n"
        let r = try TestSupport.read(text)
        #expect(r.table.columns.map(\.type) == [.text, .text])
        #expect(TestSupport.rows(r.table).suffix(2) == [["007", "12345678901234567890"], ["7", "12345678901234567891"]])
        #expect(try TestSupport.read("id\n0012\n0013\n").table.columns[0].type == .text)
    }

    @Test func dictionaryCodesUseTheNarrowestWidth() throws {
        let r = try TestSupport.read("a\nx\ny\nx\n")
        guard case .text(let codes, let dict) = r.table.columns[0].values else { Issue.record("not text"); return }
        #expect(codes.width == 1)
        #expect(dict == ["x", "y"])
    }
}

@Suite struct ReaderEdgeTests {
    @Test func currencySignsAreNumbers() throws {
        let r = try TestSupport.read("p,q\n$12.50,£3\n€-1.25,$0\n")
        #expect(r.table.columns.map(\.type) == [.decimal, .integer])
        #expect(r.table.columns[0].double(1) == -1.25)
    }

    @Test func columnEmptyInTheSampleTakesItsTypeFromLaterValues() throws {
        var text = "id,price,never\n"
        for i in 0..<2500 { text += "\(i),,\n" }
        text += "2500,9.99,\n"
        let r = try TestSupport.read(text)
        #expect(r.table.columns.map(\.type) == [.integer, .decimal, .text])
        #expect(r.table.rowStrings(2500) == ["2500", "9.99", ""])
        #expect(r.table.describe()[2].nulls == 2501)
    }
}
