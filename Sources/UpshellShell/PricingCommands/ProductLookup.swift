import Foundation
import UpshellCore
import UpshellData

/// Finds a product by key or name for pricing commands: exact (case-insensitive) key or name, else the
/// one product whose name contains the text; otherwise an error naming the closest products.
enum ProductLookup {
    static func find(_ text: String, in model: OrderModel, token: Token?, _ arguments: Arguments) throws -> Int {
        let products = model.products
        if let id = products.id(named: text) { return Int(id) }
        let l = text.lowercased()
        let containing = (0..<products.count).filter { products.name[$0].lowercased().contains(l) || products.key[$0].lowercased() == l }
        if containing.count == 1 { return containing[0] }
        let label = { (p: Int) in products.name[p].isEmpty ? products.key[p] : "\(products.key[p]) \(products.name[p])" }
        if containing.count > 1 {
            throw arguments.error("'\(text)' matches \(containing.count) products", at: token,
                                  hint: "be more specific: " + containing.prefix(6).map { "\"\(products.name[$0].isEmpty ? products.key[$0] : products.name[$0])\"" }.joined(separator: ", "))
        }
        // closest by edit distance, then by shared words
        var hint = Suggestions.didYouMean(text, in: products.name.filter { !$0.isEmpty } + products.key)
        if hint == nil {
            let words = Set(l.split(separator: " ").map(String.init).filter { $0.count >= 3 })
            let scored = (0..<products.count).map { p in (p, words.filter { products.name[p].lowercased().contains($0) }.count) }
                .filter { $0.1 > 0 }.sorted { $0.1 > $1.1 }.prefix(5)
            if !scored.isEmpty { hint = "closest: " + scored.map { label($0.0) }.joined(separator: "; ") }
        }
        throw arguments.error("no product '\(text)' in the data", at: token, hint: hint ?? "'describe' lists the product column; names are matched case-insensitively")
    }
}
