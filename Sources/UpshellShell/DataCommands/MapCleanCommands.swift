import UpshellCore
import UpshellData

/// `map ROLE=COLUMN…`: sets column roles by hand and rebuilds the orders.
public struct MapCommand: ShellCommand {
    public static let spec = CommandSpec(
        name: "map", group: .data, abstract: "set which column plays a role (order, customer, product, unit-price …); shows the mapping",
        discussion: "Roles: " + ColumnRole.allCases.map(\.shellName).joined(separator: ", ") + ". 'ROLE=' with no column removes a role. With no roles, prints the current mapping.",
        positionals: [PositionalSpec("name", .dataset, optional: true, "the dataset (default: the current one)")],
        options: RoleOptions.specs,
        examples: ["map order=order_id unit-price=unit_price", "map", "map demo customer=customer_id"])
    let name: String?
    /// The roles to set, in ``ColumnRole`` order (`nil`: remove the role).
    let changes: [(ColumnRole, String?)]
    public init(arguments: Arguments) throws {
        try arguments.expectPositionals(atMost: 1)
        name = arguments.positionals.first?.text
        changes = try RoleOptions.given(in: arguments)
    }
    public func run(in session: Session) throws -> CommandOutput {
        var d = try session.datasets.resolve(name)
        if !changes.isEmpty {
            try d.map(changes)
            session.datasets.replace(d)
        }
        var table = ResultTable(title: "Column roles of '\(d.name)'", columns: [ResultColumn("role"), ResultColumn("column")])
        for (role, column) in d.roleNames { table.append([.text(role.shellName), .text(column)]) }
        var out = CommandOutput([.table(table)])
        if !changes.isEmpty { out.append(.text("'\(d.name)' rebuilt: \(d.summary.oneLine)")) }
        return out
    }
}

/// `clean [NAME] CATEGORY=keep|drop…`: chooses what cleaning keeps and rebuilds the orders.
public struct CleanCommand: ShellCommand {
    public static let spec = CommandSpec(
        name: "clean", group: .data, abstract: "choose which dirty lines to keep or drop; shows the cleaning report",
        discussion: """
            Categories: cancelled (order ids starting with C, a status saying cancelled, refunded, returned, voided, failed or \
            unavailable — partially refunded orders are kept — or a non-empty cancelled-at), adjustments \
            (ids starting with A), returns (quantity ≤ 0), non-positive-price, missing-values (no quantity, price or \
            time in a dataset that has those columns: empty cells, or cells read as null with load … bad-values=null; \
            kept, such a line counts 1 unit, 0 in revenue, and no time), non-product (postage, fees and \
            placeholders, below), missing-customer (kept for baskets, always left out of customer metrics), duplicates \
            (exact duplicate lines), outliers (orders far above the rest: beyond the upper fence of log order values). \
            Defaults: drop cancelled, adjustments, returns and non-positive prices; keep missing values, missing \
            customers, duplicates and outliers; non-product lines out of baskets. 'clean all=keep' keeps everything (non-product lines in \
            baskets too).
            non-product=out-of-baskets (the default; also spelled basket): non-product lines stay in revenue, order \
            values and AOV but are no items of pairs, itemsets, rules and bundles (an order holding nothing else is \
            no basket); non-product=keep: they are products everywhere; non-product=drop: removed from everything. \
            Only lines that the categories before it keep are counted.
            \(NonProductRule.statement)
            """,
        positionals: [PositionalSpec("name", .dataset, optional: true, "the dataset (default: the current one)")],
        options: Self.categories.map(\.option.spec) + [Self.nonProductOption.spec, Self.all.spec],
        examples: ["clean", "clean duplicates=drop", "clean non-product=keep", "clean all=keep"])

    /// One `CATEGORY=keep|drop` option per cleaning category, in ``CleaningPolicy/categoryNames`` order.
    static let categories: [(name: String, option: TypedOption<CleaningPolicy.Action>)] = CleaningPolicy.categoryNames.map {
        ($0, TypedOption.choice($0, "keep or drop \($0) lines"))
    }
    static let all = TypedOption<CleaningPolicy.Action>.choice("all", "set every category")
    /// `non-product=keep|drop|out-of-baskets` (`basket` is accepted for out-of-baskets).
    static let nonProductOption = TypedOption<NonProductAction>(
        OptionSpec("non-product", .choice(NonProductAction.optionWords),
                   "postage, fees, placeholders: out-of-baskets (default; also basket) = in revenue, not in baskets; keep = products everywhere; drop = removed"),
        parse: { NonProductAction(option: $0) })

    let name: String?
    /// What to do with each category, in the order given: `all=` first, then each category named.
    let settings: [(String, CleaningPolicy.Action)]
    /// What to do with non-product lines: `non-product=`, else `all=` (keep or drop), else unchanged.
    let nonProduct: NonProductAction?
    public init(arguments: Arguments) throws {
        try arguments.expectPositionals(atMost: 1)
        name = arguments.positionals.first?.text
        var settings: [(String, CleaningPolicy.Action)] = []
        let all = try arguments.value(Self.all)
        if let all {
            settings = CleaningPolicy.categoryNames.map { ($0, all) }
        }
        nonProduct = try arguments.value(Self.nonProductOption) ?? all.map { $0 == .keep ? .keep : .drop }
        for (category, option) in Self.categories {
            if let action = try arguments.value(option) { settings.append((category, action)) }
        }
        self.settings = settings
    }
    public func run(in session: Session) throws -> CommandOutput {
        var d = try session.datasets.resolve(name)
        guard d.kind == .orders else { throw SessionError("'\(d.name)' is a side table: there are no orders to clean") }
        if !settings.isEmpty || nonProduct != nil {
            var policy = d.cleaning.policy
            for (category, action) in settings { _ = policy.set(category, action) }
            if let nonProduct { policy.nonProduct = nonProduct }
            try d.clean(policy)
            session.datasets.replace(d)
        }
        var out = CommandOutput()
        var table = ResultTable(title: "Cleaning of '\(d.name)'", columns: [ResultColumn("category"), ResultColumn("count", .integer), ResultColumn("unit"), ResultColumn("action")])
        for e in d.cleaning.entries { table.append([.text(e.category), .int(e.count), .text(e.unit), .text(e.action)]) }
        out.append(.table(table))
        if let note = LoadCommand.nonProductNote(d.cleaning) { out.append(note) }
        out.append(.text("'\(d.name)': \(d.summary.oneLine)"))
        return out
    }
}
