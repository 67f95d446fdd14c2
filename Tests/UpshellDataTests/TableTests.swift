import Testing
@testable import UpshellData

@Suite struct TableTests {
    static let text = "order,product,qty,price,when\n1,a,2,1.50,2020-01-01\n1,b,1,3.00,2020-01-01\n2,a,,2.00,2020-01-02\n3,c,5,0.25,2020-02-01\n"

    @Test func describeGivesTypesNullsDistinctAndRange() throws {
        let t = try TestSupport.read(TableTests.text).table
        let d = t.describe(roles: RoleMapping([.quantity: 2]))
        #expect(d[0] == ColumnDescription(name: "order", role: "", type: "integer", nulls: 0, distinct: 3, min: "1", max: "3"))
        #expect(d[1] == ColumnDescription(name: "product", role: "", type: "text", nulls: 0, distinct: 3, min: "a", max: "c"))
        #expect(d[2] == ColumnDescription(name: "qty", role: "quantity", type: "integer", nulls: 1, distinct: 3, min: "1", max: "5"))
        #expect(d[3].min == "0.25" && d[3].max == "3.00" && d[3].type == "decimal")
        #expect(d[4].min == "2020-01-01" && d[4].max == "2020-02-01")
    }

    @Test func viewSharesColumnsAndSelectsRows() throws {
        let t = try TestSupport.read(TableTests.text).table
        let v = t.view(rows: [3, 1])
        #expect(v.rowCount == 2)
        #expect(v.rowStrings(0) == ["3", "c", "5", "0.25", "2020-02-01"])
        let vv = v.view(rows: [1])
        #expect(vv.rowStrings(0)[1] == "b")
        #expect(v.ownMemoryBytes == 8)
        #expect(v.describe()[1].distinct == 2)
    }

    @Test func filterColumnsFollowTheView() throws {
        let t = try TestSupport.read(TableTests.text).table.view(rows: [2, 3])
        guard case .numeric(let q) = t.filterColumn(named: "QTY") else { Issue.record("qty"); return }
        #expect(q[0].isNaN && q[1] == 5)
        guard case .text(let codes, let dict) = t.filterColumn(named: "product") else { Issue.record("product"); return }
        #expect(codes.map { dict[Int($0)] } == ["a", "c"])
        guard case .time(let times) = t.filterColumn(named: "when") else { Issue.record("when"); return }
        #expect(times[0] == Int64(CivilTime.days(year: 2020, month: 1, day: 2)) * 86_400)
        #expect(t.filterColumn(named: "nope") == nil)
        #expect(t.filterColumnNames.count == 5)
    }

    @Test func civilTimeRoundTrips() {
        for days in stride(from: -800_000, to: 800_000, by: 997) {
            let (y, m, d) = CivilTime.civil(days: days)
            #expect(CivilTime.days(year: y, month: m, day: d) == days)
        }
        #expect(CivilTime.days(year: 1970, month: 1, day: 1) == 0)
        #expect(CivilTime.days(year: 2000, month: 3, day: 1) == 11_017)  // 30 × 365 + 7 leap days + 31 + 29
    }

    @Test func narrowingKeepsValuesAndNulls() {
        let s = IntStorage.narrowing([1, -5, .min, 100])
        #expect(s.width == 1)
        #expect(s.int64Values() == [1, -5, .min, 100])
        #expect(IntStorage.narrowing([40_000, .min]).width == 2)  // one value: offset 0 from 40,000
        #expect(IntStorage.narrowing([0, 70_000, .min]).width == 3)
        #expect(IntStorage.narrowing([0, 20_000_000, .min]).width == 4)
        #expect(IntStorage.narrowing([0, Int64(Int32.max) + 1]).width == 8)
    }
}

@Suite struct IntStorageTests {
    @Test func rangesUnder65535AreStoredAsOffsets() {
        let s = IntStorage.narrowing([536_365, 585_000, .min, 540_000])
        guard case .offset16(let base, _) = s else { Issue.record("expected offsets, got \(s)"); return }
        #expect(base == 536_365)
        #expect(s.width == 2)
        #expect(s.int64Values() == [536_365, 585_000, .min, 540_000])
        #expect(s[1] == 585_000 && s[2] == .min)
    }
}
