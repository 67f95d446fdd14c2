import Testing
@testable import UpshellShell

/// Typed result values: the table renderer rounds them for people (as the pre-formatted text did),
/// csv and json write the numbers. Expected texts are written out by hand from the inputs: money
/// rounded to the cent, p-values below 0.0001 shown as `< 0.0001`, intervals as `low … high`.
@Suite struct TypedValueRenderingTests {
    static let settings = RenderSettings()

    static func table(_ t: ResultTable) -> String { TableRenderer(settings: settings).render(.table(t), cell: nil, command: "x").stdout }
    static func csv(_ t: ResultTable) -> String { CSVRenderer(settings: settings).render(.table(t), cell: nil, command: "x").stdout }
    static func json(_ t: ResultTable) -> String { JSONRenderer(settings: settings).render(.table(t), cell: 1, command: "x").stdout }

    /// 53,000 built as a floating-point sum carries a tail (`53000.00000000001`); money is exact to the cent.
    @Test func moneyIsRoundedForPeopleAndExactToTheCentInCSVAndJSON() {
        let sum = 53000.00000000001
        #expect(NumberFormat.plain(sum) != "53000")  // the tail is really there
        let t = ResultTable(columns: [ResultColumn("revenue", .money), ResultColumn("aov", .money)],
                            rows: [[.double(sum), .double(53.3912)]])
        #expect(Self.table(t).contains("$53,000.00  $53.39"))
        #expect(Self.csv(t) == "revenue,aov\n53000,53.39\n")
        #expect(Self.json(t).contains(#""rows":[{"revenue":53000,"aov":53.39}]"#))
    }

    /// Amounts (money in a table whose unit stands in its own column, as `threshold`'s totals): no currency
    /// sign in the table, exact to the cent in csv; a count in the same column keeps every digit.
    @Test func amountsHaveNoSignAndAreExactToTheCent() {
        let t = ResultTable(columns: [ResultColumn("metric"), ResultColumn("current", .decimal(2))],
                            rows: [[.text("revenue"), .typed(1609110.2900000003, .amount)], [.text("orders"), .double(15831.999999999965)]])
        #expect(Self.table(t).contains("revenue  1,609,110.29"))
        #expect(Self.table(t).contains("orders      15,832.00"))
        #expect(Self.csv(t) == "metric,current\nrevenue,1609110.29\norders,15831.999999999965\n")
    }

    @Test func pValuesAreTextOnlyInTables() {
        let t = ResultTable(columns: [ResultColumn("variant"), ResultColumn("p", .pValue, align: .left)],
                            rows: [[.text("b"), .double(0.00003)], [.text("c"), .double(0.04321)]])
        #expect(Self.table(t) == "variant  p\n───────  ────────\nb        < 0.0001\nc        0.0432\n")
        #expect(Self.csv(t) == "variant,p\nb,3e-05\nc,0.04321\n")
        #expect(Self.json(t).contains(#"[{"variant":"b","p":3e-05},{"variant":"c","p":0.04321}]"#))
        #expect(Self.json(t).contains(#"{"name":"p","unit":"probability"}"#))
    }

    @Test func intervalsShowAsTodayInTablesAndAsTwoNumbersInCSVAndJSON() {
        let t = ResultTable(columns: [ResultColumn("arm"), ResultColumn("95% interval", .percent(2), align: .left),
                                      ResultColumn("lift", .points(2), align: .left), ResultColumn("Welch", .money, align: .left)],
                            rows: [[.text("a"), .interval(0.0302, 0.0361), .interval(-0.001, 0.0158), .interval(-9.41, 20.126)],
                                   [.text("b"), .null, .interval(.nan, 0.1), .double(3)]])
        let table = Self.table(t)
        #expect(table.contains("a    3.02% … 3.61%  -0.10 … +1.58 pts  -$9.41 … $20.13"))
        #expect(table.contains("b    –              n/a                $3.00"))
        #expect(Self.csv(t) == """
            arm,95% interval low,95% interval high,lift low,lift high,Welch low,Welch high
            a,0.0302,0.0361,-0.001,0.0158,-9.41,20.13
            b,,,,0.1,3,

            """)
        #expect(Self.json(t).contains(#"{"arm":"a","95% interval":[0.0302,0.0361],"lift":[-0.001,0.0158],"Welch":[-9.41,20.13]}"#))
        #expect(Self.json(t).contains(#"{"arm":"b","95% interval":null,"lift":[null,0.1],"Welch":3}"#))
    }

    /// The A/B block's `control` column holds a rate in one row and money in the next.
    @Test func typedCellsCarryTheirOwnFormat() {
        let t = ResultTable(columns: [ResultColumn("metric"), ResultColumn("control")],
                            rows: [[.text("share ≥ T"), .typed(0.4123, .percent(2))], [.text("AOV"), .typed(61.005, .money)]])
        #expect(Self.table(t) == "metric     control\n─────────  ───────\nshare ≥ T  41.23%\nAOV        $61.01\n")
        #expect(Self.csv(t) == "metric,control\nshare ≥ T,0.4123\nAOV,61.01\n")
    }

    @Test func namedIntervalsBecomeTwoRowsInCSVAndAnArrayInJSON() {
        let output = CommandOutput([.values(title: "Uncertainty", [
            ("band", .interval(1.5, 2.25), .money), ("p", .double(0.00001), .pValue), ("n", .int(7), .integer)])])
        #expect(TableRenderer(settings: Self.settings).render(output, cell: nil, command: "x").stdout
                == "Uncertainty\n  band  $1.50 … $2.25\n  p     < 0.0001\n  n     7\n")
        #expect(CSVRenderer(settings: Self.settings).render(output, cell: nil, command: "x").stdout
                == "name,value\nband low,1.5\nband high,2.25\np,1e-05\nn,7\n")
        #expect(JSONRenderer(settings: Self.settings).render(output, cell: nil, command: "x").stdout
                .contains(#""items":{"band":[1.5,2.25],"p":1e-05,"n":7}"#))
    }

    /// A before → after cell (threshold's AOV, discount's attach rate): one cell in tables, two numbers
    /// elsewhere. Expected values written by hand from the numbers given.
    @Test func changesShowAsArrowsInTablesAndAsFromToNumbersInCSVAndJSON() {
        let output = CommandOutput([.values(title: "Effect", [
            ("AOV", .change(from: 101.64, to: 101.45, relative: 2), .money),
            ("attach rate", .change(from: 0.5278, to: 0.9661, relative: nil), .percent(2))])])
        #expect(TableRenderer(settings: Self.settings).render(output, cell: nil, command: "x").stdout
                == "Effect\n  AOV          $101.64 → $101.45 (-0.19%)\n  attach rate  52.78% → 96.61%\n")
        #expect(CSVRenderer(settings: Self.settings).render(output, cell: nil, command: "x").stdout
                == "name,value\nAOV from,101.64\nAOV to,101.45\nattach rate from,0.5278\nattach rate to,0.9661\n")
        #expect(JSONRenderer(settings: Self.settings).render(output, cell: nil, command: "x").stdout
                .contains(#""items":{"AOV":{"from":101.64,"to":101.45},"attach rate":{"from":0.5278,"to":0.9661}}"#))
        let t = ResultTable(columns: [ResultColumn("arm"), ResultColumn("rate", .percent(1))],
                            rows: [[.text("a"), .change(from: 0.1, to: 0.125, relative: 1)], [.text("b"), .null]])
        #expect(Self.csv(t) == "arm,rate from,rate to\na,0.1,0.125\nb,,\n")
        #expect(Self.table(t).contains("a    10.0% → 12.5% (+25.0%)"))
    }

    /// A band whose bounds agree (a bootstrap with draws=0) is left out; a real band and other values stay.
    @Test func bandsOfNoWidthAreLeftOut() {
        let output = CommandOutput([.values(title: "Uncertainty", [
            ("bootstrap", .interval(12.5, 12.5), .money), ("corners", .interval(10, 15), .money),
            ("open", .interval(-.infinity, 3), .money), ("point", .double(12.5), .money)])])
        guard case let .values(_, items) = output.withoutDegenerateBands().blocks[0] else { Issue.record("not values"); return }
        #expect(items.map(\.name) == ["corners", "open", "point"])
    }
}
