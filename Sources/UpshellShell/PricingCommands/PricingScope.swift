import Foundation
import UpshellAnalytics
import UpshellCore
import UpshellData

/// The part of a pricing command that says *which orders* the what-if learns from: `data=NAME`,
/// `segment=NAME` (a segment of the active segmentation) and a trailing `where EXPRESSION` (any filter,
/// including periods: `where created_at >= 2025-10-01`), plus the options every pricing what-if shares
/// (`seed=`, `draws=`, `margin=`), parsed once in `init`.
struct PricingScope {
    static let segment = TypedOption.text("segment", "learn from the orders of one segment of the session's segmentations (segment rfm, lifecycle, …); first-time and repeat work without one (a customer's first order in the whole data, or a later one)")
    static let seed = TypedOption.integer("seed", "seed of the bootstrap (results are reproducible) (default: the session seed)")
    static let draws = TypedOption.integer("draws", "bootstrap draws (customer-clustered)").checked { n, _ in
        n >= 0 && n <= 100_000 ? nil : OptionProblem("option 'draws' got '\(n)': expected 0 to 100,000")
    }.defaulting(to: "200")
    static let margin = TypedOption.share("margin", in: 0...1, "margin ratio assumed for orders and items without unit costs").defaulting(to: "40%")

    /// Options shared by every pricing what-if.
    static let options: [OptionSpec] = [DatasetOption.spec, segment.spec, seed.spec, draws.spec, margin.spec]

    /// Which orders the what-if learns from: `data=`, `where` and `segment=`.
    let orderScope: OrderScope
    /// `seed=`, or `nil` for the session's seed.
    let givenSeed: UInt64?
    /// `draws=` as given (`nil`: not given).
    let givenDraws: Int?
    /// The margin ratio assumed where costs are missing (`margin=`).
    let margin: Double
    /// Where each word stands, for errors found while running.
    let places: ArgumentPlaces

    /// Splits `raw` (parsed with every word free) at an unquoted `where`, and re-parses the words before it
    /// against `spec` with options checked: the command's own options are read from `head`.
    static func split(_ raw: Arguments, spec: CommandSpec) throws -> (head: Arguments, clause: ScopeClause?) {
        var strict = spec
        strict.freeTextFrom = nil
        let clause = try ScopeClause.split(raw.command)
        return (try Arguments(spec: strict, command: clause?.head ?? raw.command), clause)
    }

    /// The scope of `head` (the words before `where`) and `clause`.
    init(_ head: Arguments, clause: ScopeClause?) throws {
        orderScope = OrderScope(dataset: try head.value(DatasetOption.option), filter: clause, segment: head.options[Self.segment.spec.name],
                                source: head.command.source, rule: .anySegmentationOrFirstRepeat, needsMoney: true)
        givenSeed = try head.value(Self.seed).map { UInt64(truncatingIfNeeded: $0) }
        givenDraws = try head.value(Self.draws.option)
        margin = try head.value(Self.margin)
        places = head.places
    }

    /// The seed: `seed=` or the session's.
    func seed(_ session: Session) -> UInt64 { givenSeed ?? session.seed }

    /// Bootstrap draws: `draws=`, else the declared default.
    var draws: Int { givenDraws ?? Self.draws.value }

    /// Whether option `name` was given.
    func given(_ name: String) -> Bool { places.options[name] != nil }

    /// The pricing sample of a resolved scope, with the notes every what-if prints about its data.
    func sample(_ s: ResolvedOrderScope) throws -> (sample: PricingSample, description: String, notes: [OutputBlock]) {
        let timer = PhaseTimer("pricing sample")
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
        // bootstrap clusters: customers, and each guest order on its own
        if sample.clusterCount < 30 || sample.count < 200 {
            notes.append(.warning("only \(LoadSummary.grouped(sample.count)) orders from \(LoadSummary.grouped(sample.clusterCount)) customers or guest orders in \(s.description): the bootstrap band is unreliable below 200 orders or 30 customers"))
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

    /// Beyond this many days (a year) a test is not a practical way to confirm a what-if.
    static let longestTestDays = 365

    /// The closing A/B block (docs/MODELS.md §5).
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
        let years = hooks.compactMap { h in h.days.flatMap { $0 > Self.longestTestDays ? "\(h.metric) (\(NumberFormat.grouped(Double($0) / 365.25, decimals: 1)) years)" : nil } }
        if !years.isEmpty {
            out.append(.warning("the effect is too small to test at the data's volume: " + years.joined(separator: ", ") + "; test a larger change, or a metric with more volume"))
        }
        if let note { out.append(.note(note)) }
        return out
    }
}

/// A form of a pricing command (`sweep threshold`, `threshold detect`, `discount bundle`): built from the
/// words before `where` and the clause, which its parent splits once.
protocol PricingForm: ScopedCommand {
    init(_ head: Arguments, clause: ScopeClause?) throws
}

extension PricingForm {
    /// Parses the form on its own (the parent normally builds it).
    init(arguments raw: Arguments) throws {
        let (head, clause) = try PricingScope.split(raw, spec: Self.spec)
        try self.init(head, clause: clause)
    }
}

extension CommandSpec {
    /// The spec of form `name` (`sweep threshold`) of the pricing command `parent`: the parent's abstract, its
    /// synopsis line `synopsis`, the given options and positionals (default: the parent's), and the parent's
    /// examples that start with `name`.
    static func pricingForm(_ name: String, of parent: CommandSpec, synopsis: Int, options: [OptionSpec],
                            positionals: [PositionalSpec]? = nil) -> CommandSpec {
        CommandSpec(name: name, group: .pricing, abstract: parent.abstract, synopsis: [parent.synopsis[synopsis]], subcommands: parent.subcommands,
                    positionals: positionals ?? parent.positionals, options: options,
                    examples: parent.examples.filter { $0 == name || $0.hasPrefix(name + " ") }, freeTextFrom: 0)
    }
}
