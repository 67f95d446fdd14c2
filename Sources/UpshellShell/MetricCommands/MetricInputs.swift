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
    /// name contains it; otherwise an error with the closest names.
    static func product(_ text: String, in model: OrderModel) throws -> Int32 {
        let p = model.products
        if let id = p.id(named: text) { return id }
        let needle = text.lowercased()
        let containing = (0..<p.count).filter { p.name[$0].lowercased().contains(needle) }
        if containing.count == 1 { return Int32(containing[0]) }
        if containing.count > 1 {
            let names = containing.prefix(4).map { "'\(p.name[$0])'" }.joined(separator: ", ")
            throw SessionError("'\(text)' matches \(containing.count) products", hint: "name one of them exactly: \(names)\(containing.count > 4 ? ", …" : "")")
        }
        let candidates = p.name.filter { !$0.isEmpty } + p.key
        var suggestions = Suggestions.closest(to: text, in: candidates, maxDistance: min(3, max(1, (text.count + 1) / 2)))
        if suggestions.isEmpty, text.count >= 4 {
            // A misspelt start of a longer name ('laptop sleve' → 'Laptop sleeve 14in'): compare with the
            // name's beginning of the same length.
            let allowed = max(1, text.count / 4)
            suggestions = Array(p.name.filter { !$0.isEmpty && Suggestions.editDistance(text, String($0.prefix(text.count + 1))) <= allowed }.prefix(3))
        }
        throw MetricsError.unknownProduct(text, suggestions: suggestions)
    }

    /// How a product is shown: `SKU name`, or the key alone.
    static func productLabel(_ id: Int32, in model: OrderModel) -> String {
        let p = model.products, i = Int(id)
        return p.name[i].isEmpty || p.name[i] == p.key[i] ? p.key[i] : "\(p.name[i]) (\(p.key[i]))"
    }
}
