import Foundation
import UpshellAnalytics

/// Renders `clv fit`: the calibration data, both models' parameters with standard errors, log-likelihoods.
enum CLVFitReport {
    static func render(_ fit: LifetimeModelFit, dataset: String) -> CommandOutput {
        var out = CommandOutput([calibration(fit.summary, dataset: dataset)])
        let unit = fit.summary.unit
        let meanings = ["r": "shape of the purchase-rate distribution",
                        "alpha": "scale of the purchase-rate distribution (\(unit.rawValue))",
                        "a": "drop-out probability Beta(a, b)", "b": "drop-out probability Beta(a, b)",
                        "p": "shape of spend per purchase", "q": "shape of the spend-scale distribution",
                        "gamma": "scale of the spend-scale distribution"]
        var table = ResultTable(title: "Lifetime models — '\(dataset)' (unit: \(unit.rawValue))", columns: [
            ResultColumn("model"), ResultColumn("parameter"), ResultColumn("estimate", .decimal(4)),
            ResultColumn("std. error", .decimal(4)), ResultColumn("meaning")])
        // On the no-drop-out boundary b is not determined and a has no standard error: empty cells.
        func cell(_ v: Double) -> Value { v.isNaN ? .null : .double(v) }
        func add(_ model: String, _ f: MaximumLikelihoodFit) {
            for i in f.names.indices {
                table.append([.text(model), .text(f.names[i]), cell(f.estimates[i]),
                              cell(f.standardErrors[i]), .text(meanings[f.names[i]] ?? "")])
            }
        }
        add("BG/NBD", fit.purchasesFit)
        if let s = fit.spendFit { add("Gamma-Gamma", s) }
        out.append(.table(table))
        var fitTable = ResultTable(title: "Likelihood", columns: [
            ResultColumn("model"), ResultColumn("customers", .integer), ResultColumn("log-likelihood", .decimal(2)),
            ResultColumn("evaluations", .integer), ResultColumn("max |gradient|", .decimal(6))])
        fitTable.append([.text("BG/NBD"), .int(fit.purchasesFit.observations), .double(fit.purchasesFit.logLikelihood),
                         .int(fit.purchasesFit.evaluations), .double(fit.purchasesFit.gradientNorm)])
        if let s = fit.spendFit {
            fitTable.append([.text("Gamma-Gamma"), .int(s.observations), .double(s.logLikelihood), .int(s.evaluations), .double(s.gradientNorm)])
        }
        out.append(.table(fitTable))
        if let g = fit.spend {
            out.append(.values(title: "Implied", [
                ("mean spend per purchase (population)", .double(g.populationMeanSpend), .money),
                ("expected purchases of a new customer in 52 weeks", .double(fit.purchases.expectedPurchases(newCustomerIn: unit.fromDays(364))), .decimal(3)),
            ]))
        } else {
            out.append(.values(title: "Implied", [
                ("expected purchases of a new customer in 52 weeks", .double(fit.purchases.expectedPurchases(newCustomerIn: unit.fromDays(364))), .decimal(3)),
            ]))
        }
        out.append(.note("a transaction is a purchase day (a customer's orders on one day count once)"))
        for note in zeroValueNotes(fit.summary) + boundaryNotes(fit) { out.append(.note(note)) }
        if let why = fit.spendSkipped { out.append(.note("no spend model: \(why)")) }
        if fit.nonPositiveSpendCustomers > 0 {
            out.append(.note("\(fit.nonPositiveSpendCustomers) repeat buyers without a repeat purchase of positive value are not in the spend fit"))
        }
        let rho = fit.frequencySpendCorrelation
        if rho.isFinite {
            let text = "correlation of frequency and mean spend among repeat buyers: \(NumberFormat.plain((rho * 1000).rounded() / 1000)) (Gamma-Gamma assumes none)"
            out.append(abs(rho) > 0.3 ? .warning(text + "; spend predictions may be biased") : .note(text))
        }
        out.append(.note("kept for 'clv predict'"))
        return out
    }

    /// What zero-value purchases did to the data, when there were any: BG/NBD counts them, Gamma-Gamma not.
    static func zeroValueNotes(_ s: RepeatPurchaseSummary) -> [String] {
        let rule = "Gamma-Gamma fits positive spend only"
        if s.zeroValuePurchases > 0 {
            var added: [String] = []
            if s.zeroValueOnlyDays > 0 { added.append(count(s.zeroValueOnlyDays, "purchase day")) }
            let only = s.zeroValueOnlyCustomers
            if only > 0 {
                added.append("\(count(only, "customer")) who bought nothing else (\(NumberFormat.grouped(Double(s.count), decimals: 0)) "
                             + "customers here, \(NumberFormat.grouped(Double(s.count - only), decimals: 0)) in the orders)")
            }
            let text = "\(count(s.zeroValuePurchases, "zero-value purchase")) (price-0 lines, left out of orders and revenue by "
                + "cleaning) count as purchases for frequency and recency: "
                + (added.isEmpty ? "each falls on a day with an order" : "they add " + added.joined(separator: " and "))
            return [text + "; " + rule]
        }
        guard s.daysWithoutSpend > 0 else { return [] }
        return ["\(count(s.daysWithoutSpend, "purchase day")) without a positive value count for frequency and recency; " + rule]
    }

    /// How the purchase model relates to the no-drop-out boundary a → 0, when that matters.
    static func boundaryNotes(_ fit: LifetimeModelFit) -> [String] {
        let m = fit.purchases
        if m.hasNoDropout {
            return ["BG/NBD's maximum lies on the boundary a → 0 (no customer seems to leave: any drop-out lowers the likelihood): "
                    + "fitted there, as its limit the NBD model — P(alive) = 1, expected purchases (r + x)·t/(alpha + T); b plays no part"]
        }
        let weak = fit.purchasesFit.poorlyDetermined
        guard !weak.isEmpty else { return [] }
        var text = "\(weak.joined(separator: " and ")) \(weak.count == 1 ? "is" : "are") poorly determined (standard error of log "
            + weak.map { name in
                let i = fit.purchasesFit.names.firstIndex(of: name) ?? 0
                return "\(name) \(NumberFormat.grouped(fit.purchasesFit.standardErrors[i] / fit.purchasesFit.estimates[i], decimals: 2))"
            }.joined(separator: ", ") + "): drop-out is rare (a/(a+b) = \(String(format: "%.2g", m.a / (m.a + m.b))))"
        if let nbd = fit.noDropoutFit {
            let gap = fit.purchasesFit.logLikelihood - nbd.logLikelihood
            text += " and the no-drop-out limit a → 0 (the NBD model) fits almost as well (log-likelihood "
                + "\(NumberFormat.grouped(nbd.logLikelihood, decimals: 2)), \(NumberFormat.grouped(gap, decimals: 2)) lower)"
        }
        return [text + "; r, alpha and the predictions are determined"]
    }

    /// `1 purchase day`, `3 purchase days`.
    static func count(_ n: Int, _ noun: String) -> String { "\(NumberFormat.grouped(Double(n), decimals: 0)) \(noun)\(n == 1 ? "" : "s")" }

    /// The calibration data as named values.
    static func calibration(_ s: RepeatPurchaseSummary, dataset: String) -> OutputBlock {
        var items: [(name: String, value: Value, format: ValueFormat)] = [
            ("customers", .int(s.count), .integer),
            ("with repeat purchases", .int(s.repeatCustomers), .integer),
            ("repeat transactions", .double(s.frequency.reduce(0, +)), .integer),
            ("calibration period", .text("\(RepeatPurchaseSummary.label(s.firstDay)) … \(RepeatPurchaseSummary.label(s.calibrationEndDay))"), .text),
            ("holdout period", .text(s.holdoutLength > 0
                ? "\(RepeatPurchaseSummary.label(s.calibrationEndDay + 1)) … \(RepeatPurchaseSummary.label(s.lastDay)) (\(span(s.holdoutLength, s.unit)))"
                : "none (calibration-end=DATE keeps later data for a check)"), .text),
        ]
        if s.customersAfterCalibration > 0 {
            items.append(("customers first buying after the calibration end (left out)", .int(s.customersAfterCalibration), .integer))
        }
        if s.ordersWithoutTime > 0 { items.append(("orders without a time (left out)", .int(s.ordersWithoutTime), .integer)) }
        return .values(title: "Calibration data — '\(dataset)'", items)
    }

    /// `39 weeks`, `4.3 weeks`, `30 days`.
    static func span(_ v: Double, _ unit: LifetimeUnit) -> String {
        let text = v == v.rounded() ? String(Int(v)) : String(format: "%.1f", v)
        return "\(text) \(v == 1 ? unit.singular : unit.rawValue)"
    }
}
