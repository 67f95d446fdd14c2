import UpshellAnalytics
import UpshellData

/// Declines and replenishment items of the policy, resolved against one dataset's products.
enum OfferDeclines {
    /// Product ids for `names` (keys or names, case-insensitive), and the names no product has.
    static func ids(_ names: [String], _ catalogue: OfferCatalogue) -> (ids: Set<Int32>, unknown: [String]) {
        var byText: [String: Int32] = [:]
        for p in 0..<catalogue.count {
            byText[catalogue.keys[p].lowercased()] = Int32(p)
            if byText[catalogue.names[p].lowercased()] == nil { byText[catalogue.names[p].lowercased()] = Int32(p) }
        }
        var ids = Set<Int32>(), unknown: [String] = []
        for n in names {
            if let p = byText[n.lowercased()] { ids.insert(p) } else { unknown.append(n) }
        }
        return (ids, unknown)
    }

    /// The products declined by everyone, and by `customer` (a customer key) when given.
    static func resolve(_ policy: OfferPolicy, _ catalogue: OfferCatalogue, customer: String?) throws -> (everyone: Set<Int32>, unknown: [String]) {
        var names = policy.declinedByAll
        if let customer { names += policy.declinedByCustomer[customer] ?? [] }
        let (ids, unknown) = ids(names, catalogue)
        return (ids, unknown)
    }

    /// Reads a declines table: a product column (product, sku, product_name, item) and an optional
    /// customer column (customer, customer_id). Rows without a customer are declines by everyone.
    static func read(_ table: Table) throws -> (everyone: [String], byCustomer: [String: [String]], rows: Int) {
        let lower = table.columnNames.map { $0.lowercased() }
        let productNames = ["product", "sku", "product_id", "product_name", "item", "name"]
        guard let pc = productNames.lazy.compactMap({ lower.firstIndex(of: $0) }).first else {
            throw SessionError("the declines table has no product column (columns: \(table.columnNames.joined(separator: ", ")))",
                               hint: "name a column product, sku or product_name; an optional customer or customer_id column makes the declines per customer")
        }
        let cc = ["customer", "customer_id", "customerid"].lazy.compactMap { lower.firstIndex(of: $0) }.first
        var everyone: [String] = [], byCustomer: [String: [String]] = [:]
        for r in 0..<table.rowCount {
            let row = table.physicalRow(r)
            let product = table.columns[pc].displayString(row)
            guard !product.isEmpty else { continue }
            let customer = cc.map { table.columns[$0].displayString(row) } ?? ""
            if customer.isEmpty { everyone.append(product) } else { byCustomer[customer, default: []].append(product) }
        }
        return (everyone, byCustomer, table.rowCount)
    }
}
