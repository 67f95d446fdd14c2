import Testing
@testable import UpshellData

/// Duplicate lines found within runs of one order id agree with the hash-table search over the whole
/// table (a second method), for counting and for dropping; layouts that are not runs fall back.
@Suite struct DuplicateSearchTests {
    /// Order lines grouped by order (or shuffled), with exact copies of some lines inside their order.
    static func table(orders: Int, grouped: Bool, seed: UInt64) throws -> Table {
        var state = seed
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33) % bound
        }
        var lines: [String] = []
        for o in 0..<orders {
            var order: [String] = []
            for _ in 0..<(1 + next(5)) {
                order.append("O\(o),C\(next(40)),P\(next(6)),\(1 + next(2)),\(next(3)).50")
                if next(6) == 0 { order.append(order[next(order.count)]) }  // an exact copy in the same order
            }
            lines += order
        }
        if !grouped {
            for k in stride(from: lines.count - 1, to: 0, by: -1) { lines.swapAt(k, next(k + 1)) }
        }
        return try TestSupport.read("order,customer,product,quantity,price\n" + lines.joined(separator: "\n") + "\n").table
    }

    @Test(arguments: [(true, UInt64(1)), (true, 2), (false, 3)])
    func runsAgreeWithTheHashTable(grouped: Bool, seed: UInt64) throws {
        let t = try Self.table(orders: 2_000, grouped: grouped, seed: seed)
        if grouped {
            #expect(LineClassifier.runStarts(t.codes(column: 0), distinct: 2_000) != nil)
        }
        let byTable = try LineClassifier.countDuplicates(t)
        let byRuns = try LineClassifier.countDuplicates(t, groupColumn: 0)
        #expect(byTable > 0)
        #expect(byRuns == byTable)
        let undecided = [Bool](repeating: false, count: t.rowCount)
        var keepTable = [Bool](repeating: true, count: t.rowCount), keepRuns = keepTable
        _ = try LineClassifier.markDuplicates(t, keep: &keepTable, decided: undecided, action: .drop)
        _ = try LineClassifier.markDuplicates(t, keep: &keepRuns, decided: undecided, action: .drop, groupColumn: 0)
        #expect(keepRuns == keepTable)
    }

    @Test func runLayoutIsRecognised() {
        #expect(LineClassifier.runStarts([0, 0, 1, 2, 2, 2], distinct: 3) == [0, 2, 3, 6])
        #expect(LineClassifier.runStarts([0, 1, 0], distinct: 2) == nil)     // order 0 comes back
        #expect(LineClassifier.runStarts([0, -1, 1], distinct: 2) == nil)    // a line without an order
        #expect(LineClassifier.runStarts([Int32](repeating: 0, count: LineClassifier.longestRun + 1), distinct: 1) == nil)
    }
}
