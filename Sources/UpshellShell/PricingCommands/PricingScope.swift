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
    /// The filter expression after `where`, with its offset in the source (for carets).
    let whereExpression: String?
    let whereOffset: Int

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
        let tokens = raw.command.tokens
        if let w = tokens.indices.dropFirst().first(where: { tokens[$0].text.lowercased() == "where" && !tokens[$0].wasQuoted }) {
            guard w + 1 < tokens.count else {
                throw raw.error("'where' needs an expression", at: tokens[w], hint: "example: where created_at >= 2025-10-01")
            }
            let head = CommandText(source: raw.command.source, tokens: Array(tokens[..<w]))
            arguments = try Arguments(spec: strict, command: head)
            whereExpression = raw.command.rawText(fromToken: w + 1)
            whereOffset = tokens[w + 1].range.lowerBound
        } else {
            arguments = try Arguments(spec: strict, command: raw.command)
            whereExpression = nil
            whereOffset = 0
        }
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

    /// The dataset after `where`, and the orders of the segment (or all).
    func scope(_ session: Session) throws -> (dataset: Dataset, model: OrderModel, orders: [Int32]?, description: String) {
        var dataset = try DatasetOption.dataset(arguments, session)
        let parent = dataset
        var description = "'\(dataset.name)'"
        if let expression = whereExpression {
            let rows: [Int32]
            do {
                rows = try FilterExpression(expression).selectedRows(in: dataset, session)
            } catch let error as FilterError {
                throw LanguageError(error.message, hint: error.hint,
                                    range: (whereOffset + error.position)..<(whereOffset + error.position + max(1, error.length)),
                                    source: arguments.command.source)
            }
            guard !rows.isEmpty else {
                throw SessionError("no orders of '\(dataset.name)' satisfy: \(expression)", hint: "'describe \(dataset.name)' shows each column's range of values")
            }
            dataset = try dataset.filtered(rows: rows, name: dataset.name + "·where")
            description += " where \(expression)"
        }
        guard let model = dataset.orders else {
            throw SessionError("'\(dataset.name)' is a side table, not orders", hint: "join it to an order dataset, or choose one with data=NAME")
        }
        guard model.hasMoney else {
            throw SessionError("'\(dataset.name)' has no prices: pricing what-ifs need order values", hint: "map a price column: map unit-price=COLUMN")
        }
        var selected: [Int32]? = nil
        if let name = arguments.text("segment") {
            let builtIn = Self.builtInSegment(name)
            let known = (try? session.segments.find(segment: name, in: parent.name)) != nil
            if let firstTime = builtIn, !known {
                // a customer's first order in the whole (unfiltered) data, matched by order key under 'where'
                guard let pm = parent.orders, pm.hasCustomers, pm.hasTimes else {
                    throw SessionError("first-time and repeat orders need customer ids and order times", hint: "map them: map customer=COLUMN time=COLUMN")
                }
                var isFirst = [Bool](repeating: false, count: pm.orders.count)
                for o in 0..<pm.orders.count {
                    let c = Int(pm.orders.customer[o])
                    if c >= 0, pm.orders.time[o] != .min, pm.orders.time[o] == pm.customers.firstOrderTime[c] { isFirst[o] = true }
                }
                let keep = { (o: Int) in pm.orders.customer[o] >= 0 && isFirst[o] == firstTime }
                if whereExpression == nil {
                    selected = (0..<Int32(model.orders.count)).filter { keep(Int($0)) }
                } else {
                    var idOfKey: [String: Int] = [:]
                    for (o, k) in pm.orders.key.enumerated() { idOfKey[k] = o }
                    selected = (0..<Int32(model.orders.count)).filter { idOfKey[model.orders.key[Int($0)]].map(keep) ?? false }
                }
                description += firstTime ? ", first-time buyers (a customer's first order)" : ", repeat orders"
            } else {
                let (segmentation, index) = try session.segments.find(segment: name, in: parent.name)
                if whereExpression == nil {
                    selected = (0..<Int32(model.orders.count)).filter { segmentation.segmentOfOrder[Int($0)] == Int32(index) }
                } else {
                    // the filtered view has its own order ids: match by order key
                    let parentKeys = parent.orders!.orders.key
                    var inSegment = Set<String>()
                    for (o, s) in segmentation.segmentOfOrder.enumerated() where s == Int32(index) { inSegment.insert(parentKeys[o]) }
                    selected = (0..<Int32(model.orders.count)).filter { inSegment.contains(model.orders.key[Int($0)]) }
                }
                description += ", segment '\(segmentation.labels[index])'"
            }
            guard !(selected ?? []).isEmpty else {
                throw SessionError("segment '\(name)' has no orders in \(description)", hint: "'segments' lists the segments and their sizes")
            }
        }
        return (dataset, model, selected, description)
    }

    /// The scope's orders as ids of the *unfiltered* dataset's model (matched by order key), so that
    /// questions about customers' histories (first orders) see the whole history, not only the filtered rows.
    func parentSelection(_ session: Session) throws -> (model: OrderModel, orders: [Int32]?) {
        let s = try scope(session)
        let parent = try DatasetOption.dataset(arguments, session)
        guard let pm = parent.orders else { return (s.model, s.orders) }
        if whereExpression == nil { return (pm, s.orders) }
        var idOfKey: [String: Int32] = [:]
        idOfKey.reserveCapacity(pm.orders.count)
        for (o, k) in pm.orders.key.enumerated() { idOfKey[k] = Int32(o) }
        let local = s.orders ?? Array(0..<Int32(s.model.orders.count))
        return (pm, local.compactMap { idOfKey[s.model.orders.key[Int($0)]] })
    }

    /// `true` for the built-in first-time segment names, `false` for repeat, `nil` otherwise.
    static func builtInSegment(_ name: String) -> Bool? {
        switch name.lowercased() {
        case "first-time", "first", "first-order", "first-orders", "new", "first-time-buyers": return true
        case "repeat", "repeat-order", "repeat-orders", "returning": return false
        default: return nil
        }
    }

    /// The pricing sample of the scope, with the notes every what-if prints about its data.
    func sample(_ session: Session) throws -> (sample: PricingSample, description: String, notes: [OutputBlock]) {
        let timer = PhaseTimer("pricing sample")
        let s = try scope(session)
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
