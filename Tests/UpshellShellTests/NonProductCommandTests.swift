import Foundation
import Testing
import UpshellAnalytics
import UpshellData
@testable import UpshellShell

/// `clean non-product=…`, `items=` and the notes of the basket commands; the demo store and Groceries hold
/// no non-product lines, so their baskets do not change.
@Suite struct NonProductCommandTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func shell() -> (Session, Interpreter, BufferConsole) {
        let console = BufferConsole()
        let session = Session(console: console)
        return (session, Interpreter(session: session), console)
    }

    static func clean(_ text: String) throws -> CleanCommand {
        try CleanCommand(arguments: Arguments(spec: CleanCommand.spec, command: Lexer.commands(in: text)[0]))
    }

    @Test func cleanReadsTheThreeChoicesAndAllSetsThemToo() throws {
        #expect(try Self.clean("clean non-product=keep").nonProduct == .keep)
        #expect(try Self.clean("clean non-product=DROP").nonProduct == .drop)
        #expect(try Self.clean("clean non-product=basket").nonProduct == .outOfBaskets)
        #expect(try Self.clean("clean non-product=out-of-baskets").nonProduct == .outOfBaskets)
        #expect(try Self.clean("clean all=keep").nonProduct == .keep)
        #expect(try Self.clean("clean all=drop non-product=basket").nonProduct == .outOfBaskets)
        #expect(try Self.clean("clean duplicates=drop").nonProduct == nil)
        #expect(throws: LanguageError.self) { _ = try Self.clean("clean non-product=maybe") }
    }

    @Test func helpCleanStatesTheRule() throws {
        let discussion = CleanCommand.spec.discussion
        #expect(discussion.contains(NonProductRule.statement))
        #expect(discussion.contains("non-product=out-of-baskets (the default; also spelled basket)"))
        #expect(discussion.contains("non-product=keep: they are products everywhere; non-product=drop: removed from everything"))
        guard case .text(let page) = HelpCommand.page(CleanCommand.spec).blocks.first else {
            Issue.record("no help text")
            return
        }
        #expect(page.contains("non-product=") && page.contains("AMAZONFEE") && page.contains("postage"))
    }

    /// The demo store (Datasets/demo/README.md: 15,832 paid orders, numbered SKUs, no fee lines) and Groceries
    /// (Tests/References/groceries/summary.json: 9,835 baskets, 169 items) lose nothing.
    @Test func demoStoreAndGroceriesLoseNothing() throws {
        let (session, shell, console) = Self.shell()
        let demo = Self.root.appendingPathComponent("Datasets/demo").path
        let groceries = Self.root.appendingPathComponent("Datasets/public/groceries.csv.gz").path
        try #require(shell.run("load \"\(demo)\" as demo brief; load \"\(groceries)\" as groceries format=baskets brief") == 0, "\(console.stderr)")
        let d = try #require(try session.datasets.resolve("demo").orders)
        #expect(try session.datasets.resolve("demo").cleaning.nonProductLines == 0)
        let t = try Transactions(d)
        #expect(d.orders.count == 15_832 && t.basketCount == 15_832)
        #expect(t.itemCount == d.products.count && t.leftOut.items == 0 && t.caseVariants == 0)
        let g = try #require(try session.datasets.resolve("groceries").orders)
        #expect(try session.datasets.resolve("groceries").cleaning.nonProductLines == 0)
        let tg = try Transactions(g)
        #expect(tg.basketCount == 9_835 && tg.itemCount == 169 && tg.leftOut.items == 0)
        #expect(shell.run("pairs data=demo top=1") == 0)
        #expect(!console.stdout.contains("left out of the baskets") && !console.stdout.contains("letter case"))
    }
}
