import Foundation
import UpshellAnalytics
import UpshellCore
import UpshellData

/// `abtest analyze [data=NAME] [variant=COLUMN] [visitors=A:N,B:N]`: an experiment read from orders that
/// carry a variant — AOV (Welch, bootstrap, Mann–Whitney), attach rate, cancel/refund rate, duration,
/// sample ratio, and conversion when visitor counts are given.
struct ABTestDatasetAnalysis {
    let arguments: Arguments

    func run(_ session: Session) throws -> CommandOutput {
        if !arguments.has("data"), session.datasets.currentName == nil {
            throw SessionError("'abtest analyze' needs counts or a loaded dataset with a variant column",
                               hint: "give counts as conversions/visitors: abtest analyze a=120/4000 b=150/4010; or load orders that carry a variant")
        }
        let dataset = try DatasetOption.dataset(arguments, session)
        guard let model = dataset.orders else {
            throw SessionError("'\(dataset.name)' is a side table, not orders", hint: "choose an order dataset with data=NAME")
        }
        // The variant column: variant= or the variant role.
        let columnName: String
        if let given = arguments.text("variant"), !given.isEmpty {
            columnName = given
        } else if let c = dataset.roles[.variant] {
            columnName = dataset.table.columns[c].name
        } else {
            throw SessionError("'\(dataset.name)' has no variant column",
                               hint: "name it with variant=COLUMN or 'map variant=COLUMN'; or give counts: abtest analyze a=120/4000 b=150/4010")
        }
        let labels: OrderLabels
        do {
            labels = try dataset.orderLabels(column: columnName)
        } catch let error as LoadError {
            if case .unknownColumn = error {
                throw arguments.error("option 'variant' got '\(columnName)': '\(dataset.name)' has no such column", at: arguments.options["variant"],
                                      hint: Suggestions.didYouMean(columnName, in: dataset.table.columnNames) ?? "columns: " + dataset.table.columnNames.joined(separator: ", "))
            }
            throw error
        }
        // Orders per variant label (empty labels are outside the test).
        var ordersOf = [[Int]](repeating: [], count: labels.labels.count)
        for (o, g) in labels.groupOfOrder.enumerated() where g >= 0 {
            ordersOf[Int(g)].append(o)
        }
        let present = labels.labels.indices.filter {
            !ordersOf[$0].isEmpty && !labels.labels[$0].trimmingCharacters(in: .whitespaces).isEmpty
        }.sorted { labels.labels[$0] < labels.labels[$1] }
        guard !present.isEmpty else {
            throw SessionError("no orders of '\(dataset.name)' carry a variant in column '\(labels.column)'",
                               hint: "check the column with 'describe', or that the filter kept the test period")
        }
        guard present.count >= 2 else {
            throw SessionError("column '\(labels.column)' has one level ('\(labels.labels[present[0]])') among the orders of '\(dataset.name)'; an A/B test needs at least two",
                               hint: "check that both arms are in the data (a filter may have removed one)")
        }
        let names = present.map { labels.labels[$0] }
        let groups = present.map { ordersOf[$0] }
        guard model.hasMoney else { throw MetricsError.missingRole("unit-price", "abtest analyze") }

        var out = CommandOutput()
        var warnings: [ExperimentWarning] = []
        var notes: [String] = []

        // Duration from the first and last order of the test.
        var daysRun = try arguments.integer("days")
        var firstLast: (Int64, Int64)? = nil
        if daysRun == nil, model.hasTimes {
            var lo = Int64.max, hi = Int64.min
            for g in groups { for o in g { let t = model.orders.time[o]; if t != Int64.min { lo = min(lo, t); hi = max(hi, t) } } }
            if lo <= hi {
                firstLast = (lo, hi)
                daysRun = ExperimentUnits.daysCovered(first: Date(timeIntervalSince1970: TimeInterval(lo)),
                                                      last: Date(timeIntervalSince1970: TimeInterval(hi)))
            }
        }
        _ = try ABTestCountsAnalysis.options(arguments, names: names)  // validate before counting a look
        let sessionLooks = ABTestCountsAnalysis.recordLook(session, key: "data:\(dataset.name):\(labels.column)")
        let looks = max(try arguments.integer("looks") ?? 1, sessionLooks)

        // Per-variant summary.
        var summary = ResultTable(title: "A/B test on '\(dataset.name)' by '\(labels.column)'", columns: [
            ResultColumn("variant"), ResultColumn("orders", .integer), ResultColumn("orders %", .percent(1)),
            ResultColumn("customers", .integer), ResultColumn("revenue", .money), ResultColumn("AOV", .money),
            ResultColumn("median order", .money)])
        let totalOrders = groups.reduce(0) { $0 + $1.count }
        var customersOf: [Int] = []
        for (name, g) in zip(names, groups) {
            var customers = Set<Int32>()
            var revenue = 0.0
            for o in g { revenue += model.orders.value[o]; let c = model.orders.customer[o]; if c >= 0 { customers.insert(c) } }
            customersOf.append(customers.count)
            summary.append([.text(name), .int(g.count), .double(Double(g.count) / Double(totalOrders)),
                            model.hasCustomers ? .int(customers.count) : .null, .double(revenue),
                            .double(revenue / Double(g.count)), .double(median(g.map { model.orders.value[$0] }))])
        }
        out.append(.table(summary))

        // AOV: Welch, bootstrap, Mann–Whitney.
        var valueOptions = ValueAnalysisOptions()
        valueOptions.metric = "AOV"
        valueOptions.seed = try ABFormat.seed(arguments, session)
        valueOptions.daysRun = daysRun
        valueOptions.looks = max(1, looks)
        let controlName = try ABTestCountsAnalysis.options(arguments, names: names, sessionLooks: sessionLooks).control
        valueOptions.control = controlName
        let values = try session.withProgress { _ in
            try ExperimentAnalysis.values(zip(names, groups).map { VariantValues(name: $0, values: $1.map { model.orders.value[$0] }) },
                                          options: valueOptions)
        }
        let several = values.comparisons.count > 1
        var aov = ResultTable(title: "AOV against control '\(values.variants[values.controlIndex].name)'", columns: [
            ResultColumn("variant"), ResultColumn("difference", .money), ResultColumn("relative", .signedPercent(1), align: .left),
            ResultColumn("95% interval (Welch)", .money, align: .left), ResultColumn("p (Welch)", .pValue, align: .left),
        ] + (several ? [ResultColumn("p (Holm)", .pValue, align: .left)] : []) + [
            ResultColumn("95% interval (bootstrap)", .money, align: .left), ResultColumn("p (Mann–Whitney)", .pValue, align: .left)])
        for c in values.comparisons {
            aov.append([.text(c.variant), .double(c.difference), c.relativeDifference.map(Value.double) ?? .null,
                        ABFormat.interval(c.welch.interval), .double(c.welch.pValue)]
                       + (several ? [.double(c.adjustedPValue)] : [])
                       + [ABFormat.interval(c.bootstrap.interval), .double(c.mannWhitney.pValue)])
        }
        out.append(.table(aov))
        notes.append("AOV = merchandise value per order after cleaning; bootstrap: \(ABFormat.count(valueOptions.bootstrapResamples)) resamples, percentile interval, seed \(valueOptions.seed); Mann–Whitney compares the whole distributions (robust to the heavy tail)")
        // Peeking is reported once below, saying whether an always-valid interval was printed.
        warnings += values.warnings.filter { if case .peeking = $0 { return false }; return true }
        var sequentialShown = false

        var conversionOptions = try ABTestCountsAnalysis.options(arguments, names: names, sessionLooks: sessionLooks)
        conversionOptions.daysRun = daysRun

        // Secondary: attach rate (orders with a cross-sell line).
        if let offerColumn = dataset.roles[.offer] {
            let (attached, what) = try attachedOrders(dataset, model, offerColumn: offerColumn)
            let counts = zip(names, groups).map { name, g in
                VariantCounts(name: name, conversions: g.reduce(0) { $0 + (attached[$1] ? 1 : 0) }, visitors: g.count)
            }
            var options = conversionOptions
            options.minimumConversions = 0
            let analysis = try ExperimentAnalysis.conversions(counts, options: options)
            sequentialShown = sequentialShown || options.sequential
            out.blocks += ABTestCountsAnalysis.blocks(analysis, title: "Attach rate (secondary): orders with \(what)", unit: "orders", event: "with offer")
                .filter { if case .note = $0 { return false }; return true }
            warnings += analysis.warnings.filter { if case .sampleRatioMismatch = $0 { return false }; if case .fewConversions = $0 { return false }; return true }
        }

        // Cautionary: cancel/refund rate, counted before cleaning.
        if let statusColumn = dataset.roles[.status], let orderColumn = dataset.roles[.order] {
            let counts = try cancelledOrders(dataset, names: names, variantColumn: labels.column, statusColumn: statusColumn, orderColumn: orderColumn)
            if counts.allSatisfy({ $0.visitors > 0 }) {
                var options = conversionOptions
                options.minimumConversions = 0
                options.looks = 1
                options.sequential = false
                let analysis = try ExperimentAnalysis.conversions(counts, options: options)
                out.blocks += ABTestCountsAnalysis.blocks(analysis, title: "Cancel/refund rate (cautionary): orders with a cancelled or refunded line", unit: "orders (all)", event: "cancelled/refunded")
                    .filter { if case .note = $0 { return false }; return true }
                notes.append("cancel/refund rate: counted on all lines before cleaning (cleaning drops them), an order counts when any line's '\(dataset.table.columns[statusColumn].name)' says cancel, refund, return, void or chargeback")
            }
        }

        // Sample ratio: customers are the usual assignment unit; orders otherwise.
        let unitCounts = model.hasCustomers ? customersOf : groups.map(\.count)
        let unit = model.hasCustomers ? "customers" : "orders"
        let srm = try ChiSquareTests.goodnessOfFit(observed: unitCounts, expectedShares: Array(repeating: 1, count: names.count))
        let orderSRM = try ChiSquareTests.goodnessOfFit(observed: groups.map(\.count), expectedShares: Array(repeating: 1, count: names.count))
        if srm.pValue < 0.001 {
            let total = Double(unitCounts.reduce(0, +))
            warnings.insert(.sampleRatioMismatch(pValue: srm.pValue, observedShares: unitCounts.map { Double($0) / total },
                                                 expectedShares: Array(repeating: 1 / Double(names.count), count: names.count)), at: 0)
        }
        var facts: [(name: String, value: Value, format: ValueFormat)] = []
        if let (lo, hi) = firstLast {
            facts.append(("first order", .time(lo), .dateTime))
            facts.append(("last order", .time(hi), .dateTime))
        }
        if let d = daysRun { facts.append(("days run", .int(d), .integer)) }
        facts.append(("sample ratio p (\(unit), equal split)", .double(srm.pValue), .pValue))
        if model.hasCustomers { facts.append(("order split p (for reference)", .double(orderSRM.pValue), .pValue)) }
        out.append(.values(title: "Test health", facts))
        if model.hasCustomers {
            notes.append("sample ratio checked on customers, the usual assignment unit; the order split also reflects how often each customer orders")
        }

        // Conversion, only with visitor counts.
        if let visitorItems = arguments.list("visitors") {
            let counts = try visitorCounts(visitorItems, names: names, groups: groups)
            let analysis = try ExperimentAnalysis.conversions(counts, options: conversionOptions)
            sequentialShown = sequentialShown || conversionOptions.sequential
            out.blocks += ABTestCountsAnalysis.blocks(analysis, title: "Conversion (orders ÷ visitors)", unit: "visitors", event: "orders")
                .filter { if case .note = $0 { return false }; return true }
            var rpv = ResultTable(title: "Revenue per visitor", columns: [ResultColumn("variant"), ResultColumn("revenue per visitor", .money)])
            for (c, g) in zip(counts, groups) { rpv.append([.text(c.name), .double(g.reduce(0) { $0 + model.orders.value[$1] } / Double(c.visitors))]) }
            out.append(.table(rpv))
            notes.append("conversion counts each order as a conversion (a visitor with two orders counts twice)")
            warnings += analysis.warnings.filter { if case .sampleRatioMismatch = $0 { return false }; return true }
        } else {
            notes.append("conversion needs visitors: orders alone do not say how many saw each variant; add visitors=\(names.map { "\($0):N" }.joined(separator: ","))")
        }
        warnings = warnings.filter { if case .peeking = $0 { return false }; return true }
        if looks > 1 {
            let at = warnings.firstIndex { w in
                if case .sampleRatioMismatch = w { return false }
                if case .shortDuration = w { return false }
                return true
            } ?? warnings.count
            warnings.insert(.peeking(looks: looks, sequentialIntervalIncluded: sequentialShown), at: at)
        }
        if arguments.flags.contains("sequential") && !sequentialShown {
            notes.append("'sequential' applies to rates: there is no offer column and no visitors=, so no always-valid interval was computed")
        }
        if daysRun == nil { notes.append("no order times: give days=N to check the test ran two full weekly cycles") }
        out.blocks += notes.map { .note($0) }
        out.blocks += ABFormat.unique(warnings)
        return out
    }

    /// Whether each order has a line from a cross-sell offer (or, without such a value, any offer), and what was counted.
    private func attachedOrders(_ dataset: Dataset, _ model: OrderModel, offerColumn: Int) throws -> ([Bool], String) {
        let rowOrder = try dataset.rowOrderIds()
        var attached = [Bool](repeating: false, count: model.orders.count)
        let column = dataset.table.columns[offerColumn]
        var what = "an offer line"
        var hitOfCode: [Bool] = []
        let codes = dataset.table.codes(column: offerColumn)
        if case .text(_, let dictionary) = column.values {
            let cross = dictionary.map { $0.lowercased().contains("cross") }
            if cross.contains(true) {
                hitOfCode = cross
                what = "a cross-sell line"
            } else {
                hitOfCode = dictionary.map { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            }
        }
        for i in 0..<rowOrder.count {
            let o = rowOrder[i]
            guard o >= 0 else { continue }
            if codes.isEmpty {
                if !column.isNull(dataset.table.physicalRow(i)) { attached[Int(o)] = true }
            } else {
                let k = codes[i]
                if k >= 0 && hitOfCode[Int(k)] { attached[Int(o)] = true }
            }
        }
        return (attached, what)
    }

    /// Orders (all statuses, before cleaning) and those with a cancelled/refunded line, per variant.
    private func cancelledOrders(_ dataset: Dataset, names: [String], variantColumn: String, statusColumn: Int,
                                 orderColumn: Int) throws -> [VariantCounts] {
        let table = dataset.table
        guard let vc = table.columnIndex(named: variantColumn) else { return [] }
        let orderKeys = table.groupingKeys(column: orderColumn)
        let variantKeys = table.groupingKeys(column: vc)
        let statusCodes = table.codes(column: statusColumn)
        guard !statusCodes.isEmpty, case .text(_, let statusDictionary) = table.columns[statusColumn].values else { return [] }
        let words = ["cancel", "refund", "return", "void", "chargeback"]
        let isCancelled = statusDictionary.map { s in words.contains { s.lowercased().contains($0) } }
        // Variant index of each distinct variant key.
        var variantOfKey: [Int64: Int] = [:]
        for i in 0..<table.rowCount where variantKeys[i] != Int64.min && variantOfKey[variantKeys[i]] == nil {
            let label = table.columns[vc].displayString(table.physicalRow(i))
            variantOfKey[variantKeys[i]] = names.firstIndex(of: label) ?? -1
        }
        var orderVariant: [Int64: Int] = [:]
        var cancelled = Set<Int64>()
        for i in 0..<table.rowCount {
            if i & 65_535 == 0 { try Cancellation.check() }
            let key = orderKeys[i]
            guard key != Int64.min else { continue }
            if orderVariant[key] == nil, variantKeys[i] != Int64.min, let v = variantOfKey[variantKeys[i]], v >= 0 { orderVariant[key] = v }
            let s = statusCodes[i]
            if s >= 0 && isCancelled[Int(s)] { cancelled.insert(key) }
        }
        var total = [Int](repeating: 0, count: names.count), bad = [Int](repeating: 0, count: names.count)
        for (key, v) in orderVariant {
            total[v] += 1
            if cancelled.contains(key) { bad[v] += 1 }
        }
        return names.indices.map { VariantCounts(name: names[$0], conversions: bad[$0], visitors: total[$0]) }
    }

    /// `A:52000,B:51800` → orders and visitors per variant, every variant exactly once.
    private func visitorCounts(_ items: [String], names: [String], groups: [[Int]]) throws -> [VariantCounts] {
        let token = arguments.options["visitors"]
        var visitors: [String: Int] = [:]
        for item in items {
            let parts = item.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, let n = Int(parts[1].replacingOccurrences(of: "_", with: "")) else {
                throw arguments.error("option 'visitors' got '\(item)': expected VARIANT:N such as \(names[0]):52000", at: token,
                                      hint: "example: visitors=\(names.map { "\($0):50000" }.joined(separator: ","))")
            }
            guard let name = names.first(where: { $0.lowercased() == parts[0].lowercased() }) else {
                throw arguments.error("option 'visitors' names '\(parts[0])', which is not a variant of the data", at: token,
                                      hint: "variants: " + names.joined(separator: ", "))
            }
            visitors[name] = n
        }
        return try zip(names, groups).map { name, g in
            guard let n = visitors[name] else {
                throw arguments.error("option 'visitors' has no count for variant '\(name)'", at: token,
                                      hint: "example: visitors=\(names.map { "\($0):50000" }.joined(separator: ","))")
            }
            guard n >= g.count else {
                throw arguments.error("option 'visitors' got '\(name):\(n)': variant '\(name)' has \(ABFormat.count(g.count)) orders, more than its visitors", at: token,
                                      hint: "give visitors (people who saw the variant), not orders")
            }
            return VariantCounts(name: name, conversions: g.count, visitors: n)
        }
    }
}
