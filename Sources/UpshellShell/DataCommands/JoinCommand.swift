import UpshellCore
import UpshellData

/// `join ORDERS SIDE on product|customer [key=COLUMN]`: attaches a side table's attributes.
public struct JoinCommand: ShellCommand {
    public static let spec = CommandSpec(
        name: "join", group: .data,
        abstract: "attach a product or customer table (category, brand, cost, inventory, margin, strategic; country, channel…)",
        synopsis: ["join ORDERS SIDE on product|customer [key=COLUMN]"],
        discussion: """
            Matches the side table's key column (key=, default: the column named like the orders' product or customer \
            column, else its first column) with the orders' product or customer ids. Product tables provide \
            category, brand, cost (or margin), inventory and a strategic flag by common column names; customer tables \
            provide their other columns as customer attributes. The join is kept across 'clean' and 'map'.
            """,
        positionals: [PositionalSpec("orders", .dataset, "the order dataset"),
                      PositionalSpec("side", .dataset, "the loaded side table"),
                      PositionalSpec("on", .choice(["product", "customer"]), "what the side table describes")],
        options: [Self.key.spec],
        examples: ["join demo demo-products on product", "join demo demo-customers on customer key=customer_id"])

    static let key = TypedOption.text("key", "the side table's key column")

    let ordersName: String
    let sideName: String
    let target: SideTableJoin.Target
    let key: String?

    public init(arguments: Arguments) throws {
        try arguments.expectPositionals(atMost: 4)
        ordersName = try arguments.positional(0, "the order dataset").text
        sideName = try arguments.positional(1, "the side table to join").text
        let on = try arguments.positional(2, "'on product' or 'on customer'")
        guard on.text.lowercased() == "on" else {
            throw arguments.error("expected 'on' before what the table describes, found '\(on.text)'", at: on, hint: "example: join demo products on product")
        }
        let what = try arguments.positional(3, "product or customer after 'on'")
        switch what.text.lowercased() {
        case "product", "products": target = .products
        case "customer", "customers": target = .customers
        default: throw arguments.error("join on '\(what.text)': expected product or customer", at: what)
        }
        key = try arguments.value(Self.key)
    }

    public func run(in session: Session) throws -> CommandOutput {
        var orders = try session.datasets.dataset(named: ordersName)
        let side = try session.datasets.dataset(named: sideName)
        guard orders.kind == .orders else { throw SessionError("'\(ordersName)' is a side table: join side tables to order data") }
        let summary = try orders.join(target, table: side.table, on: key)
        session.datasets.replace(orders)
        return CommandOutput([.text(Self.describe(summary, target, side: sideName, into: ordersName))])
    }

    static func describe(_ s: JoinSummary, _ target: SideTableJoin.Target, side: String, into: String) -> String {
        let what = target == .products ? "products" : "customers"
        var text = "joined '\(side)' into '\(into)' on \(s.keyColumn): \(s.matched) \(what) matched, \(s.unmatched) without a row"
        if s.unusedRows > 0 { text += ", \(s.unusedRows) rows unused" }
        if !s.attached.isEmpty { text += "; attached " + s.attached.joined(separator: ", ") }
        return text
    }
}
