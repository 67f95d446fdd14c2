import UpshellAnalytics
import UpshellCore
import UpshellData

/// `recommend product|cart …`: which offers to show next to a product or a cart, with the reasons.
public struct RecommendCommand: CommandWithForms {
    public static let forms: [any ShellCommand.Type] = [RecommendProductCommand.self, RecommendCartCommand.self, RecommendCustomerCommand.self]

    public static let spec = CommandSpec(
        name: "recommend", aliases: ["rec"], group: .offers,
        abstract: "offers to show next to a product or a cart: item-cf, fbt, content, hybrid or popular, with the policy applied",
        synopsis: forms.flatMap { $0.spec.usage },
        discussion: """
            Models are built on first use for the dataset (item–item neighbours, frequently-bought-together counts, \
            popularity), kept while the data stays the same, and reused by every recommend command; 'datasets' shows \
            their memory.
            item-cf: item–item collaborative filtering — for each product the top 50 neighbours by similarity= over \
            unit= (orders: the same order; customers: the same customer's orders): cosine c/√(n_A·n_B), jaccard \
            c/(n_A+n_B−c), lift c·N/(n_A·n_B), confidence c/n_A (c: units with both, n: units with each, N: units). A \
            cart sums its products' similarities. fbt: frequently bought together, the basket engine's confidence A→B \
            over orders ('pairs for=A' ranks the same pairs by orders together). content: 0.5·same category + 0.3·same \
            brand + 0.2·price closeness (1 at the same price, 0 at twice or half); needs a product table. hybrid: \
            item-cf suggestions with at least the policy's min-evidence co-purchases (default 3), then content, then \
            popular — each row says its source. popular: products in the most orders, ties by product id.
            Every row shows score (the method's, after the policy's margin weighting and strategic boost), evidence \
            (co-purchases with the product or cart; orders for popular; 0 for content), similarity (or confidence, or \
            content score), lift with the product it is linked to, source and why. When the method finds fewer than k \
            suggestions that pass the policy, best-sellers fill the list, labelled 'popular (fallback)'.
            The policy ('policy') applies to every form: stock, declines, checkout band, relevance threshold, k.
            """ + "\n\n" + forms.map { $0.spec.discussion }.joined(separator: "\n"),
        subcommands: forms.map { String($0.spec.name.dropFirst("recommend ".count)) },
        options: OfferInput.options,
        examples: forms.flatMap { $0.spec.examples })

    public let form: any ShellCommand

    public init(arguments: Arguments) throws {
        let kind = try arguments.subcommand()
        form = try arguments.form(try Self.form(named: kind), shown: "recommend \(kind)")
    }

    public func run(in session: Session) throws -> CommandOutput { try form.run(in: session) }
}

/// The settings every recommend form reads from its line.
struct RecommendSettings: Sendable {
    let k: Int?
    let method: RecommendMethod
    let placement: OfferPlacement
    let similarity: ItemSimilarity
    let unit: CoOccurrenceUnit
    let orderScope: OrderScope

    init(_ a: Arguments, forCustomer: Bool = false) throws {
        k = try a.value(OfferInput.k)
        method = try a.value(OfferInput.method)
        placement = try a.value(OfferInput.placement)
        similarity = try a.value(OfferInput.similarity)
        unit = try a.value(OfferInput.unit)
        orderScope = try OfferInput.scope(a)
        if method == .userCF && !forCustomer {
            throw a.error("method=user-cf needs a customer's history; it is not available for a product or a cart", at: a.options["method"],
                          hint: "use method=item-cf, fbt, content, hybrid or popular, or 'recommend customer ID method=user-cf'")
        }
    }

    /// Runs the method for `context` and renders the list with its notes.
    func output(_ context: [Int32], request: OfferRequest, title: (OfferModels) -> String, _ resolved: ResolvedOrderScope,
                _ session: Session) throws -> CommandOutput {
        let policy = session.offerPolicy
        let (models, reused) = try OfferInput.models(resolved, session, similarity: similarity, unit: unit)
        if method == .content && !models.catalogue.hasContent { throw OfferError.noContentAttributes }
        var request = request
        request.declined = try OfferDeclines.resolve(policy, models.catalogue, customer: nil).everyone
        var r = Recommender(models)
        let result = r.recommend(method, context: context, policy: policy, request: request, k: k)
        var out = CommandOutput([.table(OfferInput.table(result.suggestions, models, title: title(models)))])
        let coPurchases = context.reduce(0) { $0 + models.itemCF.range(of: $1).count }
        if coPurchases == 0 && [.itemCF, .fbt, .hybrid].contains(method) {
            out.append(.warning("no co-purchases: \(context.count == 1 ? "this product was" : "these products were") never bought with another product in \(resolved.description); the list falls back as labelled"))
        }
        out.append(contentsOf: OfferInput.notes(result.effects, fromMethod: result.fromMethod, shown: result.suggestions.count, method: method,
                                                policy: policy, placement: placement, models: models, reused: reused,
                                                currency: session.renderSettings.currency))
        return out
    }
}

/// `recommend product "NAME"`: offers for a product page.
struct RecommendProductCommand: ScopedCommand {
    public static let spec = CommandSpec(
        name: "recommend product", group: .offers,
        abstract: "offers to show with one product",
        synopsis: ["recommend product \"NAME\" [k=4] [method=item-cf|fbt|content|hybrid|popular] [context=product-page|cart|checkout|post-purchase] [similarity=cosine|jaccard|lift|confidence] [unit=orders|customers]"],
        discussion: "product \"NAME\": the product by name or key (a unique part of a name is enough).",
        positionals: [PositionalSpec("product", .product, "the product")],
        options: OfferInput.options,
        examples: ["recommend product \"USB-C laptop 14in\" k=4 method=hybrid", "recommend product \"Barista espresso machine\" method=item-cf similarity=lift",
                   "recommend product \"Espresso beans House blend 1kg\" segment=Champions",
                   "recommend product \"Compact camping stove\" context=checkout"])

    let settings: RecommendSettings
    let name: String
    var orderScope: OrderScope { settings.orderScope }

    public init(arguments: Arguments) throws {
        try arguments.expectPositionals(atMost: 2)
        name = try arguments.positional(1, "a product name: recommend product \"NAME\"").text
        settings = try RecommendSettings(arguments)
        self.places = arguments.places
    }
    let places: ArgumentPlaces

    func run(in session: Session, on resolved: ResolvedOrderScope) throws -> CommandOutput {
        let p = try OfferInput.product(name, resolved.model, positional: 1, places)
        var request = OfferRequest(placement: settings.placement)
        request.cartValue = nil
        let method = settings.method
        return try settings.output([p], request: request, title: { m in
            "Recommended with \(m.catalogue.names[Int(p)]) — \(method.rawValue), \(settings.placement.rawValue), \(resolved.description)"
        }, resolved, session)
    }
}

/// `recommend cart "A","B" …`: what completes an order.
struct RecommendCartCommand: ScopedCommand {
    public static let spec = CommandSpec(
        name: "recommend cart", group: .offers,
        abstract: "offers that complete a cart: not what is in it, nor near-substitutes of it",
        synopsis: ["recommend cart \"A\",\"B\"… [k=4] [method=…] [context=cart|checkout|…] [similarity=…] [unit=…]"],
        discussion: """
            cart "A","B"…: the cart's products (comma-separated). Left out: the cart's products and their \
            near-substitutes — the same category at a price within ±25 % of a cart product. context=checkout keeps \
            low-commitment add-ons (the policy's checkout band; the cart's value is the sum of its mean prices).
            """,
        positionals: [PositionalSpec("products", .product, repeats: true, "the cart's products, comma-separated")],
        options: OfferInput.options,
        examples: ["recommend cart \"Ceramic pour-over dripper\",\"Espresso beans House blend 1kg\" context=checkout",
                   "recommend cart \"Compact camping stove\" method=fbt"])

    let settings: RecommendSettings
    let names: [String]
    let places: ArgumentPlaces
    var orderScope: OrderScope { settings.orderScope }

    public init(arguments: Arguments) throws {
        let first = try arguments.positional(1, "the cart's products: recommend cart \"A\",\"B\"")
        names = arguments.positionals.dropFirst().flatMap { $0.listItems }.filter { !$0.isEmpty }
        if names.isEmpty { throw arguments.error("'recommend cart' needs at least one product", at: first, hint: "example: recommend cart \"A\",\"B\"") }
        settings = try RecommendSettings(arguments)
        places = arguments.places
    }

    func run(in session: Session, on resolved: ResolvedOrderScope) throws -> CommandOutput {
        var cart: [Int32] = []
        for n in names {
            let p = try OfferInput.product(n, resolved.model, positional: 1, places)
            if !cart.contains(p) { cart.append(p) }
        }
        let catalogue = OfferCatalogue(resolved.model)
        var request = OfferRequest(placement: settings.placement == .productPage ? .cart : settings.placement)
        let value = cart.map { catalogue.price[Int($0)] }.filter(\.isFinite).reduce(0, +)
        request.cartValue = value > 0 ? value : nil
        // near-substitutes of the cart are declined for this request
        var substitutes = 0
        for j in 0..<Int32(catalogue.count) where !cart.contains(j) && cart.contains(where: { catalogue.nearSubstitutes($0, j) }) {
            request.excluded.insert(j)
            substitutes += 1
        }
        var out = try settings.output(cart, request: request, title: { m in
            "Recommended for a cart of \(cart.count) — \(settings.method.rawValue), \(request.placement.rawValue), \(resolved.description)"
        }, resolved, session)
        out.append(.note("left out: the cart's \(cart.count) product\(cart.count == 1 ? "" : "s") and \(substitutes) near-substitute\(substitutes == 1 ? "" : "s") (same category, price within ±25%)"))
        return out
    }
}
