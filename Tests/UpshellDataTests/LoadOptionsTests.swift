import Testing
@testable import UpshellData

@Suite struct LoadOptionsTests {
    @Test func semicolonFileWithDecimalCommaAndGermanDates() throws {
        let path = TestSupport.temporaryFile("Bestellung;Artikel;Menge;Preis;Datum\n1;Käse;2;3,50;24.12.2023\n2;Brot;1;2,25;1.2.2024\n")
        // The `load` command's own parser (UpshellShell) turns `order=Bestellung …` into these overrides.
        var o = LoadOptions()
        o.roleOverrides = [.order: "Bestellung", .product: "Artikel", .quantity: "Menge", .unitPrice: "Preis", .time: "Datum"]
        let d = try DatasetLoader.load(path: path, options: o)
        #expect(d.orders.map { Array($0.orders.value) } == [7.0, 2.25])
        // 2023-12-24 and 2024-02-01 at midnight UTC, the file's first and last dates.
        #expect(d.summary.dateRange == Int64(CivilTime.days(year: 2023, month: 12, day: 24)) * 86_400...Int64(CivilTime.days(year: 2024, month: 2, day: 1)) * 86_400)
        #expect(d.table.columns[1].displayString(0) == "Käse")
    }
}
