/// Gives the distinct values of a key column dense ids `0, 1, 2…` in order of first appearance.
enum DenseIds {
    /// Dense ids of column `c` of `table`: text codes are read at their stored width (no key array).
    static func assign(_ table: Table, column c: Int, keep: [Bool]) -> (ids: [Int32], firstRow: [Int32]) {
        if table.rowSelection == nil, case .text(let storage, let dictionary) = table.columns[c].values {
            switch storage {
            case .i8(let a): return assign(codes: a, distinct: dictionary.count, keep: keep)
            case .i16(let a): return assign(codes: a, distinct: dictionary.count, keep: keep)
            case .i24(let a): return assign(codes: a, distinct: dictionary.count, keep: keep)
            case .i32(let a): return assign(codes: a, distinct: dictionary.count, keep: keep)
            case .i64, .offset16, .offset24: break
            }
        }
        return assign(table.groupingKeys(column: c), keep: keep)
    }

    /// Dense ids of packed 24-bit dictionary codes (negative: null).
    static func assign(codes: PackedInt24, distinct: Int, keep: [Bool]) -> (ids: [Int32], firstRow: [Int32]) {
        assign(count: codes.count, distinct: distinct, keep: keep) { visit in codes.forEachValue(visit) }
    }

    /// Dense ids of dictionary codes `0..<distinct` (negative: null).
    static func assign<T: FixedWidthInteger>(codes: [T], distinct: Int, keep: [Bool]) -> (ids: [Int32], firstRow: [Int32]) {
        codes.withUnsafeBufferPointer { k in
            assign(count: k.count, distinct: distinct, keep: keep) { visit in
                for i in 0..<k.count { visit(i, Int32(truncatingIfNeeded: k[i])) }
            }
        }
    }

    /// Dense ids of the `count` codes that `forEachCode` hands over in row order, each with its row.
    @inline(__always)
    private static func assign(count: Int, distinct: Int, keep: [Bool],
                               forEachCode: ((Int, Int32) -> Void) -> Void) -> (ids: [Int32], firstRow: [Int32]) {
        var map = [Int32](repeating: -1, count: distinct)
        var firstRow: [Int32] = []
        let ids = [Int32](unsafeUninitializedCapacity: count) { out, initialized in
            keep.withUnsafeBufferPointer { kept in
                forEachCode { i, code in
                    guard code >= 0, kept[i] else { out[i] = -1; return }
                    var id = map[Int(code)]
                    if id < 0 { id = Int32(firstRow.count); map[Int(code)] = id; firstRow.append(Int32(i)) }
                    out[i] = id
                }
            }
            initialized = count
        }
        return (ids, firstRow)
    }

    /// Per row the id of its key (`-1` for null keys or rows not kept), and per id the first row.
    ///
    /// Keys within a small range (text codes, compact integer ids) go through an array; keys spread up to
    /// 64 times wider than the rows (integer ids with gaps: a store's numbering over several years, shards,
    /// filtered exports) through a bitmap's ranks (``assignByRank(_:keep:lowest:span:)``); others through a
    /// hash map. - Complexity: O(*n*).
    static func assign(_ keys: [Int64], keep: [Bool]) -> (ids: [Int32], firstRow: [Int32]) {
        var ids = [Int32](repeating: -1, count: keys.count)
        var firstRow: [Int32] = []
        var lo = Int64.max, hi = Int64.min
        for (i, k) in keys.enumerated() where k != .min && keep[i] {
            if k < lo { lo = k }
            if k > hi { hi = k }
        }
        guard lo <= hi else { return (ids, firstRow) }
        // keys spread wider than Int64 holds (the bit patterns of doubles of both signs) go to the hash map
        let (span, overflow) = hi.subtractingReportingOverflow(lo)
        if !overflow && span < Int64(max(keys.count, 1024)) * 4 {
            var map = [Int32](repeating: -1, count: Int(hi - lo) + 1)
            for i in keys.indices where keys[i] != .min && keep[i] {
                let slot = Int(keys[i] - lo)
                var id = map[slot]
                if id < 0 { id = Int32(firstRow.count); map[slot] = id; firstRow.append(Int32(i)) }
                ids[i] = id
            }
        } else if !overflow && span < Int64(max(keys.count, 1024)) * 64 {
            return assignByRank(keys, keep: keep, lowest: lo, span: Int(span))
        } else {
            var map = [Int64: Int32](minimumCapacity: 1024)
            for i in keys.indices where keys[i] != .min && keep[i] {
                if let id = map[keys[i]] {
                    ids[i] = id
                } else {
                    let id = Int32(firstRow.count)
                    map[keys[i]] = id
                    firstRow.append(Int32(i))
                    ids[i] = id
                }
            }
        }
        return (ids, firstRow)
    }

    /// Ids through ranks instead of hashing: a bitmap marks the keys present (one bit per key of the span)
    /// and the count of marks before each 64-key word (four bytes per word) gives a key its rank among the
    /// distinct keys, which maps to its id in order of first appearance. At most 12 bytes per row for its
    /// span, no hashing and no probing: 1.3 s → 0.3 s for the 5 M order ids (10 M lines) spread over 3.2e8
    /// of `Scripts/bench postgres`.
    private static func assignByRank(_ keys: [Int64], keep: [Bool], lowest lo: Int64, span: Int) -> (ids: [Int32], firstRow: [Int32]) {
        let words = span / 64 + 1
        var bits = [UInt64](repeating: 0, count: words)
        keys.withUnsafeBufferPointer { k in
            keep.withUnsafeBufferPointer { kept in
                bits.withUnsafeMutableBufferPointer { b in
                    for i in 0..<k.count where k[i] != .min && kept[i] {
                        let slot = Int(k[i] &- lo)
                        b[slot &>> 6] |= 1 &<< UInt64(slot & 63)
                    }
                }
            }
        }
        var distinct = 0
        let before = [Int32](unsafeUninitializedCapacity: words) { out, initialized in
            for w in 0..<words {
                out[w] = Int32(distinct)
                distinct += bits[w].nonzeroBitCount
            }
            initialized = words
        }
        var idOfRank = [Int32](repeating: -1, count: distinct)
        var firstRow: [Int32] = []
        firstRow.reserveCapacity(distinct)
        let ids = [Int32](unsafeUninitializedCapacity: keys.count) { out, initialized in
            keys.withUnsafeBufferPointer { k in
                keep.withUnsafeBufferPointer { kept in
                    bits.withUnsafeBufferPointer { b in
                        before.withUnsafeBufferPointer { counts in
                            idOfRank.withUnsafeMutableBufferPointer { byRank in
                                for i in 0..<k.count {
                                    guard k[i] != .min, kept[i] else { out[i] = -1; continue }
                                    let slot = Int(k[i] &- lo), w = slot &>> 6
                                    let below = b[w] & ((1 &<< UInt64(slot & 63)) &- 1)
                                    let rank = Int(counts[w]) + below.nonzeroBitCount
                                    var id = byRank[rank]
                                    if id < 0 { id = Int32(firstRow.count); byRank[rank] = id; firstRow.append(Int32(i)) }
                                    out[i] = id
                                }
                            }
                        }
                    }
                }
            }
            initialized = keys.count
        }
        return (ids, firstRow)
    }
}
