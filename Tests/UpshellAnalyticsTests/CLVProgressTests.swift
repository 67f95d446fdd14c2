import Foundation
import Synchronization
import Testing
import UpshellCore
@testable import UpshellAnalytics

/// Progress of `clv fit` (issue 17, item 5): counted in likelihood evaluations against an estimate that
/// grows rather than claiming the fit is done early, and without changing a number.
@Suite struct CLVProgressTests {
    final class Recorder: ProgressReporter {
        let updates = Mutex<[(done: Int, total: Int)]>([])
        func update(done: Int, total: Int) { updates.withLock { $0.append((done, total)) } }
        func finish() {}
    }

    @Test func theCDNOWFitReportsEvaluationsAndKeepsItsEstimates() throws {
        let recorder = Recorder()
        let metered = try LifetimeModelFit.fit(CDNOW.summary(), withSpend: true, progress: recorder)
        let plain = try LifetimeModelFit.fit(CDNOW.summary(), withSpend: true)
        #expect(metered.purchasesFit.estimates == plain.purchasesFit.estimates)
        #expect(metered.spendFit?.estimates == plain.spendFit?.estimates)
        let updates = recorder.updates.withLock { $0 }
        // MaximumLikelihood.fit documents 764 evaluations for BG/NBD on CDNOW; with Gamma-Gamma, hundreds more.
        #expect(updates.count * 16 >= 764, "\(updates.count) updates")
        #expect(zip(updates, updates.dropFirst()).allSatisfy { $0.done < $1.done }, "evaluations only grow")
        #expect(updates.allSatisfy { $0.done < $0.total }, "never 100 % before the fit ends")
        #expect(updates.first?.total == 2 * FitProgress.typicalEvaluations, "two models expected")
    }

    @Test func theEstimateGrowsWhenTheCountPassesIt() {
        let recorder = Recorder()
        let meter = FitProgress(recorder, models: 1)
        for _ in 0..<1_600 { meter.tick() }
        let last = recorder.updates.withLock { $0.last }
        // 1,000 expected; at 1,000 the estimate becomes 1,250, at 1,250 → 1,562, at 1,562 → 1,952.
        #expect(last?.done == 1_600 && last?.total == 1_952)
    }
}
