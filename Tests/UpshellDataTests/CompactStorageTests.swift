import Testing
@testable import UpshellData

/// The narrow storages that keep resident memory per order line low: 24-bit codes, narrow units,
/// money in cents, order keys that are the dictionary itself. Each must read back what was stored.
@Suite struct CompactStorageTests {
    @Test func packedInt24RoundTripsTheWholeRange() {
        var rng = SplitMix(state: 7)
        var values: [Int32] = [PackedInt24.min, PackedInt24.max, -1, 0, 1, 255, 256, 65_535, 65_536, -65_536]
        for _ in 0..<2_000 { values.append(Int32(truncatingIfNeeded: rng.next() % 16_777_216) - 8_388_608) }
        var packed = PackedInt24(values)
        #expect(packed.count == values.count)
        #expect(Array(packed) == values)
        var seen: [Int32] = []
        packed.forEachValue { i, v in
            #expect(i == seen.count)
            seen.append(v)
        }
        #expect(seen == values)
        packed.append(-42)
        packed.append(contentsOf: [7, -8_000_000])
        #expect(Array(packed.suffix(3)) == [-42, 7, -8_000_000])
    }

    @Test func codesOfMoreThan32767ValuesTakeThreeBytes() {
        let codes = (0..<40_000).map { Int32($0 % 3 == 0 ? -1 : $0) }
        let storage = IntStorage.narrowingCodes(codes, dictionarySize: 40_000)
        #expect(storage.width == 3)
        #expect((0..<codes.count).allSatisfy { storage.code($0) == codes[$0] })
        #expect(storage.codeValues() == codes)
        let numbers = IntStorage.narrowing([-8_000_000, 0, .min, 8_000_000])
        #expect(numbers.width == 3)
        #expect(numbers.int64Values() == [-8_000_000, 0, .min, 8_000_000])
        #expect(numbers[2] == .min && numbers[3] == 8_000_000)
    }

    /// A file with 40,000 distinct order ids stores them in 3 bytes and reads every id back; dense
    /// ids from the packed codes agree with the generic path.
    @Test func aFileWithManyOrderIdsLoadsThroughPackedCodes() throws {
        var text = "order,product,qty,price\n"
        for o in 0..<40_000 { text += "ord\(o * 7919 % 40_000),p\(o % 13),1,2.50\nord\(o * 7919 % 40_000),p\(o % 5 + 20),2,1.25\n" }
        let dataset = try DatasetLoader.load(text: text)
        guard case .text(let codes, let dictionary) = dataset.table.columns[0].values else {
            Issue.record("order column is not text"); return
        }
        #expect(codes.width == 3 && dictionary.count == 40_000)
        #expect(dataset.table.rowStrings(79_999)[0] == "ord\(39_999 * 7919 % 40_000)")
        let keep = [Bool](repeating: true, count: dataset.table.rowCount)
        let packed = DenseIds.assign(dataset.table, column: 0, keep: keep)
        let generic = DenseIds.assign(dataset.table.groupingKeys(column: 0), keep: keep)
        #expect(packed.ids == generic.ids && packed.firstRow == generic.firstRow)
        let m = try #require(dataset.orders)
        #expect(m.orders.count == 40_000 && m.orders.key[1] == "ord7919")
        #expect(m.orders.key.memoryBytes == 0)  // keys are the dictionary, in order
    }

    /// Timestamps within 194 days (a 1,000,000-line file of 100 days) are 3-byte offsets from a centre.
    @Test func rangesUnder16MillionAreStoredAsThreeByteOffsets() {
        let lo: Int64 = 1_672_531_200, hi = lo + 16_777_214
        let s = IntStorage.narrowing([lo, hi, .min, lo + 8_388_607])
        guard case .offset24 = s else { Issue.record("expected 24-bit offsets, got \(s)"); return }
        #expect(s.width == 3)
        #expect(s.int64Values() == [lo, hi, .min, lo + 8_388_607])
        #expect(s[0] == lo && s[1] == hi && s[2] == .min)
        #expect(IntStorage.narrowing([lo, hi + 1]).width == 4)  // one value more: 32 bits
    }

    @Test func timesAreOffsetsFromTheEarliest() {
        let times = CompactTimes([1_700_000_000, .min, 1_600_000_000, 1_600_000_000 + Int64(UInt32.max) - 1])
        #expect(times.memoryBytes == 16)
        #expect(Array(times) == [1_700_000_000, .min, 1_600_000_000, 1_600_000_000 + Int64(UInt32.max) - 1])
        let wide = CompactTimes([0, Int64(UInt32.max), .min])
        #expect(wide.memoryBytes == 24 && Array(wide) == [0, Int64(UInt32.max), .min])
        let extremes = CompactTimes([Int64.max, Int64.min + 1])
        #expect(Array(extremes) == [Int64.max, Int64.min + 1])
        #expect(Array(CompactTimes([.min, .min])) == [.min, .min] && CompactTimes().isEmpty)
    }

    @Test func productIdsTakeTwoBytesUpTo32767Products() {
        let few = ProductIds([0, 5, 32_767, 17])
        #expect(few.memoryBytes == 8 && Array(few) == [0, 5, 32_767, 17])
        #expect(Array(few[1..<3]) == [5, 32_767])
        let many = ProductIds([0, 32_768])
        #expect(many.memoryBytes == 8 && Array(many) == [0, 32_768])
        #expect(ProductIds().isEmpty)
    }

    @Test func unitsTakeTheNarrowestExactWidth() {
        let small = CompactUnits([1, 2, -3, 127] as [Float])
        #expect(small.memoryBytes == 4 && Array(small) == [1, 2, -3, 127])
        let medium = CompactUnits([1, 300, -32_767] as [Double])
        #expect(medium.memoryBytes == 6 && Array(medium) == [1, 300, -32_767])
        let fractional = CompactUnits([1, 0.25] as [Float])
        #expect(fractional.memoryBytes == 8 && Array(fractional) == [1, 0.25])
        let wide = CompactUnits([1, 40_000, 0.1] as [Double])
        #expect(wide.memoryBytes == 24 && Array(wide) == [1, 40_000, 0.1])
        let notANumber = CompactUnits([Double.nan, 1])
        #expect(notANumber[0].isNaN && notANumber[1] == 1)
        #expect(CompactUnits().isEmpty)
    }

    @Test func moneyIsKeptInCentsWhenEveryAmountIsWholeCents() {
        let amounts = [204.99, 3 * 204.99, 0, -12.5, 21_474_836.47, 0.1 + 0.2]
        let money = CompactMoney(amounts)
        #expect(money.memoryBytes == amounts.count * 4)
        // each reads back as the double nearest its decimal value, within an ulp of what was computed
        #expect(money[0] == 204.99 && money[1] == 614.97 && money[3] == -12.5 && money[5] == 0.3)
        for (k, v) in amounts.enumerated() { #expect(abs(money[k] - v) <= v.ulp) }
        let small = CompactMoney([204.99, 83_886.07, -83_886.07])
        #expect(small.memoryBytes == 9 && Array(small) == [204.99, 83_886.07, -83_886.07])
        let fine = CompactMoney([1.5, 0.001])
        #expect(fine.memoryBytes == 16 && fine[1] == 0.001)
        let large = CompactMoney([21_474_836.48])
        #expect(large.memoryBytes == 8 && large[0] == 21_474_836.48)
        #expect(CompactMoney([.nan]).memoryBytes == 8)
    }

    /// Order keys are codes (not the dictionary) when a dropped line's id comes first in the file.
    @Test func orderKeysKeepCodesWhenTheDictionaryOrderDiffers() throws {
        let d = try DatasetLoader.load(text: "order,product,qty,price\nZ9,x,-1,1.00\nN1,x,1,1.00\nP2,y,2,2.00\n")
        let m = try #require(d.orders)
        #expect(Array(m.orders.key) == ["N1", "P2"])
        #expect(m.orders.key.memoryBytes == 8)
    }
}
