import UpshellAnalytics
import UpshellCore
import UpshellData

/// `itemsets`: frequent itemsets of any size, optionally only closed or maximal ones.
struct ItemsetsCommand: ScopedCommand {
    public static let spec = CommandSpec(
        name: "itemsets", group: .baskets,
        abstract: "frequent itemsets of any size (Eclat), with closed and maximal options",
        discussion: """
            Every set of items held together by at least min-support of the orders (count ≥ ceil(s·N), N = orders \
            holding at least one item), up to max-size items. Mined by depth-first Eclat with occurrence deliver \
            (Uno et al., LCM, FIMI 2004). closed: only itemsets no superset of which has the same count; maximal: \
            only itemsets with no frequent superset (both among itemsets up to max-size). Shown by support, largest \
            first; the note gives the full count.
            Too large a result is refused before it fills memory: when a cheap bound allows more than 20 million \
            itemsets, the total is estimated early in the search (Knuth's estimator over 200 random search paths) \
            and the search stops if the estimate passes 20 million; it also stops on reaching 20 million, with an \
            extrapolated total. Raise min-support, lower max-size, or add the flag force (or --force): it lifts the \
            20-million limit to what the available memory holds (about 21 bytes an itemset; the smaller of \
            MemAvailable and the cgroup's limit), and a larger result is still refused with the memory it needs. Ctrl-C stops a long search; a bar shows progress on a terminal. The note gives the memory the \
            itemset tree holds and upshell's peak memory so far.
            """,
        options: [Self.minSupport.spec, Self.maxSize.spec, Self.minSize.spec, Self.top.spec] + BasketInput.scopeOptions,
        flags: [Self.closed, Self.maximal, BasketInput.force],
        examples: ["itemsets min-support=1%", "itemsets min-support=0.5% min-size=3 closed", "itemsets maximal max-size=4"])

    static let minSupport = BasketInput.support(help: "lowest share of orders holding the itemset").defaulting(to: "1%")
    static let maxSize = TypedOption.count("max-size", "largest itemset size (default: no limit)")
    static let minSize = TypedOption.integer("min-size", default: "1", "smallest itemset size shown")
    static let top = TypedOption.count("top", default: "50", "how many itemsets to show")
    static let closed = FlagSpec("closed", "only closed itemsets")
    static let maximal = FlagSpec("maximal", "only maximal itemsets")

    let scope: BasketScope
    let minSupport: Double
    /// min-support as typed, for the estimate's message.
    let minSupportText: String
    let maxSize: Int
    let minSize: Int
    let top: Int
    let closed: Bool, maximal: Bool, force: Bool

    public init(arguments: Arguments) throws {
        try arguments.expectPositionals(atMost: 0)
        scope = try BasketScope(arguments)
        minSupport = try arguments.value(Self.minSupport)
        minSupportText = arguments.text(Self.minSupport)
        maxSize = try arguments.value(Self.maxSize) ?? .max
        top = try arguments.value(Self.top)
        minSize = try arguments.value(Self.minSize)
        closed = arguments.flag(Self.closed)
        maximal = arguments.flag(Self.maximal)
        force = arguments.flag(BasketInput.force)
        if closed && maximal {
            throw arguments.error("choose closed or maximal, not both", at: nil, hint: "maximal itemsets are closed too: 'maximal' alone")
        }
    }

    var orderScope: OrderScope { scope.orders }

    func run(in session: Session, on orders: ResolvedOrderScope) throws -> CommandOutput {
        let (t, what) = try scope.transactions(orders)
        let support = minSupport
        let minimum = t.minimumCount(support: support)
        let tree = try BasketInput.mining(force: force, bytesEach: BasketInput.bytesPerItemset) { limit in
            try session.withProgress {
                try FrequentItemsetMiner.mine(t, minimumCount: minimum, maxSize: maxSize, limit: limit,
                                              supportText: minSupportText, progress: $0)
            }
        }
        var keep: [Bool]?
        var cm: (closed: [Bool], maximal: [Bool])?
        if closed || maximal {
            let flags = try tree.closedAndMaximal()
            cm = flags
            keep = closed ? flags.closed : flags.maximal
        }
        let (shown, accepted) = try tree.top(top) { n in Int(tree.size[n]) >= minSize && (keep?[n] ?? true) }
        let kind = closed ? "Closed frequent itemsets" : maximal ? "Maximal frequent itemsets" : "Frequent itemsets"
        var table = ResultTable(title: "\(kind) — \(what)", columns: [
            ResultColumn("itemset"), ResultColumn("size", .integer), ResultColumn("orders", .integer), ResultColumn("support", .percent(2))])
        for n in shown {
            table.append([.text(BasketInput.itemset(tree.items(of: n), t)), .int(Int(tree.size[n])), .int(Int(tree.count[n])), .double(tree.support(n))])
        }
        var out = CommandOutput([.table(table)])
        var summary = "\(BasketInput.plural(tree.itemsetCount, "frequent itemset")) at min-support \(BasketInput.threshold(support, minimum, t))"
        if maxSize != .max { summary += ", up to \(maxSize) items" }
        if let cm {
            summary += "; closed \(BasketInput.count(cm.closed.filter { $0 }.count)), maximal \(BasketInput.count(cm.maximal.filter { $0 }.count))"
        }
        out.append(.note(summary))
        out.append(contentsOf: BasketScope.itemNotes(t))
        if minSize > 1 || closed || maximal { out.append(.note("\(BasketInput.count(accepted)) pass these options; the top \(shown.count) by orders are shown")) }
        var memory = "memory: \(BasketInput.megabytes(tree.memoryBytes)) for the itemset tree"
        if !session.deterministic, let peak = ProcessMemory.peakResidentBytes() {
            memory += "; upshell's peak so far \(BasketInput.megabytes(peak)) (data included)"
        }
        out.append(.note(memory))
        return out
    }
}
