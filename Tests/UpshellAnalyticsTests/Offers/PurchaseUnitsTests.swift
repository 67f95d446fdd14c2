import Testing
@testable import UpshellAnalytics
import UpshellData

/// Order units on Online Retail (`Datasets/public/online_retail.csv.gz`: postage and fee codes among the
/// lines) against a second method written here: each kept order's basket without non-product lines, made
/// distinct and sorted by ``PurchaseUnits/init(rows:itemCount:unit:)``, empty rows dropped.
@Suite struct PurchaseUnitsTests {
    @Test func orderRowsEqualTheBasketsWithoutNonProducts() throws {
        let dataset = try DatasetLoader.load(path: TestData.publicDataset("online_retail.csv"))
        let model = try #require(dataset.orders)
        let orders = model.orders
        for keep in [nil, (0..<orders.count).map { $0 % 3 != 1 }] {
            var rows: [[Int32]] = [], kept: [Int32] = []
            for o in 0..<orders.count where keep?[o] ?? true {
                let row = orders.basket(o).filter { !model.products.isOutOfBaskets(Int($0)) }
                if !row.isEmpty { rows.append(Array(row)); kept.append(Int32(o)) }
            }
            let reference = PurchaseUnits(rows: rows, itemCount: model.products.count)
            let units = try PurchaseUnits(model, unit: .orders, keep: keep)
            #expect(units.offsets == reference.offsets && units.items == reference.items)
            #expect(units.unitsOfItem == reference.unitsOfItem)
            #expect(units.orderOfUnit == kept)
            // the data has non-product lines, so the filter is exercised
            #expect(units.items.count < orders.items.count)
        }
    }
}
