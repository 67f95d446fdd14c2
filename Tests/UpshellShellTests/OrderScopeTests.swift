import Foundation
import Testing
import UpshellData
@testable import UpshellShell

/// `where` is split one way for every command, and an order scope is resolved once: its filtered view
/// is built once while the data stays the same, and its segment orders match the parent's.
@Suite struct ScopeClauseTests {
    func command(_ text: String) throws -> CommandText { try #require(try Lexer.commands(in: text).first) }

    @Test func splitsAtTheFirstUnquotedWhere() throws {
        let text = "threshold 50 seed=3 where Country = \"FR\" and note = \"where\""
        let clause = try #require(try ScopeClause.split(command(text)))
        #expect(clause.head.tokens.map(\.text) == ["threshold", "50", "seed=3"])
        #expect(clause.expression == "Country = \"FR\" and note = \"where\"")
        // the expression starts after "threshold 50 seed=3 where " (26 characters)
        #expect(clause.offset == 26)
        #expect(Array(text)[clause.offset] == "C")
    }

    @Test func aQuotedWhereIsAValue() throws {
        #expect(try ScopeClause.split(command("threshold 50 \"where\" x")) == nil)
        #expect(ScopeClause.whereIndex(in: try command("segment define a WHERE x = 1"), from: 3) == 3)
    }

    @Test func whereWithoutAnExpressionIsOneError() throws {
        do {
            _ = try ScopeClause.split(command("threshold 50 where"))
            Issue.record("expected an error")
        } catch let e as LanguageError {
            #expect(e.message == "'where' needs an expression")
            #expect(e.range == 13..<18)
        }
    }

    @Test func anExpressionCanStopBeforeTrailingWords() throws {
        let c = try command("filter retail where Country = \"France\" as fr")
        let clause = try ScopeClause(c, whereAt: 2, end: c.tokens.count - 2)
        #expect(clause.expression == "Country = \"France\"")
    }

    @Test func filterErrorsPointIntoTheExpression() throws {
        let clause = try #require(try ScopeClause.split(command("tiers where price >")))
        let e = clause.located(FilterError(.syntax, "expected a value", position: 8, length: 1))
        #expect(e.range == 20..<21)
    }
}

@Suite struct OrderScopeTests {
    static let demo = PricingCommandTests.demo

    func session() throws -> Session {
        let session = Session(console: BufferConsole())
        #expect(Interpreter(session: session).run("load \"\(Self.demo)\" as demo brief; segment rfm") == 0)
        return session
    }

    func scope(_ session: Session, _ text: String, segment: String? = nil) throws -> OrderScope {
        let c = try #require(try Lexer.commands(in: text).first)
        return OrderScope(dataset: nil, filter: try ScopeClause.split(c), segment: segment.map { Token($0) }, source: text)
    }

    @Test func theFilteredViewIsBuiltOnceWhileTheDataStaysTheSame() throws {
        let session = try session()
        let s = try scope(session, "x where created_at >= 2025-10-01")
        let a = try session.resolve(s)
        let b = try session.resolve(s)
        #expect(session.scopeViews.builds == 1)
        #expect(a.model.orders.count == b.model.orders.count)
        // another expression, then the data changes: each builds anew
        _ = try session.resolve(try scope(session, "x where created_at >= 2025-11-01"))
        #expect(session.scopeViews.builds == 2)
        #expect(Interpreter(session: session).run("clean outliers=drop") == 0)
        _ = try session.resolve(try scope(session, "x where created_at >= 2025-11-01"))
        #expect(session.scopeViews.builds == 3)
    }

    @Test func aPricingCommandResolvesItsScopeOnce() throws {
        let session = try session()
        let interpreter = Interpreter(session: session)
        #expect(interpreter.run("discount first-order 10% draws=0 where created_at >= 2025-10-01") == 0)
        #expect(session.scopeViews.builds == 1)
        #expect(interpreter.run("discount addon \"Laptop sleeve 14in\" 10% draws=0 where created_at >= 2025-10-01") == 0)
        #expect(session.scopeViews.builds == 1)
    }

    /// The segment's orders under `where`, found through the view's parent order ids, are the orders whose
    /// key is in the segment in the whole data (the old string matching, computed here independently).
    @Test func segmentOrdersUnderWhereMatchTheParentsByKey() throws {
        let session = try session()
        let r = try session.resolve(try scope(session, "x where created_at >= 2025-10-01", segment: "Champions"))
        let parent = try #require(session.datasets.resolve("demo").orders)
        let (segmentation, index) = try session.segments.find(segment: "Champions", in: "demo")
        var inSegment = Set<String>()
        for (o, s) in segmentation.segmentOfOrder.enumerated() where s == Int32(index) { inSegment.insert(parent.orders.key[o]) }
        let expected = (0..<Int32(r.model.orders.count)).filter { inSegment.contains(r.model.orders.key[Int($0)]) }
        #expect(r.orders == expected)
        #expect(!expected.isEmpty)
        #expect(r.description == "'demo' where created_at >= 2025-10-01, segment 'Champions'")
        // in the parent's ids: the same orders
        let p = r.parentSelection
        #expect(p.orders?.map { parent.orders.key[Int($0)] } == expected.map { r.model.orders.key[Int($0)] })
    }

    @Test func firstTimeOrdersAreFirstInTheWholeData() throws {
        let session = try session()
        let r = try session.resolve(try scope(session, "x where created_at >= 2025-10-01", segment: "first-time"))
        let parent = try #require(session.datasets.resolve("demo").orders)
        // independent: a customer's earliest order time over the whole data, by customer key
        var earliest: [String: Int64] = [:]
        for o in 0..<parent.orders.count where parent.orders.customer[o] >= 0 {
            let k = parent.customers.key[Int(parent.orders.customer[o])]
            earliest[k] = min(earliest[k] ?? .max, parent.orders.time[o])
        }
        let m = r.model
        let expected = (0..<Int32(m.orders.count)).filter {
            let c = m.orders.customer[Int($0)]
            return c >= 0 && m.orders.time[Int($0)] == earliest[m.customers.key[Int(c)]]
        }
        #expect(r.orders == expected)
        #expect(!expected.isEmpty)
    }
}
