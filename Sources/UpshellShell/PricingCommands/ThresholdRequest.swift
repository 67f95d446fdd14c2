import Foundation
import UpshellAnalytics
import UpshellCore
import UpshellData

/// How far below the threshold an order still tops up: an amount, or a share of the threshold.
enum ThresholdReach: Sendable {
    case amount(Double), share(Double), unreadable
    init(_ text: String) {
        if text.hasSuffix("%"), let s = ValueParser.share(text) { self = .share(s) } else if let m = ValueParser.money(text) { self = .amount(m) } else { self = .unreadable }
    }
    /// The reach at threshold `t`, rounded to the cent.
    func amount(at t: Double) -> Double {
        switch self {
        case .amount(let m): return (m * 100).rounded() / 100
        case .share(let s): return (s * t * 100).rounded() / 100
        case .unreadable: return .nan
        }
    }
}

/// The parsed options of a threshold what-if, shared by `threshold T` and `sweep threshold A..B`.
struct ThresholdRequest {
    static let fee = TypedOption.money("fee", "shipping fee below the threshold (currency) (default: the fee in the data)").checked { f, raw in
        f < 0 ? OptionProblem("option 'fee' got '\(raw)': a shipping fee cannot be negative", hint: "fee=0 means free shipping below the threshold too") : nil
    }
    static let reach = reachOption("largest gap that tops up: currency (20) or share of T (20%) (default: calibrated, else min(30% of T, P75 item price))")
    /// `reach=`: an amount or a share of T, positive, with `help`.
    static func reachOption(_ help: String) -> TypedOption<ThresholdReach> {
        TypedOption<ThresholdReach>(OptionSpec("reach", .text, help), parse: { ThresholdReach($0) }) { r, raw in
            switch r {
            case .unreadable: return OptionProblem("option 'reach' got '\(raw)': expected money (20) or a share of the threshold (20%)")
            case .amount(let v), .share(let v): return v > 0 && v.isFinite ? nil : OptionProblem("option 'reach' must be positive")
            }
        }
    }
    static let p0 = TypedOption.share("p0", in: 0...1, "top-up probability as the gap goes to 0 (default: calibrated, else 35%)")
    /// `decay=`: an amount, or infinity for `flat`.
    static let decay = TypedOption<Double>(
        OptionSpec("decay", .text, "decay of the top-up probability with the gap (currency, or 'flat') (default: flat when calibrated, else reach/2)"),
        parse: { $0.lowercased() == "flat" ? .infinity : (ValueParser.money($0) ?? -1) }) { d, raw in
            d > 0 ? nil : OptionProblem("option 'decay' got '\(raw)': expected money or 'flat'")
        }
    static let conversion = TypedOption.number("conversion", in: 0...10, "conversion elasticity to the all-in price, both directions (default: 0 when fees fall, 1 when they rise)")
    static let shipCost = TypedOption.money("ship-cost", "carrier + packing cost per shipped order (default: the fee)")
    static let returns = TypedOption.share("returns", in: 0...1, "return share of padded items").defaulting(to: "10%")
    static let pullForward = TypedOption.share("pull-forward", in: 0...1, "share of top-up value that would have been bought later anyway").defaulting(to: "0%")

    /// Options of the threshold model (besides the scope's).
    static let options: [OptionSpec] = [fee.spec, reach.spec, p0.spec, decay.spec, conversion.spec, shipCost.spec, returns.spec, pullForward.spec]

    let scope: PricingScope
    let fee: Double?
    let reach: ThresholdReach?
    let p0: Double?
    let decay: Double?
    let shipCost: Double?
    let conversion: Double?
    let returns: Double
    let pullForward: Double

    /// Reads the threshold options from `head` (the words before `where`), in today's order.
    init(_ head: Arguments, scope: PricingScope) throws {
        self.scope = scope
        fee = try head.value(Self.fee)
        reach = try head.value(Self.reach)
        p0 = try head.value(Self.p0)
        decay = try head.value(Self.decay)
        shipCost = try head.value(Self.shipCost)
        conversion = try head.value(Self.conversion)
        returns = try head.value(Self.returns)
        pullForward = try head.value(Self.pullForward)
    }

    /// Everything a threshold evaluation needs.
    struct Prepared {
        var sample: PricingSample
        var description: String
        var notes: [OutputBlock]
        var calibration: ThresholdCalibration
        var response: TopUpResponse
        var economics: ThresholdEconomics
        var fee: Double
        var assumptions: [String]
    }


    /// Loads the sample, finds the current policy, calibrates and applies the analyst's overrides.
    /// `proposal` scales the default reach.
    func prepare(_ session: Session, _ resolved: ResolvedOrderScope, proposal t: Double) throws -> Prepared {
        let feeOption = fee
        let (sample, description, notes) = try scope.sample(resolved)
        if !sample.hasFees && feeOption == nil {
            throw SessionError("the data has no shipping-fee column, so the current fee is unknown",
                               hint: "give it: fee=4.95 (or map the column: map shipping-fee=COLUMN)")
        }
        let fixedReach = reach.map { $0.amount(at: t) }
        let cal = session.withProgress { _ in ThresholdCalibration.calibrate(sample, fee: feeOption, proposal: t, reach: fixedReach) }
        let fee = feeOption ?? cal.current.fee
        guard fee > 0 || cal.current.fee > 0 else {
            throw SessionError("every order in \(description) ships free already: there is no fee to waive", hint: "model a fee with fee=4.95")
        }
        var response = cal.response
        var assumptions: [String] = []
        let money = { PricingFormat.money($0, session) }
        if let reach {
            let r = reach.amount(at: t)
            if !cal.isCalibrated && decay == nil { response.decay = r / 2 }
            response.reach = r; response.overshootCap = r
        }
        if let p0 { response.pi0 = p0 }
        if let decay { response.decay = decay }
        var economics = ThresholdEconomics(shipCost: shipCost ?? (fee > 0 ? fee : cal.current.fee))
        if let e = conversion { economics.elasticityDown = e; economics.elasticityUp = e }
        economics.returnShare = returns
        economics.pullForward = pullForward

        // assumptions, each with its source
        let cur = cal.current
        var currentText = cur.threshold.isFinite ? (cur.threshold <= 0 ? "free shipping on every order" : "free from \(money(cur.threshold)), else \(money(cur.fee))") : "flat fee \(money(cur.fee))"
        if let det = cal.fees {
            currentText += " — from the fee column (\(PricingFormat.percent(det.agreement)) of orders agree"
            if let since = det.since { currentText += ", in force since \(PricingFormat.date(since)); \(LoadSummary.grouped(det.ordersBefore)) earlier orders paid at any value" }
            currentText += ")"
        } else if !cal.histogramCandidates.isEmpty, cur.threshold.isFinite {
            currentText += " — threshold seen in the order-value histogram; fee from fee="
        } else {
            currentText += " — fee from fee= (no fee column)"
        }
        assumptions.append("current policy: " + currentText)
        switch cal.source {
        case .bunching(let e):
            let reachText = fixedReach.map { "reach fixed at \(money($0)) by reach= (the share re-estimated for that window)" } ?? "reach \(money(e.reach))"
            assumptions.append("top-up response: estimated by notch bunching at \(money(e.threshold)) on \(LoadSummary.grouped(cal.calibrationOrders)) orders: \(reachText), \(PricingFormat.percent(e.pi0)) of orders within reach top up (step), \(PricingFormat.count(e.topUps)) top-ups, excess/missing \(String(format: "%.2f", e.excessToMissing))")
            assumptions.append("latent baskets: observed orders de-bunched (excess above \(money(e.threshold)) moved back below it)")
            if let c = cal.selfCheck { assumptions.append("self-check: the model at the current threshold gives AOV \(money(c.model)) vs observed \(money(c.observed))") }
        case .defaults(let reason):
            assumptions.append("top-up response: DEFAULTS (\(reason)): reach min(30% of T, P75 item price), 35% top up as the gap → 0 (Hemmati et al.: 12–28% of below-threshold orders padded), decay reach/2 — an assumption, not an estimate")
        }
        var overridden: [String] = []
        if reach != nil { overridden.append("reach") }
        if p0 != nil { overridden.append("p0") }
        if decay != nil { overridden.append("decay") }
        assumptions.append("response used: reach \(money(response.reach)), p0 \(PricingFormat.percent(response.pi0)), decay \(response.decay.isFinite ? money(response.decay) : "flat")" + (overridden.isEmpty ? "" : " (set by \(overridden.joined(separator: ", ")))") + "; filler item drawn from the store's units-weighted item prices in [gap, gap + reach]")
        assumptions.append("conversion elasticity to the all-in price: \(economics.elasticityDown) when fees fall, \(economics.elasticityUp) when they rise" + (conversion != nil ? " (conversion=)" : " (defaults: a fee cut is never assumed to win orders; a rise loses them — judgement, Zhou et al.)"))
        assumptions.append("shipping cost per order \(money(economics.shipCost))" + (shipCost != nil ? "" : " (= the fee; set ship-cost=)") + "; padded-item returns \(PricingFormat.percent(economics.returnShare, decimals: 0)), pull-forward \(PricingFormat.percent(economics.pullForward, decimals: 0))")
        assumptions.append("data: \(LoadSummary.grouped(sample.count)) orders, \(LoadSummary.grouped(sample.customerCount)) customers\(sample.guestOrders > 0 ? " (and \(LoadSummary.grouped(sample.guestOrders)) guest orders)" : "") over \(PricingFormat.count(sample.days)) days in \(description)")
        return Prepared(sample: sample, description: description, notes: notes, calibration: cal, response: response,
                        economics: economics, fee: fee, assumptions: assumptions)
    }

    /// Structural caveats that apply (docs/MODELS.md §1.7).
    static func caveats(_ p: Prepared, proposal: ShippingPolicy, _ session: Session) -> [String] {
        var out: [String] = []
        if !p.calibration.isCalibrated { out.append("no threshold response in the data: the top-up numbers rest on the stated defaults") }
        if case .bunching(let e) = p.calibration.source, e.excessToMissing.isFinite, e.excessToMissing > 1.4 {
            out.append("excess above the threshold exceeds the missing mass below (B/M \(String(format: "%.2f", e.excessToMissing))): a conversion effect or an unrelated spike; top-ups may be overstated")
        }
        if proposal.threshold > p.calibration.current.threshold { out.append("raising a threshold hurts more than lowering one helps (reference points; Zhou et al.: −19.4% spending)") }
        out.append("long-run effects (order consolidation, retention) and multi-zone fees are outside the model")
        return out
    }

    /// Notes for thresholds outside the range of order values.
    static func rangeNotes(_ t: Double, _ s: PricingSample, _ session: Session) -> [OutputBlock] {
        guard !s.value.isEmpty else { return [] }
        var lo = Double.infinity, hi = -Double.infinity
        for x in s.value { lo = min(lo, x); hi = max(hi, x) }
        let m = { PricingFormat.money($0, session) }
        if t <= lo { return [.warning("\(m(t)) is at or below the smallest order (\(m(lo))): every order ships free — this is free shipping on all orders, with no top-ups and every fee given up")] }
        if t > hi { return [.warning("\(m(t)) is above the largest order (\(m(hi))): no order reaches it without a top-up — effectively a flat fee")] }
        return []
    }
}
