import UpshellAnalytics
import UpshellCore
import UpshellData

/// `abtest size|analyze|simulate …`: plans A/B tests (sample size, duration), reads finished ones (on
/// counts or on a loaded dataset with a variant column) and checks a plan's power by simulation.
public struct ABTestCommand: CommandWithForms {
    /// The forms, in the order `help abtest` shows their usage lines and examples.
    public static let forms: [any ShellCommand.Type] = [
        ABTestSize.self, ABTestSizeAOV.self, ABTestCountsAnalysis.self, ABTestDatasetAnalysis.self, ABTestSimulate.self,
    ]

    public static let spec = CommandSpec(
        name: "abtest", group: .experiments,
        abstract: "plan A/B tests (sample size, duration), read results, check power by simulation",
        synopsis: forms.flatMap { $0.spec.synopsis },
        discussion: """
            size: visitors per variant to detect the minimum detectable effect (mde, relative to the baseline by \
            default; 'absolute' reads it as percentage points). Tools disagree, so the formula is always named. \
            method=pooled (default): n = [z_a·sqrt(2·p̄q̄) + z_b·sqrt(p1q1 + p2q2)]² / (p2 − p1)², pooled variance \
            under H0 — R power.prop.test, statsmodels samplesize_proportions_2indep_onetail (5% → 6%: 8,158). \
            method=evanmiller: the baseline's variance under H0, as Evan Miller's online calculator (5% → 6%: 7,663); \
            like that calculator it rounds to the nearest visitor, where the other methods round up. \
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
        options: ABTestOptions.all,
        flags: ABTestOptions.flags,
        examples: forms.flatMap { $0.spec.examples })

    /// The form the words chose, parsed.
    public let form: any ShellCommand

    public init(arguments: Arguments) throws {
        switch try arguments.subcommand() {
        case "size":
            if arguments.positionals.count > 1 {
                let word = arguments.positionals[1]
                guard word.text.lowercased() == "aov" else {
                    throw arguments.error("unexpected '\(word.text)' after 'abtest size'", at: word,
                                          hint: "'abtest size aov mde=$2' plans for order value; 'abtest size baseline=3.2% mde=10%' for a rate")
                }
                try arguments.expectPositionals(atMost: 2)
                form = try arguments.form(ABTestSizeAOV.self, shown: "abtest size aov")
            } else {
                form = try arguments.form(ABTestSize.self, shown: "abtest size")
            }
        case "analyze":
            try arguments.expectPositionals(atMost: 1)
            if ABTestOptions.variantLetters.contains(where: { arguments.has($0) }) {
                form = try arguments.form(ABTestCountsAnalysis.self, shown: "abtest analyze")
            } else {
                try Self.rejectPlanningOptions(arguments)
                form = try arguments.form(ABTestDatasetAnalysis.self, shown: "abtest analyze data=…")
            }
        default:
            try arguments.expectPositionals(atMost: 1)
            form = try arguments.form(ABTestSimulate.self, shown: "abtest simulate")
        }
    }

    /// On a dataset, a planning option (baseline=, mde=) given first among the ones that do not apply is
    /// rejected with a pointer to `abtest size`.
    private static func rejectPlanningOptions(_ arguments: Arguments) throws {
        let allowed = Set(ABTestDatasetAnalysis.spec.options.map(\.name))
        let planning = [ABTestOptions.baseline.spec.name, ABTestOptions.mde.spec.name]
        let given = arguments.options.sorted { $0.value.range.lowerBound < $1.value.range.lowerBound }
        guard let (name, token) = given.first(where: { !allowed.contains($0.key) }), planning.contains(name) else { return }
        throw LanguageError("option '\(name)' does not apply to 'abtest analyze data=…'", hint: "planning options belong to 'abtest size'",
                            range: (token.range.lowerBound - name.count - 1)..<token.range.upperBound, source: arguments.command.source)
    }

    public func run(in session: Session) throws -> CommandOutput {
        try form.run(in: session)
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

    /// The seed of a command: `seed=` (checked here, where it is used) or the session's.
    static func seed(_ given: Int?, places: ArgumentPlaces, session: Session) throws -> UInt64 {
        guard let s = given else { return session.seed }
        guard s >= 0 else {
            throw places.error("option 'seed' got '\(s)': expected a whole number of 0 or more", option: "seed")
        }
        return UInt64(s)
    }

    /// Each warning once, in order.
    static func unique(_ warnings: [ExperimentWarning]) -> [OutputBlock] {
        var seen = Set<String>()
        return warnings.compactMap { w in seen.insert(w.message).inserted ? .warning(w.message) : nil }
    }
}
