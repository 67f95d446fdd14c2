import Testing
import UpshellCore
@testable import UpshellData

/// Values arriving in increasing byte order (sorted order ids) are interned without hashing; the
/// dictionary switches to hashing when a value comes out of order, and chunks of sorted values merge
/// by shifting codes. Every path must give the codes that plain hashing gives.
@Suite struct InOrderDictionaryTests {
    static func code(_ d: inout ByteDictionary, _ s: String, inOrder: Bool) -> Int32? {
        var bytes = Array(s.utf8)
        return bytes.withUnsafeMutableBufferPointer { b in
            inOrder ? d.codeInOrder(b.baseAddress!, b.count) : d.intern(b.baseAddress!, b.count)
        }
    }

    static func dictionary(_ values: [String]) -> ByteDictionary {
        var d = ByteDictionary()
        for v in values { _ = code(&d, v, inOrder: true) ?? code(&d, v, inOrder: false) }
        return d
    }

    static func entries(_ d: ByteDictionary) -> [String] {
        (0..<d.count).map { String(decoding: d.entry($0), as: UTF8.self) }
    }

    @Test func sortedValuesNeedNoIndexUntilOneComesOutOfOrder() {
        var d = ByteDictionary()
        #expect(Self.code(&d, "A1", inOrder: true) == 0)
        #expect(Self.code(&d, "A2", inOrder: true) == 1)
        #expect(Self.code(&d, "A2", inOrder: true) == 1)   // a repeat of the last value
        #expect(Self.code(&d, "A20", inOrder: true) == 2)  // a longer value with the last as prefix comes after it
        #expect(!d.isIndexed)
        #expect(Self.code(&d, "A10", inOrder: true) == nil) // out of order: nothing added
        #expect(d.count == 3)
        #expect(Self.code(&d, "A10", inOrder: false) == 3)
        #expect(d.isIndexed)
        #expect(Self.code(&d, "A2", inOrder: false) == 1)  // earlier entries are found through the new index
        #expect(Self.code(&d, "A30", inOrder: true) == nil) // once indexed, always hashed
        #expect(Self.entries(d) == ["A1", "A2", "A20", "A10"])
    }

    @Test func sortedChunksAppendAcrossAnEqualBorder() {
        var a = Self.dictionary(["O1", "O2", "O3"])
        let b = Self.dictionary(["O3", "O4"])        // the chunk border fell inside order O3
        #expect(a.appendInOrder(b) == 2)
        #expect(Self.entries(a) == ["O1", "O2", "O3", "O4"])
        let c = Self.dictionary(["O2", "O9"])        // comes back to an earlier value: must be hashed
        #expect(a.appendInOrder(c) == nil)
        #expect(Self.entries(a) == ["O1", "O2", "O3", "O4"])
        #expect(a.intern(allOf: c) == [1, 4])           // indexes a, hashes c's entries as it goes
        let single = Self.dictionary(["O9"])             // only the shared border value
        var d = Self.dictionary(["O8", "O9"])
        #expect(d.appendInOrder(single) == 1)
        #expect(d.count == 2)
    }

    /// Sorted order ids with orders cut by chunk borders, and unsorted customers, read at every chunk
    /// count give the serial read's rows and the same dictionary order (first appearance).
    @Test func sortedIdsReadIdenticallyAtEveryChunkCount() throws {
        var g = SplitMix(state: 7)
        var text = "order,customer,product,price\n"
        for o in 0..<400 {
            for _ in 0..<Int.random(in: 1...6, using: &g) {
                text += "O\(String(1000 + o)),C\(Int.random(in: 0..<50, using: &g)),P\(Int.random(in: 0..<9, using: &g)),\(Int.random(in: 1..<999, using: &g)).5\n"
            }
        }
        let serial = try TestSupport.read(text) { $0.chunks = 1 }
        guard case .text(_, let serialIds) = serial.table.columns[0].values else { Issue.record("order is not text"); return }
        #expect(serialIds.count == 400)
        #expect(serialIds == serialIds.sorted())
        for chunks in 2...24 {
            let parallel = try TestSupport.read(text) { $0.chunks = chunks; $0.threads = 2 }
            #expect(parallel.chunksUsed == chunks)
            #expect(TestSupport.rows(parallel.table) == TestSupport.rows(serial.table), "chunks \(chunks)")
            guard case .text(_, let ids) = parallel.table.columns[0].values else { continue }
            #expect(ids == serialIds, "chunks \(chunks)")
        }
    }

    @Test func decimalsBecomeTheSameFixedPointInOnePass() throws {
        // an exponent gives an unlimited scale: kept as doubles
        let exponent = try TestSupport.read("v,w\n-0.5,a\n1e2,b\n").table
        guard case .double = exponent.columns[0].values else { Issue.record("expected doubles"); return }
        // the rest as hundredths, negatives rounded away from zero, the empty field null
        let fixed = try TestSupport.read("v,w\n-0.5,a\n2.25,b\n-1.75,c\n,d\n0.1,e\n").table
        guard case .fixed(let s, let scale) = fixed.columns[0].values else { Issue.record("expected fixed point"); return }
        #expect(scale == 2)
        #expect(fixed.rowCount == 5)
        #expect((0..<fixed.rowCount).map { s[$0] } == [-50, 225, -175, .min, 10])
        #expect(fixed.doubles(column: 0).map { $0.isNaN ? 999 : $0 } == [-0.5, 2.25, -1.75, 999, 0.1])
    }

    @Test func tooLargeForFixedPointStaysExactDoubles() throws {
        // 9e15 hundredths do not fit the exact range: every chunk goes back to the doubles it came from
        let values = (0..<3000).map { $0 == 2500 ? "90000000000000.25" : "\($0).25" }
        let t = try TestSupport.read("v\n" + values.joined(separator: "\n") + "\n") { $0.chunks = 4; $0.threads = 2 }.table
        guard case .double(let d) = t.columns[0].values else { Issue.record("expected doubles"); return }
        #expect(d == values.map { Double($0)! })
    }

    @Test func sideTaskRunsBesideTheCaller() {
        let task = SideTask { (1...1000).reduce(0, +) }
        let mine = (1...10).reduce(0, +)
        #expect(task.value == 500_500)
        #expect(mine == 55)
    }

    @Test func typedDoublesMatchTheRowByRowValues() throws {
        let t = try TestSupport.read("i,f,big\n3,1.5,100000\n,-2.25,\n-7,0.01,300000\n").table
        for c in 0..<3 {
            let typed = t.doubles(column: c)
            let perRow = (0..<t.rowCount).map { t.columns[c].double($0) }
            #expect(typed.map(\.bitPattern) == perRow.map(\.bitPattern), "column \(c)")
        }
    }
}
