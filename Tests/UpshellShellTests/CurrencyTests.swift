import Foundation
import Testing
@testable import UpshellShell

/// Money is printed in the dataset's currency (issue 14 item 5): from a currency column, `load … currency=`,
/// or `set currency`; a result shown again keeps the currency it was computed in. The amounts are those of
/// the hand-written fixture: two orders of 10.50 and 2 × 5.25, so revenue 21.00 and AOV 10.50.
@Suite struct CurrencyTests {
    static let fixture = """
        order_id,customer_id,created_at,sku,quantity,unit_price,Currency
        1,a,2024-01-01,X,1,10.50,GBP
        2,b,2024-01-02,Y,2,5.25,GBP
        """

    func run(_ commands: String, file: String = CurrencyTests.fixture) throws -> (BufferConsole, Int) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("currency-\(UUID().uuidString).csv")
        try (file + "\n").write(to: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: path) }
        let console = BufferConsole()
        let failures = Interpreter(session: Session(console: console)).run("load \"\(path.path)\" as shop\n" + commands)
        return (console, failures)
    }

    @Test func aCurrencyColumnSetsTheSymbol() throws {
        let (console, failures) = try run("aov")
        #expect(failures == 0)
        #expect(console.stdout.contains("AOV                       £10.50"))
        #expect(console.stdout.contains("money in GBP (column 'Currency')"))
        #expect(!console.stdout.contains("$"))
    }

    @Test func setCurrencyOverridesAndUnsetRestores() throws {
        let (console, _) = try run("set currency = EUR\naov\nunset currency\naov")
        #expect(console.stdout.contains("€21.00"))
        #expect(console.stdout.components(separatedBy: "£21.00").count == 2, "after unset, the dataset's own currency again")
    }

    @Test func theLoadOptionWinsOverTheColumnAndUnknownCodesArePrefixed() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("currency-opt-\(UUID().uuidString).csv")
        try (Self.fixture + "\n").write(to: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: path) }
        let out = BufferConsole()
        let failures = Interpreter(session: Session(console: out)).run("load \"\(path.path)\" as s currency=CHF brief\naov")
        #expect(failures == 0, "\(out.stderr)")
        #expect(out.stdout.contains("AOV                       CHF 10.50"))
    }

    @Test func aShownCellKeepsItsCurrency() throws {
        let demo = CustomerCountTests.demo
        let (console, failures) = try run("aov\nload \"\(demo)\" as demo brief\nshow [2]")
        #expect(failures == 0, "\(console.stderr)")
        // [2] is 'aov' on the GBP shop; shown again while the dollar demo store is current
        let shown = console.stdout.components(separatedBy: "[2] aov").last ?? ""
        #expect(shown.contains("£10.50"))
    }

    @Test func severalCurrenciesAreAWarningNotASum() throws {
        let mixed = Self.fixture + "\n3,c,2024-01-03,X,1,20.00,EUR"
        let (console, _) = try run("aov", file: mixed)
        #expect(console.stderr.contains("column 'Currency' holds 2 currencies (GBP, EUR)"))
    }

    @Test func badCurrenciesAreRefused() throws {
        let (console, failures) = try run("set currency = 12")
        #expect(failures == 1)
        #expect(console.stderr.contains("currency must be an ISO code"))
    }
}
