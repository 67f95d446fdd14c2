import Testing
@testable import UpshellAnalytics
import UpshellData

@Suite struct RFMTests {
    @Test func minRankQuintilesGiveTiesOneScore() {
        // 10 values; ranks by count of strictly smaller values: 1,1 → 0; 2 → 2; 3,3,3 → 3; 5 → 6; 8 → 7; 9 → 8; 10 → 9.
        // score = 1 + floor(5 × smaller / 10): 1,1,2,2,2,2,4,4,5,5.
        let s = RFMSegmentation.scores([3, 1, 9, 3, 10, 2, 1, 5, 3, 8])
        #expect(s == [2, 1, 5, 2, 5, 2, 1, 4, 2, 4])
        // Row order never matters.
        #expect(RFMSegmentation.scores([1, 1, 1, 1]) == [1, 1, 1, 1])
    }

    @Test func namedSegmentsCoverEveryScorePairOnce() {
        var seen: [String: Int] = [:]
        for r in 1...5 { for f in 1...5 { seen[RFMSegmentation.segment(r: r, f: f), default: 0] += 1 } }
        #expect(Set(seen.keys) == Set(RFMSegmentation.segmentNames))
        #expect(seen.values.reduce(0, +) == 25)
    }

    /// Five customers with hand-computed R, F, M and named segments. The data ends 2024-03-31, so the
    /// recency reference is 2024-04-01.
    @Test func craftedStoreScoresAndSegments() throws {
        let csv = """
            order_id,customer_id,created_at,sku,quantity,unit_price
            1,a,2024-03-31 12:00:00,X,1,100
            2,a,2024-03-20 12:00:00,X,1,100
            3,a,2024-03-10 12:00:00,X,1,100
            4,b,2024-01-01 12:00:00,X,1,10
            5,c,2024-03-30 12:00:00,X,1,20
            6,d,2024-02-01 12:00:00,X,1,30
            7,d,2024-02-15 12:00:00,X,1,30
            8,e,2023-10-01 12:00:00,X,1,500
            9,e,2023-10-02 12:00:00,X,1,500
            10,e,2023-10-03 12:00:00,X,1,500
            """
        let d = try TestData.load(csv: csv)
        let rfm = try RFMSegmentation.compute(d.orders!)
        let c = d.orders!.customers
        func id(_ key: String) -> Int { c.key.firstIndex(of: key)! }
        // Recency days (last order → midnight starting 2024-04-01; 2024 is a leap year): a 0.5, c 1.5, d 45.5, b 90.5, e 180.5 → R 5,4,3,2,1.
        #expect([id("a"), id("c"), id("d"), id("b"), id("e")].map { rfm.recency[$0] } == [5, 4, 3, 2, 1])
        #expect([id("a"), id("c"), id("d"), id("b"), id("e")].map { rfm.recencyDays[$0] } == [0.5, 1.5, 45.5, 90.5, 180.5])
        // The printed reference is the instant recency is measured to (midnight starting 2024-04-01).
        #expect(rfm.segmentation.parameters.first { $0.0 == "recency reference" }?.1 == "2024-04-01")
        // Score-5 recency edge: the most recent score-5 customer is a at 0.5 days (edges = each score's bound).
        #expect(rfm.edges[0].1[4] == 0.5)
        // Frequency: b 1, c 1, d 2, a 3, e 3 → smaller counts 0,0,2,3,3 → F 1,1,3,4,4.
        #expect([id("b"), id("c"), id("d"), id("a"), id("e")].map { rfm.frequency[$0] } == [1, 1, 3, 4, 4])
        // Monetary: b 10, c 20, d 60, a 300, e 1500 → M 1..5.
        #expect([id("b"), id("c"), id("d"), id("a"), id("e")].map { rfm.monetary[$0] } == [1, 2, 3, 4, 5])
        #expect(rfm.code(id("a")) == "544")
        let names = rfm.segmentation.labels
        func segment(_ key: String) -> String { names[Int(rfm.segmentation.segmentOfCustomer![id(key)])] }
        #expect(segment("a") == "Champions")        // R5 F4
        #expect(segment("c") == "Promising")        // R4 F1
        #expect(segment("d") == "Need attention")   // R3 F3
        #expect(segment("b") == "Hibernating")      // R2 F1
        #expect(segment("e") == "At risk")          // R1 F4
        // Every customer in exactly one segment.
        #expect(rfm.segmentation.segmentOfCustomer!.allSatisfy { $0 >= 0 && Int($0) < names.count })
        let summaries = rfm.segmentation.summaries(d.orders!)
        #expect(summaries.map(\.customers).reduce(0, +) == 5)
    }

    @Test func valueTopShareAndFirstRepeat() throws {
        let csv = """
            order_id,customer_id,created_at,sku,quantity,unit_price
            1,a,2024-01-01 10:00:00,X,1,100
            2,a,2024-02-01 10:00:00,X,1,50
            3,b,2024-01-15 10:00:00,X,1,30
            4,c,2024-01-20 10:00:00,X,1,20
            5,d,2024-01-25 10:00:00,X,1,10
            """
        let d = try TestData.load(csv: csv)
        let value = try SimpleSegmentations.value(d.orders!, top: 0.25)
        let c = d.orders!.customers
        #expect(value.segmentOfCustomer![c.key.firstIndex(of: "a")!] == 0)
        #expect(value.segmentOfCustomer!.filter { $0 == 0 }.count == 1)
        #expect(throws: SegmentationError.self) { try SimpleSegmentations.value(d.orders!, top: 0) }
        let fr = try SimpleSegmentations.firstRepeat(d.orders!)
        // Only a's February order is a repeat order.
        #expect(fr.segmentOfOrder.filter { $0 == 1 }.count == 1)
        let repeatOrder = fr.segmentOfOrder.firstIndex(of: 1)!
        #expect(d.orders!.orders.key[repeatOrder] == "2")
    }

    @Test func lifecycleUsesTheStoresInterPurchaseTime() throws {
        // Gaps between consecutive orders: a 10, 10; b 30 → median 10 days. Data ends 2024-03-01.
        let csv = """
            order_id,customer_id,created_at,sku,quantity,unit_price
            1,a,2024-02-10 00:00:00,X,1,1
            2,a,2024-02-20 00:00:00,X,1,1
            3,a,2024-03-01 00:00:00,X,1,1
            4,b,2024-01-01 00:00:00,X,1,1
            5,b,2024-01-31 00:00:00,X,1,1
            6,c,2024-02-25 00:00:00,X,1,1
            7,e,2023-12-01 00:00:00,X,1,1
            8,f,2024-02-10 00:00:00,X,1,1
            """
        let d = try TestData.load(csv: csv)
        #expect(LifecycleSegmentation.medianInterPurchaseDays(d.orders!) == 10)
        var p = LifecycleParameters()
        p.championOrders = 3
        let s = try LifecycleSegmentation.compute(d.orders!, p)
        let c = d.orders!.customers
        func stage(_ k: String) -> String { s.labels[Int(s.segmentOfCustomer![c.key.firstIndex(of: k)!])] }
        #expect(stage("a") == "champions")    // 3 orders, 1 day ago ≤ 15
        #expect(stage("c") == "new")          // 1 order, 6 days ago
        // Reference = the day after the last order (2024-03-02); active ≤ 15 days, lapsed > 30 days.
        #expect(stage("f") == "at-risk")      // 21 days: 15 < 21 ≤ 30
        #expect(stage("b") == "hibernating")  // 31 days > 30
        #expect(stage("e") == "hibernating")  // 92 days
    }

    @Test func tooFewCustomersIsAClearError() throws {
        let d = try TestData.load(csv: "order_id,customer_id,created_at,sku,quantity,unit_price\n1,a,2024-01-01 00:00:00,X,1,5\n2,a,2024-01-09 00:00:00,X,1,5\n")
        #expect(throws: SegmentationError.tooFewCustomers(1, "rfm")) { try RFMSegmentation.compute(d.orders!) }
    }
}
