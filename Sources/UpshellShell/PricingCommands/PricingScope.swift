import Foundation
import UpshellAnalytics
import UpshellCore
import UpshellData

/// The part of a pricing command that says *which orders* the what-if learns from: `data=NAME`,
/// `segment=NAME` (a segment of the active segmentation) and a trailing `where EXPRESSION` (any filter,
/// including periods: `where created_at >= 2025-10-01`), plus the options every pricing what-if shares
/// (`seed=`, `draws=`, `margin=`).
struct PricingScope {
    /// The command's words before `where`, checked against the spec.
    let arguments: Arguments
    /// The `where` clause, if any.
    let clause: ScopeClause?

    /// Options shared by every pricing what-if.
    static let options: [OptionSpec] = [
        DatasetOption.spec,
        OptionSpec("segment", .text, "learn from the orders of one segment of the session's segmentations (segment rfm, lifecycle, …); first-time and repeat work without one (a customer's first order in the whole data, or a later one)"),
        OptionSpec("seed", .integer, "seed of the bootstrap (results are reproducible) (default: the session seed)"),
        OptionSpec("draws", .integer, default: "200", "bootstrap draws (customer-clustered)"),
        OptionSpec("margin", .share, default: "40%", "margin ratio assumed for orders and items without unit costs"),
    ]

    /// Splits `raw` (parsed with every word free) at an unquoted `where`, and re-parses the words before it
    /// against `spec` with options checked.
    init(_ raw: Arguments, spec: CommandSpec) throws {
        var strict = spec
        strict.freeTextFrom = nil
        clause = try ScopeClause.split(raw.command)
        arguments = try Arguments(spec: strict, command: clause?.head ?? raw.command)
    }

    /// The seed: `seed=` or the session's.
    func seed(_ session: Session) throws -> UInt64 {
        if let s = try arguments.integer("seed") { return UInt64(truncatingIfNeeded: s) }
        return session.seed
    }

    /// Bootstrap draws (`draws=`, default 200).
    func draws(default d: Int = 200) throws -> Int {
        guard let n = try arguments.integer("draws") else { return d }
        guard n >= 0, n <= 100_000 else {
            throw arguments.error("option 'draws' got '\(n)': expected 0 to 100,000", at: arguments.options["draws"])
        }
        return n
    }

    /// Which orders the what-if learns from: `data=`, `where` and `segment=`.
    var orderScope: OrderScope {
        OrderScope(dataset: arguments.text("data"), filter: clause, segment: arguments.options["segment"],
                   source: arguments.command.source, rule: .anySegmentationOrFirstRepeat, needsMoney: true)
    }

    /// The dataset after `where`, and the orders of the segment (or all), resolved once.
    func scope(_ session: Session) throws -> ResolvedOrderScope {
        try session.resolve(orderScope)
    }

    /// The pricing sample of the scope, with the notes every what-if prints about its data.
    func sample(_ session: Session) throws -> (sample: PricingSample, description: String, notes: [OutputBlock]) {
        try sample(scope(session))
    }

    /// The pricing sample of a resolved scope, with the notes every what-if prints about its data.
    func sample(_ s: ResolvedOrderScope) throws -> (sample: PricingSample, description: String, notes: [OutputBlock]) {
        let timer = PhaseTimer("pricing sample")
        let margin = try arguments.share("margin", in: 0...1) ?? 0.40
        timer.mark("scope")
        let sample = PricingSample(model: s.model, orders: s.orders, defaultMargin: margin)
        timer.mark("built")
        guard sample.count > 0 else { throw SessionError("no orders in \(s.description)", hint: "widen the filter or the segment") }
        var notes: [OutputBlock] = []
        if !sample.hasCosts {
            notes.append(.note("no unit costs in the data: margins assume \(NumberFormat.percent(margin, decimals: 0)) of merchandise value (margin=); load costs with a unit-cost column or 'join products FILE' with a cost column"))
        } else if sample.costCoverage < 0.999 {
            notes.append(.note("unit costs cover \(NumberFormat.percent(sample.costCoverage)) of orders; the rest assume a \(NumberFormat.percent(margin, decimals: 0)) margin (margin=)"))
        }
        if sample.customerCount < 30 || sample.count < 200 {
            notes.append(.warning("only \(LoadSummary.grouped(sample.count)) orders from \(LoadSummary.grouped(sample.customerCount)) customers in \(s.description): the bootstrap band is unreliable below 200 orders or 30 customers"))
        }
        return (sample, s.description, notes)
    }
}

/// Formatting helpers for pricing outputs.
enum PricingFormat {
    static func money(_ v: Double, _ session: Session) -> String { NumberFormat.money(v, symbol: session.renderSettings.currency) }
    static func signedMoney(_ v: Double, _ session: Session) -> String { (v > 0.004 ? "+" : "") + money(v, session) }
    static func count(_ v: Double, decimals: Int = 0) -> String { NumberFormat.grouped(v, decimals: decimals) }
    static func percent(_ v: Double, decimals: Int = 1) -> String { NumberFormat.percent(v, decimals: decimals) }
    static func date(_ t: Int64) -> String { CivilDate.format(seconds: t) }

    /// The closing A/B block (MODELS.md §5).
    static func abBlock(_ hooks: [PricingABHook], _ session: Session, note: String? = nil) -> [OutputBlock] {
        var rows = ResultTable(title: "A/B test to confirm it", columns: [
            ResultColumn("metric"), ResultColumn("control"), ResultColumn("predicted"),
            ResultColumn("per variant", .integer), ResultColumn("unit"), ResultColumn("days", .integer), ResultColumn("run (days)", .integer),
        ])
        for h in hooks {
            // The column mixes rates and money: each cell carries its own format.
            let kind: ValueFormat = h.isProportion ? .percent(2) : .money
            rows.append([.text(h.metric), .typed(h.control, kind), .typed(h.variant, kind),
                         h.perVariant.map { .int($0) } ?? .null, .text(h.unit),
                         h.days.map { .int($0) } ?? .null, h.recommendedDays.map { .int($0) } ?? .null])
        }
        var out: [OutputBlock] = [.table(rows)]
        let methods = Set(hooks.map(\.method)).sorted()
        out.append(.note("sizes: " + methods.joined(separator: "; ") + "; days at the data's daily volume (\(hooks.first.map { count($0.daily, decimals: 1) } ?? "?") \(hooks.first?.unit ?? "units")/day), run = whole weeks, at least 14 days; decide on the primary metric only and do not stop early on a peek"))
        if hooks.contains(where: { $0.perVariant == nil }) { out.append(.note("no size where the model predicts no change: there is nothing to detect")) }
        if let note { out.append(.note(note)) }
        return out
    }
}
