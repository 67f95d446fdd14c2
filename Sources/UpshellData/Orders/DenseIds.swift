/// Gives the distinct values of a key column dense ids `0, 1, 2…` in order of first appearance.
enum DenseIds {
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
        if hi - lo < Int64(max(keys.count, 1024)) * 4 {
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
