import Testing
import UpshellAnalytics
import UpshellCore
@testable import UpshellShell

/// Analytics errors are plain; the shell words them in its commands and options. The expected texts
/// are the messages and hints these errors printed before the shell took over the wording (unchanged
/// in the transcripts).
@Suite struct AnalyticsErrorHintsTests {
    /// Every message and hint the analytics layer writes, checked for shell syntax.
    static let plain: [any UserFacingError] = [
        SegmentationError.missingRole("customer", "rfm"), SegmentationError.tooFewCustomers(1, "rfm"),
        SegmentationError.activeNotBeforeLapsed(active: 3, lapsed: 1.5), SegmentationError.championOrdersTooFew,
        SegmentationError.noInterPurchaseTime, SegmentationError.topShareOutOfRange(1.2),
        BasketError.noAttribute("category"), BasketError.unknownItem("x", suggestions: []), BasketError.noMultiItemBaskets(3),
        BasketError.badSupport("too small"), BasketError.tooManyItemsets(found: 10, estimate: 2e6, support: "0.1%"),
        CLVError.missingRole("customer", "lifetime value"), CLVError.noCustomers, CLVError.tooLittleData("customers", 1, 10),
        CLVError.notConverged(model: "BG/NBD", reason: "r", lastState: "s"),
        MetricsError.missingRole("offer", "offers"), MetricsError.noOrders("in 'x'"), MetricsError.nonFinite("prices"),
        ExperimentError.baselineOutOfRange(2), ExperimentError.zeroEffect, ExperimentError.powerNotAboveAlpha(power: 0.01, alpha: 0.05),
        ExperimentError.nonPositiveTraffic(0), ExperimentError.invalidPlannedShares([0]), ExperimentError.invalidRunCount(0),
        ExperimentError.unknownVariant("zz", available: ["a", "b"]), ExperimentError.nonPositiveStandardDeviation(0),
    ]

    @Test func analyticsErrorsNameNoShellSyntax() {
        for e in Self.plain {
            let text = e.message + " " + (e.hint ?? "")
            #expect(!text.contains("="), "\(e)")
            #expect(!text.contains("map "), "\(e)")
            #expect(!text.contains("segment "), "\(e)")
            #expect(!text.contains("'help"), "\(e)")
        }
    }

    @Test func theShellAddsItsCommandsAndOptions() {
        let rfm = AnalyticsErrorHints.text(for: SegmentationError.missingRole("customer", "rfm"))
        #expect(rfm.message == "segment rfm needs the 'customer' role, which no column plays")
        #expect(rfm.hint == "map it: map customer=COLUMN ('describe' lists the columns)")
        let mining = AnalyticsErrorHints.text(for: BasketError.tooManyItemsets(found: 10, estimate: 2.4e6, support: "0.1%"))
        #expect(mining.message == "min-support=0.1% gives more than 10 itemsets (about 2.4 million by extrapolation), too many to hold")
        #expect(mining.hint == "raise min-support (or lower max-size), or add the flag 'force' to mine anyway")
        #expect(AnalyticsErrorHints.hint(for: MetricsError.missingRole("offer", "offers"))?.contains("map offer=COLUMN") == true)
        #expect(AnalyticsErrorHints.hint(for: CLVError.missingRole("customer", "clv fit"))
                == "map it: map customer=COLUMN (the column with customer ids; 'describe' lists the columns)")
        #expect(AnalyticsErrorHints.hint(for: ExperimentError.baselineOutOfRange(2)) == "give the control's current conversion rate, e.g. baseline=3.2%")
        // Errors without shell wording pass through unchanged.
        #expect(AnalyticsErrorHints.hint(for: ExperimentError.unknownVariant("contrl", available: ["control"])) == "did you mean 'control'?")
        #expect(AnalyticsErrorHints.text(for: StatisticsError.zeroVariance).message == StatisticsError.zeroVariance.message)
    }
}
