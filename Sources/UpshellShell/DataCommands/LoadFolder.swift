import Foundation
import UpshellCore
import UpshellData

/// Loads a store folder: `orders.csv` as the dataset, and `products.csv` / `customers.csv` beside it as
/// side tables named `NAME-products` and `NAME-customers` (the demo store's layout).
struct LoadFolder {
    let folder: String
    let name: String?
    /// `currency=` of the load, or `nil` to read it from the orders.
    var currency: String? = nil

    func run(in session: Session) throws -> CommandOutput {
        let base = name ?? URL(fileURLWithPath: folder).standardizedFileURL.lastPathComponent
        guard !session.datasets.contains(base) else {
            throw SessionError("a dataset called '\(base)' is already loaded", hint: "choose another name with 'as NAME', or 'drop \(base)' first")
        }
        let ordersPath = (folder as NSString).appendingPathComponent("orders.csv")
        var orders = try session.withProgress(unit: "bytes") { try DatasetLoader.load(path: ordersPath, progress: $0) }
        orders.name = base
        if session.deterministic { orders.summary.seconds = 0 }
        var sideTables: [Dataset] = []
        for side in ["products", "customers"] {
            let path = (folder as NSString).appendingPathComponent("\(side).csv")
            guard FileManager.default.fileExists(atPath: path) else { continue }
            var options = LoadOptions()
            options.kind = .table
            var table = try DatasetLoader.load(path: path, options: options)
            table.name = "\(base)-\(side)"
            sideTables.append(table)
        }
        var joined: [String] = []
        for t in sideTables {
            let target: SideTableJoin.Target = t.name.hasSuffix("-products") ? .products : .customers
            let summary = try orders.join(target, table: t.table)
            joined.append(JoinCommand.describe(summary, target, side: t.name, into: base))
        }
        let currencyNotes = LoadCommand.applyCurrency(&orders, given: currency)
        try session.datasets.add(orders)
        for t in sideTables where !session.datasets.contains(t.name) { try session.datasets.add(t) }
        session.datasets.currentName = base
        var out = LoadCommand.report(orders, asTable: false)
        for line in joined { out.append(.note(line)) }
        for n in currencyNotes { out.append(n) }
        return out
    }
}
