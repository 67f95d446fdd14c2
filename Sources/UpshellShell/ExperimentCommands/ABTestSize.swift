import Foundation
import UpshellAnalytics
import UpshellCore
import UpshellData

/// `abtest size …` and `abtest size aov …`: per-variant sample sizes and the expected duration.
struct ABTestSize {
    let arguments: Arguments

    // MARK: Shared option parsing

    /// α, power and sidedness, checked with the option named.
    static func testSettings(_ arguments: Arguments) throws -> (alpha: Double, power: Double, sided: Sidedness, variants: Int) {
        let alpha = try arguments.number("alpha") ?? 0.05
        guard alpha > 0, alpha < 1 else {
            throw arguments.error("option 'alpha' got '\(arguments.text("alpha") ?? "")': expected a number strictly between 0 and 1",
                                  at: arguments.options["alpha"], hint: "alpha is the false-positive rate, usually 0.05")
        }
        var power = try arguments.number("power") ?? 0.8
        if let raw = arguments.options["power"]?.text, raw.hasSuffix("%") { power /= 100 }
        guard power > 0, power < 1 else {
            throw arguments.error("option 'power' got '\(arguments.text("power") ?? "")': expected a number strictly between 0 and 1",
                                  at: arguments.options["power"], hint: "power is the chance to detect a real effect, usually 0.8")
        }
        guard power > alpha else {
            throw arguments.error("option 'power' got '\(arguments.text("power") ?? "")': power must be larger than alpha (\(NumberFormat.plain(alpha)))",
                                  at: arguments.options["power"] ?? arguments.options["alpha"], hint: "use e.g. alpha=0.05 power=0.8")
        }
        let sided = Sidedness(rawValue: arguments.choice("sided") ?? "two") ?? .twoSided
        let variants = try arguments.integer("variants") ?? 2
        guard variants >= 2, variants <= 100 else {
            throw arguments.error("option 'variants' got '\(variants)': expected 2 to 100 arms including control",
                                  at: arguments.options["variants"], hint: "use variants=2 for a simple A/B test")
        }
        return (alpha, power, sided, variants)
    }

    /// The proportion request of `size` and `simulate`, with every bad input named by option.
    static func proportionRequest(_ arguments: Arguments) throws -> ProportionSampleSizeRequest {
        guard let baseline = try arguments.share("baseline") else {
            throw arguments.error("'abtest \(arguments.positionals.first?.text.lowercased() ?? "size")' needs baseline=RATE, the control's conversion rate",
                                  at: nil, hint: "example: abtest size baseline=3.2% mde=10%")
        }
        guard baseline > 0, baseline < 1 else {
            throw arguments.error("option 'baseline' got '\(arguments.text("baseline") ?? "")': the rate must be strictly between 0% and 100%",
                                  at: arguments.options["baseline"], hint: "give the control's current conversion rate, e.g. baseline=3.2%")
        }
        guard let mdeText = arguments.text("mde") else {
            throw arguments.error("'abtest \(arguments.positionals.first?.text.lowercased() ?? "size")' needs mde=SHARE, the smallest effect worth detecting", at: nil,
                                  hint: "mde=10% is a 10% relative lift; add 'absolute' for percentage points (mde=0.5% absolute)")
        }
        guard let mde = ValueParser.share(mdeText) else {
            throw arguments.error("option 'mde' got '\(mdeText)': expected a share such as 10% or 0.1", at: arguments.options["mde"])
        }
        guard mde != 0 else {
            throw arguments.error("option 'mde' got '\(mdeText)': the effect must not be zero", at: arguments.options["mde"],
                                  hint: "give the smallest lift worth detecting, e.g. mde=10%")
        }
        let absolute = arguments.flags.contains("absolute")
        let target = absolute ? baseline + mde : baseline * (1 + mde)
        guard target > 0, target < 1 else {
             let how = absolute ? "\(mde < 0 ? "minus" : "plus") \(NumberFormat.grouped(abs(mde) * 100, decimals: 2)) points" : "times \(NumberFormat.plain(1 + mde))"
            throw arguments.error("option 'mde' got '\(mdeText)': baseline \(NumberFormat.percent(baseline, decimals: 2)) \(how) is \(NumberFormat.percent(target, decimals: 2)), outside 0%–100%",
                                  at: arguments.options["mde"], hint: absolute ? "use a smaller effect" : "use a smaller effect, or 'absolute' if you meant percentage points")
        }
        let s = try testSettings(arguments)
        let method = ProportionSampleSizeMethod(rawValue: arguments.choice("method") ?? "pooled") ?? .pooled
        return ProportionSampleSizeRequest(baseline: baseline, effect: absolute ? .absolute(mde) : .relative(mde),
                                           alpha: s.alpha, power: s.power, sidedness: s.sided, variants: s.variants, method: method)
    }

    // MARK: Proportions

    func proportion(_ session: Session) throws -> CommandOutput {
        let request = try Self.proportionRequest(arguments)
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
        try appendDuration(to: &out, perVariant: plan.perVariant, variants: request.variants, unit: "visitors",
                           baseline: request.baseline, session: session)
        if plan.expectedControlConversions < 350 {
            out.append(.warning("control expects only \(NumberFormat.grouped(plan.expectedControlConversions, decimals: 0)) conversions at this size; results are fragile below about 350–400 per variant"))
        }
        return out
    }

    // MARK: Means

    func mean(_ session: Session) throws -> CommandOutput {
        guard let mdeText = arguments.text("mde") else {
            throw arguments.error("'abtest size aov' needs mde=AMOUNT, the smallest change in AOV worth detecting", at: nil,
                                  hint: "example: abtest size aov mde=$2 (or mde=2% of the current AOV)")
        }
        let s = try Self.testSettings(arguments)
        var out = CommandOutput()
        // σ (and the mean, for a relative mde) from sd= or the data.
        var sd = try arguments.money("sd")
        var meanValue: Double? = nil
        var source = "sd= as given"
        if sd == nil || mdeText.hasSuffix("%") {
            let needed = sd == nil ? "the standard deviation of order value" : "the current AOV for a relative mde"
            guard let ds = try? DatasetOption.dataset(arguments, session) else {
                if arguments.has("data") { _ = try DatasetOption.dataset(arguments, session) }
                throw arguments.error("'abtest size aov' needs \(needed): give sd=AMOUNT or load a dataset", at: nil,
                                      hint: "example: abtest size aov mde=$2 sd=$85")
            }
            guard let model = ds.orders, model.hasMoney else {
                throw SessionError("'\(ds.name)' has no order values", hint: "give sd=AMOUNT, or map unit-price")
            }
            var values = Array(model.orders.value)
            var scope = "orders of '\(ds.name)'"
            if let segmentName = arguments.text("segment") {
                let (seg, index) = try session.segments.find(segment: segmentName, in: ds.name)
                values = zip(values, seg.segmentOfOrder).compactMap { $1 == Int32(index) ? $0 : nil }
                scope = "orders of segment '\(seg.labels[index])' in '\(ds.name)'"
            }
            guard values.count >= 2 else {
                throw SessionError("too few orders (\(values.count)) to estimate the spread of order value", hint: "give sd=AMOUNT")
            }
            let summary = SampleSummary(values)
            meanValue = summary.mean
            if sd == nil {
                sd = summary.standardDeviation
                source = "standard deviation of order value over \(ABFormat.count(values.count)) \(scope)"
            }
        } else if arguments.has("segment") {
            throw arguments.error("option 'segment' is not used when sd= is given", at: arguments.options["segment"],
                                  hint: "leave out sd= to estimate it from the segment's orders")
        }
        guard let sigma = sd, sigma > 0, sigma.isFinite else {
            throw arguments.error("option 'sd' got '\(arguments.text("sd") ?? "")': the standard deviation must be positive", at: arguments.options["sd"])
        }
        let delta: Double
        if mdeText.hasSuffix("%") {
            guard let r = ValueParser.share(mdeText), let m = meanValue else {
                throw arguments.error("option 'mde' got '\(mdeText)': expected an amount such as $2 or a share such as 2%", at: arguments.options["mde"])
            }
            delta = r * m
        } else {
            guard let d = ValueParser.money(mdeText) else {
                throw arguments.error("option 'mde' got '\(mdeText)': expected an amount such as $2 or a share such as 2%", at: arguments.options["mde"])
            }
            delta = d
        }
        guard delta != 0 else {
            throw arguments.error("option 'mde' got '\(mdeText)': the effect must not be zero", at: arguments.options["mde"], hint: "example: mde=$2")
        }
        let plan = try SampleSize.mean(MeanSampleSizeRequest(absoluteEffect: delta, standardDeviation: sigma, alpha: s.alpha,
                                                             power: s.power, sidedness: s.sided, variants: s.variants))
        var items: [(name: String, value: Value, format: ValueFormat)] = [
            ("method", .text("welch"), .text),
            ("effect (AOV change)", .double(abs(delta)), .money),
        ]
        if let m = meanValue { items.append(("current AOV", .double(m), .money)); items.append(("relative effect", .double(abs(delta) / m), .percent(1))) }
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
        out.append(.values(title: "Sample size for average order value", items))
        out.append(.note("formula: Welch t-test, n = (t_a + t_b)²·(sd1² + sd2²)/effect², iterated on the Welch–Satterthwaite degrees of freedom (\(NumberFormat.grouped(plan.degreesOfFreedom, decimals: 0))); normal approximation \(NumberFormat.grouped(plan.normalApproximation.rounded(.up), decimals: 0))"))
        out.append(.note("sd source: \(source)"))
        if let note = plan.adjustmentNote { out.append(.note(note)) }
        try appendDuration(to: &out, perVariant: plan.perVariant, variants: s.variants, unit: "orders", baseline: nil, session: session)
        out.append(.note("order values are heavy-tailed: check the result with the bootstrap and Mann–Whitney in 'abtest analyze'"))
        return out
    }

    // MARK: Duration

    /// Appends the expected duration from `daily=` or the dataset's mean daily orders (saying which).
    private func appendDuration(to out: inout CommandOutput, perVariant: Int, variants: Int, unit: String,
                                baseline: Double?, session: Session) throws {
        let traffic = try arguments.share("traffic") ?? 1
        guard traffic > 0, traffic <= 1 else {
            throw arguments.error("option 'traffic' got '\(arguments.text("traffic") ?? "")': expected a share above 0% and at most 100%",
                                  at: arguments.options["traffic"], hint: "traffic=50% sends half of the daily visitors into the test")
        }
        let trafficNote = traffic < 1 ? " × \(NumberFormat.percent(traffic, decimals: 0)) in the test" : ""
        if let daily = try arguments.number("daily") {
            guard daily > 0 else {
                throw arguments.error("option 'daily' got '\(arguments.text("daily") ?? "")': expected a positive number of \(unit) per day",
                                      at: arguments.options["daily"])
            }
            let d = try ExperimentDuration(perVariant: perVariant, variants: variants, daily: daily, trafficShare: traffic)
            out.append(.values(title: "Expected duration", [
                ("\(unit) per day in the test", .double(d.dailyInTest), .decimal(0)),
                ("days", .int(d.days), .integer),
                ("recommended days (whole weeks, at least 14)", .int(d.recommendedDays), .integer),
            ]))
            out.append(.note("daily traffic: daily=\(arguments.text("daily") ?? "")\(trafficNote)"))
            return
        }
        // From the dataset's mean daily orders, when one is loaded (or named) and has times.
        let ds: Dataset?
        if arguments.has("data") { ds = try DatasetOption.dataset(arguments, session) } else { ds = try? session.datasets.resolve(nil) }
        guard let ds, let model = ds.orders, model.hasTimes, let range = model.dateRange, model.orders.count > 0 else {
            out.append(.note("give daily=N (\(unit) per day) for the expected duration"))
            return
        }
        let days = ExperimentUnits.daysCovered(first: Date(timeIntervalSince1970: TimeInterval(range.lowerBound)),
                                               last: Date(timeIntervalSince1970: TimeInterval(range.upperBound)))
        let perDay = Double(model.orders.count) / Double(max(1, days))
        var table = ResultTable(title: "Expected duration", columns: [
            ResultColumn("test unit"), ResultColumn("per day in test", .decimal(0)), ResultColumn("days", .integer),
            ResultColumn("recommended days", .integer)])
        let asOrders = try ExperimentDuration(perVariant: perVariant, variants: variants, daily: perDay, trafficShare: traffic)
        if let baseline {
            let visitors = try ExperimentDuration(perVariant: perVariant, variants: variants, daily: perDay / baseline, trafficShare: traffic)
            table.append([.text("visitors converting at the baseline (orders ÷ baseline)"), .double(visitors.dailyInTest), .int(visitors.days), .int(visitors.recommendedDays)])
            table.append([.text("orders (e.g. for an attach rate)"), .double(asOrders.dailyInTest), .int(asOrders.days), .int(asOrders.recommendedDays)])
        } else {
            table.append([.text("orders"), .double(asOrders.dailyInTest), .int(asOrders.days), .int(asOrders.recommendedDays)])
        }
        out.append(.table(table))
        out.append(.note("daily traffic estimated from '\(ds.name)': \(ABFormat.count(model.orders.count)) orders over \(ABFormat.count(days)) days = \(NumberFormat.grouped(perDay, decimals: 1)) orders/day\(trafficNote); give daily=N for your real traffic"))
        out.append(.note("recommended days round up to whole weeks and at least 14 days (two weekly cycles)"))
    }
}
