import Foundation
import Testing
@testable import UpshellAnalytics
import UpshellData

// Reference values: `Scripts/.venv/bin/python Scripts/clv_reference.py` (numpy 2.4, scipy 1.17.1,
// lifetimes 0.11.3): the CDNOW calibration summary rebuilt with pandas from the raw file, the BG/NBD and
// Gamma-Gamma likelihoods maximised with scipy (Nelder–Mead then BFGS, tight tolerances), scipy's
// hyp2f1 for the expectations, and the lifetimes package as a second opinion. Published values: Fader,
// Hardie & Lee (2005) and Fader & Hardie, "The Gamma-Gamma Model of Monetary Value" (2013).

/// Rounds to `digits` significant figures.
func significant(_ v: Double, _ digits: Int) -> Double {
    guard v != 0, v.isFinite else { return v }
    let scale = pow(10, Double(digits) - (log10(abs(v))).rounded(.up))
    return (v * scale).rounded() / scale
}

enum CDNOW {
    static let path = TestData.publicDataset("cdnow_sample.txt")

    /// The raw file through the loader (recognised without options), keeping every line as the paper does.
    static func model() throws -> OrderModel {
        var o = LoadOptions()
        o.cleaning = .keepAll
        return try #require(try DatasetLoader.load(path: path, options: o).orders)
    }

    /// 1997-09-30 as seconds since 1970.
    static let calibrationEnd = Int64(CivilDate.daysSinceEpoch(year: 1997, month: 9, day: 30)!) * 86_400

    static func summary() throws -> RepeatPurchaseSummary {
        try RepeatPurchaseSummary.build(model(), calibrationEnd: calibrationEnd, unit: .weeks)
    }

}

import UpshellCore

@Suite struct CLVSummaryTests {
    /// Reference README: 2,357 customers, Σx = 2,457, 946 repeat buyers, 1,882 holdout repeat purchases,
    /// holdout 1997-10-01 … 1998-06-30 (39 weeks).
    @Test func cdnowCalibrationSummaryMatchesThePaper() throws {
        let s = try CDNOW.summary()
        #expect(s.count == 2357)
        #expect(s.frequency.reduce(0, +) == 2457)
        #expect(s.repeatCustomers == 946)
        #expect(s.holdoutTransactions.reduce(0, +) == 1882)
        #expect(s.holdoutLength == 39)
        #expect(s.customersAfterCalibration == 0)
        // The first customer (00001) bought once on 1997-01-01: T = 272 days = 38.857 weeks.
        #expect(close(s.age[0], 272.0 / 7))
    }

    @Test func sameDayOrdersAreOneTransactionAndTheFirstIsNotSpend() throws {
        let csv = """
            order_id,customer_id,created_at,sku,quantity,unit_price
            1,a,2024-01-01 09:00:00,X,1,10
            2,a,2024-01-01 15:00:00,X,1,99
            3,a,2024-01-08 10:00:00,X,1,20
            4,a,2024-01-08 11:00:00,X,1,4
            5,a,2024-01-15 10:00:00,X,1,30
            6,a,2024-01-29 10:00:00,X,1,50
            7,b,2024-01-10 10:00:00,X,1,5
            8,c,2024-01-20 10:00:00,X,1,5
            9,c,2024-02-05 10:00:00,X,1,7
            """
        let d = try TestData.load(csv: csv)
        let end = Int64(CivilDate.daysSinceEpoch(year: 2024, month: 1, day: 15)!) * 86_400
        let s = try RepeatPurchaseSummary.build(d.orders!, calibrationEnd: end, unit: .days)
        // a: first day 01-01; repeat days 01-08 (20+4) and 01-15 (30); 01-29 is holdout. c starts after the end.
        #expect(s.count == 2)
        #expect(s.customersAfterCalibration == 1)
        #expect(s.frequency == [2, 0])
        #expect(s.recency == [14, 0])
        #expect(s.age == [14, 5])
        #expect(s.meanRepeatSpend[0] == 27)
        #expect(s.meanRepeatSpend[1].isNaN)
        #expect(s.holdoutTransactions == [1, 0])
        #expect(s.holdoutValue == [50, 0])
        #expect(s.holdoutLength == 21)  // to 2024-02-05, the data's last day
        let weeks = try RepeatPurchaseSummary.build(d.orders!, calibrationEnd: end, unit: .weeks)
        #expect(weeks.recency == [2, 0])
        #expect(weeks.holdoutLength == 3)
    }

    @Test func calibrationEndOutsideTheDataIsAnError() throws {
        let d = try TestData.load(csv: "order_id,customer_id,created_at,sku,quantity,unit_price\n1,a,2024-01-01,X,1,10\n2,a,2024-02-01,X,1,10\n")
        let before = Int64(CivilDate.daysSinceEpoch(year: 2023, month: 12, day: 31)!) * 86_400
        let after = Int64(CivilDate.daysSinceEpoch(year: 2024, month: 2, day: 2)!) * 86_400
        #expect(throws: CLVError.calibrationEndOutside("2023-12-31", "2024-01-01", "2024-02-01")) {
            try RepeatPurchaseSummary.build(d.orders!, calibrationEnd: before, unit: .weeks)
        }
        #expect(throws: CLVError.calibrationEndOutside("2024-02-02", "2024-01-01", "2024-02-01")) {
            try RepeatPurchaseSummary.build(d.orders!, calibrationEnd: after, unit: .weeks)
        }
    }

    @Test func missingCustomerRoleSaysWhatIsMissing() throws {
        let d = try TestData.load(csv: "order_id,created_at,sku,quantity,unit_price\n1,2024-01-01,X,1,10\n2,2024-02-01,X,1,10\n")
        do {
            _ = try RepeatPurchaseSummary.build(d.orders!, calibrationEnd: nil, unit: .weeks)
            Issue.record("expected an error")
        } catch let e as CLVError {
            #expect(e == .missingRole("customer", "lifetime value"))
            #expect(e.hint == "name the column that holds the customer")  // the shell adds 'map customer=COLUMN'
            #expect(e.message == "lifetime value needs the 'customer' role, which no column plays")
        }
    }
}

@Suite struct BGNBDTests {
    /// Published: r 0.243, α 4.414, a 0.793, b 2.426, log L −9,582.4 (Fader, Hardie & Lee 2005).
    /// scipy: 0.2425945371, 4.413602353, 0.7929220924, 2.4259071998; log L −9582.429206673929;
    /// SE 0.0125573797, 0.3782241106, 0.1857315298, 0.7054054934 (lifetimes: 0.012557, 0.378224, 0.185734, 0.705414).
    @Test func cdnowFitReproducesThePublishedParameters() throws {
        let fit = try LifetimeModelFit.fit(CDNOW.summary(), withSpend: true)
        let m = fit.purchases
        #expect([m.r, m.alpha, m.a, m.b].map { significant($0, 3) } == [0.243, 4.41, 0.793, 2.43])
        #expect(close(m.r, 0.2425945371, rel: 1e-5))
        #expect(close(m.alpha, 4.413602353, rel: 1e-5))
        #expect(close(m.a, 0.7929220924, rel: 1e-4))
        #expect(close(m.b, 2.4259071998, rel: 1e-4))
        #expect(abs(fit.purchasesFit.logLikelihood - -9582.429206673929) < 1e-6)
        let se = fit.purchasesFit.standardErrors
        for (a, b) in zip(se, [0.0125573797, 0.3782241106, 0.1857315298, 0.7054054934]) { #expect(close(a, b, rel: 5e-4)) }
        // Gamma-Gamma, published p 6.25, q 3.74, γ 15.44; scipy 6.2495736881, 3.7442246942, 15.4435177524,
        // log L −4055.917694801871, SE 1.1900512949, 0.2901320836, 4.1594049193; E(Z) = 35.170371581386576.
        let g = try #require(fit.spend)
        #expect(significant(g.p, 3) == 6.25 && significant(g.q, 3) == 3.74 && significant(g.gamma, 4) == 15.44)
        #expect(close(g.p, 6.2495736881, rel: 1e-4))
        #expect(close(g.q, 3.7442246942, rel: 1e-4))
        #expect(close(g.gamma, 15.4435177524, rel: 1e-4))
        #expect(abs(try #require(fit.spendFit).logLikelihood - -4055.917694801871) < 1e-6)
        for (a, b) in zip(try #require(fit.spendFit).standardErrors, [1.1900512949, 0.2901320836, 4.1594049193]) { #expect(close(a, b, rel: 5e-4)) }
        #expect(close(g.populationMeanSpend, 35.170371581386576, rel: 1e-4))
        #expect(close(fit.frequencySpendCorrelation, 0.11388791939125484, rel: 1e-9))
        #expect(fit.nonPositiveSpendCustomers == 0)
    }

    /// Closed forms at the scipy MLE, against scipy (hyp2f1) and the reference README (1.2259, 0.7266).
    @Test func conditionalExpectationsMatchScipy() {
        let m = BGNBDModel(r: 0.2425945371, alpha: 4.413602353, a: 0.7929220924, b: 2.4259071998, unit: .weeks)
        #expect(close(m.expectedPurchases(in: 39, frequency: 2, recency: 30.43, age: 38.86), 1.2259068424524235, rel: 1e-10))
        #expect(close(m.probabilityAlive(frequency: 2, recency: 30.43, age: 38.86), 0.7266091685249363, rel: 1e-9))
        #expect(close(m.expectedPurchases(in: 52, frequency: 0, recency: 0, age: 38.86), 0.2516672998230402, rel: 1e-10))
        #expect(close(m.expectedPurchases(in: 52, frequency: 7, recency: 35, age: 38), 5.728690046913231, rel: 1e-10))
        #expect(close(m.probabilityAlive(frequency: 7, recency: 35, age: 38), 0.8620043658200723, rel: 1e-9))
        #expect(close(m.expectedPurchases(newCustomerIn: 52), 1.4440124199457236, rel: 1e-10))
        #expect(m.probabilityAlive(frequency: 0, recency: 0, age: 10) == 1)
    }

    @Test func logLikelihoodOfOneCustomerSumsToTheTotal() {
        let x: [Double] = [0, 1, 3, 2], tx: [Double] = [0, 5, 20.5, 9], T: [Double] = [10, 30, 31, 12]
        let p = [0.3, 5.0, 0.8, 2.5]
        let m = BGNBDModel(r: p[0], alpha: p[1], a: p[2], b: p[3], unit: .weeks)
        let one = x.indices.reduce(0.0) { $0 + m.logLikelihood(frequency: x[$1], recency: tx[$1], age: T[$1]) }
        let total = BGNBDModel.logLikelihood(p, frequency: x, recency: tx, age: T, frequencyTable: FrequencyTable(x))
        #expect(close(one, total, rel: 1e-12))
    }

    /// scipy.special.hyp2f1(2.243, 4.426, 5.219, 0.6), (0.5, 1.5, 2.5, 0.95), (10.2, 12.4, 13.2, 0.4).
    @Test func hypergeometricSeriesMatchesScipy() {
        #expect(close(Hypergeometric.f21(2.243, 4.426, 5.219, 0.6), 5.389788756540291, rel: 1e-12))
        #expect(close(Hypergeometric.f21(0.5, 1.5, 2.5, 0.95), 1.8262489839789215, rel: 1e-12))
        #expect(close(Hypergeometric.f21(10.2, 12.4, 13.2, 0.4), 131.60369874082377, rel: 1e-12))
        #expect(Hypergeometric.f21(1, 1, 1, 1).isNaN)
    }

    /// Reference README: 1,653.4 predicted vs 1,882 actual holdout purchases; buckets from scipy.
    @Test func cdnowHoldoutCheckByFrequency() throws {
        let fit = try LifetimeModelFit.fit(CDNOW.summary(), withSpend: false)
        let check = try #require(try HoldoutCheck.compute(fit))
        #expect(check.length == 39)
        #expect(check.totalActual == 1882)
        #expect(abs(check.totalPredicted - 1653.4087104982782) < 0.01)
        #expect(check.buckets.map(\.customers) == [1411, 439, 214, 100, 62, 38, 29, 64])
        #expect(check.buckets.map(\.actual) == [334, 306, 298, 156, 157, 112, 112, 407])
        let predicted = [317.5982352307433, 229.65459555946865, 223.4447043658924, 152.0279505208282, 134.15967766651508,
                         100.84614171416438, 101.61722431990226, 394.0601811207641]
        for (a, b) in zip(check.buckets.map(\.predicted), predicted) { #expect(abs(a - b) < 0.01) }
    }
}

@Suite struct GammaGammaAndValueTests {
    /// scipy: E(Z | x=2, m=20) = 22.73108260569541 at the MLE.
    @Test func expectedSpendShrinksTowardThePopulationMean() {
        let g = GammaGammaModel(p: 6.2495736881, q: 3.7442246942, gamma: 15.4435177524)
        #expect(close(g.expectedMeanSpend(frequency: 2, meanSpend: 20), 22.73108260569541, rel: 1e-9))
        #expect(g.expectedMeanSpend(frequency: 0, meanSpend: .nan) == g.populationMeanSpend)
    }

    /// scipy (`value 52w 10%` in the script): 12 monthly steps of 52/12 weeks, discounted at 10 %/year.
    @Test func discountedValueOfOneCustomer() throws {
        var s = RepeatPurchaseSummary(unit: .weeks, calibrationEndDay: 100, lastDay: 100, firstDay: 0)
        s.customer = [0]; s.frequency = [2]; s.recency = [30.43]; s.age = [38.86]; s.spendFrequency = [2]; s.meanRepeatSpend = [20]
        s.firstPurchaseDay = [0]; s.holdoutTransactions = [0]; s.holdoutValue = [0]
        let purchases = BGNBDModel(r: 0.2425945371, alpha: 4.413602353, a: 0.7929220924, b: 2.4259071998, unit: .weeks)
        let fitInfo = MaximumLikelihoodFit(names: [], estimates: [], standardErrors: [], logLikelihood: 0, evaluations: 0, gradientNorm: 0, observations: 1)
        var fit = LifetimeModelFit(summary: s, purchases: purchases, purchasesFit: fitInfo)
        fit.spend = GammaGammaModel(p: 6.2495736881, q: 3.7442246942, gamma: 15.4435177524)
        let f = try LifetimeForecast.predict(fit, horizon: 52, annualDiscountRate: 0.10)
        #expect(close(f.value[0], 33.77672852258384, rel: 1e-9))
        #expect(close(f.expectedPurchases[0], purchases.expectedPurchases(in: 52, frequency: 2, recency: 30.43, age: 38.86), rel: 1e-12))
        // Undiscounted value = purchases × spend; the same model in days gives the same value over 364 days.
        let plain = try LifetimeForecast.predict(fit, horizon: 52, annualDiscountRate: 0)
        #expect(close(plain.value[0], plain.expectedPurchases[0] * 22.73108260569541, rel: 1e-9))
        var daily = fit
        daily.summary = s
        daily.summary.recency = [30.43 * 7]; daily.summary.age = [38.86 * 7]
        daily.purchases = BGNBDModel(r: purchases.r, alpha: purchases.alpha * 7, a: purchases.a, b: purchases.b, unit: .days)
        daily.summary = RepeatPurchaseSummary(unit: .days, calibrationEndDay: 100, lastDay: 100, firstDay: 0)
        daily.summary.customer = [0]; daily.summary.frequency = [2]; daily.summary.recency = [30.43 * 7]; daily.summary.age = [38.86 * 7]
        daily.summary.spendFrequency = [2]; daily.summary.meanRepeatSpend = [20]; daily.summary.firstPurchaseDay = [0]; daily.summary.holdoutTransactions = [0]; daily.summary.holdoutValue = [0]
        let inDays = try LifetimeForecast.predict(daily, horizon: 364, annualDiscountRate: 0.10)
        #expect(close(inDays.value[0], f.value[0], rel: 1e-9))
    }

    /// A fit with no repeat purchases at all cannot be estimated: an error, never numbers.
    @Test func degenerateDataDoesNotPrintNumbers() throws {
        var s = RepeatPurchaseSummary(unit: .weeks, calibrationEndDay: 100, lastDay: 100, firstDay: 0)
        for i in 0..<50 {
            s.customer.append(Int32(i)); s.frequency.append(i < 3 ? 1 : 0); s.recency.append(i < 3 ? 1 : 0)
            s.age.append(10); s.meanRepeatSpend.append(.nan); s.firstPurchaseDay.append(0)
            s.holdoutTransactions.append(0); s.holdoutValue.append(0)
        }
        // Three repeat buyers who bought again at once and were never seen again: a → 0 or b → ∞.
        do {
            let fit = try LifetimeModelFit.fit(s, withSpend: false)
            Issue.record("expected no convergence, got \(fit.purchases)")
        } catch let e as CLVError {
            guard case let .notConverged(model, _, state) = e else { Issue.record("unexpected \(e)"); return }
            #expect(model == "BG/NBD")
            #expect(state.contains("log-likelihood"))
        }
    }
}

@Suite struct CohortHistoryTests {
    @Test func craftedCohortTriangle() throws {
        let csv = """
            order_id,customer_id,created_at,sku,quantity,unit_price,unit_cost
            1,a,2024-01-05,X,1,100,60
            2,a,2024-01-20,X,1,50,30
            3,a,2024-03-02,X,1,40,20
            4,b,2024-01-31,X,1,10,5
            5,b,2024-02-01,X,1,20,10
            6,c,2024-02-10,X,1,30,15
            7,c,2024-03-10,X,1,30,15
            """
        let d = try TestData.load(csv: csv)
        let h = try CohortHistory.compute(d.orders!)
        #expect(h.hasMargin)
        #expect(h.cohorts.map(\.label) == ["2024-01", "2024-02"])
        let jan = h.cohorts[0], feb = h.cohorts[1]
        #expect(jan.customers == 2 && jan.orders == 5 && jan.revenue == 220 && jan.margin == 95)
        #expect(jan.activeCustomers == [2, 1, 1])
        #expect(jan.retention(1) == 0.5)
        #expect(jan.cumulativeRevenuePerCustomer(0) == 80)     // (150 + 10) / 2
        #expect(jan.cumulativeRevenuePerCustomer(2) == 110)    // 220 / 2
        #expect(jan.cumulativeMarginPerCustomer(2) == 47.5)
        #expect(feb.observedMonths == 2)                       // February and March only
        #expect(feb.activeCustomers == [1, 1])
        #expect(feb.cumulativeRevenuePerCustomer(1) == 60)
    }
}

@Suite struct BGNBDNearSingularityTests {
    /// (a+b+x−1)/(a−1) · bracket has a removable singularity at a = 1: values stay continuous through it.
    @Test func expectationsAreContinuousThroughAEqualsOne() {
        func model(_ a: Double) -> BGNBDModel { BGNBDModel(r: 0.25, alpha: 4.4, a: a, b: 2.4, unit: .weeks) }
        for a in [1.0, 1 + 1e-7, 1 - 5e-5] {
            let below = model(0.999).expectedPurchases(in: 52, frequency: 3, recency: 20, age: 38)
            let above = model(1.001).expectedPurchases(in: 52, frequency: 3, recency: 20, age: 38)
            let at = model(a).expectedPurchases(in: 52, frequency: 3, recency: 20, age: 38)
            #expect(at.isFinite && abs(at - (below + above) / 2) < 1e-5 * at)
            let newBelow = model(0.999).expectedPurchases(newCustomerIn: 52), newAbove = model(1.001).expectedPurchases(newCustomerIn: 52)
            let newAt = model(a).expectedPurchases(newCustomerIn: 52)
            #expect(newAt.isFinite && abs(newAt - (newBelow + newAbove) / 2) < 1e-5 * newAt)
        }
    }
}

/// Samplers for simulating the models (Marsaglia & Tsang 2000 for the gamma distribution).
struct LifetimeSimulator {
    var rng: SeededGenerator

    mutating func gamma(shape: Double, scale: Double) -> Double {
        if shape < 1 {
            return gamma(shape: shape + 1, scale: scale) * pow(rng.nextOpenUniform(), 1 / shape)
        }
        let d = shape - 1.0 / 3, c = 1 / (9 * d).squareRoot()
        while true {
            var x = 0.0, v = 0.0
            repeat {
                x = rng.nextStandardNormal()
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let u = rng.nextOpenUniform()
            if log(u) < 0.5 * x * x + d - d * v + d * log(v) { return d * v * scale }
        }
    }

    mutating func beta(_ a: Double, _ b: Double) -> Double {
        let x = gamma(shape: a, scale: 1), y = gamma(shape: b, scale: 1)
        return x / (x + y)
    }

    /// One BG/NBD customer observed for `T` units: (x, tₓ). Drop-out can follow each repeat purchase.
    mutating func customer(_ m: BGNBDModel, age T: Double) -> (Double, Double) {
        let lambda = gamma(shape: m.r, scale: 1 / m.alpha), p = beta(m.a, m.b)
        var t = 0.0, x = 0.0, tx = 0.0
        while true {
            t += -log(rng.nextOpenUniform()) / lambda
            if t > T { return (x, tx) }
            x += 1
            tx = t
            if rng.nextUniform() < p { return (x, tx) }
        }
    }
}

@Suite struct LifetimeSimulationTests {
    /// Data simulated from known parameters (seeded): the estimates lie within 3.5 standard errors of
    /// the truth — a check of the likelihood and the optimizer independent of the published fit.
    @Test func fitsRecoverSimulatedParameters() throws {
        let truth = BGNBDModel(r: 0.5, alpha: 8, a: 0.7, b: 2.8, unit: .weeks)
        var sim = LifetimeSimulator(rng: SeededGenerator(seed: 20_260_101))
        var s = RepeatPurchaseSummary(unit: .weeks, calibrationEndDay: 0, lastDay: 0, firstDay: 0)
        var spendX: [Double] = [], spendM: [Double] = []
        let spendTruth = GammaGammaModel(p: 6, q: 4, gamma: 15)
        for i in 0..<6000 {
            let T = 20 + 40 * sim.rng.nextUniform()
            let (x, tx) = sim.customer(truth, age: T)
            s.customer.append(Int32(i)); s.frequency.append(x); s.recency.append(tx); s.age.append(T)
            s.meanRepeatSpend.append(.nan); s.firstPurchaseDay.append(0); s.holdoutTransactions.append(0); s.holdoutValue.append(0)
            if x > 0 {
                let nu = sim.gamma(shape: spendTruth.q, scale: 1 / spendTruth.gamma)
                let total = (0..<Int(x)).reduce(0.0) { acc, _ in acc + sim.gamma(shape: spendTruth.p, scale: 1 / nu) }
                spendX.append(x)
                spendM.append(total / x)
            }
        }
        let (_, fit, _) = try LifetimeModelFit.fitPurchases(s)
        for (i, value) in truth.parameters.enumerated() {
            #expect(abs(fit.estimates[i] - value) < 3.5 * fit.standardErrors[i], "\(fit.names[i]) \(fit.estimates[i]) ± \(fit.standardErrors[i]) vs \(value)")
        }
        let (_, spendFit) = try LifetimeModelFit.fitSpend(frequency: spendX, meanSpend: spendM)
        for (i, value) in spendTruth.parameters.enumerated() {
            #expect(abs(spendFit.estimates[i] - value) < 3.5 * spendFit.standardErrors[i], "\(spendFit.names[i]) \(spendFit.estimates[i]) ± \(spendFit.standardErrors[i]) vs \(value)")
        }
    }
}

@Suite struct BGNBDLikelihoodTests {
    /// The arranged likelihood equals the sum of the per-customer eq. 6 at several points.
    @Test func arrangedLikelihoodEqualsThePerCustomerSum() {
        let x: [Double] = [0, 1, 3, 2, 0, 1, 0], tx: [Double] = [0, 5, 20.5, 9, 0, 5, 0], T: [Double] = [10, 30, 31, 12, 10, 30, 44]
        let arranged = BGNBDLikelihood(frequency: x, recency: tx, age: T)
        for p in [[0.3, 5.0, 0.8, 2.5], [2.0, 0.5, 3.0, 0.7], [0.05, 40, 0.2, 9]] {
            let m = BGNBDModel(r: p[0], alpha: p[1], a: p[2], b: p[3], unit: .weeks)
            let one = x.indices.reduce(0.0) { $0 + m.logLikelihood(frequency: x[$1], recency: tx[$1], age: T[$1]) }
            #expect(close(arranged(p), one, rel: 1e-12))
            #expect(close(BGNBDModel.logLikelihood(p, frequency: x, recency: tx, age: T, frequencyTable: FrequencyTable(x)), one, rel: 1e-12))
        }
        #expect(arranged([0.3, -1, 0.8, 2.5]) == -.infinity)
    }
}

@Suite struct GammaGammaLikelihoodTests {
    /// The arranged likelihood equals the direct sum of eq. 3 at several points.
    @Test func arrangedLikelihoodEqualsTheDirectSum() {
        let x: [Double] = [1, 2, 2, 5, 1, 9], m: [Double] = [10, 25.5, 3.2, 40, 12, 18]
        let arranged = GammaGammaLikelihood(frequency: x, meanSpend: m)
        for p in [[6.25, 3.74, 15.44], [0.5, 1.2, 100], [20, 8, 2]] {
            #expect(close(arranged(p), GammaGammaModel.logLikelihood(p, frequency: x, meanSpend: m), rel: 1e-12))
        }
        #expect(arranged([1, 0, 1]) == -.infinity)
    }
}

@Suite struct CDNOWCohortTests {
    /// pandas (Scripts/clv_reference.py, "cohort" lines): retention m0…m5 and revenue per customer to date.
    @Test func cdnowCohortsMatchPandas() throws {
        let h = try CohortHistory.compute(CDNOW.model())
        #expect(h.cohorts.map(\.label) == ["1997-01", "1997-02", "1997-03"])
        #expect(h.cohorts.map(\.customers) == [781, 857, 719])
        let retention: [[Double]] = [
            [1.0, 0.1587708066581306, 0.12163892445582586, 0.08962868117797695, 0.08322663252240717, 0.09859154929577464],
            [1.0, 0.15635939323220538, 0.12835472578763127, 0.08751458576429405, 0.08984830805134189, 0.08751458576429405],
            [1.0, 0.12100139082058414, 0.1168289290681502, 0.10848400556328233, 0.08762169680111266, 0.0890125173852573]]
        let cumulative: [[Double]] = [
            [36.610371318822025, 45.57801536491677, 51.00905249679897, 55.817451984635085, 60.725582586427656, 65.26783610755442],
            [39.00826137689615, 46.497607934655775, 52.3128471411902, 56.502357059509926, 60.231831971995334, 65.59425904317386],
            [45.63573018080667, 51.34230876216967, 56.14991655076495, 60.54990264255912, 64.85910987482615, 68.91324061196104]]
        for (c, cohort) in h.cohorts.enumerated() {
            for k in 0..<6 {
                #expect(close(cohort.retention(k), retention[c][k], rel: 1e-12))
                #expect(close(cohort.cumulativeRevenuePerCustomer(k), cumulative[c][k], rel: 1e-9))
            }
        }
    }
}
