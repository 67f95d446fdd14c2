import UpshellAnalytics
import UpshellCore
import UpshellData

/// `clv history|fit|predict`: customer lifetime value, historical (cohorts) and predicted (BG/NBD with
/// Gamma-Gamma).
public struct CLVCommand: ShellCommand {
    public static let spec = CommandSpec(
        name: "clv", group: .segments,
        abstract: "customer lifetime value: cohort history, BG/NBD + Gamma-Gamma fit, predicted purchases and value",
        synopsis: ["clv history [months=N] [data=NAME]",
                   "clv fit [calibration-end=DATE] [unit=weeks|days] [data=NAME]",
                   "clv predict [horizon=SPAN] [discount=SHARE] [top=N] [calibration-end=DATE] [unit=weeks|days] [data=NAME]"],
        discussion: """
            history: customers by the month of their first order (cohorts). For each cohort and month since the \
            first order (m0 = the first month, calendar months, UTC): the share of the cohort that ordered \
            (retention) and the revenue — and margin, when unit costs are known — per cohort customer to date \
            (cumulative). Months after the data's end are empty, not zero: the cohort triangle. The 'all' row \
            weighs each month by the customers of the cohorts observed that long.

            fit: the BG/NBD model of purchase frequency (Fader, Hardie & Lee 2005) and the Gamma-Gamma model of \
            spend per purchase (Fader & Hardie 2013), by maximum likelihood (Nelder-Mead on log-parameters with \
            restarts, then Newton steps; standard errors from the observed information). A transaction is a \
            purchase day: a customer's orders on one UTC day count once, their values summed. Per customer, \
            from the first purchase day to the calibration end (inclusive, default: the data's last day): x = \
            repeat transactions, t_x = time of the last one, T = time to the calibration end, all in unit= \
            (weeks = days / 7; r and alpha are per unit). Gamma-Gamma is fitted to repeat buyers' mean spend \
            over their repeat transactions (the first excluded; buyers whose mean is 0 or less are left out) and \
            assumes spend does not depend on frequency — the fit prints their correlation. Customers whose first \
            purchase is after the calibration end are not in the fit. A fit that does not converge is an error \
            showing its last state, never numbers. The fit is kept for 'clv predict'.

            predict: for each customer, from the day after the calibration end over horizon= (default 52w): \
            P(alive) at the calibration end, expected purchases E[Y(t) | x, t_x, T] (FHL eq. 10), expected \
            spend per purchase (Gamma-Gamma, shrunk toward the population mean), and value = expected \
            purchases × spend, month by month, discounted at discount= per year (default 10%; 0 for none). \
            Prints the totals, the top=N customers by value, the value per segment of the active segmentation \
            ('segment rfm' etc.) and, when the data goes on after the calibration end, the holdout check: \
            actual against predicted purchases in the holdout period, per calibration frequency 0…6, 7+. \
            Reuses the last 'clv fit' of the dataset when calibration-end= and unit= agree, and fits otherwise.
            """,
        subcommands: ["history", "fit", "predict"],
        options: [DatasetOption.spec,
                  OptionSpec("calibration-end", .date, "fit and predict: last day of the calibration period (default: the data's last day)"),
                  OptionSpec("unit", .choice(["weeks", "days"]), default: "weeks", "fit and predict: the model's time unit"),
                  OptionSpec("horizon", .duration, default: "52w", "predict: how far ahead (52w, 365d, 12m, 1y)"),
                  OptionSpec("discount", .share, default: "10%", "predict: annual discount rate of future value"),
                  OptionSpec("top", .integer, default: "10", "predict: customers listed, by predicted value"),
                  OptionSpec("months", .integer, default: "12", "history: months since the first order shown")],
        examples: ["clv history", "clv fit calibration-end=1997-09-30 unit=weeks", "clv predict horizon=52w",
                   "clv predict horizon=39w calibration-end=1997-09-30 top=5"])

    let kind: String
    let arguments: Arguments

    public init(arguments: Arguments) throws {
        self.arguments = arguments
        kind = try arguments.subcommand()
        try arguments.expectPositionals(atMost: 1)
        let allowed: Set<String> = switch kind {
        case "history": ["data", "months"]
        case "fit": ["data", "calibration-end", "unit"]
        default: ["data", "calibration-end", "unit", "horizon", "discount", "top"]
        }
        if let extra = arguments.options.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw arguments.error("option '\(extra)' does not apply to 'clv \(kind)'", at: arguments.options[extra],
                                  hint: "options of 'clv \(kind)': " + allowed.sorted().joined(separator: ", "))
        }
        if let months = try arguments.integer("months"), !(1...120).contains(months) {
            throw arguments.error("months must be from 1 to 120", at: arguments.options["months"], hint: "example: clv history months=12")
        }
        if let top = try arguments.integer("top"), top < 0 {
            throw arguments.error("top must be 0 or more", at: arguments.options["top"], hint: "example: clv predict top=10")
        }
        _ = try arguments.share("discount", in: 0...1)
    }

    public func run(in session: Session) throws -> CommandOutput {
        let dataset = try DatasetOption.dataset(arguments, session)
        guard let model = dataset.orders else {
            throw SessionError("'\(dataset.name)' is a side table, not orders", hint: "choose an order dataset with data=NAME")
        }
        guard model.orders.count > 0 else { throw MetricsError.noOrders("in '\(dataset.name)' after cleaning") }
        switch kind {
        case "history":
            return try CLVHistoryReport.render(CohortHistory.compute(model, purpose: "clv history"), model: model, dataset: dataset.name,
                                               months: arguments.integer("months") ?? 12)
        case "fit":
            let fit = try fit(model, dataset, session)
            return CLVFitReport.render(fit, dataset: dataset.name)
        default:
            var out = CommandOutput()
            let unit = LifetimeUnit(rawValue: arguments.choice("unit") ?? "weeks") ?? .weeks
            let end = try arguments.date("calibration-end").map(RepeatPurchaseSummary.day)
            let generation = session.datasets.generation(of: dataset.name)
            let fit: LifetimeModelFit
            if let stored = session.lifetimeFits.fit(for: dataset.name, generation: generation),
               !arguments.has("unit") || stored.summary.unit == unit,
               end == nil || end == stored.summary.calibrationEndDay {
                fit = stored
                out.append(.note("using the fit of 'clv fit' (calibration through \(RepeatPurchaseSummary.label(fit.summary.calibrationEndDay)), \(fit.summary.unit.rawValue))"))
            } else {
                fit = try self.fit(model, dataset, session)
                out.append(.note("fitted now (calibration through \(RepeatPurchaseSummary.label(fit.summary.calibrationEndDay)), \(fit.summary.unit.rawValue)); 'clv fit' shows the parameters"))
            }
            let horizonDays = try arguments.duration("horizon") ?? 364
            let report = try CLVPredictReport(fit: fit, model: model, dataset: dataset.name,
                                              horizon: fit.summary.unit.fromDays(horizonDays),
                                              discount: arguments.share("discount") ?? 0.1,
                                              top: arguments.integer("top") ?? 10,
                                              segmentation: session.segments.active(for: dataset.name))
            out.blocks.insert(contentsOf: try report.render().blocks, at: 0)
            return out
        }
    }

    /// Fits both models with the command's calibration end and unit, and keeps the fit in the session.
    private func fit(_ model: OrderModel, _ dataset: Dataset, _ session: Session) throws -> LifetimeModelFit {
        let unit = LifetimeUnit(rawValue: arguments.choice("unit") ?? "weeks") ?? .weeks
        let summary = try RepeatPurchaseSummary.build(model, calibrationEnd: arguments.date("calibration-end"), unit: unit,
                                                      purpose: "clv \(kind)")
        let fit = try LifetimeModelFit.fit(summary, withSpend: model.hasMoney)
        session.lifetimeFits.store(fit, for: dataset.name, generation: session.datasets.generation(of: dataset.name))
        return fit
    }
}
