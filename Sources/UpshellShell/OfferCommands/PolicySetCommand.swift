import Foundation
import UpshellAnalytics
import UpshellCore
import UpshellData

/// `policy set NAME=VALUE…`: changes some rules; a combination that contradicts itself changes nothing.
struct PolicySetCommand: ShellCommand {
    public static let spec = CommandSpec(
        name: "policy set", group: .offers, abstract: "change offer rules (the others stay)",
        synopsis: ["policy set [k=N] [min-inventory=N] [margin-weight=W] [strategic-boost=F] [min-relevance=R] [min-evidence=N] [checkout-min=$] [checkout-max=$] [checkout-share=SHARE] [replenish=\"A\",\"B\"] [decline=\"A\",\"B\"]"],
        options: [k.spec, minInventory.spec, marginWeight.spec, boost.spec, minRelevance.spec, minEvidence.spec, checkoutMin.spec,
                  checkoutMax.spec, checkoutShare.spec, replenish.spec, decline.spec],
        examples: ["policy set margin-weight=0.3 strategic-boost=1.2", "policy set checkout-min=5 checkout-max=25 checkout-share=15%"])

    static let k = TypedOption.integer("k", "most suggestions shown (1–100)")
    static let minInventory = TypedOption.number("min-inventory", "fewest units in stock for a product to be shown")
    static let marginWeight = TypedOption.number("margin-weight", "weight of the margin share in the score (0–1)")
    static let boost = TypedOption.number("strategic-boost", "factor for strategic products (1–1.5)")
    static let minRelevance = TypedOption.number("min-relevance", "lowest relevance shown (0: none)")
    static let minEvidence = TypedOption.integer("min-evidence", "co-purchases an item-cf suggestion needs in hybrid")
    static let checkoutMin = TypedOption.money("checkout-min", "lowest add-on price at checkout")
    static let checkoutMax = TypedOption.money("checkout-max", "highest add-on price at checkout")
    static let checkoutShare = TypedOption.share("checkout-share", "add-ons up to this share of the cart's value at checkout")
    static let replenish = TypedOption.list("replenish", "products that may be offered again after a purchase (replaces the list)")
    static let decline = TypedOption.list("decline", "products declined by everyone (added to the declines)")

    let k: Int?, minInventory: Double?, marginWeight: Double?, boost: Double?, minRelevance: Double?, minEvidence: Int?
    let checkoutMin: Double?, checkoutMax: Double?, checkoutShare: Double?
    let replenish: [String]?, decline: [String]?

    init(arguments a: Arguments) throws {
        try a.expectPositionals(atMost: 1)
        k = try a.value(Self.k)
        minInventory = try a.value(Self.minInventory)
        marginWeight = try a.value(Self.marginWeight)
        boost = try a.value(Self.boost)
        minRelevance = try a.value(Self.minRelevance)
        minEvidence = try a.value(Self.minEvidence)
        checkoutMin = try a.value(Self.checkoutMin)
        checkoutMax = try a.value(Self.checkoutMax)
        checkoutShare = try a.value(Self.checkoutShare)
        replenish = try a.value(Self.replenish)
        decline = try a.value(Self.decline)
        if a.options.isEmpty {
            throw a.error("'policy set' needs at least one rule", at: nil, hint: "example: policy set margin-weight=0.3 ('help policy' lists the rules)")
        }
    }

    func run(in session: Session) throws -> CommandOutput {
        var p = session.offerPolicy
        if let k { p.k = k }
        if let minInventory { p.minimumInventory = minInventory }
        if let marginWeight { p.marginWeight = marginWeight }
        if let boost { p.strategicBoost = boost }
        if let minRelevance { p.minimumRelevance = minRelevance }
        if let minEvidence { p.minimumEvidence = minEvidence }
        if let checkoutMin { p.checkoutMinimum = checkoutMin }
        if let checkoutMax { p.checkoutMaximum = checkoutMax }
        if let checkoutShare { p.checkoutShare = checkoutShare }
        if let replenish { p.replenishment = replenish }
        if let decline { p.declinedByAll += decline.filter { d in !p.declinedByAll.contains { $0.lowercased() == d.lowercased() } } }
        let problems = p.problems
        guard problems.isEmpty else {
            throw SessionError("contradictory or out-of-range policy: " + problems.joined(separator: "; "),
                               hint: "nothing was changed; 'policy' lists the rules in force")
        }
        session.offerPolicy = p
        var out = CommandOutput([.table(PolicyCommand.table(p, currency: session.renderSettings.currency))])
        if let names = decline ?? replenish, let dataset = try? session.datasets.resolve(nil), let model = dataset.orders {
            let unknown = OfferDeclines.ids(names, OfferCatalogue(model)).unknown
            if !unknown.isEmpty {
                out.append(.warning("\(unknown.count) product\(unknown.count == 1 ? "" : "s") not in '\(dataset.name)': " + unknown.prefix(5).map { "'\($0)'" }.joined(separator: ", ")
                                    + (unknown.count > 5 ? ", …" : "") + " (kept in the policy; they match nothing here)"))
            }
        }
        return out
    }
}

/// `policy declines TABLE`: loads declined products (per customer, or for everyone) from a loaded table.
struct PolicyDeclinesCommand: ShellCommand {
    public static let spec = CommandSpec(
        name: "policy declines", group: .offers, abstract: "declined products from a table or CSV file (product and optional customer columns)",
        synopsis: ["policy declines TABLE|FILE.csv"],
        positionals: [PositionalSpec("table", .path, "a loaded side table, or a CSV file, with a product column and an optional customer column")],
        examples: ["policy declines Datasets/examples/declines.csv"])

    let tableName: String
    let places: ArgumentPlaces

    init(arguments a: Arguments) throws {
        try a.expectPositionals(atMost: 2)
        tableName = try a.positional(1, "a loaded table of declines: policy declines TABLE").text
        places = a.places
    }

    func run(in session: Session) throws -> CommandOutput {
        let table: Table
        if session.datasets.contains(tableName) {
            table = try session.datasets.dataset(named: tableName).table
        } else {
            guard FileManager.default.fileExists(atPath: tableName) else {
                throw places.error("no loaded table or file '\(tableName)'", positional: 1,
                                   hint: "load it first ('load declines.csv as declines') or give the path of a CSV file")
            }
            var options = LoadOptions()
            options.kind = .table
            table = try DatasetLoader.load(path: tableName, options: options).table
        }
        let (everyone, byCustomer, rows) = try OfferDeclines.read(table)
        var p = session.offerPolicy
        p.declinedByAll = everyone
        p.declinedByCustomer = byCustomer
        session.offerPolicy = p
        var out = CommandOutput([.table(PolicyCommand.table(p, currency: session.renderSettings.currency))])
        out.append(.note("read \(LoadSummary.grouped(rows)) rows of '\(tableName)': \(everyone.count) declines for everyone, "
                         + "\(byCustomer.values.reduce(0) { $0 + $1.count }) for \(byCustomer.count) customers (these replace earlier declines)"))
        // name what matches nothing in the current order data: never fail silently
        if let orders = try? session.datasets.resolve(nil), let model = orders.orders {
            let catalogue = OfferCatalogue(model)
            let unknownProducts = Set(OfferDeclines.ids(everyone + byCustomer.values.flatMap { $0 }, catalogue).unknown)
            let customerKeys = Set((0..<model.customers.count).map { model.customers.key[$0] })
            let unknownCustomers = byCustomer.keys.filter { !customerKeys.contains($0) }.sorted()
            if !unknownProducts.isEmpty {
                out.append(.warning("\(unknownProducts.count) declined product\(unknownProducts.count == 1 ? " is" : "s are") not in '\(orders.name)': "
                                    + unknownProducts.sorted().prefix(5).map { "'\($0)'" }.joined(separator: ", ") + (unknownProducts.count > 5 ? ", …" : "")))
            }
            if !unknownCustomers.isEmpty {
                out.append(.warning("\(unknownCustomers.count) customer\(unknownCustomers.count == 1 ? " is" : "s are") not in '\(orders.name)': "
                                    + unknownCustomers.prefix(5).map { "'\($0)'" }.joined(separator: ", ") + (unknownCustomers.count > 5 ? ", …" : "")))
            }
        }
        return out
    }
}
