import Foundation
import Testing
@testable import UpshellAnalytics
@testable import UpshellShell
import UpshellData

/// The offer engine on the demo store (Datasets/demo, with its product table joined by the folder load).
@Suite struct OfferDemoStoreTests {
    static func session(_ commands: String = "") throws -> (Session, BufferConsole) {
        let console = BufferConsole()
        let session = Session(console: console)
        let failures = Interpreter(session: session).run("load \"\(PricingCommandTests.demo)\" as demo brief" + (commands.isEmpty ? "" : "; " + commands))
        #expect(failures == 0, "\(console.stderr)")
        return (session, console)
    }

    static func model(_ session: Session) throws -> OrderModel {
        try #require(try session.datasets.resolve(nil).orders)
    }

    /// Planted cross-sell pairs: Scripts/demo/demo_catalog.py PLANTED_PAIRS, listed in Datasets/demo/README.md.
    static let planted = [("Barista espresso machine", "Descaling solution 500ml"), ("USB-C laptop 14in", "Laptop sleeve 14in"),
                          ("Ceramic pour-over dripper", "Paper filters #2 (100 pack)"), ("Crème brûlée torch", "Butane refill can 250ml"),
                          ("Compact camping stove", "Gas canister 230g")]

    @Test func plantedPartnersAreInTheTopFourWithItemCFAndHybrid() throws {
        let (session, _) = try Self.session()
        let models = try OfferModels(try Self.model(session))
        var r = Recommender(models)
        for (anchor, partner) in Self.planted {
            let a = try #require(models.catalogue.names.firstIndex(of: anchor)), b = try #require(models.catalogue.names.firstIndex(of: partner))
            for method in [RecommendMethod.itemCF, .hybrid] {
                let top = r.recommend(method, context: [Int32(a)], policy: session.offerPolicy, request: OfferRequest(), k: 4).suggestions
                #expect(top.count == 4)
                #expect(top.prefix(4).contains { $0.item == Int32(b) }, "\(partner) not in the top 4 for \(anchor) by \(method.rawValue)")
            }
        }
    }

    /// The protocol at k=4, holdout last-30d, against a second method: Scripts/reference/demo_recommend_holdout.py
    /// (plain Python) prints cut 2026-08-01 23:48:26, 15,164 training and 668 test orders, 1,116 queries,
    /// popular 65 hits (hit@4 0.058244), item-cf cosine 182 hits (hit@4 0.163082).
    @Test func holdoutMatchesTheReferenceAndHybridBeatsPopular() throws {
        let (session, _) = try Self.session()
        let e = try RecommendationEvaluation.run(try Self.model(session), holdout: .days(30), methods: [.itemCF, .hybrid], k: 4, cutText: { "\($0)" })
        #expect(e.trainingOrders == 15_164 && e.testOrders == 668 && e.queries == 1_116)
        let popular = try #require(e.scores.first { $0.method == .popular })
        let itemCF = try #require(e.scores.first { $0.method == .itemCF })
        let hybrid = try #require(e.scores.first { $0.method == .hybrid })
        #expect(popular.hits == 65)
        #expect(itemCF.hits == 182)
        #expect(hybrid.hitRate > popular.hitRate, "hybrid \(hybrid.hitRate) vs popular \(popular.hitRate)")
        // one relevant product per query: recall = hit rate, precision = hit rate / k
        #expect(hybrid.recall == hybrid.hitRate && abs(hybrid.precision - hybrid.hitRate / 4) < 1e-15)
        // Wilson 95% interval of 65/1116: (p + z²/2n ± z·√(p(1−p)/n + z²/4n²))/(1 + z²/n), z = 1.959964, evaluated in
        // Python: 0.045959 … 0.073560
        #expect(abs(popular.hitInterval.lower - 0.045959) < 5e-6 && abs(popular.hitInterval.upper - 0.073560) < 5e-6)
    }

    @Test func modelsAreBuiltOnceAndReused() throws {
        let (session, console) = try Self.session("recommend product \"USB-C laptop 14in\"; recommend cart \"Compact camping stove\" method=fbt")
        #expect(session.offerModels.builds == 1)
        #expect(console.stdout.contains("(cached)"))
        #expect(session.offerModels.memoryBytes(of: "demo") > 0)
    }

    @Test func badInputGivesClearErrors() throws {
        let cases: [(String, String)] = [
            ("recommend product \"Laptop sleve 14in\"", "no product 'Laptop sleve 14in'"),
            ("recommend product \"USB-C laptop 14in\" k=0", "k must be from 1 to 100"),
            ("recommend product \"USB-C laptop 14in\" k=100000", "k must be from 1 to 100"),
            ("evaluate recommend holdout=last-2000d", "leaves no training orders"),
            ("evaluate recommend holdout=yesterday", "expected last-Nd, last-Nw or last-N%"),
            ("policy set checkout-min=30 checkout-max=20", "checkout-min (30) is above checkout-max (20)"),
            ("policy set strategic-boost=4", "strategic-boost must be between 1 and 1.5"),
        ]
        for (command, message) in cases {
            let console = BufferConsole()
            let failures = Interpreter(session: Session(console: console)).run("load \"\(PricingCommandTests.demo)\" as demo brief; " + command)
            #expect(failures == 1, "\(command)")
            #expect(console.stderr.contains(message), "\(command): \(console.stderr)")
        }
    }

    @Test func lowStockAndDeclinedProductsNeverAppear() throws {
        let (session, _) = try Self.session("policy set decline=\"Descaling solution 500ml\"")
        let models = try OfferModels(try Self.model(session))
        let declined = try #require(models.catalogue.names.firstIndex(of: "Descaling solution 500ml"))
        let lowStock = (0..<models.catalogue.count).filter { models.catalogue.inventory[$0] < 5 }
        #expect(!lowStock.isEmpty)   // products.csv: some products have 0–4 units
        var r = Recommender(models)
        let request = OfferRequest(placement: .productPage)
        var resolved = request
        resolved.declined = OfferDeclines.ids(session.offerPolicy.declinedByAll, models.catalogue).ids
        for p in 0..<Int32(models.catalogue.count) where models.ordersOfItem[Int(p)] > 0 {
            for s in r.recommend(.hybrid, context: [p], policy: session.offerPolicy, request: resolved).suggestions {
                #expect(s.item != Int32(declined))
                #expect(!lowStock.contains(Int(s.item)))
            }
        }
    }
}
