import UpshellAnalytics
import UpshellCore
import UpshellData

/// `compare aov A B [draws=N] [seed=N] [level=SHARE] [data=NAME]`: AOV lift of B over A with Welch and
/// bootstrap intervals and a Mann–Whitney check.
public struct CompareCommand: ShellCommand {
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
        subcommands: ["aov"],
        positionals: [PositionalSpec("A", .text, "the baseline orders"),
                      PositionalSpec("B", .text, "the orders compared with A")],
        options: [
            OptionSpec("draws", .integer, default: "2000", "bootstrap resamples (100–100000)"),
            OptionSpec("seed", .integer, "bootstrap seed (default: the session's seed)"),
            OptionSpec("level", .share, default: "95%", "confidence level of the intervals"),
            DatasetOption.spec,
        ],
        examples: ["compare aov 2025-Q1 2025-Q2", "compare aov 2025-01..2025-03 2026-01..2026-03 draws=5000 seed=7",
                   "compare aov variant:A variant:B", "compare aov segment:champions segment:loyal"])

    let first: Token
    let second: Token
    let draws: Int
    let seed: UInt64?
    let level: Double
    let arguments: Arguments

    public init(arguments: Arguments) throws {
        self.arguments = arguments
        _ = try arguments.subcommand()
        first = try arguments.positional(1, "two sets of orders to compare, A and B (\(OrderSelection.forms))")
        second = try arguments.positional(2, "a second set of orders B to compare with '\(arguments.positionals[1].text)'")
        try arguments.expectPositionals(atMost: 3)
        draws = try arguments.integer("draws") ?? 2_000
        guard (100...100_000).contains(draws) else {
            throw arguments.error("option 'draws' got '\(draws)': expected a whole number from 100 to 100000", at: arguments.options["draws"])
        }
        if let s = try arguments.integer("seed") {
            guard s >= 0 else { throw arguments.error("option 'seed' got '\(s)': expected a whole number ≥ 0", at: arguments.options["seed"]) }
            seed = UInt64(s)
        } else {
            seed = nil
        }
        level = try arguments.share("level", in: 0.5...0.999) ?? 0.95
    }

    public func run(in session: Session) throws -> CommandOutput {
        let dataset = try DatasetOption.dataset(arguments, session)
        let a = try OrderSelection.select(first, in: dataset, arguments, session)
        let b = try OrderSelection.select(second, in: dataset, arguments, session)
        for (s, token) in [(a, first), (b, second)] where s.values.count < 2 {
            throw arguments.error("'\(token.text)' selects \(s.values.count) order\(s.values.count == 1 ? "" : "s") in '\(dataset.name)'; at least 2 are needed",
                                  at: token, hint: "check the period or value ('orders by month', 'describe')")
        }
        let seed = seed ?? session.seed
        let c = try MeanComparison.compare(first: a.values, second: b.values, level: level, resamples: draws, seed: seed,
                                           names: (a.label, b.label))
        let pct = "\(NumberFormat.plain(level * 100))%"
        var table = ResultTable(title: "AOV: \(b.label) vs \(a.label) — '\(dataset.name)'", columns: [
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
