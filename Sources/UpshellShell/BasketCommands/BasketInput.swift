import Foundation
import UpshellAnalytics
import UpshellCore
import UpshellData

/// What the basket commands share: the option declarations every basket command takes, which baskets
/// (dataset, level, segment) and how items named by the analyst are found.
enum BasketInput {
    static let level = TypedOption<ProductAttribute>(
        OptionSpec("level", .choice(["product", "category", "brand"]), "what an item is: a product, its category or its brand"),
        parse: { ProductAttribute(rawValue: $0.lowercased()) }).defaulting(to: "product")
    static let items = TypedOption<ItemKeys>.choice(
        "items", default: "exact", "how item keys compare: exact, or upper (without letter case: 85123a and 85123A are one item)")
    static let segment = TypedOption.text("segment", "only orders of this segment of the active segmentation ('segment rfm' first)")
    static let force = FlagSpec("force", "mine past the 20-million-itemset limit, as far as the available memory allows (also --force)")

    /// Memory one frequent itemset takes in the tree (20 million ≈ 420 MB, measured).
    static let bytesPerItemset = 21

    /// Runs a mining step under the itemset limit: the default 20 million, or with `force` as many as fit
    /// in the available memory (``MemoryGuard``), refused before they are held with the memory they need.
    static func mining<T>(force: Bool, bytesEach: Int, _ body: (_ limit: Int?) throws -> T) throws -> T {
        guard force else { return try body(FrequentItemsetMiner.defaultLimit) }
        do {
            return try body(MemoryGuard.capacity(bytesEach: bytesEach))
        } catch BasketError.tooManyItemsets(_, let estimate, let support) {
            throw BasketError.exceedsMemory(estimate: estimate, neededBytes: estimate * Double(bytesEach),
                                            availableBytes: MemoryGuard.availableBytes() ?? 0, support: support)
        }
    }

    /// A support share in (0, 100 %] (`min-support=0.5%`).
    static func support(_ name: String = "min-support", help: String) -> TypedOption<Double> {
        TypedOption(OptionSpec(name, .share, help), parse: ValueParser.share) { s, raw in
            s > 0 && s <= 1 ? nil : OptionProblem("\(name) must be above 0% and at most 100%, not '\(raw)'",
                                                 hint: "example: \(name)=0.5% (a share of the orders)")
        }
    }

    /// A confidence share in [0, 100 %] (`min-confidence=50%`).
    static func confidence(_ name: String = "min-confidence", help: String) -> TypedOption<Double> {
        TypedOption(OptionSpec(name, .share, help), parse: ValueParser.share) { c, raw in
            c >= 0 && c <= 1 ? nil : OptionProblem("\(name) must be between 0% and 100%, not '\(raw)'", hint: "example: \(name)=50%")
        }
    }

    /// The options that choose the baskets, in the order help lists them.
    static let scopeOptions = [level.spec, items.spec, segment.spec, DatasetOption.spec]
}

/// How basket item keys compare (`items=`).
enum ItemKeys: String, CaseIterable, Sendable {
    /// As written in the data.
    case exact
    /// Upper-cased: keys differing only in letter case are one item.
    case upper
}

/// Which baskets a basket command reads: `data=`, `level=`, `items=` and `segment=`, parsed once.
struct BasketScope: Sendable {
    /// The orders: `data=` and `segment=` (a segment of the active segmentation).
    let orders: OrderScope
    let level: ProductAttribute
    /// `items=upper`: item keys compared without letter case.
    let caseInsensitive: Bool
    let places: ArgumentPlaces

    init(_ arguments: Arguments) throws {
        orders = OrderScope(dataset: try arguments.value(DatasetOption.option), segment: arguments.options[BasketInput.segment.spec.name],
                            source: arguments.command.source, rule: .activeSegmentation,
                            sideTableHint: "choose an order or basket dataset with data=NAME")
        level = try arguments.value(BasketInput.level)
        caseInsensitive = try arguments.value(BasketInput.items) == .upper
        places = arguments.places
    }

    /// The baskets of the resolved scope at ``level``, and a phrase describing them for titles.
    func transactions(_ resolved: ResolvedOrderScope) throws -> (Transactions, String) {
        let model = resolved.model, keep = resolved.keep
        var what = resolved.description
        let t = try Transactions(model, level: level, keep: keep, caseInsensitive: caseInsensitive)
        if level != .product { what += ", by \(level.rawValue)" }
        return (t, what)
    }

    /// The item named by option `name` (its text `text`), with the closest names when unknown.
    func item(_ text: String?, option name: String, in t: Transactions) throws -> Int32? {
        guard let text else { return nil }
        // a non-product code named exactly: say why it is no item, before any partial match
        if t.item(named: text) == nil, let code = t.leftOut.codes.first(where: { $0.lowercased() == text.lowercased() }) {
            throw places.error("\(name)=: '\(code)' is a non-product line (postage, a fee or a placeholder), left out of baskets",
                               option: name, hint: "'clean non-product=keep' puts non-product lines in the baskets; 'help clean' states the rule")
        }
        do {
            return try t.requireItem(text)
        } catch let error as BasketError {
            throw places.error("\(name)=: " + error.message, option: name, hint: AnalyticsErrorHints.hint(for: error))
        }
    }

    /// Notes on what the baskets left out (non-product lines) or kept apart (keys differing in case),
    /// each with the option that changes it.
    static func itemNotes(_ t: Transactions) -> [OutputBlock] {
        var notes: [OutputBlock] = []
        let left = t.leftOut
        if left.items > 0 {
            let codes = left.codes.prefix(6).joined(separator: ", ") + (left.codes.count > 6 ? ", …" : "")
            var text = "left out of the baskets: \(BasketInput.plural(left.items, "non-product item")) (postage, fees, placeholders: \(codes)) "
                + "in \(BasketInput.plural(left.orders, "order"))"
            switch left.ordersWithNothingElse {
            case 0: break
            case 1: text += " (1 held nothing else and is no basket)"
            case let n: text += " (\(BasketInput.count(n)) held nothing else and are no baskets)"
            }
            notes.append(.note(text + "; 'clean non-product=keep' puts them in, 'help clean' states the rule"))
        }
        if t.caseVariants > 0 {
            let example = t.caseVariantExample.count == 2 ? " (\(t.caseVariantExample[0]) and \(t.caseVariantExample[1]))" : ""
            notes.append(.note(t.caseInsensitive
                ? "items=upper: \(BasketInput.plural(t.caseVariants, "item")) merged with one whose key differs only in letter case\(example)"
                : "\(BasketInput.plural(t.caseVariants, "item")) \(t.caseVariants == 1 ? "differs" : "differ") from another only in letter case\(example): items=upper makes each pair one item"))
        }
        return notes
    }
}

extension BasketInput {
    /// `{a, b, c}`.
    static func itemset(_ items: [Int32], _ t: Transactions) -> String {
        "{" + items.map { t.itemNames[Int($0)] }.joined(separator: ", ") + "}"
    }

    /// `1,234`.
    static func count(_ n: Int) -> String { LoadSummary.grouped(n) }

    /// `0.5% (≥ 10 of 9,835 orders)`.
    static func threshold(_ share: Double, _ minimum: Int, _ t: Transactions) -> String {
        "\(NumberFormat.plain(share * 100))% (at least \(count(minimum)) of \(count(t.basketCount)) orders)"
    }

    /// `0.27 MB`, `1,204.5 MB`.
    static func megabytes(_ bytes: Int) -> String {
        let mb = Double(bytes) / 1e6
        return mb < 10 ? NumberFormat.grouped(mb, decimals: 2) + " MB" : NumberFormat.grouped(mb, decimals: 1) + " MB"
    }

    /// `1 rule`, `5 rules`.
    static func plural(_ n: Int, _ word: String) -> String { "\(count(n)) \(word)\(n == 1 ? "" : "s")" }
}
