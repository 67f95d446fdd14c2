import UpshellAnalytics
import UpshellCore
import UpshellData

/// `clv history`: customers by first-order month, with retention and value to date per cohort.
struct CLVHistoryCommand: ScopedCommand {
    /// Runs on whole orders and customers: exact on a dataset loaded with aggregate=server.
    var lineLevelNeed: String? { nil }

    public static let spec = CommandSpec(
        name: "clv history", group: .segments,
        abstract: "cohorts by first-order month: retention and revenue per customer to date",
        synopsis: ["clv history [months=N] [data=NAME]"],
        discussion: """
            history: customers by the month of their first order (cohorts). For each cohort and month since the \
            first order (m0 = the first month, calendar months, UTC): the share of the cohort that ordered \
            (retention) and the revenue — and margin, when unit costs are known — per cohort customer to date \
            (cumulative). Months after the data's end are empty, not zero: the cohort triangle. The 'all' row \
            weighs each month by the customers of the cohorts observed that long.
            """,
        options: [DatasetOption.spec, Self.months.spec],
        examples: ["clv history"])

    static let months = TypedOption.integer("months", "history: months since the first order shown").checked { months, _ in
        (1...120).contains(months) ? nil : OptionProblem("months must be from 1 to 120", hint: "example: clv history months=12")
    }.defaulting(to: "12")

    let orderScope: OrderScope
    let months: Int

    public init(arguments: Arguments) throws {
        orderScope = try CLVCommand.scope(arguments)
        months = try arguments.value(Self.months)
    }

    func run(in session: Session, on resolved: ResolvedOrderScope) throws -> CommandOutput {
        let dataset = resolved.dataset, model = resolved.model
        return try CLVHistoryReport.render(CohortHistory.compute(model, purpose: "clv history"), model: model, dataset: dataset.name, months: months)
    }
}

/// `clv fit`: the BG/NBD and Gamma-Gamma models fitted to the calibration period, kept for `clv predict`.
struct CLVFitCommand: ScopedCommand {
    /// Runs on whole orders and customers: exact on a dataset loaded with aggregate=server.
    var lineLevelNeed: String? { nil }

    public static let spec = CommandSpec(
        name: "clv fit", group: .segments,
        abstract: "fit the BG/NBD purchase model and the Gamma-Gamma spend model",
        synopsis: ["clv fit [calibration-end=DATE] [unit=weeks|days] [data=NAME]"],
        discussion: """
            fit: the BG/NBD model of purchase frequency (Fader, Hardie & Lee 2005) and the Gamma-Gamma model of \
            spend per purchase (Fader & Hardie 2013), by maximum likelihood (Nelder-Mead on log-parameters with \
            restarts, then Newton steps; standard errors from the observed information). A transaction is a \
            purchase day: a customer's orders on one UTC day count once, their values summed. Per customer, \
            from the first purchase day to the calibration end (inclusive, default: the data's last day): x = \
            repeat transactions, t_x = time of the last one, T = time to the calibration end, all in unit= \
            (weeks = days / 7; r and alpha are per unit). A zero-value purchase is still a purchase: lines with \
            a price of 0 (free items), which cleaning leaves out of orders, revenue, AOV and baskets, count as \
            purchase days for x and t_x here (as in Fader, Hardie & Lee's CDNOW data: 2,357 customers); the fit \
            says how many. Gamma-Gamma uses positive spend only: it is fitted to repeat buyers' mean value of \
            their repeat transactions with a positive value (the first purchase excluded; buyers without one are \
            left out) and assumes spend does not depend on frequency — the fit prints their correlation. \
            Customers whose first purchase is after the calibration end are not in the fit. When customers \
            hardly ever seem to leave, the likelihood rises towards a → 0, where BG/NBD becomes the NBD model \
            (nobody leaves, b plays no part): a maximum on that boundary is fitted there and said so in a note \
            (P(alive) = 1; r, alpha and the predictions as usual), and a and b poorly determined near it are \
            noted. Any other fit that does not converge is an error showing its last state, never numbers. The \
            fit is kept for 'clv predict'.
            """,
        options: [DatasetOption.spec] + CLVCalibration.options,
        examples: ["clv fit calibration-end=2026-02-28 unit=weeks"])

    let orderScope: OrderScope
    let calibration: CLVCalibration

    public init(arguments: Arguments) throws {
        orderScope = try CLVCommand.scope(arguments)
        calibration = try CLVCalibration(arguments)
    }

    func run(in session: Session, on resolved: ResolvedOrderScope) throws -> CommandOutput {
        let dataset = resolved.dataset, model = resolved.model
        let fit = try calibration.fit(model, dataset, session, purpose: Self.spec.name)
        return CLVFitReport.render(fit, dataset: dataset.name)
    }
}

/// `clv predict`: expected purchases, P(alive) and value per customer over a horizon.
struct CLVPredictCommand: ScopedCommand {
    /// Runs on whole orders and customers: exact on a dataset loaded with aggregate=server.
    var lineLevelNeed: String? { nil }

    public static let spec = CommandSpec(
        name: "clv predict", group: .segments,
        abstract: "predict purchases, P(alive) and discounted value per customer, with a holdout check",
        synopsis: ["clv predict [horizon=SPAN] [discount=SHARE] [top=N] [calibration-end=DATE] [unit=weeks|days] [data=NAME]"],
        discussion: """
            predict: for each customer, from the day after the calibration end over horizon= (default 52w): \
            P(alive) at the calibration end, expected purchases E[Y(t) | x, t_x, T] (FHL eq. 10), expected \
            spend per purchase (Gamma-Gamma, shrunk toward the population mean), and value = expected \
            purchases × spend, month by month, discounted at discount= per year (default 10%; 0 for none). \
            Prints the totals, the top=N customers by value, the value per segment of the active segmentation \
            ('segment rfm' etc.) and, when the data goes on after the calibration end, the holdout check: \
            actual against predicted purchases in the holdout period, per calibration frequency 0…6, 7+. \
            Reuses the last 'clv fit' of the dataset when calibration-end= and unit= agree, and fits otherwise.
            """,
        options: [DatasetOption.spec] + CLVCalibration.options + [Self.horizon.spec, Self.discount.spec, Self.top.spec],
        examples: ["clv predict horizon=52w", "clv predict horizon=26w calibration-end=2026-02-28 top=5"])

    static let horizon = TypedOption.duration("horizon", default: "52w", "predict: how far ahead (52w, 365d, 12m, 1y)")
    static let discount = TypedOption.share("discount", default: "10%", in: 0...1, "predict: annual discount rate of future value")
    static let top = TypedOption.integer("top", "predict: customers listed, by predicted value").checked { top, _ in
        top >= 0 ? nil : OptionProblem("top must be 0 or more", hint: "example: clv predict top=10")
    }.defaulting(to: "10")

    let orderScope: OrderScope
    let calibration: CLVCalibration
    /// Days.
    let horizon: Double
    let discount: Double
    let top: Int

    public init(arguments: Arguments) throws {
        orderScope = try CLVCommand.scope(arguments)
        top = try arguments.value(Self.top)
        discount = try arguments.value(Self.discount)
        calibration = try CLVCalibration(arguments)
        horizon = try arguments.value(Self.horizon)
    }

    func run(in session: Session, on resolved: ResolvedOrderScope) throws -> CommandOutput {
        let dataset = resolved.dataset, model = resolved.model
        var out = CommandOutput()
        let end = calibration.end.map(RepeatPurchaseSummary.day)
        let generation = session.datasets.generation(of: dataset.name)
        let fit: LifetimeModelFit
        if let stored = session.lifetimeFits.fit(for: dataset.name, generation: generation),
           calibration.requestedUnit == nil || stored.summary.unit == calibration.unit,
           end == nil || end == stored.summary.calibrationEndDay {
            fit = stored
            out.append(.note("using the fit of 'clv fit' (calibration through \(RepeatPurchaseSummary.label(fit.summary.calibrationEndDay)), \(fit.summary.unit.rawValue))"))
        } else {
            fit = try calibration.fit(model, dataset, session, purpose: Self.spec.name)
            out.append(.note("fitted now (calibration through \(RepeatPurchaseSummary.label(fit.summary.calibrationEndDay)), \(fit.summary.unit.rawValue)); 'clv fit' shows the parameters"))
        }
        let report = CLVPredictReport(fit: fit, model: model, dataset: dataset.name,
                                      horizon: fit.summary.unit.fromDays(horizon), discount: discount, top: top,
                                      segmentation: session.segments.active(for: dataset.name))
        out.blocks.insert(contentsOf: try report.render().blocks, at: 0)
        return out
    }
}
