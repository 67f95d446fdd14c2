import UpshellAnalytics
import UpshellCore
import UpshellData

/// `abtest size|analyze|simulate …`: plans A/B tests (sample size, duration), reads finished ones (on
/// counts or on a loaded dataset with a variant column) and checks a plan's power by simulation.
public struct ABTestCommand: ShellCommand {
    /// Variant letters accepted as count options (`a=120/4000 b=150/4010 …`).
    static let variantLetters = ["a", "b", "c", "d", "e", "f", "g", "h"]

    public static let spec = CommandSpec(
        name: "abtest", group: .experiments,
        abstract: "plan A/B tests (sample size, duration), read results, check power by simulation",
        synopsis: [
            "abtest size baseline=RATE mde=SHARE [relative|absolute] [alpha=0.05] [power=0.8] [sided=two|one] [variants=2] [method=pooled|evanmiller|arcsine] [daily=N] [traffic=100%] [data=NAME]",
            "abtest size aov mde=AMOUNT|SHARE [sd=AMOUNT] [data=NAME] [segment=NAME] [alpha=…] [power=…] [sided=…] [variants=…] [daily=N] [traffic=…]",
            "abtest analyze a=CONV/VISITORS b=CONV/VISITORS [c=…] [control=a] [looks=N] [days=N] [planned=N] [sequential]",
            "abtest analyze [data=NAME] [variant=COLUMN] [visitors=A:N,B:N] [control=A] [looks=N] [days=N] [seed=N] [sequential]",
            "abtest simulate baseline=RATE mde=SHARE [relative|absolute] [n=PER-VARIANT] [runs=20000] [seed=N] [alpha=…] [power=…] [sided=…] [method=…]",
        ],
        discussion: """
            size: visitors per variant to detect the minimum detectable effect (mde, relative to the baseline by \
            default; 'absolute' reads it as percentage points). Tools disagree, so the formula is always named. \
            method=pooled (default): n = [z_a·sqrt(2·p̄q̄) + z_b·sqrt(p1q1 + p2q2)]² / (p2 − p1)², pooled variance \
            under H0 — R power.prop.test, statsmodels samplesize_proportions_2indep_onetail (5% → 6%: 8,158). \
            method=evanmiller: the baseline's variance under H0, as Evan Miller's online calculator (5% → 6%: 7,663). \
            method=arcsine: Cohen's h = 2·asin(sqrt p2) − 2·asin(sqrt p1), n = 2(z_a + z_b)²/h² — R pwr.2p.test, \
            statsmodels NormalIndPower (5% → 6%: 8,143). With more than two variants each comparison with control \
            gets alpha/(variants − 1) (Bonferroni); analysis uses Holm's step-down, never less powerful. \
            Duration = total visitors ÷ (daily × traffic), recommended as whole weeks and at least 14 days (two weekly \
            cycles); without daily= it is estimated from the dataset's mean daily orders. \
            size aov: Welch t-test for a mean (sd of order value from the data, a segment's orders, or sd=); \
            mde=$2 is an amount, mde=2% is relative to the mean order value.

            analyze on counts: conversion per variant with Wilson intervals; absolute lift with a Wald interval and \
            relative lift with a log-ratio interval; pooled two-proportion z-test and chi-square (Yates) p-values, \
            Holm-adjusted for several variants. Guard rails: the rule of thumb is 350–400 conversions per variant \
            before trusting a result; at least 14 days (two full weekly cycles); a sample-ratio mismatch check \
            (chi-square on the split, warns at p < 0.001); and peeking: a fixed-sample p-value is not valid if you \
            look repeatedly and stop when it is significant (looks=N says how often you looked). 'sequential' adds an \
            always-valid mSPRT interval (Johari et al. 2017), safe under continuous monitoring.

            analyze on a dataset: orders carrying a variant (role variant, or variant=COLUMN) are compared on AOV \
            (Welch t-test, seeded bootstrap interval of the difference, Mann–Whitney as a robustness check), \
            attach rate (orders with a cross-sell line, when an offer column exists) and cancel/refund rate (when a \
            status column exists, counted on all lines before cleaning). Orders alone do not give conversion: add \
            visitors=A:N,B:N for it.

            simulate: power by simulation of the planned test (or n=), exact binomial draws, pooled z-test per run, \
            seeded (seed= or 'set seed = N'); a check on the closed-form size.
            """,
        subcommands: ["size", "analyze", "simulate"],
        positionals: [PositionalSpec("form", .text, "size, analyze or simulate"),
                      PositionalSpec("aov", .text, optional: true, "size aov: plan for a mean instead of a rate")],
        options: [
            OptionSpec("baseline", .share, "control conversion rate, e.g. 3.2%"),
            OptionSpec("mde", .text, "smallest effect worth detecting: 10% (relative), 0.5% with 'absolute', $2 for aov"),
            OptionSpec("alpha", .number, default: "0.05", "false-positive rate (two-sided unless sided=one)"),
            OptionSpec("power", .number, default: "0.8", "chance of detecting a real effect of size mde"),
            OptionSpec("sided", .choice(["two", "one"]), default: "two", "two- or one-sided test"),
            OptionSpec("variants", .integer, default: "2", "arms including control"),
            OptionSpec("method", .choice(["pooled", "evanmiller", "arcsine"]), default: "pooled", "sample-size formula"),
            OptionSpec("daily", .number, "visitors (or orders for aov) per day, for the duration"),
            OptionSpec("traffic", .share, default: "100%", "share of daily traffic that enters the test"),
            OptionSpec("sd", .money, "size aov: standard deviation of order value (default: from the data)"),
            OptionSpec("segment", .text, "size aov: take the standard deviation from this segment's orders"),
            DatasetOption.spec,
            OptionSpec("a", .text, "analyze: conversions/visitors of variant a, e.g. 120/4000"),
            OptionSpec("b", .text, "analyze: conversions/visitors of variant b"),
            OptionSpec("c", .text, "analyze: conversions/visitors of variant c"),
            OptionSpec("d", .text, "analyze: conversions/visitors of variant d"),
            OptionSpec("e", .text, "analyze: conversions/visitors of variant e"),
            OptionSpec("f", .text, "analyze: conversions/visitors of variant f"),
            OptionSpec("g", .text, "analyze: conversions/visitors of variant g"),
            OptionSpec("h", .text, "analyze: conversions/visitors of variant h"),
            OptionSpec("control", .text, "analyze: the control variant (default: the first)"),
            OptionSpec("looks", .integer, default: "1", "analyze: how many times the results were checked"),
            OptionSpec("days", .integer, "analyze: days the test ran (a dataset gives it from the order times)"),
            OptionSpec("planned", .integer, "analyze: planned visitors per variant"),
            OptionSpec("variant", .column, "analyze: the column holding the variant (default: the variant role)"),
            OptionSpec("visitors", .list, "analyze on a dataset: visitors per variant, e.g. A:52000,B:51800"),
            OptionSpec("n", .integer, "simulate: visitors per variant (default: the planned size)"),
            OptionSpec("runs", .integer, default: "20000", "simulate: simulated experiments"),
            OptionSpec("seed", .integer, "random seed (default: 'set seed = N', else the session default)"),
        ],
        flags: [FlagSpec("relative", "mde is relative to the baseline (default)"),
                FlagSpec("absolute", "mde is in percentage points"),
                FlagSpec("sequential", "analyze: add an always-valid (mSPRT) interval")],
        examples: ["abtest size baseline=3.2% mde=10%", "abtest size baseline=20% mde=5% absolute method=evanmiller",
                   "abtest size aov mde=$2", "abtest analyze a=120/4000 b=150/4010",
                   "abtest analyze a=120/4000 b=150/4010 looks=5 sequential", "abtest analyze data=demo",
                   "abtest simulate baseline=5% mde=20%"])

    /// Options each form accepts (the rest are rejected with the form named).
    static let formOptions: [String: Set<String>] = [
        "size": ["baseline", "mde", "alpha", "power", "sided", "variants", "method", "daily", "traffic", "data"],
        "size aov": ["mde", "alpha", "power", "sided", "variants", "daily", "traffic", "sd", "segment", "data"],
        "analyze": Set(["control", "looks", "days", "planned"] + variantLetters),
        "analyze data": ["data", "variant", "visitors", "control", "looks", "days", "seed"],
        "simulate": ["baseline", "mde", "alpha", "power", "sided", "variants", "method", "n", "runs", "seed"],
    ]
    static let formFlags: [String: Set<String>] = [
        "size": ["relative", "absolute"], "size aov": [], "analyze": ["sequential"],
        "analyze data": ["sequential"], "simulate": ["relative", "absolute"],
    ]

    /// Which form runs: `size`, `size aov`, `analyze` (counts), `analyze data` (dataset) or `simulate`.
    let form: String
    let arguments: Arguments

    public init(arguments: Arguments) throws {
        self.arguments = arguments
        let sub = try arguments.subcommand()
        switch sub {
        case "size":
            if arguments.positionals.count > 1 {
                let word = arguments.positionals[1]
                guard word.text.lowercased() == "aov" else {
                    throw arguments.error("unexpected '\(word.text)' after 'abtest size'", at: word,
                                          hint: "'abtest size aov mde=$2' plans for order value; 'abtest size baseline=3.2% mde=10%' for a rate")
                }
                form = "size aov"
            } else {
                form = "size"
            }
            try arguments.expectPositionals(atMost: 2)
        case "analyze":
            try arguments.expectPositionals(atMost: 1)
            form = Self.variantLetters.contains(where: { arguments.has($0) }) ? "analyze" : "analyze data"
        default:
            try arguments.expectPositionals(atMost: 1)
            form = sub
        }
        try checkFormOptions()
    }

    /// Rejects options and flags that belong to another form, naming the option and the form.
    private func checkFormOptions() throws {
        let allowed = Self.formOptions[form] ?? []
        let shown = form == "analyze data" ? "abtest analyze data=…" : "abtest \(form)"
        for (name, token) in arguments.options.sorted(by: { $0.value.range.lowerBound < $1.value.range.lowerBound }) where !allowed.contains(name) {
            var hint = "options of '\(shown)': " + allowed.sorted().joined(separator: ", ")
            if form == "analyze data", Self.variantLetters.contains(name) == false, ["baseline", "mde"].contains(name) {
                hint = "planning options belong to 'abtest size'"
            }
            throw LanguageError("option '\(name)' does not apply to '\(shown)'", hint: hint,
                                range: (token.range.lowerBound - name.count - 1)..<token.range.upperBound, source: arguments.command.source)
        }
        let flags = Self.formFlags[form] ?? []
        for flag in arguments.flags.sorted() where !flags.contains(flag) {
            throw LanguageError("'\(flag)' does not apply to '\(shown)'",
                                hint: flags.isEmpty ? "'\(shown)' takes no flags" : "flags of '\(shown)': " + flags.sorted().joined(separator: ", "))
        }
        if arguments.flags.contains("relative") && arguments.flags.contains("absolute") {
            throw LanguageError("give either 'relative' or 'absolute', not both", hint: "relative (the default): mde=10% of the baseline; absolute: mde=0.5% points")
        }
    }

    public func run(in session: Session) throws -> CommandOutput {
        switch form {
        case "size": return try ABTestSize(arguments: arguments).proportion(session)
        case "size aov": return try ABTestSize(arguments: arguments).mean(session)
        case "analyze": return try ABTestCountsAnalysis(arguments: arguments).run(session)
        case "analyze data": return try ABTestDatasetAnalysis(arguments: arguments).run(session)
        default: return try ABTestSimulate(arguments: arguments).run(session)
        }
    }
}

/// Formatting shared by the `abtest` forms.
enum ABFormat {
    /// A p-value in a sentence: 4 decimals, `< 0.0001` below that.
    static func p(_ value: Double) -> String { NumberFormat.pValue(value) }

    /// A confidence interval as a result value; its column's format shows it.
    static func interval(_ ci: ConfidenceInterval) -> Value { .interval(ci.lower, ci.upper) }

    /// Whole number with separators.
    static func count(_ n: Int) -> String { NumberFormat.grouped(Double(n), decimals: 0) }

    /// The seed of a command: `seed=` or the session's.
    static func seed(_ arguments: Arguments, _ session: Session) throws -> UInt64 {
        guard let s = try arguments.integer("seed") else { return session.seed }
        guard s >= 0 else {
            throw arguments.error("option 'seed' got '\(s)': expected a whole number of 0 or more", at: arguments.options["seed"])
        }
        return UInt64(s)
    }

    /// Each warning once, in order.
    static func unique(_ warnings: [ExperimentWarning]) -> [OutputBlock] {
        var seen = Set<String>()
        return warnings.compactMap { w in seen.insert(w.message).inserted ? .warning(w.message) : nil }
    }
}
