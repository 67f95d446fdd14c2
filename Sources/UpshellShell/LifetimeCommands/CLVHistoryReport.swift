import UpshellAnalytics
import UpshellData

/// Renders `clv history`: the cohort summary and the retention and cumulative-value triangles.
enum CLVHistoryReport {
    static func render(_ history: CohortHistory, model: OrderModel, dataset: String, months: Int) -> CommandOutput {
        let cohorts = history.cohorts
        let shown = min(months, cohorts.map(\.observedMonths).max() ?? 1)
        let margin = history.hasMargin
        let money = model.hasMoney
        var summary = ResultTable(title: "Cohorts by first-order month — '\(dataset)'", columns: [
            ResultColumn("cohort"), ResultColumn("customers", .integer), ResultColumn("orders", .integer),
            ResultColumn("orders/customer", .decimal(2)),
        ] + (money ? [ResultColumn("revenue", .money), ResultColumn("revenue/customer", .money)] : [])
          + (margin ? [ResultColumn("margin", .money), ResultColumn("margin/customer", .money)] : []))
        for c in cohorts {
            let n = Double(c.customers)
            summary.append([.text(c.label), .int(c.customers), .int(c.orders), .double(Double(c.orders) / n)]
                           + (money ? [.double(c.revenue), .double(c.revenue / n)] : [])
                           + (margin ? [.double(c.margin), .double(c.margin / n)] : []))
        }
        let monthColumns = (0..<shown).map { "m\($0)" }
        func triangle(_ title: String, _ format: ValueFormat, _ cell: (CohortHistory.Cohort, Int) -> Double,
                      _ pooled: (Int) -> Double) -> ResultTable {
            var t = ResultTable(title: title, columns: [ResultColumn("cohort"), ResultColumn("customers", .integer)]
                                + monthColumns.map { ResultColumn($0, format) })
            for c in cohorts {
                t.append([.text(c.label), .int(c.customers)] + (0..<shown).map { k in k < c.observedMonths ? .double(cell(c, k)) : .null })
            }
            t.append([.text("all"), .int(cohorts.reduce(0) { $0 + $1.customers })] + (0..<shown).map { .double(pooled($0)) })
            return t
        }
        /// Customer-weighted over the cohorts observed at least k + 1 months.
        func pooled(_ k: Int, _ amount: (CohortHistory.Cohort) -> Double) -> Double {
            let observed = cohorts.filter { $0.observedMonths > k }
            let customers = observed.reduce(0) { $0 + $1.customers }
            return customers > 0 ? observed.reduce(0) { $0 + amount($1) } / Double(customers) : .nan
        }
        var out = CommandOutput([.table(summary)])
        out.append(.table(triangle("Retention: share of the cohort ordering in month k after the first order", .percent(1),
                                   { $0.retention($1) }, { k in pooled(k) { Double($0.activeCustomers[k]) } })))
        out.append(.chart(retentionChart(cohorts, months: shown)))
        if model.hasMoney {
            out.append(.table(triangle("Revenue per customer to date, by month since the first order", .money,
                                       { $0.cumulativeRevenuePerCustomer($1) }, { k in pooled(k) { $0.revenueByMonth[0...k].reduce(0, +) } })))
        }
        if margin {
            out.append(.table(triangle("Margin per customer to date, by month since the first order", .money,
                                       { $0.cumulativeMarginPerCustomer($1) }, { k in pooled(k) { $0.marginByMonth[0...k].reduce(0, +) } })))
        }
        out.append(.note("months are calendar months since the first order (m0 = that month, UTC); empty cells: not observed yet"))
        if !model.hasMoney { out.append(.note("no prices: revenue needs a unit-price or line-total column (map unit-price=COLUMN)")) }
        if cohorts.map(\.observedMonths).max() ?? 0 > shown { out.append(.note("showing m0…m\(shown - 1); months=N shows more")) }
        return out
    }

    /// Retention as a heat map (cohort × month since the first order), the data of the retention table
    /// without its 'all' row; cells not observed yet are empty. `export [n] FILE.svg` draws it.
    static func retentionChart(_ cohorts: [CohortHistory.Cohort], months: Int) -> Chart {
        let values = cohorts.flatMap { c in (0..<months).map { k in k < c.observedMonths ? c.retention(k) : .nan } }
        return Chart(kind: .heatmap(columns: (0..<months).map { "m\($0)" }), title: "Retention by cohort × months since the first order",
                     labels: cohorts.map(\.label), values: values, format: .percent(0))
    }
}
