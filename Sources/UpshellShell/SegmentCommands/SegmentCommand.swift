import UpshellAnalytics
import UpshellCore
import UpshellData

/// `segment first-repeat|value|rfm|lifecycle|define …`: creates a named segmentation of customers.
/// Each form is a command of its own (``SegmentFirstRepeatCommand``, ``SegmentValueCommand``,
/// ``SegmentRFMCommand``, ``SegmentLifecycleCommand``, ``SegmentDefineCommand``); this parent picks it by
/// the first word and shows their union in `help segment`.
public struct SegmentCommand: CommandWithForms {
    /// The forms, in the order `help segment` lists them.
    public static let forms: [any ShellCommand.Type] = [SegmentFirstRepeatCommand.self, SegmentValueCommand.self,
                                                        SegmentRFMCommand.self, SegmentLifecycleCommand.self, SegmentDefineCommand.self]

    public static let spec = CommandSpec(
        name: "segment", group: .segments,
        abstract: "split customers into segments: first-repeat, value, rfm, lifecycle, or define your own",
        synopsis: ["segment first-repeat|value|rfm|lifecycle [option=value…] [data=NAME]"] + SegmentDefineCommand.spec.synopsis,
        discussion: """
            The segmentation is attached to the dataset and becomes the one 'aov by segment', 'revenue by segment' \
            and 'filter … where segment = "at-risk"' use (the latest made); 'aov by rfm', 'aov by lifecycle' … pick \
            one by name. Customers without an id are in no segment.
            """ + "\n\n" + forms.map { $0.spec.discussion }.joined(separator: "\n"),
        subcommands: forms.map { String($0.spec.name.dropFirst("segment ".count)) },
        options: [DatasetOption.spec, SegmentValueCommand.top.spec] + SegmentLifecycleCommand.options,
        examples: ([SegmentRFMCommand.self, SegmentLifecycleCommand.self, SegmentValueCommand.self, SegmentFirstRepeatCommand.self,
                    SegmentDefineCommand.self] as [any ShellCommand.Type]).flatMap { $0.spec.examples },
        freeTextFrom: nil)

    /// The form the first word chose, parsed.
    public let form: any ShellCommand

    public init(arguments: Arguments) throws {
        let kind = try arguments.subcommand()
        let type = try Self.form(named: kind)
        form = try arguments.form(type, shown: "segment \(kind)")
    }

    public func run(in session: Session) throws -> CommandOutput {
        try form.run(in: session)
    }
}

/// `segment define NAME where EXPRESSION`: customers with an order line that satisfies the expression.
struct SegmentDefineCommand: ScopedCommand {
    public static let spec = CommandSpec(
        name: "segment define", group: .segments,
        abstract: "a segment of the customers with an order line satisfying an expression",
        synopsis: ["segment define NAME where EXPRESSION"],
        discussion: """
            define NAME where EXPR: customers with at least one order line satisfying EXPR (the filter language) \
            form segment NAME; the others are "other".
            """,
        options: [DatasetOption.spec],
        examples: ["segment define france where country = \"FR\""],
        freeTextFrom: nil)

    let orderScope: OrderScope
    let customName: String
    /// The `where` clause.
    let clause: ScopeClause

    public init(arguments: Arguments) throws {
        orderScope = try SegmentReport.scope(arguments)
        let words = arguments.command.tokens
        guard words.count >= 5, ScopeClause.whereIndex(in: arguments.command, from: 3) == 3 else {
            throw arguments.error("'segment define' needs a name, 'where' and an expression", at: nil,
                                  hint: "example: segment define france where Country = \"France\"")
        }
        guard LoadCommand.isValidName(words[2].text) else {
            throw arguments.error("'\(words[2].text)' is not a segment name", at: words[2], hint: "names start with a letter and hold letters, digits, - and _")
        }
        customName = words[2].text
        clause = try ScopeClause(arguments.command, whereAt: 3)
    }

    func run(in session: Session, on resolved: ResolvedOrderScope) throws -> CommandOutput {
        try SegmentReport.make(resolved, in: session) { dataset, model in
            (try customSegmentation(dataset, model, session), [])
        }
    }

    private func customSegmentation(_ dataset: Dataset, _ model: OrderModel, _ session: Session) throws -> Segmentation {
        let name = customName
        guard model.hasCustomers else { throw SegmentationError.missingRole("customer", "define") }
        let rows = try clause.selectedRows(in: dataset, session)
        let rowOrder = try dataset.rowOrderIds()
        var seg = [Int32](repeating: 1, count: model.customers.count)
        for r in rows {
            let o = rowOrder[Int(r)]
            guard o >= 0 else { continue }
            let c = model.orders.customer[Int(o)]
            if c >= 0 { seg[Int(c)] = 0 }
        }
        return Segmentation(name: name, labels: [name, "other"], segmentOfCustomer: seg,
                            segmentOfOrder: Segmentation.ordersFromCustomers(model, seg),
                            parameters: [("definition", "customers with an order line where \(clause.expression)")])
    }
}

/// `segments`: the segmentations of a dataset and their segments.
struct SegmentsCommand: ScopedCommand {
    /// Runs on whole orders and customers: exact on a dataset loaded with aggregate=server.
    var lineLevelNeed: String? { nil }

    public static let spec = CommandSpec(
        name: "segments", group: .segments, abstract: "list the segmentations made, with customer counts, revenue share, AOV and orders per customer",
        options: [DatasetOption.spec], examples: ["segments"])
    let orderScope: OrderScope
    init(arguments: Arguments) throws {
        try arguments.expectPositionals(atMost: 0)
        orderScope = try SegmentReport.scope(arguments)
    }
    func run(in session: Session, on resolved: ResolvedOrderScope) throws -> CommandOutput {
        let dataset = resolved.dataset, model = resolved.model
        let all = session.segments.all(for: dataset.name)
        guard !all.isEmpty else {
            throw SessionError("'\(dataset.name)' has no segments yet", hint: "create them: segment rfm (or first-repeat, value, lifecycle, define NAME where …)")
        }
        let active = session.segments.active(for: dataset.name)?.name
        var table = ResultTable(title: "Segments of '\(dataset.name)'", columns: [
            ResultColumn("segmentation"), ResultColumn("segment"), ResultColumn("customers", .integer), ResultColumn("revenue %", .percent(1)),
            ResultColumn("aov", .money), ResultColumn("orders/customer", .decimal(2))])
        for s in all {
            for summary in s.summaries(model) {
                table.append([.text(s.name + (s.name == active ? " *" : "")), .text(summary.label),
                              s.segmentOfCustomer == nil ? .null : .int(summary.customers),
                              model.hasMoney ? .double(summary.revenueShare) : .null, model.hasMoney ? .double(summary.aov) : .null, s.segmentOfCustomer == nil ? .null : .double(summary.ordersPerCustomer)])
            }
        }
        return CommandOutput([.table(table), .note("* the segmentation '… by segment' uses")])
    }
}
