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
    /// Keys within a small range (text codes, compact integer ids) go through an array; others through
    /// a hash map. - Complexity: O(*n*).
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
}
