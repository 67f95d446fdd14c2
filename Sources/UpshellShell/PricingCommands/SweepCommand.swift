import Foundation
import UpshellAnalytics
import UpshellCore
import UpshellData

/// `sweep threshold A..B step=S`, `sweep tiers …`, `sweep discount …`: one what-if over a grid, with a
/// chart of its decision metric and the best value marked.
public struct SweepCommand: CommandWithForms {
    public static let spec = CommandSpec(
        name: "sweep", group: .pricing,
        abstract: "run a pricing what-if over a range of values, with a chart and the best value marked",
        synopsis: ["sweep threshold A..B [step=MONEY] [threshold options…] [where EXPRESSION]",
                   "sweep tiers P1 P2 P3 middle=A..B|top=A..B|bottom=A..B|tier=N [step=MONEY] [tiers options…]",
                   "sweep discount bundle \"A\" \"B\" 0..30% [step=5%] | addon \"X\" 0..40% | first-order 0..30% [discount options…]"],
        discussion: """
            The first word picks the what-if; the other options are those of that what-if ('help threshold'). \
            Each point is evaluated on the same latent sample with the same bootstrap draws (common random numbers), \
            so differences between points are not bootstrap noise. The chart shows the decision metric (Δ contribution \
            per 1,000 orders for thresholds, gross margin per visitor for tiers); the best point is marked with its bands — \
            a best value whose band overlaps its neighbours' is not a sharp optimum. 'sweep tiers' varies one tier's price \
            (middle=, top=, bottom=, or tier=N with range=A..B), keeping the others; prices must stay in order. \
            'sweep discount' charts Δ gross margin (with future value for first orders) by discount and marks the best and \
            the break-even.
            """,
        subcommands: ["threshold", "tiers", "discount"],
        positionals: [PositionalSpec("what-if", .text, "threshold, tiers or discount"), PositionalSpec("range", .range, "A..B (threshold), or the tier prices")],
        options: [SweepGrid.step.spec] + SweepTiersCommand.varyOptions + ThresholdRequest.options + TiersRequest.options + DiscountRequest.options + PricingScope.options,
        examples: ["sweep threshold 20..100 step=5", "sweep threshold 40..80 step=2.5 conversion=0.5 draws=1000",
                   "sweep tiers 29 79 199 middle=59..99 step=5", "sweep discount addon \"Paper filters\" 0..40% step=5% elasticity=3"],
        freeTextFrom: 0)

    public static let forms: [any ShellCommand.Type] = [SweepThresholdCommand.self, SweepTiersCommand.self, SweepDiscountCommand.self]

    public let form: any ShellCommand

    public init(arguments raw: Arguments) throws {
        let (head, clause) = try PricingScope.split(raw, spec: Self.spec)
        let type: any PricingForm.Type
        switch try head.subcommand() {
        case "tiers": type = SweepTiersCommand.self
        case "discount": type = SweepDiscountCommand.self
        default: type = SweepThresholdCommand.self
        }
        try head.check(form: type.spec, shown: type.spec.name)
        form = try type.init(head, clause: clause)
    }

    public func run(in session: Session) throws -> CommandOutput { try form.run(in: session) }
}

/// The grid of a sweep: `step=` and the values `A, A+step, …, B`.
enum SweepGrid {
    static let step = TypedOption.text("step", "grid step (currency for thresholds; default: 17 points over the range)")

    /// The grid `A, A+step, …, B` (17 points when no step), checked.
    static func values(_ range: NumberRange, stepText: String?, share: Bool, _ places: ArgumentPlaces) throws -> [Double] {
        guard range.upper > range.lower else {
            throw places.error("the range must go up: got \(range.lower)..\(range.upper)", positional: 1)
        }
        var step = (range.upper - range.lower) / 16
        if let text = stepText {
            guard let s = share ? ValueParser.share(text) : ValueParser.money(text), s > 0 else {
                throw places.error("option 'step' got '\(text)': expected a positive \(share ? "share (5%)" : "amount (5)")", option: "step")
            }
            step = s
        }
        let n = Int(((range.upper - range.lower) / step + 1e-9).rounded(.down)) + 1
        guard n <= 201 else { throw places.error("\(n) points is too many for one sweep (at most 201)", option: "step", hint: "use a larger step=") }
        return (0..<n).map { ((range.lower + Double($0) * step) * 10_000).rounded() / 10_000 }
    }

    /// A note when the best of `count` grid points is the first or the last: the optimum may lie outside
    /// the range. `label` shows a grid value (`$45.00`, `20.0%`).
    static func edgeNote(best: Int, of values: [Double], label: (Double) -> String) -> OutputBlock? {
        guard values.count >= 2, best == 0 || best == values.count - 1 else { return nil }
        let atLow = best == 0
        return .note("the best value, \(label(values[best])), is at the \(atLow ? "low" : "high") edge of the range: the optimum may lie \(atLow ? "below" : "above") it; widen the range to see where the curve turns")
    }

}
