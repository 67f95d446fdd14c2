import Testing
import UpshellData
@testable import UpshellShell

/// Typed options of the data commands: what `load`, `map` and `clean` read from their words. Expected
/// values are the words of each command line themselves (and ``LoadOptions``' documented defaults).
@Suite struct DataCommandOptionTests {
    static func arguments<C: ShellCommand>(_ type: C.Type, _ text: String) throws -> Arguments {
        try Arguments(spec: C.spec, command: Lexer.commands(in: text)[0])
    }

    static func load(_ text: String) throws -> LoadCommand {
        try LoadCommand(arguments: arguments(LoadCommand.self, text))
    }

    /// The message of the language error `work` throws, or `nil`.
    static func message(_ work: () throws -> Void) -> String? {
        do { try work() } catch let error as LanguageError { return error.message } catch { return "\(error)" }
        return nil
    }

    @Test func listOptionKeepsQuotedCommas() throws {
        let columns = TypedOption.list("columns", "names")
        let spec = CommandSpec(name: "t", group: .shell, abstract: "test", options: [columns.spec], examples: ["t"])
        let given = try Arguments(spec: spec, command: Lexer.commands(in: "t columns=\"unit, price\",qty")[0])
        // Two items: the comma inside the quotes belongs to the first name.
        #expect(try given.value(columns) == ["unit, price", "qty"])
        // A default is one unquoted word: every comma separates.
        #expect(TypedOption.list("columns", default: "a, b,c", "names").value == ["a", "b", "c"])
    }

    @Test func loadDefaultsAreLoadOptionsDefaults() throws {
        let load = try Self.load("load orders.csv")
        let detected = LoadOptions()
        #expect(load.path == "orders.csv")
        #expect(load.name == nil)
        #expect(load.options.format == detected.format)
        #expect(load.options.encoding == .auto)
        #expect(load.options.threads == 2)
        #expect(load.options.delimiter == nil && load.options.header == nil && load.options.columnNames == nil)
        #expect(load.options.sideTableWithoutOrders, "without kind=, a file with no order column loads as a side table")
        #expect(LoadCommand.spec.options.first { $0.name == "threads" }?.defaultValue == "2")
    }

    @Test func loadReadsEveryOption() throws {
        let load = try Self.load("""
            load shop.csv as shop format=lines delimiter=tab header=off columns="order id",sku encoding=Latin-1 \
            decimal-comma=on date-format=d.m.yyyy kind=orders threads=4 order="order id" upper=sku,"brand name" status=
            """)
        let o = load.options
        #expect(load.name == "shop")
        #expect(o.format == .lines)
        #expect(o.delimiter == .byte(9))
        #expect(o.header == false)
        #expect(o.columnNames == ["order id", "sku"])
        #expect(o.encoding == .latin1)
        #expect(o.decimalComma == true)
        #expect(o.dateFormat == DateFormat(option: "d.m.yyyy"))
        #expect(o.kind == .orders && !o.sideTableWithoutOrders)
        #expect(o.threads == 4)
        #expect(o.roleOverrides == [.order: "order id"], "an empty column (status=) sets nothing at load")
        #expect(o.uppercaseColumns == ["sku", "brand name"])
    }

    @Test func loadOptionErrorsKeepTheirWords() {
        #expect(Self.message { _ = try Self.load("load x.csv delimiter=ab") }
                == "option 'delimiter' got 'ab': expected , ; | tab space or one ASCII character")
        #expect(Self.message { _ = try Self.load("load x.csv date-format=yy") }
                == "option 'date-format' got 'yy': expected iso, yyyymmdd, m/d/yyyy, d/m/yyyy or d.m.yyyy")
        #expect(Self.message { _ = try Self.load("load x.csv threads=65") } == "threads must be from 1 to 64")
        #expect(Self.message { _ = try Self.load("load x.csv as 9lives") } == "'9lives' is not a dataset name")
    }

    @Test func mapTakesRolesInRoleOrder() throws {
        let map = try MapCommand(arguments: Self.arguments(MapCommand.self, "map demo status= unit-price=unit_price order=order_id"))
        #expect(map.name == "demo")
        #expect(map.changes.map(\.0) == [.order, .unitPrice, .status])
        #expect(map.changes.map(\.1) == ["order_id", "unit_price", nil])
    }

    @Test func cleanSetsAllFirstThenEachCategory() throws {
        let clean = try CleanCommand(arguments: Self.arguments(CleanCommand.self, "clean all=KEEP duplicates=drop"))
        let categories = CleaningPolicy.categoryNames
        #expect(clean.settings.map(\.0) == categories + ["duplicates"])
        #expect(clean.settings.map(\.1) == Array(repeating: .keep, count: categories.count) + [.drop])
    }
}
