import UpshellAnalytics
import UpshellCore
import UpshellData

/// `segment first-repeat`: first and repeat orders, and one-time against repeat customers.
struct SegmentFirstRepeatCommand: ScopedCommand {
    /// Runs on whole orders and customers: exact on a dataset loaded with aggregate=server.
    var lineLevelNeed: String? { nil }

    public static let spec = CommandSpec(
        name: "segment first-repeat", group: .segments,
        abstract: "each order is a first or a repeat order; customers by lifetime orders",
        discussion: """
            first-repeat: each order is a "first order" (the customer's earliest in the data) or a "repeat order"; \
            lifetime one-time and repeat customers are counted too.
            """,
        options: [DatasetOption.spec], examples: ["segment first-repeat"])

    let orderScope: OrderScope

    public init(arguments: Arguments) throws {
        try arguments.expectPositionals(atMost: 1)
        orderScope = try SegmentReport.scope(arguments)
    }

    func run(in session: Session, on resolved: ResolvedOrderScope) throws -> CommandOutput {
        try SegmentReport.make(resolved, in: session) { dataset, model in
            let lifetime = try SimpleSegmentations.oneTimeVsRepeat(model)
            let table = SegmentReport.summaryTable(lifetime.summaries(model), title: "Customers by lifetime orders — '\(dataset.name)'", orderLevel: false, hasMoney: model.hasMoney)
            return (try SimpleSegmentations.firstRepeat(model), [.table(table)])
        }
    }
}

/// `segment value [top=SHARE]`: the top share of customers by revenue against the rest.
struct SegmentValueCommand: ScopedCommand {
    /// Runs on whole orders and customers: exact on a dataset loaded with aggregate=server.
    var lineLevelNeed: String? { nil }

    public static let spec = CommandSpec(
        name: "segment value", group: .segments,
        abstract: "the top share of customers by revenue are high-value, the rest other",
        discussion: """
            value: the top=SHARE of customers by revenue are "high-value", the rest "other" (default top=20%; a tie at \
            the cut stays together on the "other" side).
            """,
        options: [DatasetOption.spec, Self.top.spec], examples: ["segment value top=10%"])

    static let top = TypedOption.share("top", "value: share of customers that are high-value").checked { top, _ in
        top > 0 && top < 1 ? nil : OptionProblem("top must be more than 0% and less than 100%", hint: "example: segment value top=20%")
    }.defaulting(to: "20%")

    let orderScope: OrderScope
    /// A fraction strictly between 0 and 1.
    let top: Double

    public init(arguments: Arguments) throws {
        try arguments.expectPositionals(atMost: 1)
        orderScope = try SegmentReport.scope(arguments)
        top = try arguments.value(Self.top)
    }

    func run(in session: Session, on resolved: ResolvedOrderScope) throws -> CommandOutput {
        try SegmentReport.make(resolved, in: session) { _, model in (try SimpleSegmentations.value(model, top: top), []) }
    }
}

/// `segment rfm`: recency, frequency and monetary quintile scores and the named RFM segments.
struct SegmentRFMCommand: ScopedCommand {
    /// Runs on whole orders and customers: exact on a dataset loaded with aggregate=server.
    var lineLevelNeed: String? { nil }

    public static let spec = CommandSpec(
        name: "segment rfm", group: .segments,
        abstract: "score recency, frequency and monetary value 1–5 and name the RFM segments",
        discussion: """
            rfm: recency = days from the last order to the day after the data's last order; frequency = orders; \
            monetary = revenue. Each is scored 1–5 by quintile of its min-rank percentile: \
            score = 1 + floor(5 × (customers with a strictly worse value) ÷ customers), so tied customers share a \
            score whatever their row order (with many one-time buyers all of them get F=1). Named segments by (R, F), \
            first match: Champions R5 F4–5; Loyal R3–4 F4–5; Potential loyalist R4–5 F2–3; New R5 F1; Promising R4 F1; \
            Need attention R3 F3; About to sleep R3 F1–2; Can't lose them R1–2 F5; At risk R1–2 F3–4; Lost R1 F1; \
            Hibernating R1–2 F1–2 otherwise. Every customer is in exactly one segment.
            """,
        options: [DatasetOption.spec], examples: ["segment rfm"])

    let orderScope: OrderScope

    public init(arguments: Arguments) throws {
        try arguments.expectPositionals(atMost: 1)
        orderScope = try SegmentReport.scope(arguments)
    }

    func run(in session: Session, on resolved: ResolvedOrderScope) throws -> CommandOutput {
        try SegmentReport.make(resolved, in: session) { _, model in
            let rfm = try RFMSegmentation.compute(model)
            var edges = ResultTable(title: "Score edges (lowest value reaching each score)",
                                    columns: [ResultColumn("measure")] + (1...5).map { ResultColumn("score \($0)", .decimal(1)) })
            for e in rfm.edges { edges.append([.text(e.measure)] + e.lowest.map { .double($0) }) }
            return (rfm.segmentation, [.table(edges)])
        }
    }
}

/// `segment lifecycle`: new, engaged, champions, at-risk and hibernating by inter-purchase time.
struct SegmentLifecycleCommand: ScopedCommand {
    /// Runs on whole orders and customers: exact on a dataset loaded with aggregate=server.
    var lineLevelNeed: String? { nil }

    public static let spec = CommandSpec(
        name: "segment lifecycle", group: .segments,
        abstract: "new, engaged, champions, at-risk and hibernating customers by their inter-purchase time",
        discussion: """
            lifecycle: with IPT = the median days between consecutive orders of a customer and d = days since the \
            last order: new = one order and d ≤ active×IPT; champions = at least champion-orders orders and \
            d ≤ active×IPT; engaged = other customers with d ≤ active×IPT; at-risk = active×IPT < d ≤ lapsed×IPT; \
            hibernating = d > lapsed×IPT. Defaults active=1.5 lapsed=3 champion-orders=4; ipt=DAYS overrides IPT.
            """,
        options: [DatasetOption.spec] + Self.options, examples: ["segment lifecycle lapsed=4"])

    static let active = TypedOption.number("active", default: "1.5", "lifecycle: active within this many inter-purchase times")
    static let lapsed = TypedOption.number("lapsed", default: "3", "lifecycle: hibernating after this many inter-purchase times")
    static let championOrders = TypedOption.integer("champion-orders", default: "4", "lifecycle: orders that make an active customer a champion")
    static let ipt = TypedOption.number("ipt", "lifecycle: inter-purchase time in days (default: measured)")
    /// The lifecycle options, in the order help lists them.
    static var options: [OptionSpec] { [active.spec, lapsed.spec, championOrders.spec, ipt.spec] }

    let orderScope: OrderScope
    let parameters: LifecycleParameters

    public init(arguments: Arguments) throws {
        try arguments.expectPositionals(atMost: 1)
        orderScope = try SegmentReport.scope(arguments)
        var p = LifecycleParameters()
        p.active = try arguments.value(Self.active)
        p.lapsed = try arguments.value(Self.lapsed)
        p.championOrders = try arguments.value(Self.championOrders)
        p.interPurchaseDays = try arguments.value(Self.ipt)
        parameters = p
    }

    func run(in session: Session, on resolved: ResolvedOrderScope) throws -> CommandOutput {
        try SegmentReport.make(resolved, in: session) { _, model in (try LifecycleSegmentation.compute(model, parameters), []) }
    }
}

/// What every `segment` form does around making its segmentation: find the order data, keep the
/// segmentation in the session and report its segments.
enum SegmentReport {
    /// The orders a form segments: all orders of the dataset named by `data=` (or the current one).
    static func scope(_ arguments: Arguments) throws -> OrderScope {
        try .dataset(of: arguments, needsOrders: false, sideTableHint: "choose an order dataset with data=NAME")
    }

    /// Makes the segmentation of the resolved orders with `make` (which may add tables shown after the
    /// summary), attaches it to the dataset and reports it.
    static func make(_ resolved: ResolvedOrderScope, in session: Session,
                     _ make: (Dataset, OrderModel) throws -> (Segmentation, [OutputBlock])) throws -> CommandOutput {
        let dataset = resolved.dataset, model = resolved.model
        let (segmentation, details) = try make(dataset, model)
        var out = CommandOutput(details)
        session.segments.add(segmentation, to: dataset.name)
        let orderLevel = segmentation.segmentOfCustomer == nil
        out.blocks.insert(.table(summaryTable(segmentation.summaries(model), title: "Segments '\(segmentation.name)' — '\(dataset.name)'", orderLevel: orderLevel, hasMoney: model.hasMoney)), at: 0)
        for (name, value) in segmentation.parameters { out.append(.note("\(name): \(value)")) }
        out.append(.note("now used by '… by segment' and 'filter … where segment = NAME'"))
        return out
    }

    /// The segments' sizes and values; without prices the money columns show "–", not $0.00.
    static func summaryTable(_ summaries: [SegmentSummary], title: String, orderLevel: Bool, hasMoney: Bool) -> ResultTable {
        var table = ResultTable(title: title, columns: [
            ResultColumn("segment"), ResultColumn("customers", .integer), ResultColumn("customers %", .percent(1)),
            ResultColumn("orders", .integer), ResultColumn("revenue", .money), ResultColumn("revenue %", .percent(1)),
            ResultColumn("aov", .money), ResultColumn("orders/customer", .decimal(2)), ResultColumn("days since last", .decimal(0))])
        for s in summaries {
            table.append([.text(s.label), orderLevel ? .null : .int(s.customers), orderLevel ? .null : .double(s.customerShare),
                          .int(s.orders), hasMoney ? .double(s.revenue) : .null, hasMoney ? .double(s.revenueShare) : .null,
                          hasMoney ? .double(s.aov) : .null,
                          orderLevel ? .null : .double(s.ordersPerCustomer), orderLevel ? .null : .double(s.meanRecencyDays)])
        }
        return table
    }
}
