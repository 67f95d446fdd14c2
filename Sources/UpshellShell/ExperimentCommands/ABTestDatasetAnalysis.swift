import Foundation
import UpshellAnalytics
import UpshellCore
import UpshellData

/// `abtest analyze [data=NAME] [variant=COLUMN] [visitors=A:N,B:N]`: an experiment read from orders that
/// carry a variant — AOV (Welch, bootstrap, Mann–Whitney), attach rate, cancel/refund rate, duration,
/// sample ratio, and conversion when visitor counts are given. The analysis is
/// `DatasetExperimentAnalysis`; this type reads the options and renders the result.
struct ABTestDatasetAnalysis: ScopedCommand {
    static let spec = CommandSpec(
        name: "abtest analyze data", group: .experiments,
        abstract: "read an experiment from orders that carry a variant: AOV, attach and cancel rates, test health",
        synopsis: ["abtest analyze [data=NAME] [variant=COLUMN] [visitors=A:N,B:N] [control=A] [looks=N] [days=N] [seed=N] [sequential]"],
        options: [DatasetOption.spec, ABTestOptions.variant.spec, ABTestOptions.visitors.spec, ABTestOptions.control.spec,
                  ABTestOptions.looks.spec, ABTestOptions.days.spec, ABTestOptions.seed.spec],
        flags: [ABTestOptions.sequential],
        examples: ["abtest analyze data=demo"])

    /// The orders: `data=NAME`, or the current dataset.
    let orderScope: OrderScope
    /// `variant=COLUMN`, or nil for the variant role.
    let variantColumn: String?
    /// `visitors=A:N,B:N` as items, checked against the variants found in the data.
    let visitors: [String]?
    /// Checked once the data names the variants.
    let conversion: ConversionInput
    /// Checked when the analysis starts, after the data (``ABFormat/seed(_:places:session:)``).
    let seed: Int?
    let places: ArgumentPlaces

    init(arguments: Arguments) throws {
        var scope = try OrderScope.dataset(of: arguments, needsOrders: false, sideTableHint: "choose an order dataset with data=NAME")
        scope.whenNothingLoaded = SessionError("'abtest analyze' needs counts or a loaded dataset with a variant column",
                                               hint: "give counts as conversions/visitors: abtest analyze a=120/4000 b=150/4010; or load orders that carry a variant")
        orderScope = scope
        variantColumn = try arguments.value(ABTestOptions.variant)
        // The token's own items, so that a quoted comma stays inside an item as before (the `.list` parser
        // sees only the bare text and would split it).
        visitors = arguments.options[ABTestOptions.visitors.spec.name]?.listItems
        conversion = try ConversionInput(arguments)
        seed = try arguments.value(ABTestOptions.seed)
        places = arguments.places
    }

    func run(in session: Session, on resolved: ResolvedOrderScope) throws -> CommandOutput {
        let dataset = resolved.dataset, model = resolved.model
        // The variant column: variant= or the variant role.
        let columnName: String
        if let given = variantColumn, !given.isEmpty {
            columnName = given
        } else if let c = dataset.roles[.variant] {
            columnName = dataset.table.columns[c].name
        } else {
            throw SessionError("'\(dataset.name)' has no variant column",
                               hint: "name it with variant=COLUMN or 'map variant=COLUMN'; or give counts: abtest analyze a=120/4000 b=150/4010")
        }
        let arms = try self.arms(dataset, columnName: columnName)
        let names = arms.names
        guard model.hasMoney else { throw MetricsError.missingRole("unit-price", "abtest analyze") }

        var conversionOptions = try conversion.options(names: names, places: places)
        let sessionLooks = ABTestCountsAnalysis.recordLook(session, key: "data:\(dataset.name):\(arms.column)")
        let seed = try ABFormat.seed(self.seed, places: places, session: session)
        conversionOptions.looks = max(conversionOptions.looks, sessionLooks)
        let visitors = try self.visitors.map { try visitorCounts($0, names: names, groups: arms.orders).map(\.visitors) }
        let parameters = DatasetExperimentParameters(conversion: conversionOptions, seed: seed, visitors: visitors)
        let result = try session.withProgress { _ in
            try DatasetExperimentAnalysis.analyze(dataset, arms: arms, parameters: parameters)
        }
        return render(result, dataset: dataset)
    }

    /// The arms of the test, with the shell's messages for a wrong column or too few variants.
    private func arms(_ dataset: Dataset, columnName: String) throws -> ExperimentArms {
        do {
            return try DatasetExperimentAnalysis.arms(dataset, variantColumn: columnName)
        } catch let error as LoadError {
            if case .unknownColumn = error {
                throw places.error("option 'variant' got '\(columnName)': '\(dataset.name)' has no such column", option: "variant",
                                      hint: Suggestions.didYouMean(columnName, in: dataset.table.columnNames) ?? "columns: " + dataset.table.columnNames.joined(separator: ", "))
            }
            throw error
        } catch let error as DatasetExperimentError {
            switch error {
            case let .noVariantLabels(column):
                throw SessionError("no orders of '\(dataset.name)' carry a variant in column '\(column)'",
                                   hint: "check the column with 'describe', or that the filter kept the test period")
            case let .singleVariant(column, level):
                throw SessionError("column '\(column)' has one level ('\(level)') among the orders of '\(dataset.name)'; an A/B test needs at least two",
                                   hint: "check that both arms are in the data (a filter may have removed one)")
            }
        }
    }

    /// The output blocks of a result: tables, test health, notes, warnings.
    private func render(_ result: DatasetExperimentResult, dataset: Dataset) -> CommandOutput {
        var out = CommandOutput()
        let names = result.arms.names
        var summary = ResultTable(title: "A/B test on '\(dataset.name)' by '\(result.arms.column)'", columns: [
            ResultColumn("variant"), ResultColumn("orders", .integer), ResultColumn("orders %", .percent(1)),
            ResultColumn("customers", .integer), ResultColumn("revenue", .money), ResultColumn("AOV", .money),
            ResultColumn("median order", .money)])
        for v in result.summary {
            summary.append([.text(v.name), .int(v.orders), .double(v.orderShare), v.customers.map { .int($0) } ?? .null,
                            .double(v.revenue), .double(v.averageOrderValue), .double(v.medianOrderValue)])
        }
        out.append(.table(summary))
        out.append(.table(aovTable(result.orderValues)))
        var notes = ["AOV = merchandise value per order after cleaning; bootstrap: \(ABFormat.count(result.orderValues.options.bootstrapResamples)) resamples, percentile interval, seed \(result.orderValues.options.seed); Mann–Whitney compares the whole distributions (robust to the heavy tail)"]
        if let attach = result.attachRate {
            let what = result.attachedLine == .crossSell ? "a cross-sell line" : "an offer line"
            out.blocks += withoutNotes(ABTestCountsAnalysis.blocks(attach, title: "Attach rate (secondary): orders with \(what)", unit: "orders", event: "with offer"))
        }
        if let cancellations = result.cancellations, let status = result.statusColumn {
            out.blocks += withoutNotes(ABTestCountsAnalysis.blocks(cancellations, title: "Cancel/refund rate (cautionary): orders with a cancelled or refunded line", unit: "orders (all)", event: "cancelled/refunded"))
            notes.append("cancel/refund rate: counted on all lines before cleaning (cleaning drops them), an order counts when any line's '\(status)' says cancel, refund, return, void or chargeback")
        }
        out.append(.values(title: "Test health", healthFacts(result)))
        if result.sampleRatio.onCustomers {
            notes.append("sample ratio checked on customers, the usual assignment unit; the order split also reflects how often each customer orders")
        }
        if let conversion = result.conversion, let rpvs = result.revenuePerVisitor {
            out.blocks += withoutNotes(ABTestCountsAnalysis.blocks(conversion, title: "Conversion (orders ÷ visitors)", unit: "visitors", event: "orders"))
            var rpv = ResultTable(title: "Revenue per visitor", columns: [ResultColumn("variant"), ResultColumn("revenue per visitor", .money)])
            for (name, value) in zip(names, rpvs) { rpv.append([.text(name), .double(value)]) }
            out.append(.table(rpv))
            notes.append("conversion counts each order as a conversion (a visitor with two orders counts twice)")
        } else {
            notes.append("conversion needs visitors: orders alone do not say how many saw each variant; add visitors=\(names.map { "\($0):N" }.joined(separator: ","))")
        }
        if conversion.sequential && !result.sequentialComputed {
            notes.append("'sequential' applies to rates: there is no offer column and no visitors=, so no always-valid interval was computed")
        }
        if result.daysRun == nil { notes.append("no order times: give days=N to check the test ran two full weekly cycles") }
        out.blocks += notes.map { .note($0) }
        out.blocks += ABFormat.unique(result.warnings)
        return out
    }

    /// AOV against control: Welch, Holm (several variants), bootstrap, Mann–Whitney.
    private func aovTable(_ values: ValueAnalysis) -> ResultTable {
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
        return aov
    }

    /// First and last order, days run, sample-ratio p-values.
    private func healthFacts(_ result: DatasetExperimentResult) -> [(name: String, value: Value, format: ValueFormat)] {
        var facts: [(name: String, value: Value, format: ValueFormat)] = []
        if let span = result.orderTimeSpan {
            facts.append(("first order", .time(span.first), .dateTime))
            facts.append(("last order", .time(span.last), .dateTime))
        }
        if let d = result.daysRun { facts.append(("days run", .int(d), .integer)) }
        let unit = result.sampleRatio.onCustomers ? "customers" : "orders"
        facts.append(("sample ratio p (\(unit), equal split)", .double(result.sampleRatio.pValue), .pValue))
        if let p = result.sampleRatio.orderSplitPValue { facts.append(("order split p (for reference)", .double(p), .pValue)) }
        return facts
    }

    /// Blocks of a counts analysis without its notes (the dataset form writes its own).
    private func withoutNotes(_ blocks: [OutputBlock]) -> [OutputBlock] {
        blocks.filter { if case .note = $0 { return false }; return true }
    }

    /// `A:52000,B:51800` → orders and visitors per variant, every variant exactly once.
    private func visitorCounts(_ items: [String], names: [String], groups: [[Int]]) throws -> [VariantCounts] {
        var visitors: [String: Int] = [:]
        for item in items {
            let parts = item.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, let n = Int(parts[1].replacingOccurrences(of: "_", with: "")) else {
                throw places.error("option 'visitors' got '\(item)': expected VARIANT:N such as \(names[0]):52000", option: "visitors",
                                      hint: "example: visitors=\(names.map { "\($0):50000" }.joined(separator: ","))")
            }
            guard let name = names.first(where: { $0.lowercased() == parts[0].lowercased() }) else {
                throw places.error("option 'visitors' names '\(parts[0])', which is not a variant of the data", option: "visitors",
                                      hint: "variants: " + names.joined(separator: ", "))
            }
            visitors[name] = n
        }
        return try zip(names, groups).map { name, g in
            guard let n = visitors[name] else {
                throw places.error("option 'visitors' has no count for variant '\(name)'", option: "visitors",
                                      hint: "example: visitors=\(names.map { "\($0):50000" }.joined(separator: ","))")
            }
            guard n >= g.count else {
                throw places.error("option 'visitors' got '\(name):\(n)': variant '\(name)' has \(ABFormat.count(g.count)) orders, more than its visitors", option: "visitors",
                                      hint: "give visitors (people who saw the variant), not orders")
            }
            return VariantCounts(name: name, conversions: g.count, visitors: n)
        }
    }
}
