import Foundation
import Testing
@testable import UpshellAnalytics
import UpshellCore
import UpshellData

// Reference values: `Scripts/.venv/bin/python Scripts/clv_reference_online_retail.py` (pandas 3.1, numpy 2.4,
// scipy 1.17.1, lifetimes 0.11.3) on Datasets/public/online_retail.csv.gz: the customer summary rebuilt with
// pandas under the default cleaning and the zero-value rule (price-0 lines are purchases, not spend), weeks;
// BG/NBD by lifetimes' BetaGeoFitter, by scipy (Nelder–Mead then BFGS from three starts) and, for the
// no-drop-out limit a → 0, by scipy on the NBD likelihood; Gamma-Gamma by lifetimes and scipy.

/// One customer's history and lifetimes' predictions for it (E[Y(26 weeks)], P(alive)).
private struct ReferenceCustomer {
    var key: String
    var x: Double, tx: Double, T: Double
    var expected: Double, alive: Double
}

/// UCI Online Retail: `clv fit` gives a usable model where it used to fail three ways ("b is not determined
/// by the data" in weeks and in days, "a drifts towards zero" through 2011-09-30). Loaded once: slow in debug.
@Suite struct CLVOnlineRetailTests {
    @Test func fitsAgreeWithLifetimesInsideAndOnTheNoDropoutBoundary() throws {
        let dataset = try DatasetLoader.load(path: TestData.publicDataset("online_retail.csv"))
        let model = try #require(dataset.orders)
        #expect(model.customers.count == 4338)

        // Calibration through the data's last day (clv fit's default). pandas: 4,339 customers (4,338 in the
        // orders + 13256, who only got free items), Σx 12,427, 2,790 repeat buyers; 34 zero-value purchases
        // (40 price-0 lines), 3 purchase days that only they make.
        let s = try RepeatPurchaseSummary.build(dataset, calibrationEnd: nil, unit: .weeks)
        #expect(s.count == 4339 && s.frequency.reduce(0, +) == 12427 && s.repeatCustomers == 2790)
        #expect(s.zeroValuePurchases == 34 && s.zeroValueOnlyDays == 3 && s.newCustomerKeys == ["13256"])
        let fit = try LifetimeModelFit.fit(s, withSpend: true)
        // lifetimes 0.11.3: r 0.826433101, α 9.84152541, a 0.00344270946, b 6.74936277, log L −37647.7594178592
        // (scipy from [0.8, 10, 0.5, 3]: the same maximum to 3e-8). a and b are poorly determined (lifetimes'
        // SE of b 22.4): the likelihood is flat towards a → 0, where the NBD limit (scipy: r 0.82745056,
        // α 9.86832241, log L −37647.879397411845) lies 0.12 lower — an interior maximum, not the boundary
        // (∂ log L/∂a at a = 0 is up to +100 over b).
        let m = fit.purchases
        #expect(!m.hasNoDropout)
        #expect(close(m.r, 0.826433101, rel: 1e-5) && close(m.alpha, 9.84152541, rel: 1e-5))
        #expect(close(m.a, 0.00344270946, rel: 1e-2) && close(m.b, 6.74936277, rel: 1e-2))
        #expect(abs(fit.purchasesFit.logLikelihood - -37647.7594178592) < 1e-5)
        #expect(fit.purchasesFit.poorlyDetermined.contains("b"))
        let nbd = try #require(fit.noDropoutFit)
        #expect(close(nbd.estimates[0], 0.82745056, rel: 1e-5) && close(nbd.estimates[1], 9.86832241, rel: 1e-5))
        #expect(abs(nbd.logLikelihood - -37647.879397411845) < 1e-5)
        // lifetimes' conditional_expected_number_of_purchases_up_to_time(26, …) and conditional_probability_alive
        Self.expectPredictions(m, s, model, [
            ReferenceCustomer(key: "12347", x: 6, tx: 52.142857142857146, T: 52.42857142857143, expected: 2.84826163470509, alive: 0.9996977342488912),
            ReferenceCustomer(key: "14911", x: 131, tx: 53.142857142857146, T: 53.285714285714285, expected: 54.26007929677243, alive: 0.9999660634686584),
            ReferenceCustomer(key: "17850", x: 1, tx: 0.14285714285714285, T: 53.285714285714285, expected: 0.741090828912123, alive: 0.9854106129071651),
            ReferenceCustomer(key: "12346", x: 0, tx: 0, T: 46.42857142857143, expected: 0.381781383753448, alive: 1),
            ReferenceCustomer(key: "13256", x: 0, tx: 0, T: 2, expected: 1.813061032860489, alive: 1),
            ReferenceCustomer(key: "15581", x: 11, tx: 35.142857142857146, T: 52.285714285714285, expected: 4.901102191768677, alive: 0.9907282319901478),
        ], rel: 1e-4)
        // Gamma-Gamma on the 2,790 repeat buyers' positive spend: lifetimes p 2.10338201, q 3.45117896,
        // γ 485.88859458; scipy 2.10338238, 3.45117846, 485.88840776, log L −19083.330649777075.
        let g = try #require(fit.spend)
        #expect(try #require(fit.spendFit).observations == 2790)
        #expect(close(g.p, 2.10338238, rel: 1e-4) && close(g.q, 3.45117846, rel: 1e-4) && close(g.gamma, 485.88840776, rel: 1e-4))
        #expect(abs(try #require(fit.spendFit).logLikelihood - -19083.330649777075) < 1e-5)

        // Calibration through 2011-09-30: 3,616 customers, Σx 8,340, 2,121 repeat buyers. The maximum lies on
        // the boundary: ∂ log L/∂a at a = 0 is negative for every b (at most −1.2e-5, b → ∞: Σ(R − x) = −1191).
        // scipy NBD: r 0.7602095, α 9.77016828, log L −25702.27306792921. lifetimes' optimizer stops there
        // with "precision loss" (ConvergenceError) at r 0.760210188, α 9.77017851, a 6.0e-7, b 14,806, log L
        // −25702.273067897964; scipy from [1, 1, 1, 1] at a 3.0e-7, b 18,503, log L −25702.273067817616.
        let end = Int64(CivilDate.daysSinceEpoch(year: 2011, month: 9, day: 30)!) * 86_400
        let early = try RepeatPurchaseSummary.build(dataset, calibrationEnd: end, unit: .weeks)
        #expect(early.count == 3616 && early.frequency.reduce(0, +) == 8340 && early.repeatCustomers == 2121)
        let (boundary, boundaryFit, _) = try LifetimeModelFit.fitPurchases(early)
        #expect(boundary.hasNoDropout && boundaryFit.estimates[2] == 0 && boundaryFit.estimates[3].isNaN)
        #expect(close(boundary.r, 0.7602095, rel: 1e-5) && close(boundary.alpha, 9.77016828, rel: 1e-5))
        #expect(abs(boundaryFit.logLikelihood - -25702.27306792921) < 1e-5)
        // lifetimes at its stopping point; the NBD's (r + x)·26/(α + T) agrees with it to 2e-7.
        Self.expectPredictions(boundary, early, model, [
            ReferenceCustomer(key: "12347", x: 4, tx: 34, T: 42.42857142857143, expected: 2.371042699353868, alive: 0.9999999999058427),
            ReferenceCustomer(key: "14911", x: 93, tx: 43.285714285714285, T: 43.285714285714285, expected: 45.947119807747846, alive: 0.9999999999595253),
            ReferenceCustomer(key: "17850", x: 1, tx: 0.14285714285714285, T: 43.285714285714285, expected: 0.8625896676433135, alive: 0.9999999992197504),
            ReferenceCustomer(key: "15581", x: 11, tx: 35.142857142857146, T: 42.285714285714285, expected: 5.8737915816932365, alive: 0.9999999997691236),
        ], rel: 1e-5)
    }

    /// Each reference customer's (x, tₓ, T) as pandas has it, and the model's E[Y(26)] and P(alive) against lifetimes'.
    private static func expectPredictions(_ m: BGNBDModel, _ s: RepeatPurchaseSummary, _ model: OrderModel,
                                          _ customers: [ReferenceCustomer], rel: Double) {
        let index = Dictionary(uniqueKeysWithValues: (0..<s.count).map { (s.customerKey($0, in: model), $0) })
        for c in customers {
            guard let i = index[c.key] else { Issue.record("customer \(c.key) not in the summary"); continue }
            #expect(s.frequency[i] == c.x && close(s.recency[i], c.tx, rel: 1e-12) && close(s.age[i], c.T, rel: 1e-12), "\(c.key)")
            let e = m.expectedPurchases(in: 26, frequency: c.x, recency: c.tx, age: c.T)
            #expect(close(e, c.expected, rel: rel), "\(c.key): E[Y(26)] \(e) vs lifetimes \(c.expected)")
            let alive = m.probabilityAlive(frequency: c.x, recency: c.tx, age: c.T)
            #expect(abs(alive - c.alive) < rel, "\(c.key): P(alive) \(alive) vs lifetimes \(c.alive)")
        }
    }
}
