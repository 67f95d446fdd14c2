import UpshellAnalytics
import UpshellCore
import UpshellData

/// `compare aov A B [draws=N] [seed=N] [level=SHARE] [data=NAME]`: AOV lift of B over A with Welch and
/// bootstrap intervals and a Mann–Whitney check.
struct CompareCommand: ScopedCommand {
    public static let spec = CommandSpec(
        name: "compare", group: .metrics,
        abstract: "AOV lift between two periods, segments, column values or datasets, with confidence intervals",
        synopsis: ["compare aov A B [draws=N] [seed=N] [level=SHARE] [data=NAME]"],
        discussion: """
            A and B each name a set of orders: a period (2025, 2025-Q1, 2025-01, 2025-01-15, or A..B from the start \
            of A to the end of B such as 2025-01..2025-03; prefix period: if you like), segment:NAME (a segment \
            from 'segment'; the bare segment name works too), COLUMN:VALUE (orders whose first line has that \
            value, e.g. variant:B, country:US, channel:app) or data:NAME (all orders of another loaded dataset; \
            the bare dataset name works too). The lift is B − A. Reported: orders, AOV, median and standard \
            deviation of each; the difference and relative lift (B ÷ A − 1); Welch's t-test (unequal variances) \
            with its interval and p-value; a percentile bootstrap interval of the difference (draws= resamples \
            of each group with replacement, seeded with seed=, default the session's seed — the same seed gives \
            the same interval); and the Mann–Whitney U p-value, which does not lean on the mean of a \
            heavy-tailed distribution. Order values are heavy-tailed: when Welch and the bootstrap disagree, \
            trust the bootstrap. The interval as % of A's AOV divides the difference's ends by A's AOV (A's \
            AOV taken as fixed).
            """,
        subcommands: ComparedMeasure.allCases.map(\.rawValue),
        positionals: [PositionalSpec("A", .text, "the baseline orders"),
                      PositionalSpec("B", .text, "the orders compared with A")],
        options: [Self.draws.spec, Self.seed.spec, Self.level.spec, DatasetOption.spec],
        examples: ["compare aov 2025-Q1 2025-Q2", "compare aov 2025-01..2025-03 2026-01..2026-03 draws=5000 seed=7",
                   "compare aov variant:A variant:B", "compare aov segment:champions segment:loyal"])

    static let drawBounds = 100...100_000
    static let draws = TypedOption.integer("draws", "bootstrap resamples (\(drawBounds.lowerBound)–\(drawBounds.upperBound))")
        .checked { v, _ in
            drawBounds.contains(v) ? nil
                : OptionProblem("option 'draws' got '\(v)': expected a whole number from \(drawBounds.lowerBound) to \(drawBounds.upperBound)")
        }
        .defaulting(to: "2000")
    static let seed = TypedOption.integer("seed", "bootstrap seed (default: the session's seed)")
        .checked { v, _ in v >= 0 ? nil : OptionProblem("option 'seed' got '\(v)': expected a whole number ≥ 0") }
    static let level = TypedOption.share("level", default: "95%", in: 0.5...0.999, "confidence level of the intervals")

    let measure: ComparedMeasure
    /// The two sets of orders as named (``OrderSelection`` forms): A, the baseline, and B.
    let first: String
    let second: String
    let draws: Int
    let seed: UInt64?
    let level: Double
    let orderScope: OrderScope
    let places: ArgumentPlaces

    public init(arguments: Arguments) throws {
        measure = try arguments.subcommand(ComparedMeasure.self)
        first = try arguments.positional(1, "two sets of orders to compare, A and B (\(OrderSelection.forms))").text
        second = try arguments.positional(2, "a second set of orders B to compare with '\(first)'").text
        try arguments.expectPositionals(atMost: 3)
        draws = try arguments.value(Self.draws)
        seed = try arguments.value(Self.seed).map(UInt64.init)
        level = try arguments.value(Self.level)
        orderScope = try .dataset(of: arguments)
        places = arguments.places
    }

    func run(in session: Session, on resolved: ResolvedOrderScope) throws -> CommandOutput {
        let dataset = resolved.dataset
        let a = try OrderSelection.select(first, word: 1, in: resolved, places, session)
        let b = try OrderSelection.select(second, word: 2, in: resolved, places, session)
        for (s, text, word) in [(a, first, 1), (b, second, 2)] where s.values.count < 2 {
            throw places.error("'\(text)' selects \(s.values.count) order\(s.values.count == 1 ? "" : "s") in '\(dataset.name)'; at least 2 are needed",
                               positional: word, hint: "check the period or value ('orders by month', 'describe')")
        }
        let seed = seed ?? session.seed
        let c = try MeanComparison.compare(first: a.values, second: b.values, level: level, resamples: draws, seed: seed,
                                           names: (a.label, b.label))
        let pct = "\(NumberFormat.plain(level * 100))%"
        var table = ResultTable(title: "\(measure.title): \(b.label) vs \(a.label) — '\(dataset.name)'", columns: [
            ResultColumn("orders"), ResultColumn("n", .integer), ResultColumn("aov", .money), ResultColumn("median", .money),
            ResultColumn("std dev", .money), ResultColumn("revenue", .money),
        ])
        for (label, s, median) in [("A: \(a.label)", c.first, c.firstMedian), ("B: \(b.label)", c.second, c.secondMedian)] {
            table.append([.text(label), .int(s.count), .double(s.mean), .double(median), .double(s.standardDeviation),
                          .double(s.mean * Double(s.count))])
        }
        var lift = ResultTable(title: "Lift of B over A (\(pct) intervals)", columns: [
            ResultColumn("method"), ResultColumn("difference", .money), ResultColumn("low", .money), ResultColumn("high", .money),
            ResultColumn("low % of A", .percent(1)), ResultColumn("high % of A", .percent(1)), ResultColumn("p-value", .decimal(4)),
        ])
        let aov = c.first.mean
        lift.append([.text("Welch t-test"), .double(c.difference), .double(c.welch.interval.lower), .double(c.welch.interval.upper),
                     .double(c.welch.interval.lower / aov), .double(c.welch.interval.upper / aov), .double(c.welch.pValue)])
        lift.append([.text("bootstrap (percentile)"), .double(c.bootstrap.estimate), .double(c.bootstrap.interval.lower),
                     .double(c.bootstrap.interval.upper), .double(c.bootstrap.interval.lower / aov),
                     .double(c.bootstrap.interval.upper / aov), .null])
        lift.append([.text("Mann–Whitney U"), .null, .null, .null, .null, .null, .double(c.mannWhitney.pValue)])
        let items: [(name: String, value: Value, format: ValueFormat)] = [
            ("difference (B − A)", .double(c.difference), .money),
            ("relative lift (B ÷ A − 1)", .double(c.relativeLift), .percent(1)),
            ("Welch t", .double(c.welch.t), .decimal(3)),
            ("Welch degrees of freedom", .double(c.welch.degreesOfFreedom), .decimal(1)),
            ("bootstrap draws", .int(c.bootstrap.resamples), .integer),
            ("bootstrap seed", .text(String(c.bootstrap.seed)), .text),
        ]
        var out = CommandOutput([.table(table), .table(lift), .values(title: nil, items)])
        let significant = !c.bootstrap.interval.contains(0) && !c.welch.interval.contains(0)
        let disagree = c.bootstrap.interval.contains(0) != c.welch.interval.contains(0)
        if disagree {
            out.append(.warning("Welch and the bootstrap disagree on whether 0 is inside the \(pct) interval; order values are heavy-tailed, so prefer the bootstrap"))
        } else {
            out.append(.note(significant ? "both intervals exclude 0: the AOV difference is unlikely to be chance alone"
                                         : "both intervals include 0: the AOV difference is within what chance produces"))
        }
        if let sa = a.span, let sb = b.span, sa.start < sb.end, sb.start < sa.end {
            out.append(.warning("the periods \(sa.label) and \(sb.label) overlap: orders in both are counted twice and the groups are not independent, so the intervals are not valid"))
        }
        if min(c.first.count, c.second.count) < 30 {
            out.append(.warning("fewer than 30 orders in a group: intervals are rough"))
        }
        return out
    }
}

/// What `compare` compares between two sets of orders.
enum ComparedMeasure: String, CaseIterable {
    case aov

    var title: String { "AOV" }
}
