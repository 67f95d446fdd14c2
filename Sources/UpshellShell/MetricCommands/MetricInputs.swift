import UpshellAnalytics
import UpshellCore
import UpshellData

/// Inputs the metric commands share: the order model of a dataset and products named by the analyst.
enum MetricInputs {
    /// The order model of `dataset`, with at least one order.
    static func orders(_ dataset: Dataset) throws -> OrderModel {
        guard let model = dataset.orders else {
            throw SessionError("'\(dataset.name)' is a side table, not orders", hint: "join it to an order dataset, or choose one with data=NAME")
        }
        guard model.orders.count > 0 else { throw MetricsError.noOrders("in '\(dataset.name)' after cleaning") }
        return model
    }

    /// The product whose key (SKU) or name is `text` (case-insensitive), else the only product whose
    /// name contains it; otherwise an error with the closest names (``NameMatch``).
    static func product(_ text: String, in model: OrderModel) throws -> Int32 {
        let p = model.products
        if let id = p.id(named: text) { return id }
        switch NameMatch.find(text, names: p.name, keys: p.key) {
        case .found(let k): return Int32(k)
        case .ambiguous(let ks):
            let names = ks.prefix(4).map { "'\(p.name[$0])'" }.joined(separator: ", ")
            throw SessionError("'\(text)' matches \(ks.count) products", hint: "name one of them exactly: \(names)\(ks.count > 4 ? ", …" : "")")
        case .none(let suggestions):
            throw MetricsError.unknownProduct(text, suggestions: suggestions)
        }
    }

    /// How a product is shown: `SKU name`, or the key alone.
    static func productLabel(_ id: Int32, in model: OrderModel) -> String {
        let p = model.products, i = Int(id)
        return p.name[i].isEmpty || p.name[i] == p.key[i] ? p.key[i] : "\(p.name[i]) (\(p.key[i]))"
    }
}

extension MetricInputs {
    /// The `by KEY` positionals of a metric command (`aov by month`, `offers by variant`): the key, or nil
    /// when none is given. `example` is the hint for a word other than `by`; `keys` lists keys for the
    /// message when the key is missing.
    static func groupKey(_ arguments: Arguments, example: String, keys: String) throws -> String? {
        try arguments.expectPositionals(atMost: 2)
        guard let first = arguments.positionals.first else { return nil }
        guard first.text.lowercased() == "by", !first.wasQuoted else {
            throw arguments.error("expected 'by' before '\(first.text)'", at: first, hint: "example: \(example)")
        }
        return try arguments.positional(1, "what to group by after 'by' (\(keys))").text
    }
}
