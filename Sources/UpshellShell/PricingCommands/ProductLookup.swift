import Foundation
import UpshellCore
import UpshellData

/// Finds a product by key or name for pricing commands: exact (case-insensitive) key or name, else the
/// one product whose name contains the text; otherwise an error naming the closest products.
enum ProductLookup {
    /// Errors put their caret under positional `index` of the command.
    static func find(_ text: String, in model: OrderModel, positional index: Int, _ places: ArgumentPlaces) throws -> Int {
        let products = model.products
        if let id = products.id(named: text) { return Int(id) }
        switch NameMatch.find(text, names: products.name, keys: products.key, limit: 5) {
        case .found(let k): return k
        case .ambiguous(let ks):
            throw places.error("'\(text)' matches \(ks.count) products", positional: index,
                                  hint: "be more specific: " + ks.prefix(6).map { "\"\(products.name[$0].isEmpty ? products.key[$0] : products.name[$0])\"" }.joined(separator: ", "))
        case .none(let suggestions):
            let quoted = suggestions.map { "'\($0)'" }
            let hint = quoted.isEmpty ? "'describe' lists the product column; names are matched case-insensitively"
                : "did you mean " + (quoted.count == 1 ? quoted[0] : quoted.dropLast().joined(separator: ", ") + " or " + quoted.last!) + "?"
            throw places.error("no product '\(text)' in the data", positional: index, hint: hint)
        }
    }
}
