import Foundation
import UpshellAnalytics
import UpshellCore
import UpshellData

/// What the recommend commands share: their options, the models of a scope (built once, cached), and
/// the table every suggestion list is shown in.
enum OfferInput {
    static let k = TypedOption.integer("k", "most suggestions (default: the policy's k, 4)").checked { v, raw in
        v >= 1 && v <= 100 ? nil : OptionProblem("k must be from 1 to 100, not '\(raw)'", hint: "offers are shown 3–4 at a time: k=4")
    }
    static let method = TypedOption<RecommendMethod>.choice("method", default: "hybrid", "how suggestions are made")
    static let placement = TypedOption<OfferPlacement>.choice("context", default: "product-page", "where the offer is shown (checkout: low-commitment add-ons)")
    static let similarity = TypedOption<ItemSimilarity>.choice("similarity", default: "cosine", "item–item measure: cosine, jaccard, lift or confidence")
    static let unit = TypedOption<CoOccurrenceUnit>.choice("unit", default: "orders", "co-purchase unit: the same order, or the same customer")

    static let segment = TypedOption.text("segment", "only orders of this segment of the active segmentation: what it co-buys ('segment rfm' first)")

    /// The options of every recommend form, in the order help lists them.
    static let options = [k.spec, method.spec, placement.spec, similarity.spec, unit.spec, segment.spec, DatasetOption.spec]

    /// `data=` and `segment=` of the line.
    static func scope(_ a: Arguments) throws -> OrderScope {
        var scope = OrderScope(dataset: try a.value(DatasetOption.option), segment: a.options[segment.spec.name], source: a.command.source,
                               rule: .activeSegmentation, sideTableHint: "choose an order dataset with data=NAME")
        scope.needsOrders = true
        return scope
    }

    /// The models for `resolved` (cached per dataset, generation, scope, measure and unit).
    static func models(_ resolved: ResolvedOrderScope, _ session: Session, similarity: ItemSimilarity, unit: CoOccurrenceUnit) throws -> (OfferModels, reused: Bool) {
        let key = OfferModelStore.Key(dataset: resolved.parent.name, generation: session.datasets.generation(of: resolved.parent.name),
                                      scope: resolved.description, similarity: similarity, unit: unit)
        return try session.offerModels.models(for: key) {
            let clock = ContinuousClock.now
            var m = try session.withProgress(unit: "products") { progress in
                try OfferModels(resolved.model, keep: resolved.keep, similarity: similarity, unit: unit, progress: progress)
            }
            let d = ContinuousClock.now - clock
            m.buildSeconds = Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
            return m
        }
    }

    /// The product named `text`, with the closest names when unknown; positional `index` gets the caret.
    static func product(_ text: String, _ model: OrderModel, positional index: Int, _ places: ArgumentPlaces) throws -> Int32 {
        let p = try ProductLookup.find(text, in: model, positional: index, places)
        if model.products.isOutOfBaskets(p) {
            throw places.error("'\(text)' is a non-product line (postage, a fee or a placeholder), never offered", positional: index,
                               hint: "'help clean' states the rule")
        }
        return Int32(p)
    }

    /// The suggestions as a table: rank, product, score, evidence, similarity, lift, source, price, why.
    static func table(_ list: [Suggestion], _ models: OfferModels, title: String) -> ResultTable {
        let cat = models.catalogue
        var table = ResultTable(title: title, columns: [
            ResultColumn("#", .integer), ResultColumn("product"), ResultColumn("score", .decimal(3)), ResultColumn("evidence", .integer),
            ResultColumn("similarity", .decimal(3)), ResultColumn("lift", .decimal(1)), ResultColumn("source"), ResultColumn("price", .money),
            ResultColumn("why")])
        for (i, s) in list.enumerated() {
            table.append([.int(i + 1), .text(cat.names[Int(s.item)]), .double(s.score), .int(s.evidence),
                          s.similarity.isFinite ? .double(s.similarity) : .null, s.lift.isFinite ? .double(s.lift) : .null,
                          .text(s.source.rawValue), cat.price[Int(s.item)].isFinite ? .double(cat.price[Int(s.item)]) : .null,
                          .text(why(s, models))])
        }
        return table
    }

    /// One phrase: what links the suggestion to the context.
    static func why(_ s: Suggestion, _ models: OfferModels) -> String {
        let cat = models.catalogue
        let anchor = s.anchor >= 0 ? cat.names[Int(s.anchor)] : ""
        switch s.source {
        case .itemCF: return "bought with \(anchor) (\(models.itemCF.unit == .orders ? "same order" : "same customer"))"
        case .fbt: return "in \(NumberFormat.plain((s.similarity * 1000).rounded() / 10))% of orders with \(anchor)"
        case .userCF: return "bought by \(s.evidence) similar customer\(s.evidence == 1 ? "" : "s")"
        case .content:
            guard s.anchor >= 0 else { return "similar product" }
            var parts: [String] = []
            if cat.category[Int(s.anchor)] >= 0 && cat.category[Int(s.anchor)] == cat.category[Int(s.item)] { parts.append("same category") }
            if cat.brand[Int(s.anchor)] >= 0 && cat.brand[Int(s.anchor)] == cat.brand[Int(s.item)] { parts.append("same brand") }
            if cat.contentScore(s.anchor, s.item) > (parts.contains("same category") ? 0.5 : 0) + (parts.contains("same brand") ? 0.3 : 0) {
                parts.append("price band")
            }
            return parts.joined(separator: ", ") + " as \(anchor)"
        case .popular, .popularFallback: return "best-seller: \(LoadSummary.grouped(s.evidence)) orders"
        }
    }

    /// Notes on what the policy removed and how the list was made.
    static func notes(_ effects: PolicyEffects, fromMethod: Int, shown: Int, method: RecommendMethod, policy: OfferPolicy,
                      placement: OfferPlacement, models: OfferModels, reused: Bool, currency: String) -> [OutputBlock] {
        var out: [OutputBlock] = []
        var removed: [String] = []
        if effects.lowInventory > 0 { removed.append("\(effects.lowInventory) below \(NumberFormat.plain(policy.minimumInventory)) in stock") }
        if effects.declined > 0 { removed.append("\(effects.declined) declined") }
        if effects.alreadyBought > 0 { removed.append("\(effects.alreadyBought) already bought") }
        if effects.outsideCheckoutBand > 0 { removed.append("\(effects.outsideCheckoutBand) outside the checkout band") }
        if effects.belowRelevance > 0 { removed.append("\(effects.belowRelevance) below min-relevance \(NumberFormat.plain(policy.minimumRelevance))") }
        if !removed.isEmpty { out.append(.note("policy removed from the candidates: " + removed.joined(separator: ", ") + " ('policy' lists the rules)")) }
        if placement == .checkout {
            out.append(.note("checkout: add-ons priced \(money(policy.checkoutMinimum, currency))–\(money(policy.checkoutMaximum, currency)), or up to \(NumberFormat.plain(policy.checkoutShare * 100))% of the cart"))
        }
        if fromMethod < shown {
            let what = fromMethod == 0 ? "\(method.rawValue) found no suggestion that passes the policy" : "\(method.rawValue) found \(fromMethod)"
            out.append(.note("\(what); \(shown - fromMethod) best-seller\(shown - fromMethod == 1 ? "" : "s") fill the list, labelled 'popular (fallback)'"))
        }
        if shown == 0 {
            out.append(.warning(policy.minimumRelevance > 0 ? "nothing passes min-relevance \(NumberFormat.plain(policy.minimumRelevance)): nothing is shown rather than something irrelevant"
                                : "no product passes the policy; 'policy' lists the rules"))
        }
        let m = models.itemCF
        out.append(.note("models: item-cf \(m.similarity.rawValue) over \(LoadSummary.grouped(m.unitCount)) \(m.unit.rawValue), top \(m.neighboursPerItem) neighbours per product, "
                         + "\(BasketInput.megabytes(models.memoryBytes)) \(reused ? "(cached)" : "(built now)")"))
        return out
    }

    static func money(_ v: Double, _ currency: String) -> String { currency + NumberFormat.grouped(v, decimals: 2) }
}
