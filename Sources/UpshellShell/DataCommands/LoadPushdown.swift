import Foundation
import UpshellCore
import UpshellData

/// `load postgres://… table=NAME aggregate=server [floor=N]`: the server runs the generated SQL
/// (``PushdownSQL``) and sends the cleaning counts, one row per order and the product table; then the
/// number of orders holding a product (which sets the default floor) and the pairs above the floor, without
/// the non-product lines found in the product table. The dataset is built from those rows
/// (``Dataset/aggregated(_:sql:policy:nonProducts:path:name:)``).
struct LoadPushdown {
    let source: any RemoteSource
    let request: RemoteRequest
    let name: String?
    let options: LoadOptions
    let floor: Int?
    let currency: String?
    let brief: Bool

    /// The SQL for `request` under `options` (roles from the server's column names, `ROLE=COLUMN` overrides).
    static func sql(_ source: any RemoteSource, _ request: RemoteRequest, options: LoadOptions) throws -> PushdownSQL {
        let fields = try source.fields(request)
        return try PushdownSQL(fields: fields, from: request.pushdownFrom, policy: options.cleaning, overrides: options.roleOverrides)
    }

    /// Where the rows came from, without a password: `postgres://ann@db:5432/shop table=orders aggregate=server`.
    func shown(_ location: String) -> String {
        let rows = request.table.map { " table=" + $0 } ?? " query=\"" + SecretRedaction.redact(request.query ?? "") + "\""
        return location + rows + " aggregate=server"
    }

    func run(in session: Session) throws -> CommandOutput {
        if let name, session.datasets.contains(name) {
            throw SessionError("a dataset called '\(name)' is already loaded", hint: "choose another name with 'as NAME', or 'drop \(name)' first")
        }
        let started = Date()
        let sql = try Self.sql(source, request, options: options)
        let statements = [sql.cleaningCounts, sql.orders] + (sql.products.map { [$0] } ?? [])
        var results = try session.withProgress { try source.fetch(statements: statements, request: request, progress: $0) }
        var nonProducts: [String] = []
        if results.count > 2 {
            let products = Products.fromServer(try ResultRows(csv: results[2].csv))
            let flags = NonProductRule.detect(products)
            nonProducts = products.key.indices.filter { flags[$0] }.map { products.key[$0] }
        }
        var basketOrders = 0, pairFloor = floor ?? 1, pairs: [UInt8]?
        if let count = sql.basketOrders(excluding: nonProducts) {
            let counted = try session.withProgress { try source.fetch(statements: [count], request: request, progress: $0) }
            basketOrders = try ResultRows(csv: counted[0].csv).integer("basket_orders")
            pairFloor = floor ?? ServerAggregates.defaultFloor(basketOrders: basketOrders)
            let pairSQL = sql.pairs(floor: pairFloor, excluding: nonProducts) ?? ""
            let fetched = try session.withProgress { try source.fetch(statements: [pairSQL], request: request, progress: $0) }
            pairs = fetched[0].csv
            results += counted + fetched
        }
        let transferred = PushdownResults(
            counts: results[0].csv, orders: results[1].csv, products: results.count > 2 && sql.products != nil ? results[2].csv : nil,
            basketOrders: basketOrders, pairs: pairs, floor: pairFloor,
            rows: results.reduce(0) { $0 + $1.rows }, bytes: results.reduce(0) { $0 + $1.csv.count })
        let location = shown(results[0].displayLocation)
        var dataset = try Dataset.aggregated(transferred, sql: sql, policy: options.cleaning, nonProducts: nonProducts,
                                             path: location, name: name ?? request.table.map { String($0.split(separator: ".").last ?? "") } ?? "query")
        dataset.summary.notes = Self.notes(dataset, transferred)
        dataset.summary.seconds = session.deterministic ? 0 : Date().timeIntervalSince(started)
        return try LoadCommand.register(dataset, in: session, asTable: false, currency: currency, brief: brief)
    }

    /// What was aggregated on the server and what came back.
    static func notes(_ dataset: Dataset, _ r: PushdownResults) -> [String] {
        let lines = NumberFormat.grouped(Double(dataset.cleaning.totalLines), decimals: 0)
        var notes = ["aggregated on the server (aggregate=server): \(NumberFormat.grouped(Double(r.rows), decimals: 0)) rows, \(NumberFormat.grouped(Double(r.bytes), decimals: 0)) bytes of CSV transferred instead of the \(lines) lines; the SQL: explain load … aggregate=server"]
        let pairs = dataset.serverAggregates?.pairs.count ?? 0
        if r.pairs != nil {
            notes.append("\(NumberFormat.grouped(Double(pairs), decimals: 0)) pairs in at least \(NumberFormat.grouped(Double(r.floor), decimals: 0)) orders kept for 'pairs' (floor=\(r.floor)); itemsets, rules, bundles, recommendations and product breakdowns need the order lines")
        }
        notes.append("duplicate lines are not counted on the server")
        return notes
    }
}
