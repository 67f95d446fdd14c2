import Testing
@testable import UpshellData

@Suite struct LoadOptionsTests {
    @Test func shellOptionsParse() throws {
        var o = LoadOptions()
        try o.set("format", "baskets")
        try o.set("delimiter", "tab")
        try o.set("columns", "id, item")
        try o.set("encoding", "latin1")
        try o.set("decimal", ",")
        try o.set("date-format", "D.M.YYYY")
        try o.set("threads", "1")
        try o.set("unit-price", "Preis")
        try o.set("duplicates", "drop")
        #expect(o.format == .baskets)
        #expect(o.delimiter == .byte(9))
        #expect(o.columnNames == ["id", "item"] && o.header == false)
        #expect(o.encoding == .latin1 && o.decimalComma == true && o.dateFormat == .dayMonthYearDot && o.threads == 1)
        #expect(o.roleOverrides[.unitPrice] == "Preis")
        #expect(o.cleaning.duplicates == .drop)
    }

    @Test func badOptionsSayWhatIsExpected() {
        var o = LoadOptions()
        #expect(throws: LoadError.badOption(name: "header", value: "maybe", expected: "true or false")) { try o.set("header", "maybe") }
        do {
            try o.set("delimter", ";")
            Issue.record("accepted a misspelt option")
        } catch let e as LoadError {
            #expect(e.message.contains("did you mean 'delimiter'?"))
        } catch { Issue.record("\(error)") }
    }

    @Test func semicolonFileWithDecimalCommaAndGermanDates() throws {
        let path = TestSupport.temporaryFile("Bestellung;Artikel;Menge;Preis;Datum\n1;Käse;2;3,50;24.12.2023\n2;Brot;1;2,25;1.2.2024\n")
        var o = LoadOptions()
        try o.set("order", "Bestellung")
        try o.set("product", "Artikel")
        try o.set("quantity", "Menge")
        try o.set("unit-price", "Preis")
        try o.set("time", "Datum")
        let d = try DatasetLoader.load(path: path, options: o)
        #expect(d.orders.map { Array($0.orders.value) } == [7.0, 2.25])
        // 2023-12-24 and 2024-02-01 at midnight UTC, the file's first and last dates.
        #expect(d.summary.dateRange == Int64(CivilTime.days(year: 2023, month: 12, day: 24)) * 86_400...Int64(CivilTime.days(year: 2024, month: 2, day: 1)) * 86_400)
        #expect(d.table.columns[1].displayString(0) == "Käse")
    }
}
