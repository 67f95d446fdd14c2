import Foundation
import UpshellAnalytics
import UpshellCore
import UpshellData

/// What the basket commands share: which baskets (dataset, level, segment) and how thresholds are read.
enum BasketInput {
    static let level = OptionSpec("level", .choice(["product", "category", "brand"]), default: "product",
                                  "what an item is: a product, its category or its brand")
    static let segment = OptionSpec("segment", .text, "only orders of this segment of the active segmentation ('segment rfm' first)")
    static let force = FlagSpec("force", "mine even when the result is estimated to be too large to hold (also --force)")

    /// The baskets asked for, and a phrase describing them for titles.
    static func transactions(_ arguments: Arguments, _ session: Session) throws -> (Transactions, String) {
        let dataset = try DatasetOption.dataset(arguments, session)
        guard let model = dataset.orders else {
            throw SessionError("'\(dataset.name)' is a side table, not orders", hint: "choose an order or basket dataset with data=NAME")
        }
        let level = ProductAttribute(rawValue: arguments.choice("level") ?? "product") ?? .product
        var keep: [Bool]?
        var what = "'\(dataset.name)'"
        if let name = arguments.text("segment") {
            guard let s = session.segments.active(for: dataset.name) else {
                throw SessionError("'\(dataset.name)' has no segmentation yet, so segment='\(name)' cannot be found",
                                   hint: "create one first: segment rfm (or first-repeat, value, lifecycle, define)")
            }
            guard let index = s.index(of: name) else {
                throw arguments.error("no segment '\(name)' in the segmentation '\(s.name)'", at: arguments.options["segment"],
                                      hint: Suggestions.didYouMean(name, in: s.labels) ?? "segments: " + s.labels.joined(separator: ", "))
            }
            keep = s.segmentOfOrder.map { $0 == Int32(index) }
            what += ", segment '\(s.labels[index])'"
        }
        let t = try Transactions(model, level: level, keep: keep)
        if level != .product { what += ", by \(level.rawValue)" }
        return (t, what)
    }

    /// A support share from option `name`, checked to lie in (0, 100 %].
    static func support(_ arguments: Arguments, _ name: String = "min-support") throws -> Double? {
        guard let s = try arguments.share(name) else { return nil }
        guard s > 0, s <= 1 else {
            throw arguments.error("\(name) must be above 0% and at most 100%, not '\(arguments.text(name) ?? "")'",
                                  at: arguments.options[name], hint: "example: \(name)=0.5% (a share of the orders)")
        }
        return s
    }

    /// A confidence share in [0, 100 %].
    static func confidence(_ arguments: Arguments, _ name: String = "min-confidence") throws -> Double? {
        guard let c = try arguments.share(name) else { return nil }
        guard c >= 0, c <= 1 else {
            throw arguments.error("\(name) must be between 0% and 100%, not '\(arguments.text(name) ?? "")'",
                                  at: arguments.options[name], hint: "example: \(name)=50%")
        }
        return c
    }

    /// A positive whole number.
    static func positive(_ arguments: Arguments, _ name: String) throws -> Int? {
        guard let v = try arguments.integer(name) else { return nil }
        guard v >= 1 else {
            throw arguments.error("\(name) must be 1 or more, not '\(v)'", at: arguments.options[name])
        }
        return v
    }

    /// The item named by option `name`, with the closest names when unknown.
    static func item(_ arguments: Arguments, _ name: String, in t: Transactions) throws -> Int32? {
        guard let text = arguments.options[name]?.text else { return nil }
        do {
            return try t.requireItem(text)
        } catch let error as BasketError {
            throw arguments.error("\(name)=: " + error.message, at: arguments.options[name], hint: AnalyticsErrorHints.hint(for: error))
        }
    }

    /// Whether `force` or `--force` was given.
    static func forced(_ arguments: Arguments) -> Bool { arguments.flags.contains("force") }

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
