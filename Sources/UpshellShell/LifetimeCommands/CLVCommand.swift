import UpshellAnalytics
import UpshellCore
import UpshellData

/// `clv history|fit|predict`: customer lifetime value, historical (cohorts) and predicted (BG/NBD with
/// Gamma-Gamma). Each form is a command of its own (``CLVHistoryCommand``, ``CLVFitCommand``,
/// ``CLVPredictCommand``); this parent picks it by the first word and shows their union in `help clv`.
public struct CLVCommand: CommandWithForms {
    /// The forms, in the order `help clv` lists them.
    public static let forms: [any ShellCommand.Type] = [CLVHistoryCommand.self, CLVFitCommand.self, CLVPredictCommand.self]

    public static let spec = CommandSpec(
        name: "clv", group: .segments,
        abstract: "customer lifetime value: cohort history, BG/NBD + Gamma-Gamma fit, predicted purchases and value",
        synopsis: forms.flatMap { $0.spec.synopsis },
        discussion: forms.map { $0.spec.discussion }.joined(separator: "\n\n"),
        subcommands: forms.map { String($0.spec.name.dropFirst("clv ".count)) },
        options: [DatasetOption.spec] + CLVCalibration.options
            + [CLVPredictCommand.horizon.spec, CLVPredictCommand.discount.spec, CLVPredictCommand.top.spec, CLVHistoryCommand.months.spec],
        examples: forms.flatMap { $0.spec.examples })

    /// The form the first word chose, parsed.
    public let form: any ShellCommand

    public init(arguments: Arguments) throws {
        let kind = try arguments.subcommand()
        try arguments.expectPositionals(atMost: 1)
        let type = try Self.form(named: kind)
        // Options of another form: the first by name, the caret under its value (as 'clv' has always shown it).
        let allowed = Set(type.spec.options.map(\.name))
        if let extra = arguments.options.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw arguments.error("option '\(extra)' does not apply to 'clv \(kind)'", at: arguments.options[extra],
                                  hint: "options of 'clv \(kind)': " + allowed.sorted().joined(separator: ", "))
        }
        form = try arguments.form(type, shown: "clv \(kind)")
    }

    public func run(in session: Session) throws -> CommandOutput {
        try form.run(in: session)
    }

    /// The orders a form works on: all orders of the dataset named by `data=` (or the current one).
    static func scope(_ arguments: Arguments) throws -> OrderScope {
        try .dataset(of: arguments, sideTableHint: "choose an order dataset with data=NAME")
    }
}

/// The calibration of the lifetime models that `clv fit` and `clv predict` share: the last day of the
/// calibration period and the model's time unit.
struct CLVCalibration: Sendable {
    static let end = TypedOption.date("calibration-end", "fit and predict: last day of the calibration period (default: the data's last day)")
    /// Listed weeks first, as help has always shown them.
    static let unit = TypedOption<LifetimeUnit>(OptionSpec("unit", .choice(["weeks", "days"]), "fit and predict: the model's time unit"),
                                                parse: { LifetimeUnit(rawValue: $0.lowercased()) }).defaulting(to: "weeks")
    static var options: [OptionSpec] { [end.spec, unit.spec] }

    /// The calibration end given (seconds since 1970, UTC), else the data's last day.
    let end: Int64?
    /// The unit given, if one was (`clv predict` reuses a fit in another unit only when none was).
    let requestedUnit: LifetimeUnit?
    var unit: LifetimeUnit { requestedUnit ?? Self.unit.value }

    init(_ arguments: Arguments) throws {
        end = try arguments.value(Self.end)
        requestedUnit = try arguments.value(Self.unit.option)
    }

    /// Fits both models with this calibration, and keeps the fit in the session for `clv predict`.
    /// `purpose` names the command in errors (`clv fit`).
    func fit(_ model: OrderModel, _ dataset: Dataset, _ session: Session, purpose: String) throws -> LifetimeModelFit {
        let summary = try RepeatPurchaseSummary.build(model, zeroValue: ZeroValuePurchases.find(in: dataset), calibrationEnd: end,
                                                      unit: unit, purpose: purpose)
        let fit = try session.withProgress(unit: "evaluations", estimated: true) { progress in
            try LifetimeModelFit.fit(summary, withSpend: model.hasMoney, progress: progress)
        }
        session.lifetimeFits.store(fit, for: dataset.name, generation: session.datasets.generation(of: dataset.name))
        return fit
    }
}
