import UpshellAnalytics
import UpshellCore

/// `abtest analyze a=120/4000 b=150/4010 …`: a conversion experiment read from counts.
struct ABTestCountsAnalysis: ShellCommand {
    static let spec = CommandSpec(
        name: "abtest analyze", group: .experiments,
        abstract: "read a conversion experiment from counts: rates, lifts, p-values, guard rails",
        synopsis: ["abtest analyze a=CONV/VISITORS b=CONV/VISITORS [c=…] [control=a] [looks=N] [days=N] [planned=N] [sequential]"],
        options: ABTestOptions.counts.map(\.spec)
            + [ABTestOptions.control.spec, ABTestOptions.looks.spec, ABTestOptions.days.spec, ABTestOptions.planned.spec],
        flags: [ABTestOptions.sequential],
        examples: ["abtest analyze a=120/4000 b=150/4010", "abtest analyze a=120/4000 b=150/4010 looks=5 sequential"])

    let counts: [VariantCounts]
    /// Checked options; `looks` as given (``run(in:)`` raises it to the looks taken in this session).
    let options: ConversionAnalysisOptions

    init(arguments: Arguments) throws {
        counts = try ABTestOptions.counts.compactMap { option in
            guard let text = try arguments.value(option), let x = text.conversions, let n = text.visitors else { return nil }
            return VariantCounts(name: option.spec.name, conversions: x, visitors: n)
        }
        guard counts.count >= 2 else {
            throw arguments.error("'abtest analyze' needs at least two variants, got only '\(counts.first?.name ?? "")'", at: nil,
                                  hint: "example: abtest analyze a=120/4000 b=150/4010")
        }
        options = try ConversionInput(arguments).options(names: counts.map(\.name), places: arguments.places)
    }

    /// Counts this analysis as one more look at experiment `key` in the session; returns the looks so far.
    static func recordLook(_ session: Session, key: String) -> Int {
        session.experimentLooks[key, default: 0] += 1
        return session.experimentLooks[key]!
    }

    func run(in session: Session) throws -> CommandOutput {
        let looked = Self.recordLook(session, key: "counts:" + counts.map(\.name).joined(separator: ","))
        var options = self.options
        options.looks = max(options.looks, looked)
        let analysis = try ExperimentAnalysis.conversions(counts, options: options)
        var out = CommandOutput(Self.blocks(analysis, title: "Conversion by variant", unit: "visitors", event: "conversions"))
        if analysis.options.daysRun == nil {
            out.append(.note("give days=N to check the test ran two full weekly cycles"))
        }
        if !options.sequential {
            out.append(.note(options.looks > 1
                ? "\(options.looks) looks at this test (looks= or repeated 'abtest analyze' in this session): add 'sequential' for an always-valid interval"
                : "p-values assume one look at a planned sample size; if you check repeatedly, add looks=N and 'sequential'"))
        }
        out.blocks += ABFormat.unique(analysis.warnings)
        return out
    }

    /// Tables of a conversion analysis: per variant with Wilson intervals, then each comparison with control.
    static func blocks(_ a: ConversionAnalysis, title: String, unit: String, event: String) -> [OutputBlock] {
        let level = NumberFormat.percent(a.options.level, decimals: 0)
        var perVariant = ResultTable(title: title, columns: [
            ResultColumn("variant"), ResultColumn(unit, .integer), ResultColumn(event, .integer),
            ResultColumn("rate", .percent(2)), ResultColumn("\(level) interval (Wilson)", .percent(2), align: .left)])
        for (i, v) in a.variants.enumerated() {
            perVariant.append([.text(v.name + (i == a.controlIndex ? " (control)" : "")), .int(v.visitors), .int(v.conversions),
                               .double(v.rate), .interval(v.interval.lower, v.interval.upper)])
        }
        let several = a.comparisons.count > 1
        var columns = [ResultColumn("variant"), ResultColumn("lift", .points(2), align: .left),
                       ResultColumn("\(level) interval", .points(2), align: .left),
                       ResultColumn("relative lift", .signedPercent(1), align: .left),
                       ResultColumn("\(level) interval (relative)", .signedPercent(1), align: .left),
                       ResultColumn("z", .decimal(3), align: .left), ResultColumn("p (z-test)", .pValue, align: .left),
                       ResultColumn("p (chi-square)", .pValue, align: .left)]
        if several { columns.append(ResultColumn("p (Holm)", .pValue, align: .left)) }
        var comparisons = ResultTable(title: "Against control '\(a.control.name)'", columns: columns)
        for c in a.comparisons {
            var row: [Value] = [.text(c.variant), .double(c.absoluteLift), ABFormat.interval(c.absoluteInterval),
                                c.relativeLift.map(Value.double) ?? .null, c.relativeInterval.map(ABFormat.interval) ?? .null,
                                .double(c.zTest.z), .double(c.zTest.pValue), .double(c.chiSquare.pValue)]
            if several { row.append(.double(c.adjustedPValue)) }
            comparisons.append(row)
        }
        var blocks: [OutputBlock] = [.table(perVariant), .table(comparisons)]
        let sequential = a.comparisons.compactMap { c in c.sequential.map { (c.variant, $0) } }
        if !sequential.isEmpty {
            var seq = ResultTable(title: "Always-valid \(level) interval (mSPRT), safe under repeated looks", columns: [
                ResultColumn("variant"), ResultColumn("lift", .points(2), align: .left),
                ResultColumn("always-valid interval", .points(2), align: .left), ResultColumn("always-valid p", .pValue, align: .left),
                ResultColumn("tau (points)", .decimal(2))])
            for (name, s) in sequential {
                seq.append([.text(name), .double(s.difference), ABFormat.interval(s.interval),
                            .double(s.alwaysValidPValue), .double(s.mixingStandardDeviation * 100)])
            }
            blocks.append(.table(seq))
            blocks.append(.note("mSPRT with a normal mixture (Johari et al. 2017); tau = 10% of the control rate, floored at 0.1 points"))
        }
        blocks.append(.note("intervals: Wilson per variant; lift: Wald (unpooled); relative lift: log ratio; z-test pooled; chi-square \(a.comparisons.first?.chiSquare.yatesCorrected == true ? "with Yates' correction" : "without correction")"))
        if several {
            blocks.append(.note("overall chi-square across \(a.variants.count) variants: \(NumberFormat.pClause(a.overall.pValue)); p (Holm) adjusts for \(a.comparisons.count) comparisons with control"))
        }
        blocks.append(.note("sample ratio: chi-square on the \(unit) split, \(NumberFormat.pClause(a.sampleRatio.pValue)) (warns below 0.001)"))
        return blocks
    }
}

/// The options the counts and dataset forms share — control, looks, days, planned, sequential — read once.
struct ConversionInput: Sendable {
    let control: String?
    let looks: Int
    let days: Int?
    let planned: Int?
    let sequential: Bool

    init(_ arguments: Arguments) throws {
        control = try arguments.value(ABTestOptions.control)
        looks = try arguments.value(ABTestOptions.looks)
        days = try arguments.value(ABTestOptions.days)
        planned = try arguments.value(ABTestOptions.planned)
        sequential = arguments.flag(ABTestOptions.sequential)
    }

    /// The analysis options for an experiment with variants `names`, checked in this order: control, looks,
    /// days, planned (errors put the caret under the option).
    func options(names: [String], places: ArgumentPlaces) throws -> ConversionAnalysisOptions {
        var options = ConversionAnalysisOptions()
        if let control {
            guard let match = names.first(where: { $0.lowercased() == control.lowercased() }) else {
                throw places.error("option 'control' got '\(control)': no such variant among \(names.map { "'\($0)'" }.joined(separator: ", "))",
                                   option: "control", hint: Suggestions.didYouMean(control, in: names) ?? "control= names one of the variants")
            }
            options.control = match
        }
        guard looks >= 1 else {
            throw places.error("option 'looks' got '\(looks)': expected 1 or more", option: "looks",
                               hint: "looks counts how often the results were checked, 1 for a single final look")
        }
        options.looks = looks
        if let days {
            guard days >= 1 else { throw places.error("option 'days' got '\(days)': expected 1 or more", option: "days") }
            options.daysRun = days
        }
        if let planned {
            guard planned >= 1 else { throw places.error("option 'planned' got '\(planned)': expected 1 or more", option: "planned") }
            options.plannedPerVariant = planned
        }
        options.sequential = sequential
        return options
    }
}
