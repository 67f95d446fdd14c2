import XCTest
@testable import UpshellAnalytics

/// The O(n log n) dominance sweep against the definition applied to every pair (the second method):
/// tier j dominates k when it is worth at least as much for no more money, one of them strictly.
final class TierDominanceTests: XCTestCase {
    func testSweepEqualsPairwiseDefinitionOnRandomMenusWithTies() {
        var rng = SystemRandomNumberGenerator()
        for trial in 0..<300 {
            let n = 1 + trial % 40
            // few distinct prices and values, so ties and identical tiers are common
            let tiers = (0..<n).map { k in
                Tier(name: "t\(k)", price: Double(Int.random(in: 1...8, using: &rng)),
                     value: Double(Int.random(in: 1...8, using: &rng)), cost: 0)
            }
            let fast = TierDominance(prices: tiers.map(\.price), values: tiers.map(\.value))
            for j in 0..<n {
                let wins = (0..<n).filter { $0 != j && TierChoiceModel.dominates(tiers[j], tiers[$0]) }.count
                let dominated = (0..<n).contains { $0 != j && TierChoiceModel.dominates(tiers[$0], tiers[j]) }
                XCTAssertEqual(fast.wins[j], wins, "trial \(trial), tier \(j): \(tiers.map { ($0.price, $0.value) })")
                XCTAssertEqual(fast.dominated[j], dominated, "trial \(trial), tier \(j)")
            }
        }
    }

    /// The decoy menu of the reference table (T9): ProPlus at 99 is worth 79, so Pro (79 for 79) dominates it.
    func testDecoyMenuOfTheReferenceTable() {
        let d = TierDominance(prices: [29, 79, 99, 199], values: [29, 79, 79, 199])
        XCTAssertEqual(d.wins, [0, 1, 0, 0])
        XCTAssertEqual(d.dominated, [false, false, true, false])
    }
}
