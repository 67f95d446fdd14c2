extension Table {
    /// Hashes of the rows `rows` over every column except `skipping`, into `hashes` (`hashes[k]` for row
    /// `rows.lowerBound + k`). Columns are folded in one at a time, reading their stored width directly
    /// (no per-column key array), over a block small enough to stay in cache. Equal rows hash equal.
    ///
    /// - Complexity: O(rows × columns).
    func rowHashes(_ rows: Range<Int>, skipping: Int? = nil, into hashes: UnsafeMutableBufferPointer<UInt64>) {
        for k in 0..<rows.count { hashes[k] = 0xCBF2_9CE4_8422_2325 }
        for c in columns.indices where c != skipping {
            switch columns[c].values {
            case .integer(let s), .fixed(let s, _), .timestamp(let s, _), .text(let s, _):
                Table.fold(s, rows, rowSelection, hashes)
            case .double(let a):
                a.withUnsafeBufferPointer { v in
                    for k in 0..<rows.count {
                        let i = rowSelection.map { Int($0[rows.lowerBound + k]) } ?? rows.lowerBound + k
                        hashes[k] = Table.mix(hashes[k], v[i].bitPattern)
                    }
                }
            }
        }
    }

    private static func fold(_ s: IntStorage, _ rows: Range<Int>, _ selection: [Int32]?, _ h: UnsafeMutableBufferPointer<UInt64>) {
        switch s {
        case .i8(let a): fold(a, rows, selection, h)
        case .i16(let a): fold(a, rows, selection, h)
        case .i32(let a): fold(a, rows, selection, h)
        case .i64(let a): fold(a, rows, selection, h)
        case .offset16(_, let a): fold(a, rows, selection, h)
        case .i24(let a), .offset24(_, let a):
            for k in 0..<rows.count {
                let i = selection.map { Int($0[rows.lowerBound + k]) } ?? rows.lowerBound + k
                h[k] = mix(h[k], UInt64(truncatingIfNeeded: Int64(a[i])))
            }
        }
    }

    private static func fold<T: FixedWidthInteger>(_ a: [T], _ rows: Range<Int>, _ selection: [Int32]?,
                                                   _ h: UnsafeMutableBufferPointer<UInt64>) {
        a.withUnsafeBufferPointer { v in
            if let selection {
                for k in 0..<rows.count { h[k] = mix(h[k], UInt64(truncatingIfNeeded: Int64(v[Int(selection[rows.lowerBound + k])]))) }
            } else {
                let base = rows.lowerBound
                for k in 0..<rows.count { h[k] = mix(h[k], UInt64(truncatingIfNeeded: Int64(v[base + k]))) }
            }
        }
    }

    @inline(__always)
    private static func mix(_ h: UInt64, _ v: UInt64) -> UInt64 {
        var x = (h ^ v) &* 0xBF58_476D_1CE4_E5B9
        x ^= x >> 31
        return x
    }
}
