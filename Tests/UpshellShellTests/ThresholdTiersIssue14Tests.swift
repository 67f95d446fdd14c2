import Foundation
import Testing
import UpshellAnalytics
@testable import UpshellShell

/// Issue 14, items 7 and 9 through the shell: `threshold detect` applies `reach=` and `window=` and refuses
/// `p0=`; the tiers band always holds its own point estimate.
@Suite struct ThresholdTiersIssue14Tests {
    func run(_ commands: String) -> (BufferConsole, Int) {
        let console = BufferConsole()
        let failures = Interpreter(session: Session(console: console)).run("load \"\(PricingCommandTests.demo)\" as demo brief; " + commands)
        return (console, failures)
    }

    /// `window=` names the window of the share; `reach=` fixes the reach (so the window share at W = R is the
    /// estimated share itself, N̂ = π̂0·Σ f̂ over the reach); `p0=` is refused with a hint.
    @Test func detectAppliesReachAndWindowAndRefusesP0() {
        let (fixed, failures) = run("threshold detect reach=10 window=10 draws=5")
        #expect(failures == 0)
        let out = fixed.stdout
        #expect(out.contains("reach R (fixed by reach=)"))
        #expect(out.contains("share within $10.00 below T"))
        let lines = out.split(separator: "\n").map(String.init)
        let shareLine = lines.first { $0.contains("share of orders within reach that top up") }
        let windowLine = lines.first { $0.contains("share within $10.00 below T") }
        let pct = { (s: String?) in s?.split(separator: " ").last.map(String.init) }
        #expect(pct(shareLine) != nil && pct(shareLine) == pct(windowLine))
        let (refused, bad) = run("threshold detect p0=30%")
        #expect(bad == 1)
        #expect(refused.stderr.contains("option 'p0' does not apply to 'threshold detect'"))
        #expect(refused.stderr.contains("reach=10"))
    }

    /// A point whose alpha (8) lies outside the band's alpha 1–4: the twelve corners give RPV $8.75 … $16.49
    /// (the first menu of the pricing_tiers transcript, whose point is $12.50 at alpha 2), missing the point
    /// $7.50; the band is widened to hold it, and a note says why. Second method: the corners and the point
    /// evaluated here with TierChoiceModel directly.
    @Test func tiersBandHoldsItsPointEstimate() throws {
        let tiers = [Tier(name: "Basic", price: 29, cost: 6), Tier(name: "Pro", price: 79, cost: 12), Tier(name: "Enterprise", price: 199, cost: 40)]
        var p = TierModelParameters(); p.alpha = 8
        let point = TierChoiceModel.evaluate(tiers, p).revenuePerVisitor
        var corners: [Double] = []
        for d in [0, 0.5, log(3.0)] { for s in [0.5, 1.1] { for a in [1.0, 4.0] {
            var q = p; q.delta = d; q.sigma = s; q.alpha = a
            corners.append(TierChoiceModel.evaluate(tiers, q).revenuePerVisitor)
        } } }
        #expect(point < corners.min()!)
        let band = try TiersRequest.bands(tiers, p, box: [])
        #expect(band.widened)
        #expect(band.rpv.0 <= point && point <= band.rpv.1)
        #expect(abs(band.rpv.1 - corners.max()!) < 1e-12)
        let out = run("tiers 29 79 199 m=70 sigma=0.8 cost=6,12,40 alpha=8").0.stdout
        #expect(out.contains("misses the point estimate $7.50"))
        // the reference menu at alpha 2 keeps its band: the point lies inside the corners
        let ref = try TiersRequest.bands(tiers, TierModelParameters(), box: [])
        #expect(!ref.widened)
    }
}
