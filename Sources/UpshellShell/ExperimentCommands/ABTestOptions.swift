import UpshellAnalytics
import UpshellCore

/// The options and flags of the `abtest` forms, each declared once; every form lists the ones it takes, and
/// `help abtest` shows them all in ``all``'s order.
enum ABTestOptions {
    // MARK: Planning: size, size aov, simulate

    static let baseline = TypedOption.share("baseline", "control conversion rate, e.g. 3.2%").checked { b, raw in
        b > 0 && b < 1 ? nil : OptionProblem("option 'baseline' got '\(raw)': the rate must be strictly between 0% and 100%",
                                             hint: "give the control's current conversion rate, e.g. baseline=3.2%")
    }
    /// A share for a rate (`size`, `simulate`), an amount or a share of the AOV (`size aov`): each form reads it.
    static let mde = TypedOption.text("mde", "smallest effect worth detecting: 10% (relative), 0.5% with 'absolute', $2 for aov")
    static let alpha = TypedOption.number("alpha", "false-positive rate (two-sided unless sided=one)").checked { a, raw in
        a > 0 && a < 1 ? nil : OptionProblem("option 'alpha' got '\(raw)': expected a number strictly between 0 and 1",
                                             hint: "alpha is the false-positive rate, usually 0.05")
    }.defaulting(to: "0.05")
    /// A fraction (`0.8`) or a percentage (`80%`).
    static let power = TypedOption<Double>(
        OptionSpec("power", .number, "chance of detecting a real effect of size mde"),
        parse: { text in ValueParser.number(text).map { text.hasSuffix("%") ? $0 / 100 : $0 } },
        check: { p, raw in
            p > 0 && p < 1 ? nil : OptionProblem("option 'power' got '\(raw)': expected a number strictly between 0 and 1",
                                                 hint: "power is the chance to detect a real effect, usually 0.8")
        }).defaulting(to: "0.8")
    static let sided = TypedOption<Sidedness>.choice("sided", default: "two", "two- or one-sided test")
    static let variants = TypedOption.integer("variants", "arms including control").checked { v, _ in
        (2...100).contains(v) ? nil : OptionProblem("option 'variants' got '\(v)': expected 2 to 100 arms including control",
                                                    hint: "use variants=2 for a simple A/B test")
    }.defaulting(to: "2")
    static let method = TypedOption<ProportionSampleSizeMethod>.choice("method", default: "pooled", "sample-size formula")
    /// Checked when the duration is worked out (``ABTestDuration``), after the sample size, as always.
    static let daily = TypedOption.number("daily", "visitors (or orders for aov) per day, for the duration")
    /// Checked when the duration is worked out (``ABTestDuration``).
    static let traffic = TypedOption.share("traffic", default: "100%", "share of daily traffic that enters the test")
    static let sd = TypedOption.money("sd", "size aov: standard deviation of order value (default: from the data)")
    static let segment = TypedOption.text("segment", "size aov: take the standard deviation from this segment's orders")

    // MARK: Reading results: analyze

    /// Variant letters accepted as count options (`a=120/4000 b=150/4010 …`).
    static let variantLetters = ["a", "b", "c", "d", "e", "f", "g", "h"]
    /// `a=120/4000` … `h=…`: conversions/visitors of each variant, checked with the variant named.
    static let counts: [TypedOption<VariantCountsText>] = variantLetters.map { letter in
        TypedOption(OptionSpec(letter, .text, "analyze: conversions/visitors of variant \(letter)" + (letter == "a" ? ", e.g. 120/4000" : "")),
                    parse: { VariantCountsText($0) }, check: { counts, raw in counts.problem(name: letter, raw: raw) })
    }
    static let control = TypedOption.text("control", "analyze: the control variant (default: the first)")
    /// Checked with the other conversion options (``ConversionInput``).
    static let looks = TypedOption.integer("looks", default: "1", "analyze: how many times the results were checked")
    static let days = TypedOption.integer("days", "analyze: days the test ran (a dataset gives it from the order times)")
    static let planned = TypedOption.integer("planned", "analyze: planned visitors per variant")
    static let variant = TypedOption.text("variant", .column, "analyze: the column holding the variant (default: the variant role)")
    static let visitors = TypedOption.list("visitors", "analyze on a dataset: visitors per variant, e.g. A:52000,B:51800")

    // MARK: Simulation and seeds

    static let n = TypedOption.integer("n", "simulate: visitors per variant (default: the planned size)")
    static let runs = TypedOption.integer("runs", default: "20000", "simulate: simulated experiments")
    /// Checked where the seed is used (``ABFormat/seed(_:places:session:)``).
    static let seed = TypedOption.integer("seed", "random seed (default: 'set seed = N', else the session default)")

    // MARK: Flags

    static let relative = FlagSpec("relative", "mde is relative to the baseline (default)")
    static let absolute = FlagSpec("absolute", "mde is in percentage points")
    static let sequential = FlagSpec("sequential", "analyze: add an always-valid (mSPRT) interval")

    /// Every option, in the order `help abtest` lists them (each form takes a subset).
    static let all: [OptionSpec] =
        [baseline.spec, mde.spec, alpha.spec, power.spec, sided.spec, variants.spec, method.spec, daily.spec, traffic.spec,
         sd.spec, segment.spec, DatasetOption.spec] + counts.map(\.spec)
        + [control.spec, looks.spec, days.spec, planned.spec, variant.spec, visitors.spec, n.spec, runs.spec, seed.spec]
    /// Every flag, in help order.
    static let flags = [relative, absolute, sequential]
}

/// The text of a count option (`120/4000`) read as conversions/visitors; `nil` counts when it is not two
/// whole numbers (the option's check names the problem).
struct VariantCountsText: Sendable {
    let conversions: Int?
    let visitors: Int?

    init(_ text: String) {
        let cleaned = text.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "_", with: "")
        let parts = cleaned.split(separator: "/", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        conversions = parts.count == 2 ? Int(parts[0]) : nil
        visitors = parts.count == 2 ? Int(parts[1]) : nil
    }

    /// What is wrong with these counts as option `name` (typed `raw`), or nil.
    func problem(name: String, raw: String) -> OptionProblem? {
        guard let x = conversions, let n = visitors else {
            return OptionProblem("option '\(name)' got '\(raw)': expected conversions/visitors such as 120/4000",
                                 hint: "write each variant as conversions/visitors, e.g. a=120/4000 b=150/4010")
        }
        guard x >= 0, n >= 0 else { return OptionProblem("option '\(name)' got '\(raw)': counts must be zero or more") }
        guard n > 0 else {
            return OptionProblem("option '\(name)' got '\(raw)': variant '\(name)' has no visitors",
                                 hint: "write counts as conversions/visitors, e.g. \(name)=120/4000")
        }
        guard x <= n else {
            return OptionProblem("option '\(name)' got '\(raw)': \(ABFormat.count(x)) conversions exceed \(ABFormat.count(n)) visitors",
                                 hint: "write counts as conversions/visitors (conversions first), e.g. \(name)=\(n)/\(x)")
        }
        return nil
    }
}
