import Foundation
import Testing
@testable import UpshellAnalytics
import UpshellData

/// Distribution, attachment, offers and AOV comparison on small crafted datasets with hand-computed or
/// independently computed (numpy / scipy) answers.
@Suite struct ValueDistributionTests {
    /// Ten one-line orders whose values are 5, 12, 12, 20, 35, 48, 50, 75, 120, 400.
    static let csv = """
        order_id,sku,quantity,unit_price
        o1,A,1,5
        o2,B,2,6
        o3,C,1,12
        o4,A,4,5
        o5,D,1,35
        o6,E,4,12
        o7,F,1,50
        o8,G,3,25
        o9,H,1,120
        o10,I,2,200
        """

    @Test func percentilesMatchNumpysLinearInterpolation() throws {
        let model = try #require(try TestData.load(csv: Self.csv).orders)
        let d = try ValueDistribution(Array(model.orders.value))
        #expect(d.count == 10)
        // Python: v = np.array([5,12,12,20,35,48,50,75,120,400.]);
        //         [np.percentile(v, q) for q in [5,10,25,50,75,90,95,99]], v.mean(), v.std(ddof=1)
        let numpy = [8.15, 11.3, 14.0, 41.5, 68.75, 148.0, 274.0, 374.8]
        for (q, expected) in zip(ValueDistribution.standardPercentiles, numpy) {
            #expect(abs(d.percentile(q) - expected) < 1e-9, "p\(q * 100)")
        }
        #expect(abs(d.mean - 77.7) < 1e-12)
        #expect(abs(d.summary.standardDeviation - 118.50649302417521) < 1e-9)
        #expect(d.median == 41.5 && d.minimum == 5 && d.maximum == 400)
    }

    @Test func bandsCountOrdersAndRevenueInHalfOpenIntervals() throws {
        let model = try #require(try TestData.load(csv: Self.csv).orders)
        let d = try ValueDistribution(Array(model.orders.value))
        // By hand: < 25: 5, 12, 12, 20 (49); [25, 50): 35, 48 (83); [50, 100): 50, 75 (125); ≥ 100: 120, 400 (520).
        let bands = d.bins(edges: [25, 50, 100])
        #expect(bands.map(\.count) == [4, 2, 2, 2])
        #expect(bands.map(\.total) == [49, 83, 125, 520])
        #expect(bands.map(\.share) == [0.4, 0.2, 0.2, 0.2])
        #expect(abs(bands[3].totalShare - 520 / 777) < 1e-12)
        #expect(bands.first!.lower == -.infinity && bands.last!.upper == .infinity)
        // Edges below every value leave out the empty open first band.
        #expect(d.bins(edges: [0, 100]).map(\.count) == [8, 2])
    }

    @Test func histogramHasRoundWidthsAndAnOverflowBin() throws {
        let model = try #require(try TestData.load(csv: Self.csv).orders)
        let d = try ValueDistribution(Array(model.orders.value))
        // p95 = 274; 6 bins requested → (274 − 5)/6 = 44.8 → round width 50, edges 0, 50, …, 300.
        let edges = d.histogramEdges(target: 6)
        #expect(edges == [0, 50, 100, 150, 200, 250, 300])
        let bins = d.bins(edges: edges)
        #expect(bins.map(\.count) == [6, 2, 1, 0, 0, 0, 1])   // 400 in the overflow bin [300, ∞)
        #expect(bins.reduce(0) { $0 + $1.count } == 10)
        #expect(ValueDistribution.niceStep(atLeast: 17.5) == 20)
        #expect(ValueDistribution.niceStep(atLeast: 2.1) == 2.5)
        #expect(ValueDistribution.niceStep(atLeast: 0.3) == 0.5)
        // Default bands: 1–2.5–5 amounts between p5 (8.15) and p99 (374.8).
        #expect(d.bandEdges() == [10, 25, 50, 100, 250])
    }

    @Test func emptyOrNonFiniteValuesAreRefused() {
        #expect(throws: MetricsError.self) { try ValueDistribution([]) }
        #expect(throws: MetricsError.nonFinite("order values")) { try ValueDistribution([1, .nan]) }
    }
}

@Suite struct AttachRateTests {
    /// o1 A+B, o2 2A+3B, o3 A, o4 2B, o5 C, o6 A+C.
    static let csv = """
        order_id,sku,quantity,unit_price
        o1,A,1,10
        o1,B,1,4
        o2,A,2,10
        o2,B,3,4
        o3,A,1,10
        o4,B,2,4
        o5,C,1,7
        o6,A,1,10
        o6,C,1,7
        """

    @Test func attachRateInOrdersAndUnitsByHand() throws {
        let model = try #require(try TestData.load(csv: Self.csv).orders)
        let a = try #require(model.products.id(named: "A")), b = try #require(model.products.id(named: "B"))
        let r = try AttachRate.compute(model, anchor: a, addOn: b)
        #expect(r.orders == 6 && r.ordersWithAnchor == 4 && r.ordersWithAddOn == 3 && r.ordersWithBoth == 2)
        #expect(r.rate == 0.5)                              // 2 of A's 4 orders hold B
        #expect(abs(r.reverseRate - 2.0 / 3) < 1e-15)      // 2 of B's 3 orders hold A
        #expect(r.baseline == 0.5)                          // 3 of 6 orders hold B
        #expect(r.lift == 1)
        #expect(r.anchorUnits == 5)                         // 1 + 2 + 1 + 1
        #expect(r.addOnUnitsWithAnchor == 4)                // 1 + 3
        #expect(r.unitsPerAnchorUnit == 0.8)
        #expect(abs(r.addOnUnitShareWithAnchor - 4.0 / 6) < 1e-15)   // of 1 + 3 + 2
        #expect(r.addOnRevenueWithAnchor == 16)
        // Wilson 95 % for 2/4: centre (0.5 + z²/8)/(1 + z²/4) = 0.5, half-width z·√(1/16 + z²/64)/(1 + z²/4), z = 1.959964
        let z = 1.959963984540054
        let half = z * (1.0 / 16 + z * z / 64).squareRoot() / (1 + z * z / 4)
        let ci = try #require(r.interval())
        #expect(abs(ci.lower - (0.5 - half)) < 1e-12 && abs(ci.upper - (0.5 + half)) < 1e-12)
    }
}

@Suite struct OfferMetricsTests {
    /// o1 = 100 + 20 (cross-sell) = 120, o2 = 100, o3 = 150 (upsell), o4 = 200 + 20 (cross-sell) + 15 = 235,
    /// o5 = 5. Variant A: o1, o2; B: o3, o4, o5.
    static let csv = """
        order_id,sku,quantity,unit_price,offer_type,variant
        o1,A,1,100,,A
        o1,B,1,20,cross-sell,A
        o2,A,1,100,none,A
        o3,C,1,150,upsell,B
        o4,A,2,100,,B
        o4,B,1,20,Cross-sell,B
        o4,D,3,5,,B
        o5,D,1,5,,B
        """

    @Test func conversionAndIncrementalAOVByHand() throws {
        let d = try TestData.load(csv: Self.csv)
        let model = try #require(d.orders)
        let marks = try #require(try d.offerMarks())
        #expect(marks.types == ["cross-sell", "upsell"])   // 'Cross-sell' is the same type; 'none' is no offer
        let r = try OfferMetrics.compute(model, marks: marks)
        #expect(r.map(\.offer) == ["cross-sell", "upsell", "any offer"])
        let cross = r[0], up = r[1], any = r[2]
        // N = 5, revenue 610, AOV 122.
        #expect(cross.orders == 5 && cross.aov == 122)
        #expect(cross.convertedOrders == 2 && cross.conversionRate == 0.4 && cross.lines == 2 && cross.units == 2)
        #expect(cross.offerRevenue == 40 && cross.incrementalAOV == 8 && cross.aovWithoutOffer == 114)
        #expect(cross.aovConverted == 177.5 && cross.aovOther == 85)          // (120 + 235)/2, (100 + 150 + 5)/3
        #expect(up.convertedOrders == 1 && up.conversionRate == 0.2 && up.incrementalAOV == 30)
        #expect(up.aovConverted == 150 && up.aovOther == 115)                 // (120 + 100 + 235 + 5)/4
        #expect(any.convertedOrders == 3 && any.conversionRate == 0.6 && any.lines == 3 && any.offerRevenue == 190)
        #expect(any.incrementalAOV == 38 && any.aovOther == 52.5)             // (100 + 5)/2
        #expect(abs(any.revenueShare - 190.0 / 610) < 1e-15)
    }

    @Test func byVariantSplitsOrders() throws {
        let d = try TestData.load(csv: Self.csv)
        let labels = try d.orderLabels(column: "variant")
        let r = try OfferMetrics.compute(d.orders!, marks: try #require(try d.offerMarks()), groups: labels.labels,
                                         groupOfOrder: labels.groupOfOrder)
        let aCross = try #require(r.first { $0.group == "A" && $0.offer == "cross-sell" })
        let bCross = try #require(r.first { $0.group == "B" && $0.offer == "cross-sell" })
        let bUp = try #require(r.first { $0.group == "B" && $0.offer == "upsell" })
        #expect(aCross.orders == 2 && aCross.convertedOrders == 1 && aCross.incrementalAOV == 10)   // 20 / 2
        #expect(bCross.orders == 3 && bCross.convertedOrders == 1 && abs(bCross.conversionRate - 1.0 / 3) < 1e-15)
        #expect(bUp.incrementalAOV == 50)                                                            // 150 / 3
    }

    @Test func yesNoColumnsAndMissingColumns() throws {
        let d = try TestData.load(csv: """
            order_id,sku,unit_price,upsell
            o1,A,10,yes
            o2,B,10,no
            o3,C,10,
            """)
        let marks = try #require(try d.offerMarks())
        #expect(marks.types == ["offer"])
        #expect(try OfferMetrics.compute(d.orders!, marks: marks).map(\.convertedOrders) == [1])
        let plain = try TestData.load(csv: "order_id,sku,unit_price\no1,A,10\n")
        #expect(try plain.offerMarks() == nil)
        // Plain advice here; the shell adds 'map offer=COLUMN' (AnalyticsErrorHintsTests).
        #expect(MetricsError.missingRole("offer", "offers").hint == "name the column that holds the offer")
    }
}

@Suite struct MeanComparisonTests {
    static let a: [Double] = [20, 35, 50, 41, 180, 25, 60]
    static let b: [Double] = [30, 45, 52, 300, 38, 90, 55, 61]

    /// Python (scipy 1.17.1): r = stats.ttest_ind(B, A, equal_var=False); r.confidence_interval(0.95);
    /// stats.mannwhitneyu(A, B, alternative='two-sided', method='asymptotic', use_continuity=True).
    @Test func welchAndMannWhitneyMatchScipy() throws {
        let c = try MeanComparison.compare(first: Self.a, second: Self.b, resamples: 200, seed: 1)
        #expect(abs(c.welch.t - 0.6655314128267071) < 1e-9)
        #expect(abs(c.welch.degreesOfFreedom - 11.831135323369143) < 1e-9)
        #expect(abs(c.welch.pValue - 0.5184754534288648) < 1e-7)
        #expect(abs(c.welch.interval.lower - -57.34086651871058) < 1e-6)
        #expect(abs(c.welch.interval.upper - 107.66229509013914) < 1e-6)
        #expect(abs(c.mannWhitney.pValue - 0.27158867424337474) < 1e-9)
        #expect(c.mannWhitney.u == 18)
        #expect(abs(c.difference - (671.0 / 8 - 411.0 / 7)) < 1e-12)
        #expect(abs(c.relativeLift - ((671.0 / 8) / (411.0 / 7) - 1)) < 1e-12)
    }

    /// Python: stats.bootstrap((A, B), lambda a, b, axis=-1: b.mean(axis=axis) - a.mean(axis=axis),
    /// n_resamples=200000, method='percentile', random_state=np.random.default_rng(1)) → (−38.143, 100.589).
    /// Different generators, so the ends agree only up to Monte Carlo error (≈ 1 % of the width at 200,000 draws).
    @Test func bootstrapIntervalAgreesWithScipyAndIsReproducible() throws {
        let c = try MeanComparison.compare(first: Self.a, second: Self.b, resamples: 200_000, seed: 20_261_125)
        let width = 100.58928571428572 - -38.14285714285714
        #expect(abs(c.bootstrap.interval.lower - -38.14285714285714) < 0.02 * width)
        #expect(abs(c.bootstrap.interval.upper - 100.58928571428572) < 0.02 * width)
        let again = try MeanComparison.compare(first: Self.a, second: Self.b, resamples: 2_000, seed: 7)
        let same = try MeanComparison.compare(first: Self.a, second: Self.b, resamples: 2_000, seed: 7)
        let other = try MeanComparison.compare(first: Self.a, second: Self.b, resamples: 2_000, seed: 8)
        #expect(again.bootstrap == same.bootstrap)
        #expect(again.bootstrap.interval != other.bootstrap.interval)
    }

    @Test func tooFewOrdersAreRefused() {
        #expect(throws: StatisticsError.self) { try MeanComparison.compare(first: [1], second: [1, 2], seed: 1) }
    }
}

@Suite struct PeriodSpanTests {
    func day(_ y: Int, _ m: Int, _ d: Int) -> Int64 { Int64(CivilDateForTests.days(y, m, d)) * 86_400 }

    @Test func periodsAndRanges() throws {
        let q4 = try #require(PeriodSpan("2025-Q4"))
        #expect(q4.start == day(2025, 10, 1) && q4.end == day(2026, 1, 1))
        let feb = try #require(PeriodSpan("2024-02"))
        #expect(feb.start == day(2024, 2, 1) && feb.end == day(2024, 3, 1))
        let year = try #require(PeriodSpan("2025"))
        #expect(year.start == day(2025, 1, 1) && year.end == day(2026, 1, 1))
        let leap = try #require(PeriodSpan("2024-02-29"))
        #expect(leap.end - leap.start == 86_400)
        let range = try #require(PeriodSpan("2025-01..2025-03"))
        #expect(range.start == day(2025, 1, 1) && range.end == day(2025, 4, 1))
        let days = try #require(PeriodSpan("2025-01-01..2025-03-31"))
        #expect(days.start == day(2025, 1, 1) && days.end == day(2025, 4, 1))
        #expect(days.contains(day(2025, 3, 31) + 86_399) && !days.contains(day(2025, 4, 1)))
    }

    @Test func malformedPeriodsAreRejected() {
        for text in ["2025-02-29", "2025-Q5", "2025-13", "25-01", "2025-03..2025-01", "Q1", "2025-1", "2025-01-01T10:00", ""] {
            #expect(PeriodSpan(text) == nil, "\(text)")
        }
    }
}

/// The demo store against numpy / scipy on the same definition of order value (Σ quantity × unit price − discount of
/// paid orders' lines; the order model's default cleaning). Reference values printed by
/// `Scripts/.venv/bin/python Scripts/reference/demo_order_value_metrics.py` (numpy 2.4.6, scipy 1.17.1).
@Suite struct DemoStoreOrderValueTests {
    static func demo() throws -> OrderModel {
        let path = TestData.packageRoot.appendingPathComponent("Datasets/demo/orders.csv").path
        return try #require(try DatasetLoader.load(path: path).orders)
    }

    @Test func percentilesMatchNumpy() throws {
        let d = try ValueDistribution(Array(try Self.demo().orders.value))
        let numpy = [9.95, 14.0, 24.0, 50.5, 98.0, 202.0, 349.0, 1017.3450000000003]
        for (q, expected) in zip(ValueDistribution.standardPercentiles, numpy) {
            #expect(abs(d.percentile(q) - expected) < 1e-6, "p\(q * 100)")
        }
        #expect(d.count == 15_832)
        #expect(abs(d.mean - 100.60836154623547) < 1e-9)
        #expect(abs(d.summary.standardDeviation - 185.1753414039867) < 1e-7)
    }

    @Test func variantAOVComparisonMatchesScipy() throws {
        let d = try TestData.load(csv: try String(contentsOf: TestData.packageRoot.appendingPathComponent("Datasets/demo/orders.csv"), encoding: .utf8))
        let model = try #require(d.orders)
        let labels = try d.orderLabels(column: "variant")
        let a = try #require(labels.labels.firstIndex(of: "A")), b = try #require(labels.labels.firstIndex(of: "B"))
        let va = zip(model.orders.value, labels.groupOfOrder).filter { Int($0.1) == a }.map(\.0)
        let vb = zip(model.orders.value, labels.groupOfOrder).filter { Int($0.1) == b }.map(\.0)
        #expect(va.count == 1_077 && vb.count == 929)
        let c = try MeanComparison.compare(first: va, second: vb, resamples: 500, seed: 1)
        #expect(abs(c.first.mean - 99.51753017641597) < 1e-9 && abs(c.second.mean - 104.46393972012918) < 1e-9)
        #expect(abs(c.welch.t - 0.6410651944506706) < 1e-8)
        #expect(abs(c.welch.degreesOfFreedom - 1860.6639437757701) < 1e-6)
        #expect(abs(c.welch.pValue - 0.5215592759116006) < 1e-7)
        #expect(abs(c.welch.interval.lower - -10.18636501498068) < 1e-6)
        #expect(abs(c.welch.interval.upper - 20.079184102407083) < 1e-6)
        // scipy.stats.mannwhitneyu(va, vb) on these order values, which the model keeps in exact cents: orders
        // whose values tie as decimals tie here too (summed in binary they could differ in the last digit)
        #expect(abs(c.mannWhitney.pValue - 0.9093922381753008) < 1e-7)
    }

    @Test func offersAndAttachMatchAPlainRecount() throws {
        let path = TestData.packageRoot.appendingPathComponent("Datasets/demo/orders.csv").path
        let d = try DatasetLoader.load(path: path)
        let model = try #require(d.orders)
        let r = try OfferMetrics.compute(model, marks: try #require(try d.offerMarks()))
        let cross = try #require(r.first { $0.offer == "cross-sell" }), up = try #require(r.first { $0.offer == "upsell" })
        #expect(cross.convertedOrders == 617 && abs(cross.offerRevenue - 8887.18) < 1e-6)
        #expect(up.convertedOrders == 107 && abs(up.offerRevenue - 16749.5) < 1e-6)
        #expect(abs(cross.incrementalAOV - 0.561342849924204) < 1e-12)
        let a = try #require(model.products.id(named: "CMP-004")), b = try #require(model.products.id(named: "CMP-005"))
        let attach = try AttachRate.compute(model, anchor: a, addOn: b)
        #expect(attach.ordersWithAnchor == 144 && attach.ordersWithBoth == 76)
    }
}
