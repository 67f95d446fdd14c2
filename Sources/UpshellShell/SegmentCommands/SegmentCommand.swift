import UpshellAnalytics
import UpshellCore
import UpshellData

/// `segment first-repeat|value|rfm|lifecycle|define …`: creates a named segmentation of customers.
public struct SegmentCommand: ShellCommand {
    public static let spec = CommandSpec(
        name: "segment", group: .segments,
        abstract: "split customers into segments: first-repeat, value, rfm, lifecycle, or define your own",
        synopsis: ["segment first-repeat|value|rfm|lifecycle [option=value…] [data=NAME]",
                   "segment define NAME where EXPRESSION"],
        discussion: """
            The segmentation is attached to the dataset and becomes the one 'aov by segment', 'revenue by segment' \
            and 'filter … where segment = "at-risk"' use (the latest made). Customers without an id are in no segment.

            first-repeat: each order is a "first order" (the customer's earliest in the data) or a "repeat order"; \
            lifetime one-time and repeat customers are counted too.
            value: the top=SHARE of customers by revenue are "high-value", the rest "other" (default top=20%; a tie at \
            the cut stays together on the "other" side).
            rfm: recency = days from the last order to the day after the data's last order; frequency = orders; \
            monetary = revenue. Each is scored 1–5 by quintile of its min-rank percentile: \
            score = 1 + floor(5 × (customers with a strictly worse value) ÷ customers), so tied customers share a \
            score whatever their row order (with many one-time buyers all of them get F=1). Named segments by (R, F), \
            first match: Champions R5 F4–5; Loyal R3–4 F4–5; Potential loyalist R4–5 F2–3; New R5 F1; Promising R4 F1; \
            Need attention R3 F3; About to sleep R3 F1–2; Can't lose them R1–2 F5; At risk R1–2 F3–4; Lost R1 F1; \
            Hibernating R1–2 F1–2 otherwise. Every customer is in exactly one segment.
            lifecycle: with IPT = the median days between consecutive orders of a customer and d = days since the \
            last order: new = one order and d ≤ active×IPT; champions = at least champion-orders orders and \
            d ≤ active×IPT; engaged = other customers with d ≤ active×IPT; at-risk = active×IPT < d ≤ lapsed×IPT; \
            hibernating = d > lapsed×IPT. Defaults active=1.5 lapsed=3 champion-orders=4; ipt=DAYS overrides IPT.
            define NAME where EXPR: customers with at least one order line satisfying EXPR (the filter language) \
            form segment NAME; the others are "other".
            """,
        subcommands: ["first-repeat", "value", "rfm", "lifecycle", "define"],
        options: [DatasetOption.spec,
                  OptionSpec("top", .share, default: "20%", "value: share of customers that are high-value"),
                  OptionSpec("active", .number, default: "1.5", "lifecycle: active within this many inter-purchase times"),
                  OptionSpec("lapsed", .number, default: "3", "lifecycle: hibernating after this many inter-purchase times"),
                  OptionSpec("champion-orders", .integer, default: "4", "lifecycle: orders that make an active customer a champion"),
                  OptionSpec("ipt", .number, "lifecycle: inter-purchase time in days (default: measured)")],
        examples: ["segment rfm", "segment lifecycle lapsed=4", "segment value top=10%", "segment first-repeat",
                   "segment define france where Country = \"France\""],
        freeTextFrom: nil)

    let kind: String
    let arguments: Arguments
    let customName: String?
    /// `define`: the `where` clause.
    let clause: ScopeClause?

    public init(arguments: Arguments) throws {
        self.arguments = arguments
        kind = try arguments.subcommand()
        if kind == "define" {
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
        } else {
            try arguments.expectPositionals(atMost: 1)
            customName = nil
            clause = nil
        }
    }

    public func run(in session: Session) throws -> CommandOutput {
        let dataset = try DatasetOption.dataset(arguments, session)
        guard let model = dataset.orders else {
            throw SessionError("'\(dataset.name)' is a side table, not orders", hint: "choose an order dataset with data=NAME")
        }
        var out = CommandOutput()
        let segmentation: Segmentation
        switch kind {
        case "first-repeat":
            segmentation = try SimpleSegmentations.firstRepeat(model)
            let lifetime = try SimpleSegmentations.oneTimeVsRepeat(model)
            out.append(.table(summaryTable(lifetime.summaries(model), title: "Customers by lifetime orders — '\(dataset.name)'", orderLevel: false)))
        case "value":
            guard let top = try arguments.share("top"), top > 0, top < 1 else {
                throw arguments.error("top must be more than 0% and less than 100%", at: arguments.options["top"], hint: "example: segment value top=20%")
            }
            segmentation = try SimpleSegmentations.value(model, top: top)
        case "rfm":
            let rfm = try RFMSegmentation.compute(model)
            segmentation = rfm.segmentation
            var edges = ResultTable(title: "Score edges (lowest value reaching each score)",
                                    columns: [ResultColumn("measure")] + (1...5).map { ResultColumn("score \($0)", .decimal(1)) })
            for e in rfm.edges { edges.append([.text(e.measure)] + e.lowest.map { .double($0) }) }
            out.append(.table(edges))
        case "lifecycle":
            var p = LifecycleParameters()
            if let v = try arguments.number("active") { p.active = v }
            if let v = try arguments.number("lapsed") { p.lapsed = v }
            if let v = try arguments.integer("champion-orders") { p.championOrders = v }
            p.interPurchaseDays = try arguments.number("ipt")
            segmentation = try LifecycleSegmentation.compute(model, p)
        default:
            segmentation = try customSegmentation(dataset, model, session)
        }
        session.segments.add(segmentation, to: dataset.name)
        let orderLevel = segmentation.segmentOfCustomer == nil
        out.blocks.insert(.table(summaryTable(segmentation.summaries(model), title: "Segments '\(segmentation.name)' — '\(dataset.name)'", orderLevel: orderLevel)), at: 0)
        for (name, value) in segmentation.parameters { out.append(.note("\(name): \(value)")) }
        out.append(.note("now used by '… by segment' and 'filter … where segment = NAME'"))
        return out
    }

    private func customSegmentation(_ dataset: Dataset, _ model: OrderModel, _ session: Session) throws -> Segmentation {
        guard let clause, let name = customName else { throw InternalError("define without expression") }
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

    func summaryTable(_ summaries: [SegmentSummary], title: String, orderLevel: Bool) -> ResultTable {
        var table = ResultTable(title: title, columns: [
            ResultColumn("segment"), ResultColumn("customers", .integer), ResultColumn("customers %", .percent(1)),
            ResultColumn("orders", .integer), ResultColumn("revenue", .money), ResultColumn("revenue %", .percent(1)),
            ResultColumn("aov", .money), ResultColumn("orders/customer", .decimal(2)), ResultColumn("days since last", .decimal(0))])
        for s in summaries {
            table.append([.text(s.label), orderLevel ? .null : .int(s.customers), orderLevel ? .null : .double(s.customerShare),
                          .int(s.orders), .double(s.revenue), .double(s.revenueShare), .double(s.aov),
                          orderLevel ? .null : .double(s.ordersPerCustomer), orderLevel ? .null : .double(s.meanRecencyDays)])
        }
        return table
    }
}

/// `segments`: the segmentations of a dataset and their segments.
public struct SegmentsCommand: ShellCommand {
    public static let spec = CommandSpec(
        name: "segments", group: .segments, abstract: "list the segmentations made, with customer counts, revenue share, AOV and orders per customer",
        options: [DatasetOption.spec], examples: ["segments"])
    let arguments: Arguments
    public init(arguments: Arguments) throws {
        try arguments.expectPositionals(atMost: 0)
        self.arguments = arguments
    }
    public func run(in session: Session) throws -> CommandOutput {
        let dataset = try DatasetOption.dataset(arguments, session)
        guard let model = dataset.orders else { throw SessionError("'\(dataset.name)' is a side table, not orders") }
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
                              s.segmentOfCustomer == nil ? .null : .int(summary.customers), .double(summary.revenueShare),
                              .double(summary.aov), s.segmentOfCustomer == nil ? .null : .double(summary.ordersPerCustomer)])
            }
        }
        return CommandOutput([.table(table), .note("* the segmentation '… by segment' uses")])
    }
}
