import Testing
@testable import UpshellData

/// `upper=COLUMN` at load: values that differ only in case become one (UCI's `85099b` / `85099B`).
@Suite struct CaseFoldingTests {
    static let csv = "order,sku,price\n1,ab,1\n1,c,2\n2,AB,1\n3,Ab,1\n3,,1\n"

    @Test func mergesValuesThatDifferOnlyInCase() throws {
        var options = LoadOptions()
        options.uppercaseColumns = ["sku"]
        let d = try DatasetLoader.load(text: Self.csv, name: "t", options: options)
        #expect(d.orders?.products.count == 2)
        #expect(d.summary.notes.contains("upper-cased 'sku': 4 distinct values became 2"))
        let c = try #require(d.table.columnIndex(named: "sku"))
        #expect((0..<5).map { d.table.columns[c].displayString($0) } == ["AB", "C", "AB", "AB", ""])
        let plain = try DatasetLoader.load(text: Self.csv, name: "t")
        #expect(plain.orders?.products.count == 4)
    }

    @Test func unknownColumnIsNamed() throws {
        var options = LoadOptions()
        options.uppercaseColumns = ["skuu"]
        #expect(throws: LoadError.self) { _ = try DatasetLoader.load(text: Self.csv, name: "t", options: options) }
    }
}
