import UpshellAnalytics
import UpshellCore
import UpshellData

/// `abtest size aov mde=AMOUNT|SHARE …`: orders per variant to detect a change in average order value
/// (Welch t-test), with the spread from `sd=`, the data or a segment's orders, and the expected duration.
struct ABTestSizeAOV: ShellCommand {
    static let spec = CommandSpec(
        name: "abtest size aov", group: .experiments,
        abstract: "orders per variant to detect a change in average order value, and the expected duration",
        synopsis: ["abtest size aov mde=AMOUNT|SHARE [sd=AMOUNT] [data=NAME] [segment=NAME] [alpha=…] [power=…] [sided=…] [variants=…] [daily=N] [traffic=…]"],
        options: [ABTestOptions.mde.spec, ABTestOptions.alpha.spec, ABTestOptions.power.spec, ABTestOptions.sided.spec,
                  ABTestOptions.variants.spec, ABTestOptions.daily.spec, ABTestOptions.traffic.spec, ABTestOptions.sd.spec,
                  ABTestOptions.segment.spec, DatasetOption.spec],
        examples: ["abtest size aov mde=$2"])

    /// `mde=` read for a mean: an amount (`$2`) or a share of the current AOV (`2%`).
    enum Effect: Sendable {
        case amount(Double)
        case relative(Double)
    }

    /// The spread of order value (and the mean, for a relative mde), with where it came from.
    struct Spread {
        var sd: Double?
        var mean: Double?
        var source: String
    }

    let mdeText: String
    /// `nil` when `mde=` is neither an amount nor a share: reported after the spread, as always.
    let effect: Effect?
    let settings: ABTestSettings
    let sd: Double?
    let sdText: String?
    let segment: String?
    let duration: ABTestDuration
    let places: ArgumentPlaces

    init(arguments: Arguments) throws {
        guard let mdeText = try arguments.value(ABTestOptions.mde) else {
            throw arguments.error("'abtest size aov' needs mde=AMOUNT, the smallest change in AOV worth detecting", at: nil,
                                  hint: "example: abtest size aov mde=$2 (or mde=2% of the current AOV)")
        }
        self.mdeText = mdeText
        if mdeText.hasSuffix("%") {
            effect = ValueParser.share(mdeText).map(Effect.relative)
        } else {
            effect = ValueParser.money(mdeText).map(Effect.amount)
        }
        settings = try ABTestSettings(arguments)
        sd = try arguments.value(ABTestOptions.sd)
        sdText = arguments.options[ABTestOptions.sd.spec.name]?.text
        segment = try arguments.value(ABTestOptions.segment)
        if sd != nil, !mdeText.hasSuffix("%"), segment != nil {
            throw arguments.error("option 'segment' is not used when sd= is given", at: arguments.options[ABTestOptions.segment.spec.name],
                                  hint: "leave out sd= to estimate it from the segment's orders")
        }
        duration = try ABTestDuration(arguments)
        places = arguments.places
    }

    func run(in session: Session) throws -> CommandOutput {
        let spread = try self.spread(session)
        guard let sigma = spread.sd, sigma > 0, sigma.isFinite else {
            throw places.error("option 'sd' got '\(sdText ?? "")': the standard deviation must be positive", option: "sd")
        }
        let delta = try self.delta(mean: spread.mean)
        let s = settings
        let plan = try SampleSize.mean(MeanSampleSizeRequest(absoluteEffect: delta, standardDeviation: sigma, alpha: s.alpha,
                                                             power: s.power, sidedness: s.sided, variants: s.variants))
        var items: [(name: String, value: Value, format: ValueFormat)] = [
            ("method", .text("welch"), .text),
            ("effect (AOV change)", .double(abs(delta)), .money),
        ]
        if let m = spread.mean { items.append(("current AOV", .double(m), .money)); items.append(("relative effect", .double(abs(delta) / m), .percent(1))) }
        items += [
            ("sd of order value", .double(sigma), .money),
            ("alpha (\(s.sided == .twoSided ? "two-sided" : "one-sided"))", .double(s.alpha), .decimal(3)),
        ]
        if s.variants > 2 { items.append(("alpha per comparison", .double(plan.adjustedAlpha), .decimal(4))) }
        items += [
            ("power", .double(s.power), .percent(0)),
            ("orders per variant", .int(plan.perVariant), .integer),
            ("variants", .int(s.variants), .integer),
            ("total orders", .int(plan.total), .integer),
        ]
        var out = CommandOutput([.values(title: "Sample size for average order value", items)])
        out.append(.note("formula: Welch t-test, n = (t_a + t_b)²·(sd1² + sd2²)/effect², iterated on the Welch–Satterthwaite degrees of freedom (\(NumberFormat.grouped(plan.degreesOfFreedom, decimals: 0))); normal approximation \(NumberFormat.grouped(plan.normalApproximation.rounded(.up), decimals: 0))"))
        out.append(.note("sd source: \(spread.source)"))
        if let note = plan.adjustmentNote { out.append(.note(note)) }
        try duration.append(to: &out, perVariant: plan.perVariant, variants: s.variants, unit: "orders", baseline: nil, session: session)
        out.append(.note("order values are heavy-tailed: check the result with the bootstrap and Mann–Whitney in 'abtest analyze'"))
        return out
    }

    /// σ from `sd=`, else (and the mean, for a relative mde) from the order values of the data or a segment.
    private func spread(_ session: Session) throws -> Spread {
        let relative = mdeText.hasSuffix("%")
        guard sd == nil || relative else { return Spread(sd: sd, mean: nil, source: "sd= as given") }
        let needed = sd == nil ? "the standard deviation of order value" : "the current AOV for a relative mde"
        let ds: Dataset
        do {
            ds = try session.datasets.resolve(duration.data)
        } catch {
            if duration.data != nil { throw error }
            throw places.error("'abtest size aov' needs \(needed): give sd=AMOUNT or load a dataset", option: nil,
                               hint: "example: abtest size aov mde=$2 sd=$85")
        }
        guard let model = ds.orders, model.hasMoney else {
            throw SessionError("'\(ds.name)' has no order values", hint: "give sd=AMOUNT, or map unit-price")
        }
        var values = Array(model.orders.value)
        var scope = "orders of '\(ds.name)'"
        if let segment {
            let (seg, index) = try session.segments.find(segment: segment, in: ds.name)
            values = zip(values, seg.segmentOfOrder).compactMap { $1 == Int32(index) ? $0 : nil }
            scope = "orders of segment '\(seg.labels[index])' in '\(ds.name)'"
        }
        guard values.count >= 2 else {
            throw SessionError("too few orders (\(values.count)) to estimate the spread of order value", hint: "give sd=AMOUNT")
        }
        let summary = SampleSummary(values)
        guard sd == nil else { return Spread(sd: sd, mean: summary.mean, source: "sd= as given") }
        return Spread(sd: summary.standardDeviation, mean: summary.mean,
                      source: "standard deviation of order value over \(ABFormat.count(values.count)) \(scope)")
    }

    /// The change in AOV to detect, in money: `mde=` as an amount, or as a share of `mean`.
    private func delta(mean: Double?) throws -> Double {
        let malformed = places.error("option 'mde' got '\(mdeText)': expected an amount such as $2 or a share such as 2%", option: "mde")
        let delta: Double
        switch effect {
        case let .relative(r)?:
            guard let mean else { throw malformed }
            delta = r * mean
        case let .amount(d)?:
            delta = d
        case nil:
            throw malformed
        }
        guard delta != 0 else {
            throw places.error("option 'mde' got '\(mdeText)': the effect must not be zero", option: "mde", hint: "example: mde=$2")
        }
        return delta
    }
}
