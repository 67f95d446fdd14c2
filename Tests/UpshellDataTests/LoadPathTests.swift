import Foundation
import Testing
import UpshellCore
@testable import UpshellData

/// The load path reads a file once: the side-table decision is taken from the header's roles, an error
/// position comes from the bytes already read, and `map` with several roles builds the orders once.
@Suite struct LoadPathTests {
    static let products = "sku,product_name,unit_cost\nA,Apple,1.5\nB,Bread,0.8\nC,Cheese,4\n"

    /// Loads `text` through the loader's file seam, counting how often the file is opened.
    func load(_ text: String, _ options: LoadOptions) throws -> (Dataset, opens: Int) {
        nonisolated(unsafe) var opens = 0
        let d = try DatasetLoader.load(file: { opens += 1; return FileBytes.memory(Array(text.utf8)) },
                                       path: "products.csv", options: options, progress: SilentProgress())
        return (d, opens)
    }

    @Test func aFileWithoutOrdersBecomesASideTableFromOneRead() throws {
        var o = LoadOptions()
        o.sideTableWithoutOrders = true
        let (d, opens) = try load(Self.products, o)
        #expect(opens == 1)
        #expect(d.kind == .table)
        #expect(d.orders == nil)
        #expect(d.modelBuilds == 0)
        // The same as loading it as a side table on purpose (what the second read used to do).
        var table = LoadOptions()
        table.kind = .table
        let (expected, _) = try load(Self.products, table)
        #expect(d.roles == expected.roles)
        #expect(d.summary.notes == expected.summary.notes)
        #expect(d.table.rowCount == 3)
    }

    @Test func withoutTheOptionAFileWithoutOrdersIsAnError() throws {
        #expect(throws: LoadError.self) { try load(Self.products, LoadOptions()) }
    }

    @Test func customerAndTimeStillFormOrders() throws {
        var o = LoadOptions()
        o.sideTableWithoutOrders = true
        let (d, _) = try load("customer_id,created_at,sku,unit_price\nc1,2024-01-01,A,2\nc1,2024-01-01,B,3\nc2,2024-01-02,A,2\n", o)
        #expect(d.kind == .orders)
        // c1's two lines on one day are one order, c2's line another (CDNOW's convention).
        #expect(d.orders?.orders.count == 2)
    }

    @Test func textInANumericColumnIsPlacedWithoutReadingTheFileAgain() throws {
        // Loaded from memory under a name that is no file: the column comes from the bytes read.
        do {
            _ = try DatasetLoader.load(text: "order_id,sku,quantity,unit_price\n1,A,1,2.5\n2,Bé,two,3\n3,C,4,1\n", name: "nofile.csv")
            Issue.record("expected an error")
        } catch let e as LoadError {
            // Line 3 (header is line 1): "2,Bé,two" — 'two' starts at character 6 (é is one character, two bytes).
            #expect(e.message == "nofile.csv:3:6: column 'quantity' (quantity) has text 'two', expected a number")
        }
    }

    static let lines = """
        order_id,customer_id,created_at,sku,other_sku,quantity,unit_price
        1,c1,2024-01-03 10:00:00,A,B,2,10
        1,c1,2024-01-03 10:00:00,B,A,1,5
        2,c2,2024-01-05 10:00:00,B,C,1,35
        3,c1,2024-02-01 00:00:00,C,A,3,10
        """

    @Test func mapWithTwoRolesBuildsOnceAndEqualsTwoSingleMaps() throws {
        let d = try DatasetLoader.load(text: Self.lines)
        #expect(d.modelBuilds == 1)
        var both = d
        try both.map([(.product, "other_sku"), (.customer, nil)])
        #expect(both.modelBuilds == 2)
        var single = d
        try single.map(.product, to: "other_sku")
        try single.map(.customer, to: nil)
        #expect(single.modelBuilds == 3)
        #expect(both.roles == single.roles)
        let a = try #require(both.orders), b = try #require(single.orders)
        #expect(Array(a.orders.key) == Array(b.orders.key))
        #expect(a.products.key == b.products.key)
        #expect(a.orders.value.map { $0 } == b.orders.value.map { $0 })
        #expect(a.customers.count == 0 && b.customers.count == 0)
        // the products of order 1 are now B and A (other_sku): A and B, units 1 and 2
        #expect(a.products.key.count == 3)
    }

    @Test func mapChecksEveryRoleBeforeBuilding() throws {
        var d = try DatasetLoader.load(text: Self.lines)
        #expect(throws: LoadError.self) { try d.map([(.product, "other_sku"), (.quantity, "nope")]) }
        #expect(d.modelBuilds == 1)
        #expect(d.roles[.product] == 3)
    }
}

/// A filtered view knows its parent's order ids, made when the view is built.
@Suite struct ParentOrderTests {
    /// The parent order of each view order found the old way, by order-key strings (an independent check).
    func byKeys(_ view: Dataset, _ parent: Dataset) throws -> [Int32] {
        let pm = try #require(parent.orders), vm = try #require(view.orders)
        var idOfKey: [String: Int32] = [:]
        for (o, k) in pm.orders.key.enumerated() { idOfKey[k] = Int32(o) }
        return vm.orders.key.map { idOfKey[$0] ?? -1 }
    }

    @Test(arguments: [
        // text order ids
        "order_id,customer_id,created_at,sku,unit_price\nX9,c1,2024-01-03,A,10\nX3,c2,2024-01-04,B,5\nX9,c1,2024-01-03,C,7\nX1,c3,2024-01-05,A,10\n",
        // numeric order ids
        "order_id,customer_id,created_at,sku,unit_price\n9,c1,2024-01-03,A,10\n3,c2,2024-01-04,B,5\n9,c1,2024-01-03,C,7\n1,c3,2024-01-05,A,10\n",
        // orders formed from customer and day
        "customer_id,created_at,sku,unit_price\nc1,2024-01-03,A,10\nc2,2024-01-04,B,5\nc1,2024-01-03,C,7\nc3,2024-01-05,A,10\nc1,2024-01-09,B,5\n",
    ])
    func viewOrdersMapToTheParentsOrders(_ csv: String) throws {
        let parent = try DatasetLoader.load(text: csv)
        let rows: [Int32] = [1, 2, 3]
        let view = try parent.filtered(rows: rows, name: "v")
        let map = try #require(view.parentOrders)
        #expect(map == (try byKeys(view, parent)))
        #expect(map.allSatisfy { $0 >= 0 })
        #expect(map.count == view.orders?.orders.count)
        #expect(parent.parentOrders == nil)
    }

    @Test func aViewOfAViewMapsToItsOwnParent() throws {
        let parent = try DatasetLoader.load(text: "order_id,sku,unit_price\no1,A,1\no2,B,2\no3,C,3\no4,D,4\n")
        let first = try parent.filtered(rows: [1, 2, 3], name: "v1")
        let second = try first.filtered(rows: [1, 2], name: "v2")
        // v2 holds orders o3 and o4: in v1 (o2, o3, o4) they are 1 and 2 (ids starting with C or A would be cleaned)
        #expect(second.parentOrders == [1, 2])
        #expect(second.parentOrders == (try byKeys(second, first)))
    }
}
