import Foundation
import UpshellAnalytics
import UpshellCore
import UpshellData

/// `sweep threshold A..B [step=MONEY] …`: the threshold what-if over a grid of thresholds.
struct SweepThresholdCommand: PricingForm {
    static let spec = CommandSpec.pricingForm("sweep threshold", of: SweepCommand.spec, synopsis: 0, options: [SweepGrid.step.spec] + ThresholdRequest.options + PricingScope.options)

    let request: ThresholdRequest
    let range: NumberRange
    let step: String?

    init(_ head: Arguments, clause: ScopeClause?) throws {
        try head.expectPositionals(atMost: 2)
        let rangeToken = try head.positional(1, "a range of thresholds (sweep threshold 20..100 step=5)")
        guard let range = ValueParser.range(rangeToken.text), !range.isShare else {
            throw head.error("expected a range of amounts such as 20..100, got '\(rangeToken.text)'", at: rangeToken)
        }
        guard range.lower > 0 else { throw head.error("thresholds must be positive", at: rangeToken) }
        self.range = range
        step = try head.value(SweepGrid.step)
        request = try ThresholdRequest(head, scope: PricingScope(head, clause: clause))
    }

    var orderScope: OrderScope { request.scope.orderScope }

    func run(in session: Session, on resolved: ResolvedOrderScope) throws -> CommandOutput {
        let values = try SweepGrid.values(range, stepText: step, share: false, request.scope.places)
        let p = try request.prepare(session, resolved, proposal: (range.lower + range.upper) / 2)
        let proposals = values.map { ShippingPolicy(threshold: $0, fee: p.fee) }
        let scope = request.scope, draws = scope.draws, seed = scope.seed(session)
        let points = try session.withProgress(unit: "steps") { progress in
            try ThresholdWhatIf.run(p.sample, calibration: p.calibration, proposals: proposals, response: p.response,
                                    economics: p.economics, band: ThresholdBandSpec(calibrated: p.calibration.isCalibrated),
                                    draws: draws, seed: seed, progress: progress)
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
        if let edge = SweepGrid.edgeNote(best: best, of: values, label: money) { out.append(edge) }
        out.append(.text("best: \(money(b.proposal.threshold)) — Δ contribution \(money(b.contributionPerThousand)) per 1,000 orders (90% bootstrap \(ThresholdProposalCommand.interval(b.bootstrap, session)); parameter band \(ThresholdProposalCommand.interval(b.parameterBand, session))); current policy: \(p.calibration.current.threshold.isFinite ? "free from " + money(p.calibration.current.threshold) : "flat fee " + money(p.calibration.current.fee))"))
        if b.contributionPerThousand <= 0 { out.append(.note("no threshold in the range beats the current policy at the point estimate")) }
        out.append(.note("bootstrap: \(draws) customer-clustered draws, seed \(seed), shared by all points"))
        for s in p.assumptions { out.append(.note("assumption — " + s)) }
        for c in ThresholdRequest.caveats(p, proposal: b.proposal, session) { out.append(.note("caveat — " + c)) }
        for blk in PricingFormat.abBlock(ThresholdProposalCommand.abHooks(b, p, session), session, note: "for the best threshold; decide on contribution per visitor") { out.append(blk) }
        return out
    }

}
