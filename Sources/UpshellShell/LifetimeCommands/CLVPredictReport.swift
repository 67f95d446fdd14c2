import UpshellCore
import UpshellAnalytics
import UpshellData

/// Renders `clv predict`: totals, the top customers, value per segment and the holdout check.
struct CLVPredictReport {
    let fit: LifetimeModelFit
    let model: OrderModel
    let dataset: String
    /// Horizon in the model's unit.
    let horizon: Double
    let discount: Double
    let top: Int
    let segmentation: Segmentation?

    func render() throws -> CommandOutput {
        let s = fit.summary, unit = s.unit
        let forecast = try LifetimeForecast.predict(fit, horizon: horizon, annualDiscountRate: discount)
        let hasValue = fit.spend != nil
        let horizonText = CLVFitReport.span(horizon, unit)
        let start = RepeatPurchaseSummary.label(s.calibrationEndDay + 1)
        let n = Double(s.count)
        let totalPurchases = forecast.expectedPurchases.reduce(0, +)
        var totals: [(name: String, value: Value, format: ValueFormat)] = [
            ("customers", .int(s.count), .integer),
            ("expected purchases", .double(totalPurchases), .decimal(1)),
            ("expected purchases per customer", .double(totalPurchases / n), .decimal(3)),
            ("mean P(alive)", .double(forecast.probabilityAlive.reduce(0, +) / n), .percent(1)),
        ]
        if hasValue {
            let value = forecast.value.reduce(0, +)
            totals.append(("expected value", .double(value), .money))
            totals.append(("expected value per customer", .double(value / n), .money))
            totals.append(("discount rate (per year)", .double(discount), .percent(1)))
        }
        var out = CommandOutput([.values(title: "Predicted over \(horizonText) from \(start) — '\(dataset)'", totals)])
        if top > 0 { out.append(.table(try topCustomers(forecast, hasValue: hasValue))) }
        if let segmentation, let ofCustomer = segmentation.segmentOfCustomer {
            out.append(.table(segmentTable(forecast, segmentation, ofCustomer, hasValue: hasValue)))
            if s.zeroValueOnlyCustomers > 0 {
                out.append(.note("'(no segment)' includes the \(CLVFitReport.count(s.zeroValueOnlyCustomers, "customer")) whose only purchases are zero-value ones: segments are made from orders"))
            }
        }
        if let check = try HoldoutCheck.compute(fit) { out.append(.table(holdoutTable(check))) }
        out.append(.note("frequency, recency and age in \(unit.rawValue) at the calibration end; predictions start the day after it"))
        if fit.purchases.hasNoDropout {
            out.append(.note("the purchase model is BG/NBD's no-drop-out limit a → 0 (see 'clv fit'): P(alive) is 1 for every customer"))
        }
        if hasValue {
            out.append(.note("value = expected purchases × Gamma-Gamma expected spend, month by month, discounted at \(NumberFormat.plain(discount * 100))% a year"))
        } else {
            out.append(.note("no value without a spend model: \(fit.spendSkipped ?? "the data has no prices")"))
        }
        if segmentation == nil {
            out.append(.note("no segmentation: 'segment rfm' (or lifecycle, value…) first to see the value per segment"))
        } else if segmentation?.segmentOfCustomer != nil && s.holdoutLength > 0 {
            out.append(.note("segments '\(segmentation!.name)' were made from all orders, including those after the calibration end"))
        } else if segmentation?.segmentOfCustomer == nil {
            out.append(.note("segmentation '\(segmentation!.name)' labels orders, not customers: no value per segment"))
        }
        if forecast.failed > 0 {
            out.append(.warning("\(forecast.failed) customers' expected purchases could not be computed (horizon far beyond their history)"))
        }
        return out
    }

    private func topCustomers(_ f: LifetimeForecast, hasValue: Bool) throws -> ResultTable {
        let s = fit.summary
        let key: (Int) -> Double = hasValue ? { f.value[$0] } : { f.expectedPurchases[$0] }
        let order = try Self.topIndices(s.count, top, key)
        var t = ResultTable(title: "Top \(min(top, s.count)) customers by predicted \(hasValue ? "value" : "purchases")", columns: [
            ResultColumn("customer"), ResultColumn("frequency", .integer), ResultColumn("recency", .decimal(1)),
            ResultColumn("age", .decimal(1)), ResultColumn("P(alive)", .percent(1)), ResultColumn("expected purchases", .decimal(2)),
        ] + (hasValue ? [ResultColumn("spend/purchase", .money), ResultColumn("value", .money)] : []))
        for i in order {
            t.append([.text(s.customerKey(i, in: model)), .int(Int(s.frequency[i])), .double(s.recency[i]), .double(s.age[i]),
                      .double(f.probabilityAlive[i]), .double(f.expectedPurchases[i])]
                     + (hasValue ? [.double(f.expectedSpend[i]), .double(f.value[i])] : []))
        }
        return t
    }

    /// The `k` largest by `key` (ties by index), without sorting everything. - Complexity: O(n log k).
    static func topIndices(_ n: Int, _ k: Int, _ key: (Int) -> Double) throws -> [Int] {
        // a bounded heap (was: insertion into a sorted list, O(n·k)); a key that is not a number ranks last
        var best = TopK<(key: Double, index: Int)>(capacity: k) { a, b in a.key > b.key }
        for i in 0..<n {
            if i & 65535 == 65535 { try Cancellation.check() }
            let v = key(i)
            best.insert((v.isNaN ? -.infinity : v, i))
        }
        return try best.sortedBest().map { $0.index }
    }

    private func segmentTable(_ f: LifetimeForecast, _ seg: Segmentation, _ ofCustomer: [Int32], hasValue: Bool) -> ResultTable {
        let groups = f.byGroup(fit.summary, labels: seg.labels) { Int(ofCustomer[Int($0)]) }
        var t = ResultTable(title: "Predicted by segment ('\(seg.name)')", columns: [
            ResultColumn("segment"), ResultColumn("customers", .integer), ResultColumn("expected purchases", .decimal(1)),
            ResultColumn("per customer", .decimal(3)), ResultColumn("mean P(alive)", .percent(1)),
        ] + (hasValue ? [ResultColumn("value", .money), ResultColumn("value/customer", .money), ResultColumn("value %", .percent(1))] : []))
        for g in groups where g.customers > 0 {
            t.append([.text(g.label), .int(g.customers), .double(g.expectedPurchases), .double(g.expectedPurchases / Double(g.customers)),
                      .double(g.meanProbabilityAlive)]
                     + (hasValue ? [.double(g.value), .double(g.valuePerCustomer), .double(g.valueShare)] : []))
        }
        return t
    }

    private func holdoutTable(_ c: HoldoutCheck) -> ResultTable {
        let s = fit.summary
        var t = ResultTable(title: "Holdout check: purchases \(RepeatPurchaseSummary.label(s.calibrationEndDay + 1)) … \(RepeatPurchaseSummary.label(s.lastDay)) (\(CLVFitReport.span(c.length, s.unit))) by calibration frequency",
                            columns: [ResultColumn("frequency"), ResultColumn("customers", .integer), ResultColumn("actual", .integer),
                                      ResultColumn("predicted", .decimal(1)), ResultColumn("actual/customer", .decimal(3)),
                                      ResultColumn("predicted/customer", .decimal(3)), ResultColumn("error", .percent(1))])
        func row(_ label: String, _ customers: Int, _ actual: Double, _ predicted: Double) -> [Value] {
            let m = Double(max(customers, 1))
            return [.text(label), .int(customers), .int(Int(actual)), .double(predicted), .double(actual / m), .double(predicted / m),
                    actual > 0 ? .double(predicted / actual - 1) : .null]
        }
        for b in c.buckets where b.customers > 0 { t.append(row(b.label, b.customers, b.actual, b.predicted)) }
        t.append(row("all", s.count, c.totalActual, c.totalPredicted))
        return t
    }
}
