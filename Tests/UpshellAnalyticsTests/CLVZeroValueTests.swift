import Foundation
import Testing
@testable import UpshellAnalytics
import UpshellCore
import UpshellData

/// A zero-value purchase is still a purchase for BG/NBD (frequency, recency), never spend for Gamma-Gamma,
/// and the order model — revenue, AOV, baskets — does not change.
@Suite struct CLVZeroValueTests {
    static let csv = """
        order_id,customer_id,created_at,sku,quantity,unit_price
        1,a,2024-01-01 09:00:00,X,1,10
        2,a,2024-01-08 10:00:00,X,1,20
        2,a,2024-01-08 10:00:00,Y,1,0
        4,a,2024-01-10 10:00:00,Y,1,0
        C5,a,2024-01-12 10:00:00,Y,1,0
        6,a,2024-01-13 10:00:00,Y,-1,0
        7,a,2024-01-14 10:00:00,Y,1,-5
        8,b,2024-01-03 10:00:00,Y,1,0
        9,b,2024-01-09 10:00:00,Y,2,0
        10,c,2024-01-05 10:00:00,X,1,5
        11,a,2024-01-20 10:00:00,Y,1,0
        12,c,2024-01-25 10:00:00,X,1,5
        """

    /// Worked by hand (calibration through 2024-01-15, days). a: first day 01-01 ($10); repeat days 01-08
    /// ($20 and a free item: one day) and 01-10 (a free order only: a purchase day without spend); C5 is a
    /// cancellation, 6 a return, 7 a negative price — none a purchase; 01-20 (free) is in the holdout.
    /// b bought only free items (01-03, 01-09): a customer the order model does not have. c: 01-05, and
    /// 01-25 in the holdout (the data's last day).
    @Test func freeItemsArePurchaseDaysButNotSpend() throws {
        let d = try TestData.load(csv: Self.csv)
        let model = try #require(d.orders)
        #expect(model.orders.count == 4 && model.customers.count == 2)
        #expect(model.orders.value.reduce(0, +) == 40)
        let end = Int64(CivilDate.daysSinceEpoch(year: 2024, month: 1, day: 15)!) * 86_400
        let s = try RepeatPurchaseSummary.build(d, calibrationEnd: end, unit: .days)
        let keys = (0..<s.count).map { s.customerKey($0, in: model) }
        #expect(keys == ["a", "c", "b"])
        #expect(s.customer[2] == -1 && s.newCustomerKeys == ["b"])
        #expect(s.frequency == [2, 0, 1])
        #expect(s.recency == [9, 0, 6])
        #expect(s.age == [14, 10, 12])
        #expect(s.spendFrequency == [1, 0, 0])
        #expect(s.meanRepeatSpend[0] == 20 && s.meanRepeatSpend[1].isNaN && s.meanRepeatSpend[2].isNaN)
        #expect(s.holdoutTransactions == [1, 1, 0])
        #expect(s.holdoutValue == [0, 5, 0])
        #expect(s.lastDay == CivilDate.daysSinceEpoch(year: 2024, month: 1, day: 25)!)
        // orders 2 (its free line), 4, 8, 9, 11; days made only by them: a 01-10, 01-20; b 01-03, 01-09
        #expect(s.zeroValuePurchases == 5)
        #expect(s.zeroValueOnlyDays == 4)
        #expect(s.daysWithoutSpend == 4)
        #expect(s.zeroValueOnlyCustomers == 1)
        // the order model is untouched: the same orders and revenue after the summary
        #expect(d.orders?.orders.count == 4 && d.orders?.orders.value.reduce(0, +) == 40)
        // the model alone (no dataset) sees only the paid days
        let paidOnly = try RepeatPurchaseSummary.build(model, calibrationEnd: end, unit: .days)
        #expect(paidOnly.frequency == [1, 0] && paidOnly.zeroValuePurchases == 0)
    }

    /// When cleaning keeps non-positive prices the free lines are in the orders already: nothing is added,
    /// and the days without a positive value are still not spend.
    @Test func keptFreeLinesAreNotAddedTwice() throws {
        var d = try TestData.load(csv: Self.csv)
        var policy = d.cleaning.policy
        policy.nonPositivePrice = .keep
        try d.clean(policy)
        #expect(try ZeroValuePurchases.find(in: d).count == 0)
        let end = Int64(CivilDate.daysSinceEpoch(year: 2024, month: 1, day: 15)!) * 86_400
        let s = try RepeatPurchaseSummary.build(d, calibrationEnd: end, unit: .days)
        #expect(s.zeroValuePurchases == 0 && s.newCustomerKeys.isEmpty)
        // a: 01-08, 01-10 and, kept now, 01-14 (order 7, −$5); b is an order-model customer now
        #expect(s.frequency == [3, 1, 0])
        #expect(s.spendFrequency == [1, 0, 0])
        #expect(s.daysWithoutSpend == 5)
    }

    /// Fader, Hardie & Lee (2005) and the reference README: 2,357 customers, Σx = 2,457, 946 repeat buyers,
    /// 1,882 holdout purchases — with the default cleaning, which drops the 8 $0 lines from the orders
    /// (6,688 orders, 2,349 customers) but counts them as purchases here. The calibration data are the same
    /// as the raw file's (every line kept), customer by customer, so the fit is the paper's: scipy
    /// 0.2425945371, 4.413602353, 0.7929220924, 2.4259071998; log L −9582.429206673929 (Scripts/clv_reference.py).
    @Test func cdnowDefaultCleaningGivesThePapersCustomers() throws {
        let d = try DatasetLoader.load(path: CDNOW.path)
        let model = try #require(d.orders)
        #expect(model.orders.count == 6688 && model.customers.count == 2349)
        let s = try RepeatPurchaseSummary.build(d, calibrationEnd: CDNOW.calibrationEnd, unit: .weeks)
        #expect(s.count == 2357)
        #expect(s.frequency.reduce(0, +) == 2457)
        #expect(s.repeatCustomers == 946)
        #expect(s.holdoutTransactions.reduce(0, +) == 1882)
        #expect(s.zeroValuePurchases == 8 && s.zeroValueOnlyCustomers == 8 && s.zeroValueOnlyDays == 8)
        let raw = try CDNOW.summary()
        #expect(raw.daysWithoutSpend == 8 && raw.zeroValuePurchases == 0)
        func rows(_ s: RepeatPurchaseSummary, _ keys: [String]) -> [String: [Double]] {
            Dictionary(uniqueKeysWithValues: (0..<s.count).map { (keys[$0], [s.frequency[$0], s.recency[$0], s.age[$0], s.spendFrequency[$0], s.holdoutTransactions[$0]]) })
        }
        let rawModel = try CDNOW.model()
        #expect(rows(s, (0..<s.count).map { s.customerKey($0, in: model) }) == rows(raw, (0..<raw.count).map { raw.customerKey($0, in: rawModel) }))
        let fit = try LifetimeModelFit.fit(s, withSpend: true)
        let m = fit.purchases
        #expect([m.r, m.alpha, m.a, m.b].map { significant($0, 3) } == [0.243, 4.41, 0.793, 2.43])
        #expect(close(m.r, 0.2425945371, rel: 1e-5) && close(m.alpha, 4.413602353, rel: 1e-5))
        #expect(close(m.a, 0.7929220924, rel: 1e-4) && close(m.b, 2.4259071998, rel: 1e-4))
        #expect(abs(fit.purchasesFit.logLikelihood - -9582.429206673929) < 1e-6)
        #expect(fit.purchasesFit.poorlyDetermined.isEmpty && fit.noDropoutFit == nil)
    }
}

/// The no-drop-out limit a → 0 (the NBD model) and the slope of the likelihood into BG/NBD from it, each
/// against a second computation: the BG/NBD formulas at a tiny a, and a finite difference.
@Suite struct NoDropoutLimitTests {
    /// At a = 10⁻⁹ BG/NBD's eq. 10, P(alive) and eq. 6 are within ~10⁻⁸ of the limit's closed forms
    /// (r + x)·t/(α + T), 1 and the NBD log-likelihood, whatever b.
    @Test func limitMatchesBGNBDAtTinyA() {
        let limit = BGNBDModel.noDropout(r: 0.7602095, alpha: 9.77016828, unit: .weeks)
        #expect(limit.hasNoDropout && limit.b.isNaN)
        for b in [1.5, 3.0, 40.0] {
            let near = BGNBDModel(r: limit.r, alpha: limit.alpha, a: 1e-9, b: b, unit: .weeks)
            for (x, tx, T) in [(4.0, 34.0, 42.43), (0.0, 0.0, 36.4), (93.0, 43.29, 43.29)] {
                #expect(close(limit.expectedPurchases(in: 26, frequency: x, recency: tx, age: T),
                              near.expectedPurchases(in: 26, frequency: x, recency: tx, age: T), rel: 1e-6))
                #expect(abs(near.probabilityAlive(frequency: x, recency: tx, age: T) - 1) < 1e-6)
                #expect(limit.probabilityAlive(frequency: x, recency: tx, age: T) == 1)
                #expect(close(limit.logLikelihood(frequency: x, recency: tx, age: T), near.logLikelihood(frequency: x, recency: tx, age: T), rel: 1e-6))
            }
            #expect(close(limit.expectedPurchases(newCustomerIn: 52), near.expectedPurchases(newCustomerIn: 52), rel: 1e-6))
        }
        // NBD closed form: (r + x)·t/(α + T) (the mean of the posterior rate Gamma(r + x, α + T), times t)
        #expect(close(limit.expectedPurchases(in: 26, frequency: 4, recency: 34, age: 42.42857142857143), 2.3710428209176824, rel: 1e-7))
    }

    /// ∂ log L/∂a at a = 0 equals the one-sided difference (log L(a = h) − log L(a → 0))/h for small h.
    @Test func dropoutSlopeIsTheDerivativeAtTheBoundary() {
        let x: [Double] = [0, 1, 3, 2, 0, 1, 7], tx: [Double] = [0, 5, 20.5, 9, 0, 0.5, 30], T: [Double] = [10, 30, 31, 12, 10, 30, 44]
        let likelihood = BGNBDLikelihood(frequency: x, recency: tx, age: T)
        let r = 0.6, alpha = 8.0, h = 1e-7
        for b in [0.3, 2.0, 50.0] {
            let difference = (likelihood([r, alpha, h, b]) - likelihood.noDropout([r, alpha])) / h
            #expect(close(likelihood.dropoutSlope(r: r, alpha: alpha, b: b), difference, rel: 1e-4))
        }
        #expect(close(likelihood.dropoutSlopeForLargeB(r: r, alpha: alpha), 1e6 * likelihood.dropoutSlope(r: r, alpha: alpha, b: 1e6), rel: 1e-3))
    }
}
