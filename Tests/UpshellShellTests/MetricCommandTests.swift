import Foundation
import Testing
@testable import UpshellShell

/// The metric commands end to end on small crafted files: answers computed by hand, and the errors for
/// missing roles and bad input.
@Suite struct MetricCommandTests {
    /// Jan: c1 20, c2 35, c3 50, c4 41 — Feb: c1 30, c1 45, c2 52, c4 300, c5 38.
    static let timed = """
        order_id,customer_id,created_at,sku,quantity,unit_price,country
        1,c1,2024-01-03 10:00:00,A,2,10,FR
        2,c2,2024-01-05 10:00:00,B,1,35,DE
        3,c3,2024-01-10 10:00:00,C,1,50,FR
        4,c4,2024-01-31 23:59:59,D,1,41,DE
        5,c1,2024-02-01 00:00:00,A,3,10,FR
        6,c1,2024-02-03 10:00:00,E,1,45,DE
        7,c2,2024-02-05 10:00:00,F,1,52,FR
        8,c4,2024-02-10 10:00:00,G,2,150,DE
        9,c5,2024-02-20 10:00:00,B,1,38,FR
        """

    /// A session with `csv` loaded as `t` (and extra files as their names).
    func session(_ files: [String: String]) throws -> (Session, Interpreter, BufferConsole) {
        let console = BufferConsole()
        let session = Session(console: console)
        let interpreter = Interpreter(session: session)
        for (name, csv) in files.sorted(by: { $0.key > $1.key }) {
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("upshell-metric-\(UUID().uuidString).csv")
            try csv.write(to: url, atomically: true, encoding: .utf8)
            #expect(interpreter.run("load \(url.path) as \(name) brief") == 0, "\(console.stderr)")
        }
        return (session, interpreter, console)
    }

    func values(_ session: Session, _ index: Int = 0) throws -> [String: Value] {
        let output = try session.cell(.last).output
        var found: [[String: Value]] = []
        for case let .values(_, items) in output.blocks {
            found.append(Dictionary(items.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a }))
        }
        return found[index]
    }

    @Test func compareAOVBetweenMonthsColumnValuesSegmentsAndDatasets() throws {
        let (s, shell, console) = try session(["t": Self.timed, "u": Self.timed])
        #expect(shell.run("compare aov 2024-01 2024-02 draws=500") == 0, "\(console.stderr)")
        var table = try #require(try s.cell(.last).output.tables.first)
        // n and AOV by hand: Jan 20, 35, 50, 41 → 36.5; Feb 30, 45, 52, 300, 38 → 93.
        #expect(table.rows.map { $0[1] } == [.int(4), .int(5)])
        #expect(table.rows.map { $0[2] } == [.double(36.5), .double(93)])
        #expect(try values(s)["difference (B − A)"] == .double(56.5))
        // Jan 31 23:59:59 is January; Feb 1 00:00:00 is February. A day range 2024-01-01..2024-01-31 is all of January.
        #expect(shell.run("compare aov 2024-01-01..2024-01-31 period:2024-02 draws=500") == 0, "\(console.stderr)")
        #expect(try #require(try s.cell(.last).output.tables.first).rows.map { $0[1] } == [.int(4), .int(5)])
        #expect(shell.run("compare aov 2024 2024-02 draws=500") == 0, "\(console.stderr)")
        #expect(console.stderr.contains("the periods 2024 and 2024-02 overlap"))

        // Column values: FR 20, 50, 30, 52, 38 → 38; DE 35, 41, 45, 300 → 105.25.
        #expect(shell.run("compare aov country:FR country:DE") == 0, "\(console.stderr)")
        table = try #require(try s.cell(.last).output.tables.first)
        #expect(table.rows.map { $0[2] } == [.double(38), .double(105.25)])

        // Segments: first orders 20, 35, 50, 41, 38 → 36.8; repeat orders 30, 45, 52, 300 → 106.75.
        #expect(shell.run("segment first-repeat") == 0, "\(console.stderr)")
        #expect(shell.run("compare aov \"segment:first order\" \"repeat order\"") == 0, "\(console.stderr)")
        table = try #require(try s.cell(.last).output.tables.first)
        #expect(table.rows.map { $0[1] } == [.int(5), .int(4)])
        #expect(abs((table.rows[0][2].number ?? 0) - 36.8) < 1e-12 && table.rows[1][2] == .double(106.75))

        // Two datasets holding the same orders: no difference.
        #expect(shell.run("compare aov data:t u") == 0, "\(console.stderr)")
        #expect(try values(s)["difference (B − A)"] == .double(0))
    }

    @Test func compareIsSeededAndReproducible() throws {
        let (s, shell, console) = try session(["t": Self.timed])
        #expect(shell.run("compare aov 2024-01 2024-02 seed=3") == 0, "\(console.stderr)")
        func bootstrapRow() throws -> [Value] { try #require(try s.cell(.last).output.tables[1].rows.first { $0[0] == .text("bootstrap (percentile)") }) }
        let first = try bootstrapRow()
        #expect(first[2].number! < first[1].number! && first[1].number! < first[3].number!)
        #expect(shell.run("compare aov 2024-01 2024-02 seed=3") == 0)
        #expect(try bootstrapRow() == first)
        #expect(shell.run("compare aov 2024-01 2024-02 seed=4") == 0)
        #expect(try bootstrapRow() != first)
    }

    @Test func compareRejectsBadOperands() throws {
        let (_, shell, console) = try session(["t": Self.timed])
        #expect(shell.run("compare aov 2024-13 2024-02") == 1)
        #expect(console.stderr.contains("cannot tell which orders '2024-13' means"))
        #expect(console.stderr.contains("periods look like"))
        #expect(shell.run("compare aov 2030-01 2024-02") == 1)
        #expect(console.stderr.contains("'2030-01' selects 0 orders"))
        #expect(shell.run("compare aov country:XX country:FR") == 1)
        #expect(console.stderr.contains("no order has country 'XX'"))
        #expect(shell.run("compare aov contry:FR country:DE") == 1)
        #expect(console.stderr.contains("did you mean 'country'?"))
        #expect(shell.run("compare aov segment:vip 2024-01") == 1)
        #expect(console.stderr.contains("has no segments yet"))
        #expect(shell.run("compare aov 2024-01") == 1)
        #expect(console.stderr.contains("needs a second set of orders"))
        #expect(shell.run("compare aov 2024-01 2024-02 draws=5") == 1)
        #expect(console.stderr.contains("expected a whole number from 100 to 100000"))
        #expect(shell.run("compare revenue 2024-01 2024-02") == 1)
        #expect(console.stderr.contains("'compare' has no form 'revenue'"))
    }

    @Test func distributionReportsNumpyPercentiles() throws {
        // Values 20, 35, 50, 41, 30, 45, 52, 300, 38; numpy: np.percentile(np.array([20, 35, 50, 41, 30, 45, 52, 300, 38.]), [5, 50, 95]) → 24.0, 41.0, 200.8.
        let (s, shell, console) = try session(["t": Self.timed])
        #expect(shell.run("distribution order-value bands=40,100") == 0, "\(console.stderr)")
        let v = try values(s)
        #expect(v["orders"] == .int(9))
        #expect(abs((v["p5"]?.number ?? 0) - 24.0) < 1e-9)
        #expect(v["median (p50)"] == .double(41))
        #expect(abs((v["p95"]?.number ?? 0) - 200.8) < 1e-9)
        let bands = try #require(try s.cell(.last).output.blocks.compactMap { if case .table(let t) = $0 { t } else { nil } }.first)
        // < 40: 20, 35, 30, 38; [40, 100): 50, 41, 45, 52; ≥ 100: 300.
        #expect(bands.rows.map { $0[1] } == [.int(4), .int(4), .int(1)])
        #expect(bands.rows.map { $0[0] } == [.text("< $40"), .text("$40–$100"), .text("≥ $100")])
        #expect(shell.run("distribution order-value bins=0") == 1)
        #expect(console.stderr.contains("expected a whole number from 1 to 100"))
        #expect(shell.run("distribution order-value bands=100,40") == 1)
        #expect(console.stderr.contains("increasing order"))
        #expect(shell.run("distribution basket") == 1)
        #expect(console.stderr.contains("'distribution' has no form 'basket'"))
    }

    @Test func missingRolesSayWhichAndHowToMapThem() throws {
        let (_, shell, console) = try session(["t": Self.timed, "b": "order_id,sku\n1,A\n1,B\n2,A\n"])
        #expect(shell.run("offers data=t") == 1)
        #expect(console.stderr.contains("offers needs the 'offer' role, which no column plays"))
        #expect(console.stderr.contains("map offer=COLUMN"))
        #expect(shell.run("distribution order-value data=b") == 1)
        #expect(console.stderr.contains("needs the 'unit-price' role"))
        #expect(console.stderr.contains("map unit-price=COLUMN"))
        #expect(shell.run("compare aov 2024-01 2024-02 data=b") == 1)
        #expect(console.stderr.contains("needs the 'time' role"))
    }

    @Test func attachResolvesProductsAndSuggests() throws {
        let csv = """
            order_id,sku,product_name,quantity,unit_price
            1,A1,Apple juice,1,3
            1,B1,Banana bread,2,4
            2,A1,Apple juice,1,3
            3,B1,Banana bread,1,4
            4,C1,Cherry pie,1,9
            """
        let (s, shell, console) = try session(["t": csv])
        #expect(shell.run("attach \"apple juice\" banana") == 0, "\(console.stderr)")
        let v = try values(s)
        #expect(v["orders with A"] == .int(2) && v["orders with both"] == .int(1))
        #expect(v["attach rate A→B"] == .double(0.5))
        #expect(v["B units per A unit"] == .double(1))      // 2 units of bread with 2 units of juice
        #expect(shell.run("attach \"Aple juice\" B1") == 1)
        #expect(console.stderr.contains("no product 'Aple juice'"))
        #expect(console.stderr.contains("did you mean 'Apple juice'?"))
        #expect(shell.run("attach A1 A1") == 1)
        #expect(console.stderr.contains("same product"))
        #expect(shell.run("attach A1") == 1)
        #expect(console.stderr.contains("needs an add-on product B"))
    }

    @Test func offersFromAMappedColumn() throws {
        let csv = """
            order_id,sku,quantity,unit_price,how
            1,A,1,100,
            1,B,1,20,cross-sell
            2,A,1,100,
            3,C,1,150,upsell
            """
        let (s, shell, console) = try session(["t": csv])
        #expect(shell.run("offers") == 1)
        #expect(shell.run("map offer=how") == 0, "\(console.stderr)")
        #expect(shell.run("offers") == 0, "\(console.stderr)")
        let table = try #require(try s.cell(.last).output.tables.first)
        // N = 3, AOV 370/3; cross-sell: 1 order (1/3), incremental AOV 20/3; upsell: 1 order, 150/3 = 50.
        #expect(table.rows.map { $0[0] } == [.text("cross-sell"), .text("upsell"), .text("any offer")])
        #expect(table.rows.map { $0[2] } == [.int(1), .int(1), .int(2)])
        #expect(table.rows[1][8] == .double(50))
        #expect(shell.run("offers by colour") == 1)
        #expect(console.stderr.contains("cannot group offers by 'colour'"))
    }

    /// Errors found while a command runs (after parsing) still put the caret under the word that caused them;
    /// each expected caret stands under that word's characters in the command text.
    @Test func errorsWhileRunningPointAtTheirWord() throws {
        let (_, shell, console) = try session(["t": Self.timed])
        let cases: [(command: String, word: String, message: String)] = [
            ("compare aov 2024-01 2030-01", "2030-01", "'2030-01' selects 0 orders in 't'"),
            ("compare aov colour:red 2024-01", "colour:red", "'colour' is neither period, segment, data nor a column of 't'"),
            ("attach A a", "a", "anchor and add-on are the same product"),
            ("distribution units bands=10,20", "10,20", "bands= applies to order-value only"),
            ("format table max-rows=-1", "-1", "max-rows must be 0 or more"),
            ("unset nothing", "nothing", "no variable 'nothing'"),
            ("help pears", "pears", "no help for 'pears'"),
        ]
        for c in cases {
            let before = console.stderr.count
            #expect(shell.run(c.command) == 1, "\(c.command)")
            let printed = String(console.stderr.dropFirst(before))
            let start = try #require(c.command.range(of: c.word, options: .backwards)).lowerBound
            let caret = String(repeating: " ", count: 2 + c.command.distance(from: c.command.startIndex, to: start))
                + String(repeating: "^", count: c.word.count)
            #expect(printed.contains(c.message), "\(c.command): \(printed)")
            #expect(printed.contains("  \(c.command)\n\(caret)\n"), "\(c.command): \(printed)")
        }
    }
}
