import UpshellAnalytics
import UpshellCore
import UpshellData

/// `distribution order-value|units [bins=N] [bands=A,B,…] [data=NAME]`: percentiles, a histogram and the
/// share of orders in each price band.
struct DistributionCommand: ScopedCommand {
    /// Runs on whole orders and customers: exact on a dataset loaded with aggregate=server.
    var lineLevelNeed: String? { nil }

    public static let spec = CommandSpec(
        name: "distribution", group: .metrics,
        abstract: "distribution of order value (or units per order): percentiles, histogram, price bands",
        synopsis: ["distribution order-value|units [bins=N] [bands=A,B,…] [data=NAME]"],
        discussion: """
            Percentiles p5, p10, p25, p50 (median), p75, p90, p95, p99 use linear interpolation between order \
            statistics (Hyndman & Fan type 7: numpy's default, R's type 7): the q-th percentile sits at position \
            q·(n − 1) of the sorted values. The mean and the standard deviation (n − 1) are beside them. \
            The histogram has equal bins of a round width (1, 2, 2.5 or 5 × 10^k) from the smallest value to the \
            95th percentile — the number of bins from the Freedman–Diaconis rule, 6 to 20, or bins=N — and one \
            last bin for everything above, so a heavy tail does not flatten the body. Price bands (order-value \
            only) split orders at round amounts between the 5th and the 99th percentile (…, 25, 50, 100, 250, …) \
            or at the amounts given with bands=; each band is [lower, upper), with its orders, revenue, their \
            shares and the cumulative share of orders. Order value = merchandise value after cleaning.
            """,
        subcommands: DistributedMeasure.allCases.map(\.rawValue),
        options: [Self.bins.spec, Self.bands.spec, DatasetOption.spec],
        examples: ["distribution order-value", "distribution order-value bands=20,50,100 bins=12", "distribution units"])

    static let bins = TypedOption.integer("bins", "number of histogram bins before rounding the width (1–100; default: Freedman–Diaconis)")
        .checked { v, _ in (1...100).contains(v) ? nil : OptionProblem("option 'bins' got '\(v)': expected a whole number from 1 to 100") }
    static let bands = TypedOption.list("bands", "price-band edges, ascending amounts (e.g. 25,50,100,250)")

    let what: DistributedMeasure
    let bins: Int?
    /// Price-band edges, ascending; nil: round amounts between the 5th and the 99th percentile.
    let bands: [Double]?
    let orderScope: OrderScope

    public init(arguments: Arguments) throws {
        what = try arguments.subcommand(DistributedMeasure.self)
        try arguments.expectPositionals(atMost: 1)
        bins = try arguments.value(Self.bins)
        if let items = try arguments.value(Self.bands) {
            let places = arguments.places
            guard what == .orderValue else {
                throw places.error("bands= applies to order-value only", option: "bands", hint: "example: distribution order-value bands=25,50,100")
            }
            bands = try Self.bandEdges(items, places)
        } else {
            bands = nil
        }
        orderScope = try .dataset(of: arguments)
    }

    /// The amounts of `bands=`: 1 to 50, finite, increasing.
    private static func bandEdges(_ items: [String], _ places: ArgumentPlaces) throws -> [Double] {
        var edges: [Double] = []
        for item in items {
            guard let v = ValueParser.money(item), v.isFinite else {
                throw places.error("option 'bands' got '\(item)': expected amounts such as 25,50,100", option: "bands")
            }
            edges.append(v)
        }
        guard !edges.isEmpty, edges.count <= 50, zip(edges, edges.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw places.error("option 'bands' needs 1 to 50 amounts in increasing order", option: "bands", hint: "example: bands=25,50,100,250")
        }
        return edges
    }

    func run(in session: Session, on resolved: ResolvedOrderScope) throws -> CommandOutput {
        let dataset = resolved.dataset, model = resolved.model
        let isMoney = what == .orderValue
        if isMoney && !model.hasMoney { throw MetricsError.missingRole("unit-price", "distribution order-value") }
        let distribution = try ValueDistribution(isMoney ? Array(model.orders.value) : Array(model.orders.units))
        let currency = session.renderSettings.currency
        let format: ValueFormat = isMoney ? .money : .decimal(2)
        let noun = isMoney ? "Order value" : "Units per order"

        var items: [(name: String, value: Value, format: ValueFormat)] = [
            ("orders", .int(distribution.count), .integer),
            ("mean", .double(distribution.mean), format),
            ("standard deviation", .double(distribution.summary.standardDeviation), format),
            ("minimum", .double(distribution.minimum), format),
        ]
        for q in ValueDistribution.standardPercentiles {
            let name = q == 0.5 ? "median (p50)" : "p\(Int((q * 100).rounded()))"
            items.append((name, .double(distribution.percentile(q)), format))
        }
        items.append(("maximum", .double(distribution.maximum), format))
        var out = CommandOutput([.values(title: "\(noun) — '\(dataset.name)'", items)])

        let edges = distribution.histogramEdges(target: bins, minimumWidth: isMoney ? 0 : 1)
        let histogram = distribution.bins(edges: edges)
        let width = edges.count > 1 ? edges[1] - edges[0] : 0
        out.append(.chart(Chart(kind: .histogram,
                                title: "Orders by \(noun.lowercased()) (bins of \(amount(width, isMoney, currency)); the last bin holds the tail)",
                                labels: histogram.map { label($0, isMoney, currency) }, values: histogram.map { Double($0.count) },
                                format: .integer)))
        if isMoney {
            let bandEdges = bands ?? distribution.bandEdges()
            var table = ResultTable(title: "Price bands", columns: [
                ResultColumn("band"), ResultColumn("orders", .integer), ResultColumn("orders %", .percent(1)),
                ResultColumn("cumulative %", .percent(1)), ResultColumn("revenue", .money), ResultColumn("revenue %", .percent(1)),
            ])
            var cumulative = 0.0
            for band in distribution.bins(edges: bandEdges) {
                cumulative += band.share
                table.append([.text(label(band, true, currency)), .int(band.count), .double(band.share), .double(cumulative),
                              .double(band.total), .double(band.totalShare)])
            }
            out.append(.table(table))
        }
        out.append(.note("percentiles by linear interpolation (numpy's default); bins and bands are [lower, upper)"))
        return out
    }

    /// `$25` for whole amounts, `$2.50` otherwise; plain numbers for units.
    private func amount(_ x: Double, _ isMoney: Bool, _ currency: String) -> String {
        let whole = x == x.rounded()
        let number = NumberFormat.grouped(x, decimals: whole ? 0 : 2)
        return isMoney ? (x < 0 ? "-" + currency + String(number.dropFirst()) : currency + number) : number
    }

    private func label(_ bin: ValueBin, _ isMoney: Bool, _ currency: String) -> String {
        if !bin.lower.isFinite { return "< " + amount(bin.upper, isMoney, currency) }
        if !bin.upper.isFinite { return "≥ " + amount(bin.lower, isMoney, currency) }
        // Whole units in bins of one: the bin [3, 4) is just "3".
        if !isMoney, bin.upper - bin.lower == 1, bin.lower == bin.lower.rounded() { return amount(bin.lower, false, currency) }
        return amount(bin.lower, isMoney, currency) + "–" + amount(bin.upper, isMoney, currency)
    }
}

/// What `distribution` describes: the value of each order, or its units.
enum DistributedMeasure: String, CaseIterable {
    case orderValue = "order-value"
    case units
}
