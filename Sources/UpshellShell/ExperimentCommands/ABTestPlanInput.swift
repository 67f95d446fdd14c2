import Foundation
import UpshellAnalytics
import UpshellCore
import UpshellData

/// α, power, sidedness and arms of a planned test (`size`, `size aov`, `simulate`), read from the words.
struct ABTestSettings: Sendable {
    let alpha: Double
    let power: Double
    let sided: Sidedness
    let variants: Int

    /// Reads and checks the settings in this order: alpha, power, power above alpha, sided, variants.
    init(_ arguments: Arguments) throws {
        alpha = try arguments.value(ABTestOptions.alpha)
        power = try arguments.value(ABTestOptions.power)
        guard power > alpha else {
            throw arguments.error("option 'power' got '\(arguments.text(ABTestOptions.power))': power must be larger than alpha (\(NumberFormat.plain(alpha)))",
                                  at: arguments.options["power"] ?? arguments.options["alpha"], hint: "use e.g. alpha=0.05 power=0.8")
        }
        sided = try arguments.value(ABTestOptions.sided)
        variants = try arguments.value(ABTestOptions.variants)
    }
}

extension ProportionSampleSizeRequest {
    /// The request of `abtest size` and `abtest simulate` (`form`), every bad input named by option.
    init(abtest arguments: Arguments, form: String) throws {
        if arguments.flag(ABTestOptions.relative) && arguments.flag(ABTestOptions.absolute) {
            throw LanguageError("give either 'relative' or 'absolute', not both", hint: "relative (the default): mde=10% of the baseline; absolute: mde=0.5% points")
        }
        guard let baseline = try arguments.value(ABTestOptions.baseline) else {
            throw arguments.error("'abtest \(form)' needs baseline=RATE, the control's conversion rate",
                                  at: nil, hint: "example: abtest size baseline=3.2% mde=10%")
        }
        guard let mdeText = try arguments.value(ABTestOptions.mde) else {
            throw arguments.error("'abtest \(form)' needs mde=SHARE, the smallest effect worth detecting", at: nil,
                                  hint: "mde=10% is a 10% relative lift; add 'absolute' for percentage points (mde=0.5% absolute)")
        }
        let mdeToken = arguments.options[ABTestOptions.mde.spec.name]
        guard let mde = ValueParser.share(mdeText) else {
            throw arguments.error("option 'mde' got '\(mdeText)': expected a share such as 10% or 0.1", at: mdeToken)
        }
        guard mde != 0 else {
            throw arguments.error("option 'mde' got '\(mdeText)': the effect must not be zero", at: mdeToken,
                                  hint: "give the smallest lift worth detecting, e.g. mde=10%")
        }
        let absolute = arguments.flag(ABTestOptions.absolute)
        let target = absolute ? baseline + mde : baseline * (1 + mde)
        guard target > 0, target < 1 else {
            let how = absolute ? "\(mde < 0 ? "minus" : "plus") \(NumberFormat.grouped(abs(mde) * 100, decimals: 2)) points" : "times \(NumberFormat.plain(1 + mde))"
            throw arguments.error("option 'mde' got '\(mdeText)': baseline \(NumberFormat.percent(baseline, decimals: 2)) \(how) is \(NumberFormat.percent(target, decimals: 2)), outside 0%–100%",
                                  at: mdeToken, hint: absolute ? "use a smaller effect" : "use a smaller effect, or 'absolute' if you meant percentage points")
        }
        let s = try ABTestSettings(arguments)
        self.init(baseline: baseline, effect: absolute ? .absolute(mde) : .relative(mde), alpha: s.alpha, power: s.power,
                  sidedness: s.sided, variants: s.variants, method: try arguments.value(ABTestOptions.method))
    }
}

/// How long a planned test runs: `daily=`, `traffic=` and `data=`, read once. Their values are checked when
/// the duration is worked out, after the sample size (so a bad size input is reported first, as always).
struct ABTestDuration: Sendable {
    let daily: Double?
    let dailyText: String?
    let traffic: Double
    let trafficText: String
    /// `data=NAME`, or nil for the current dataset (when one is loaded).
    let data: String?
    let places: ArgumentPlaces

    init(_ arguments: Arguments) throws {
        traffic = try arguments.value(ABTestOptions.traffic)
        trafficText = arguments.text(ABTestOptions.traffic)
        daily = try arguments.value(ABTestOptions.daily)
        dailyText = arguments.options[ABTestOptions.daily.spec.name]?.text
        data = try arguments.value(DatasetOption.option)
        places = arguments.places
    }

    /// Appends the expected duration from `daily=` or the dataset's mean daily orders (saying which).
    func append(to out: inout CommandOutput, perVariant: Int, variants: Int, unit: String, baseline: Double?, session: Session) throws {
        guard traffic > 0, traffic <= 1 else {
            throw places.error("option 'traffic' got '\(trafficText)': expected a share above 0% and at most 100%",
                               option: "traffic", hint: "traffic=50% sends half of the daily visitors into the test")
        }
        let trafficNote = traffic < 1 ? " × \(NumberFormat.percent(traffic, decimals: 0)) in the test" : ""
        if let daily {
            guard daily > 0 else {
                throw places.error("option 'daily' got '\(dailyText ?? "")': expected a positive number of \(unit) per day", option: "daily")
            }
            let d = try ExperimentDuration(perVariant: perVariant, variants: variants, daily: daily, trafficShare: traffic)
            out.append(.values(title: "Expected duration", [
                ("\(unit) per day in the test", .double(d.dailyInTest), .decimal(0)),
                ("days", .int(d.days), .integer),
                ("recommended days (whole weeks, at least 14)", .int(d.recommendedDays), .integer),
            ]))
            out.append(.note("daily traffic: daily=\(dailyText ?? "")\(trafficNote)"))
            return
        }
        // From the dataset's mean daily orders, when one is loaded (or named) and has times.
        let ds: Dataset?
        if let data { ds = try session.datasets.resolve(data) } else { ds = try? session.datasets.resolve(nil) }
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
