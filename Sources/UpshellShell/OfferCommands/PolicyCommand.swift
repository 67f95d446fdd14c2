import UpshellAnalytics
import UpshellCore
import UpshellData

/// `policy [list] | policy set NAME=VALUE… | policy declines TABLE | policy reset`: the offer rules.
public struct PolicyCommand: CommandWithForms {
    public static let forms: [any ShellCommand.Type] = [PolicyListCommand.self, PolicySetCommand.self, PolicyDeclinesCommand.self, PolicyResetCommand.self]

    public static let spec = CommandSpec(
        name: "policy", group: .offers,
        abstract: "offer rules applied by every recommend command: stock, margin, strategic boost, relevance, k, declines, checkout band",
        synopsis: ["policy [list]", "policy set NAME=VALUE…", "policy declines TABLE|FILE.csv", "policy reset"],
        discussion: """
            Rules, in the order they apply: products below min-inventory units in stock are never shown (unknown stock \
            passes); declined products are never shown (a declines table: 'policy declines FILE.csv', or a table loaded \
            with 'load declines.csv as declines' then 'policy declines declines'; rows with a customer are that customer's declines, rows without one \
            everyone's); at context=checkout only add-ons priced checkout-min…checkout-max, or up to checkout-share \
            of the cart's value, stay; suggestions with relevance below min-relevance go (and no best-seller fills \
            the gap: nothing rather than something irrelevant); score = relevance × ((1 − margin-weight) + \
            margin-weight × margin share) × strategic-boost for strategic products (1 to 1.5, bounded), then the \
            list is re-ranked within each source; at most k are shown. min-evidence: co-purchases an item-cf \
            suggestion needs in method=hybrid. replenish: products that may be offered again to a customer who \
            bought them. 'save session' keeps the policy (its policy commands are replayed).
            """,
        subcommands: ["list", "set", "declines", "reset"],
        options: PolicySetCommand.spec.options,
        examples: ["policy", "policy set margin-weight=0.3 strategic-boost=1.2 min-inventory=5", "policy set checkout-min=5 checkout-max=25", "policy reset"])

    public let form: any ShellCommand

    public init(arguments: Arguments) throws {
        let kind = try arguments.subcommand(default: "list")
        form = try arguments.form(try Self.form(named: kind), shown: "policy \(kind)")
    }

    public func run(in session: Session) throws -> CommandOutput { try form.run(in: session) }

    /// The policy as a table of rules.
    static func table(_ p: OfferPolicy, currency: String) -> ResultTable {
        var t = ResultTable(title: "Offer policy", columns: [ResultColumn("rule"), ResultColumn("value"), ResultColumn("meaning")])
        let money = { (v: Double) in OfferInput.money(v, currency) }
        t.append([.text("k"), .text("\(p.k)"), .text("most suggestions shown")])
        t.append([.text("min-inventory"), .text(NumberFormat.plain(p.minimumInventory)), .text("products with fewer units in stock are never shown")])
        t.append([.text("margin-weight"), .text(NumberFormat.plain(p.marginWeight)), .text("score = relevance × ((1 − w) + w × margin share)")])
        t.append([.text("strategic-boost"), .text(NumberFormat.plain(p.strategicBoost)), .text("factor for strategic products (1 to \(NumberFormat.plain(OfferPolicy.maximumBoost)))")])
        t.append([.text("min-relevance"), .text(NumberFormat.plain(p.minimumRelevance)), .text("below it nothing is shown (0: no threshold)")])
        t.append([.text("min-evidence"), .text("\(p.minimumEvidence)"), .text("co-purchases an item-cf suggestion needs in hybrid")])
        t.append([.text("checkout band"), .text("\(money(p.checkoutMinimum))–\(money(p.checkoutMaximum)) or ≤ \(NumberFormat.plain(p.checkoutShare * 100))% of cart"),
                  .text("context=checkout: low-commitment add-ons only")])
        let byCustomer = p.declinedByCustomer.values.reduce(0) { $0 + $1.count }
        t.append([.text("declines"), .text("\(p.declinedByAll.count) for everyone, \(byCustomer) for \(p.declinedByCustomer.count) customers"), .text("never shown")])
        t.append([.text("replenish"), .text(p.replenishment.isEmpty ? "none" : p.replenishment.joined(separator: ", ")), .text("may be offered again after a purchase")])
        return t
    }
}

/// `policy list`: the rules in force.
struct PolicyListCommand: ShellCommand {
    public static let spec = CommandSpec(name: "policy list", group: .offers, abstract: "the offer rules in force", examples: ["policy list"])
    init(arguments: Arguments) throws { try arguments.expectPositionals(atMost: 1) }
    func run(in session: Session) throws -> CommandOutput {
        CommandOutput([.table(PolicyCommand.table(session.offerPolicy, currency: session.renderSettings.currency))])
    }
}

/// `policy reset`: the default rules.
struct PolicyResetCommand: ShellCommand {
    public static let spec = CommandSpec(name: "policy reset", group: .offers, abstract: "back to the default offer rules", examples: ["policy reset"])
    init(arguments: Arguments) throws { try arguments.expectPositionals(atMost: 1) }
    func run(in session: Session) throws -> CommandOutput {
        session.offerPolicy = OfferPolicy()
        return CommandOutput([.table(PolicyCommand.table(session.offerPolicy, currency: session.renderSettings.currency))])
    }
}
