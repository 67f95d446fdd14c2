import UpshellAnalytics
import UpshellCore

/// `abtest size baseline=RATE mde=SHARE …`: visitors per variant to detect a change in a conversion rate,
/// and the expected duration.
struct ABTestSize: ShellCommand {
    static let spec = CommandSpec(
        name: "abtest size", group: .experiments,
        abstract: "visitors per variant to detect a change in a conversion rate, and the expected duration",
        synopsis: ["abtest size baseline=RATE mde=SHARE [relative|absolute] [alpha=0.05] [power=0.8] [sided=two|one] [variants=2] [method=pooled|evanmiller|arcsine] [daily=N] [traffic=100%] [data=NAME]"],
        options: [ABTestOptions.baseline.spec, ABTestOptions.mde.spec, ABTestOptions.alpha.spec, ABTestOptions.power.spec,
                  ABTestOptions.sided.spec, ABTestOptions.variants.spec, ABTestOptions.method.spec, ABTestOptions.daily.spec,
                  ABTestOptions.traffic.spec, DatasetOption.spec],
        flags: [ABTestOptions.relative, ABTestOptions.absolute],
        examples: ["abtest size baseline=3.2% mde=10%", "abtest size baseline=20% mde=5% absolute method=evanmiller"])

    let request: ProportionSampleSizeRequest
    let duration: ABTestDuration

    init(arguments: Arguments) throws {
        request = try ProportionSampleSizeRequest(abtest: arguments, form: "size")
        duration = try ABTestDuration(arguments)
    }

    func run(in session: Session) throws -> CommandOutput {
        let plan = try SampleSize.proportions(request)
        let sidedText = request.sidedness == .twoSided ? "two-sided" : "one-sided"
        var items: [(name: String, value: Value, format: ValueFormat)] = [
            ("method", .text(request.method.rawValue), .text),
            ("baseline rate", .double(request.baseline), .percent(2)),
            ("target rate", .double(plan.targetRate), .percent(2)),
            ("absolute effect (points)", .double(plan.absoluteEffect * 100), .decimal(2)),
            ("relative effect", .double(plan.relativeEffect), .percent(1)),
            ("alpha (\(sidedText))", .double(request.alpha), .decimal(3)),
        ]
        if plan.comparisons > 1 { items.append(("alpha per comparison", .double(plan.adjustedAlpha), .decimal(4))) }
        items += [
            ("power", .double(request.power), .percent(0)),
            ("visitors per variant", .int(plan.perVariant), .integer),
            ("variants", .int(request.variants), .integer),
            ("total visitors", .int(plan.total), .integer),
            ("expected control conversions", .double(plan.expectedControlConversions), .decimal(0)),
        ]
        var out = CommandOutput([.values(title: "Sample size for a conversion rate", items)])
        out.append(.note("formula: \(request.method.formulaDescription)"))
        if let note = plan.adjustmentNote { out.append(.note(note)) }
        try duration.append(to: &out, perVariant: plan.perVariant, variants: request.variants, unit: "visitors",
                            baseline: request.baseline, session: session)
        if plan.expectedControlConversions < 350 {
            out.append(.warning("control expects only \(NumberFormat.grouped(plan.expectedControlConversions, decimals: 0)) conversions at this size; results are fragile below about 350–400 per variant"))
        }
        return out
    }
}
