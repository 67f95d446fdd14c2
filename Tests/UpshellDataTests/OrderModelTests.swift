import Testing
@testable import UpshellData

@Suite struct OrderModelTests {
    static func smallRoles() -> LoadOptions {
        var o = LoadOptions()
        o.roleOverrides = [.order: "order_id", .customer: "customer_id", .product: "sku", .productName: "name",
                           .quantity: "quantity", .unitPrice: "unit_price", .time: "order_date", .status: "status"]
        return o
    }

    /// Hand-computed from Fixtures/lines_small.csv under the keep-all policy.
    @Test func ordersBasketsAndCustomersFromLines() throws {
        var o = OrderModelTests.smallRoles()
        o.cleaning = .keepAll
        o.cleaning.duplicates = .keep
        let d = try DatasetLoader.load(path: TestSupport.fixture("lines_small.csv"), options: o)
        let m = try #require(d.orders)
        #expect(Array(m.orders.key) == ["1001", "1002", "1003", "1004", "1005", "1006", "C1007"])
        #expect(m.products.key == ["A", "B", "C"])
        #expect(m.products.name == ["Apple", "Bread", "Cheese"])
        // order 1001: A twice (2 + 1 units, 4.50), B once (3.00)
        #expect(Array(m.orders.basket(0)) == [0, 1])
        #expect(Array(m.orders.quantities[0...1]) == [3, 1])
        #expect(Array(m.orders.lineValues[0...1]) == [4.5, 3.0])
        #expect(m.orders.value[0] == 7.5)
        #expect(m.orders.units[0] == 4)
        #expect(m.orders.itemCount(0) == 2)
        // 1002 appears twice with identical lines: 6 units, 18.00
        #expect(m.orders.value[1] == 18)
        #expect(m.orders.customer[2] == -1)  // 1003 has no customer
        #expect(Array(m.customers.key) == ["c1", "c2", "c3"])
        #expect(m.customers.orderCount == [2, 2, 2])
        #expect(m.customers.value[0] == 7.5 + 14.5)
        #expect(m.orders.time[0] == Int64(CivilTime.days(year: 2024, month: 1, day: 5)) * 86_400 + 36_000)
        #expect(m.customers.firstOrderTime[0] == m.orders.time[0])
        #expect(m.products.minPrice[1] == 0 && m.products.maxPrice[1] == 3)
        #expect(m.products.orderCount == [3, 3, 2])  // A in 1001, 1005, C1007
        #expect(m.dateRange?.lowerBound == m.orders.time[0])
        #expect(m.orders.offsets.count == 8)
        #expect(m.orders.cost[0].isNaN && m.orders.shipping[0].isNaN)
        // no cost or shipping column: nothing stored for them
        #expect(!m.orders.cost.isKnown && !m.orders.shipping.isKnown && m.orders.cost.count == m.orders.count)
    }

    /// Text ids are read through the column's dictionary; numeric ids as their text.
    @Test func keyColumnsReadTheFilesIds() throws {
        let text = try DatasetLoader.load(text: "order,customer,product\nX1,7,x\nX1,7,y\nY2,,x\nZ3,9,z\n")
        let m = try #require(text.orders)
        #expect(Array(m.orders.key) == ["X1", "Y2", "Z3"] && m.orders.key.memoryBytes == 0)  // the dictionary in order
        #expect(Array(m.customers.key) == ["7", "9"] && m.customers.key.memoryBytes == 32)
        let shared = KeyColumn(codes: [1, -1, 0], dictionary: ["a", "b"])
        #expect(Array(shared) == ["b", "", "a"] && shared.count == 3)
        #expect(Array(KeyColumn(strings: ["x"])) == ["x"] && KeyColumn().isEmpty)
    }

    /// Amounts of an absent column read as unknown; the first known value stores the column.
    @Test func optionalAmountsStoreOnlyWhatIsKnown() {
        var a = OptionalAmounts(unknown: 3)
        #expect(a.allSatisfy(\.isNaN) && a.memoryBytes == 0)
        a[1] = .nan
        #expect(!a.isKnown)
        a[1] = 2.5
        #expect(a.isKnown && a[1] == 2.5 && a[0].isNaN && a.count == 3 && a.memoryBytes == 24)
        #expect(!OptionalAmounts([.nan, .nan]).isKnown)
        #expect(OptionalAmounts([.nan, 0]).isKnown && OptionalAmounts([.nan, 0])[1] == 0)
        #expect(OptionalAmounts(unknown: 2).withUnsafeBufferPointer { $0.count == 2 && $0[0].isNaN })
    }

    /// Default policy on the same file: drop 1004 (status refunded), C1007 (prefix C), the −1 line
    /// (1005) and the price-0 line (1006); keep the duplicate of 1002 and the line without customer.
    @Test func defaultCleaningOnSmallFile() throws {
        let d = try DatasetLoader.load(path: TestSupport.fixture("lines_small.csv"), options: OrderModelTests.smallRoles())
        let r = d.cleaning
        #expect(r.totalLines == 10)
        #expect(r.cancelledLines == 2)
        #expect(r.cancelledOrders == 2)  // C1007 by prefix, 1004 by status
        #expect(r.nonPositiveQuantityLines == 1)
        #expect(r.nonPositivePriceLines == 1)
        #expect(r.missingCustomerLines == 1)
        #expect(r.duplicateLines == 1)
        #expect(r.droppedLines == 4)
        #expect(r.keptLines == 6)
        let m = try #require(d.orders)
        #expect(Array(m.orders.key) == ["1001", "1002", "1003"])
        #expect(Array(m.customers.key) == ["c1", "c2"])
        #expect(d.summary.orders == 3)
    }

    @Test func droppingDuplicatesAndMissingCustomers() throws {
        var o = OrderModelTests.smallRoles()
        o.cleaning.duplicates = .drop
        o.cleaning.missingCustomer = .drop
        let d = try DatasetLoader.load(path: TestSupport.fixture("lines_small.csv"), options: o)
        #expect(d.cleaning.keptLines == 4)
        #expect(d.orders?.orders.value[1] == 9)  // 1002 once
        #expect(d.orders?.orders.count == 2)
    }

    @Test func cleanRebuildsUnderAnotherPolicy() throws {
        var d = try DatasetLoader.load(path: TestSupport.fixture("lines_small.csv"), options: OrderModelTests.smallRoles())
        #expect(d.orders?.orders.count == 3)
        var p = CleaningPolicy()
        let known = p.set("cancelled", .keep)
        let unknown = p.set("bogus", .keep)
        #expect(known && !unknown)
        try d.clean(p)
        #expect(d.orders?.orders.count == 5)  // 1004 and C1007 come back
        #expect(d.cleaning.policy.cancelled == .keep)
    }

    /// Order values 10, 10, 10, 10, 1000: Q1 = Q3 = 10, IQR 0, fence 10 → one outlier.
    @Test func outlierOrdersAreCountedAndCanBeDropped() throws {
        let text = "order,product,price\n1,a,10\n2,a,10\n3,a,10\n4,b,10\n5,b,1000\n"
        let path = TestSupport.temporaryFile(text)
        var o = LoadOptions()
        let d = try DatasetLoader.load(path: path, options: o)
        #expect(d.cleaning.outlierOrders == 1)
        #expect(d.cleaning.outlierFence == 10)
        #expect(d.orders?.orders.count == 5)
        o.cleaning.outliers = .drop
        let dropped = try DatasetLoader.load(path: path, options: o)
        #expect(dropped.orders?.orders.count == 4)
        #expect(dropped.cleaning.droppedLines == 1)
    }

    @Test func lineTotalWinsOverQuantityTimesPrice() throws {
        let path = TestSupport.temporaryFile("order,product,quantity,unit-price,line-total\n1,a,2,5,9\n1,b,1,4,\n")
        let d = try DatasetLoader.load(path: path)
        #expect(d.orders?.orders.value[0] == 13)  // 9 from the column, 1 × 4 computed
    }

    @Test func basketOnlyDataWithoutCustomersTimesOrPrices() throws {
        let d = try DatasetLoader.load(path: TestSupport.fixture("baskets_small.csv"))
        let m = try #require(d.orders)
        #expect(m.orders.count == 3)
        #expect(m.products.key == ["milk", "bread", "eggs", "jam, strawberry"])
        #expect(Array(m.orders.basket(2)) == [0, 3])
        #expect(!m.hasMoney && !m.hasCustomers && !m.hasTimes)
        #expect(m.customers.count == 0)
        #expect(d.roleNames.map(\.column) == ["basket", "item"])
    }

    @Test func mapRebuildsTheModel() throws {
        var o = OrderModelTests.smallRoles()
        o.cleaning = .keepAll
        var d = try DatasetLoader.load(path: TestSupport.fixture("lines_small.csv"), options: o)
        try d.map(.product, to: "name")
        #expect(d.orders?.products.key == ["Apple", "Bread", "Cheese"])
        #expect(throws: LoadError.self) { try d.map(.product, to: "nmae") }
        #expect(throws: LoadError.wrongColumnType(column: "name", role: "unit-price", found: "text", expected: "numbers")) {
            try d.map(.unitPrice, to: "name")
        }
        #expect(throws: LoadError.self) { try d.map(.time, to: "quantity") }
        try d.map(.customer, to: nil)
        #expect(d.orders?.customers.count == 0)
    }

    @Test func filteredDatasetIsAViewWithItsOwnModel() throws {
        let d = try DatasetLoader.load(path: TestSupport.fixture("lines_small.csv"), options: OrderModelTests.smallRoles())
        let v = try d.filtered(rows: [0, 1, 2], name: "first")
        #expect(v.table.isView)
        #expect(v.orders?.orders.count == 1)
        #expect(v.name == "first")
        #expect(v.summary.lines == 3)
    }
}

@Suite struct DatasetFilterTests {
    @Test func rolesAreFilterAliases() throws {
        let d = try DatasetLoader.load(path: TestSupport.fixture("lines_small.csv"), options: OrderModelTests.smallRoles())
        #expect(d.filterColumnNames.contains("unit-price"))
        #expect(!d.filterColumnNames.contains("quantity") || d.filterColumnNames.filter { $0 == "quantity" }.count == 1)
        guard case .numeric(let prices) = d.filterColumn(named: "price") else { Issue.record("price"); return }
        #expect(prices.prefix(2) == [1.5, 3.0])
        #expect(d.filterColumn(named: "nonsense") == nil)
    }
}

@Suite struct InMemoryLoadTests {
    @Test func textLoadsLikeAFile() throws {
        let d = try DatasetLoader.load(text: "order,product,price\n1,tea,2\n1,cake,3.5\n2,tea,2\n", name: "tiny")
        #expect(d.name == "tiny")
        #expect(d.orders.map { Array($0.orders.value) } == [5.5, 2])
    }
}

@Suite struct CustomerOrdersTests {
    /// lines_small.csv under keep-all: c1 has 1001 (Jan 5) and 1004 (Feb 1); c2 1002 (Jan 6), 1005 (Feb 2);
    /// c3 1006 (Feb 3), C1007 (Feb 4); 1003 has no customer.
    @Test func ordersGroupedByCustomerInTimeOrder() throws {
        var o = OrderModelTests.smallRoles()
        o.cleaning = .keepAll
        let m = try #require(try DatasetLoader.load(path: TestSupport.fixture("lines_small.csv"), options: o).orders)
        let g = m.ordersByCustomer()
        #expect(g.offsets == [0, 2, 4, 6])
        #expect(g.orders(of: 0).map { m.orders.key[Int($0)] } == ["1001", "1004"])
        #expect(g.orders(of: 2).map { m.orders.key[Int($0)] } == ["1006", "C1007"])
    }
}
