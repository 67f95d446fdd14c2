import Foundation
import UpshellAnalytics
import UpshellCore
import UpshellData

/// `sweep threshold A..B step=S`, `sweep tiers …`, `sweep discount …`: one what-if over a grid, with a
/// chart of its decision metric and the best value marked.
public struct SweepCommand: ShellCommand {
    public static let spec = CommandSpec(
        name: "sweep", group: .pricing,
        abstract: "run a pricing what-if over a range of values, with a chart and the best value marked",
        synopsis: ["sweep threshold A..B [step=MONEY] [threshold options…] [where EXPRESSION]"],
        discussion: """
            The first word picks the what-if; the other options are those of that what-if ('help threshold'). \
            Each point is evaluated on the same latent sample with the same bootstrap draws (common random numbers), \
            so differences between points are not bootstrap noise. The chart shows the decision metric (Δ contribution \
            per 1,000 orders for thresholds); the best point is marked with its bands — a best value whose band \
            overlaps its neighbours' is not a sharp optimum.
            """,
        subcommands: ["threshold"],
        positionals: [PositionalSpec("what-if", .text, "threshold"), PositionalSpec("range", .range, "A..B")],
        options: [OptionSpec("step", .text, "grid step (currency for thresholds; default: 17 points over the range)")]
            + ThresholdRequest.options + PricingScope.options,
        examples: ["sweep threshold 20..100 step=5", "sweep threshold 40..80 step=2.5 conversion=0.5 draws=1000"],
        freeTextFrom: 0)

    let scope: PricingScope
    let kind: String

    public init(arguments raw: Arguments) throws {
        scope = try PricingScope(raw, spec: Self.spec)
        kind = try scope.arguments.subcommand()
    }

    public func run(in session: Session) throws -> CommandOutput {
        switch kind {
        default: return try sweepThreshold(session)
        }
    }

    /// The grid `A, A+step, …, B` (17 points when no step), checked.
    func grid(_ range: NumberRange, stepText: String?, share: Bool) throws -> [Double] {
        let a = scope.arguments
        guard range.upper > range.lower else {
            throw a.error("the range must go up: got \(range.lower)..\(range.upper)", at: a.positionals.count > 1 ? a.positionals[1] : nil)
        }
        var step = (range.upper - range.lower) / 16
        if let text = stepText {
            guard let s = share ? ValueParser.share(text) : ValueParser.money(text), s > 0 else {
                throw a.error("option 'step' got '\(text)': expected a positive \(share ? "share (5%)" : "amount (5)")", at: a.options["step"])
            }
            step = s
        }
        let n = Int(((range.upper - range.lower) / step + 1e-9).rounded(.down)) + 1
        guard n <= 201 else { throw a.error("\(n) points is too many for one sweep (at most 201)", at: a.options["step"], hint: "use a larger step=") }
        return (0..<n).map { ((range.lower + Double($0) * step) * 10_000).rounded() / 10_000 }
    }

    func sweepThreshold(_ session: Session) throws -> CommandOutput {
        let a = scope.arguments
        try a.expectPositionals(atMost: 2)
        let rangeToken = try a.positional(1, "a range of thresholds (sweep threshold 20..100 step=5)")
        guard let range = ValueParser.range(rangeToken.text), !range.isShare else {
            throw a.error("expected a range of amounts such as 20..100, got '\(rangeToken.text)'", at: rangeToken)
        }
        guard range.lower > 0 else { throw a.error("thresholds must be positive", at: rangeToken) }
        let values = try grid(range, stepText: a.text("step"), share: false)
        let request = ThresholdRequest(scope: scope)
        let p = try request.prepare(session, proposal: (range.lower + range.upper) / 2)
        let proposals = values.map { ShippingPolicy(threshold: $0, fee: p.fee) }
        let draws = try scope.draws(), seed = try scope.seed(session)
        let points = try session.withProgress { _ in
            try ThresholdWhatIf.run(p.sample, calibration: p.calibration, proposals: proposals, response: p.response,
                                    economics: p.economics, band: ThresholdBandSpec(calibrated: p.calibration.isCalibrated),
                                    draws: draws, seed: seed)
        }
        let money = { PricingFormat.money($0, session) }
        var table = ResultTable(title: "Free-shipping threshold sweep — \(p.description) (per 1,000 current orders)", columns: [
            ResultColumn("threshold", .money), ResultColumn("top-ups", .decimal(0)), ResultColumn("AOV merch", .money),
            ResultColumn("Δ merch", .money), ResultColumn("Δ fees", .money), ResultColumn("Δ margin", .money),
            ResultColumn("Δ contribution", .money), ResultColumn("bootstrap low", .money), ResultColumn("bootstrap high", .money),
            ResultColumn("band low", .money), ResultColumn("band high", .money),
        ])
        for pt in points {
            table.append([.double(pt.proposal.threshold), .double(pt.proposed.topUps), .double(pt.proposed.aovMerchandise),
                          .double(pt.perThousand(\.merchandise)), .double(pt.perThousand(\.fees)), .double(pt.perThousand(\.margin)),
                          .double(pt.contributionPerThousand), .double(pt.bootstrap.lower), .double(pt.bootstrap.upper),
                          .double(pt.parameterBand.lower), .double(pt.parameterBand.upper)])
        }
        let best = points.indices.max { points[$0].contributionPerThousand < points[$1].contributionPerThousand }!
        var out = CommandOutput()
        for n in p.notes { out.append(n) }
        out.append(.table(table))
        out.append(.chart(Chart(kind: .bars, title: "Δ contribution per 1,000 orders by threshold (◀ best)",
                                labels: points.map { money($0.proposal.threshold) }, values: points.map(\.contributionPerThousand),
                                format: .money, marked: best)))
        let b = points[best]
        out.append(.text("best: \(money(b.proposal.threshold)) — Δ contribution \(money(b.contributionPerThousand)) per 1,000 orders (90% bootstrap \(ThresholdCommand.interval(b.bootstrap, session)); parameter band \(ThresholdCommand.interval(b.parameterBand, session))); current policy: \(p.calibration.current.threshold.isFinite ? "free from " + money(p.calibration.current.threshold) : "flat fee " + money(p.calibration.current.fee))"))
        if b.contributionPerThousand <= 0 { out.append(.note("no threshold in the range beats the current policy at the point estimate")) }
        out.append(.note("bootstrap: \(draws) customer-clustered draws, seed \(seed), shared by all points"))
        for s in p.assumptions { out.append(.note("assumption — " + s)) }
        for c in ThresholdRequest.caveats(p, proposal: b.proposal, session) { out.append(.note("caveat — " + c)) }
        for blk in PricingFormat.abBlock(ThresholdCommand.abHooks(b, p, session), session, note: "for the best threshold; decide on contribution per visitor") { out.append(blk) }
        return out
    }
}
