import Foundation
import XCTest
@testable import UpshellAnalytics

/// The tier model against the reference table computed by an independent implementation
/// (Tests/References/pricing/tiers_reference.csv, MODELS.md §2.4): shares, conversion, revenue and margin
/// per visitor to 3 decimals; and the equal-utility checks.
final class TierChoiceModelTests: XCTestCase {
    static let basic = Tier(name: "Basic", price: 29, cost: 6)
    static let pro = Tier(name: "Pro", price: 79, cost: 12)
    static let ent = Tier(name: "Enterprise", price: 199, cost: 40)
    static let decoy = Tier(name: "ProPlus", price: 99, value: 79, cost: 14)

    /// The menu and parameters of each reference case.
    static func referenceCase(_ id: String) -> ([Tier], TierModelParameters)? {
        var p = TierModelParameters()
        let three = [basic, pro, ent]
        switch id {
        case "T1": return ([basic, pro], p)
        case "T2": return ([pro, ent], p)
        case "T3": return ([basic, ent], p)
        case "T4": p.delta = 0; return (three, p)
        case "T5": return (three, p)
        case "T6": p.badge = 1; return (three, p)
        case "T7": p.delta = log(3); return (three, p)
        case "T8": p.contextInIncidence = true; return (three, p)
        case "T9": p.decoyBonus = 0.3; return ([basic, pro, decoy, ent], p)
        case "T10": var v = pro; v.value = 1.2 * 79; return ([basic, v, ent], p)
        case "S1": p.sigma = 0.5; return (three, p)
        case "S2": p.sigma = 1.1; return (three, p)
        case "S3": p.alpha = 1; return (three, p)
        case "S4": p.alpha = 4; return (three, p)
        case "S5": p.medianSpend = 50; return (three, p)
        case "S6": p.medianSpend = 100; return (three, p)
        default: return nil
        }
    }

    func testMatchesReferenceTableToSixDecimals() throws {
        let text = try String(contentsOf: TestData.reference("pricing/tiers_reference.csv"), encoding: .utf8)
        var checked = 0
        for line in text.split(whereSeparator: \.isNewline).dropFirst() {
            // case,menu,none,conv,s29,s79,s99,s199,mix29,mix79,mix99,mix199,rpv,aov,gm_pv (the case may be quoted)
            var fields: [String] = []
            var cur = "", quoted = false
            for ch in line {
                if ch == "\"" { quoted.toggle() } else if ch == "," && !quoted { fields.append(cur); cur = "" } else { cur.append(ch) }
            }
            fields.append(cur)
            let id = String(fields[0].split(separator: " ")[0])
            guard let (tiers, p) = Self.referenceCase(id) else { XCTFail("unknown case \(id)"); continue }
            let r = TierChoiceModel.evaluate(tiers, p)
            let num = fields.dropFirst(2).map { Double($0)! }
            XCTAssertEqual(r.none, num[0], accuracy: 2e-6, "\(id) none")
            XCTAssertEqual(r.conversion, num[1], accuracy: 2e-6, "\(id) conversion")
            let columns: [Double] = [29, 79, 99, 199]
            for (k, price) in columns.enumerated() {
                let j = tiers.firstIndex { $0.price == price }
                XCTAssertEqual(j.map { r.shares[$0] } ?? 0, num[2 + k], accuracy: 2e-6, "\(id) share \(price)")
                XCTAssertEqual(j.map { r.mix[$0] } ?? 0, num[6 + k], accuracy: 2e-6, "\(id) mix \(price)")
            }
            XCTAssertEqual(r.revenuePerVisitor, num[10], accuracy: 2e-6, "\(id) rpv")
            XCTAssertEqual(r.averageOrderValue, num[11], accuracy: 5e-3, "\(id) aov")
            XCTAssertEqual(r.marginPerVisitor, num[12], accuracy: 2e-6, "\(id) gm per visitor")
            XCTAssertEqual(r.mix.reduce(0, +), 1, accuracy: 1e-12)
            checked += 1
        }
        XCTAssertEqual(checked, 16)
    }

    func testEqualUtilityChecks() {
        let prices = [25.0, 50, 100]
        let two = TierChoiceModel.conditionalShares(utilities: [0, 0], prices: [25, 50], values: [25, 50], delta: 0.5)
        XCTAssertEqual(two[0], 0.5, accuracy: 1e-12); XCTAssertEqual(two[1], 0.5, accuracy: 1e-12)
        let none = TierChoiceModel.conditionalShares(utilities: [0, 0, 0], prices: prices, values: prices, delta: 0)
        for s in none { XCTAssertEqual(s, 1.0 / 3, accuracy: 1e-12) }
        let half = TierChoiceModel.conditionalShares(utilities: [0, 0, 0], prices: prices, values: prices, delta: 0.5)
        XCTAssertEqual(half[0], 0.2741, accuracy: 5e-5); XCTAssertEqual(half[1], 0.4519, accuracy: 5e-5)
        let folk = TierChoiceModel.conditionalShares(utilities: [0, 0, 0], prices: prices, values: prices, delta: log(3))
        XCTAssertEqual(folk[0], 0.2, accuracy: 1e-12); XCTAssertEqual(folk[1], 0.6, accuracy: 1e-12); XCTAssertEqual(folk[2], 0.2, accuracy: 1e-12)
        XCTAssertEqual(folk.reduce(0, +), 1, accuracy: 1e-12)
    }

    func testGaussHermiteIntegratesNormalMoments() {
        let gh = GaussHermite(points: 64)
        XCTAssertEqual(gh.weights.reduce(0, +), 1, accuracy: 1e-12)
        XCTAssertEqual(zip(gh.nodes, gh.weights).reduce(0) { $0 + $1.1 * $1.0 * $1.0 }, 1, accuracy: 1e-10)
        // E[exp(σZ)] = exp(σ²/2)
        XCTAssertEqual(zip(gh.nodes, gh.weights).reduce(0) { $0 + $1.1 * exp(0.8 * $1.0) }, exp(0.32), accuracy: 1e-10)
    }
}
