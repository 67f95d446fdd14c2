extension Table {
    /// Mixes each row's value of column `c` into `hashes` (one per row of this table), reading the
    /// stored width directly: no per-column key array. Equal values give equal contributions.
    ///
    /// - Complexity: O(rows).
    func foldHashes(column c: Int, into hashes: inout [UInt64]) {
        switch columns[c].values {
        case .integer(let s), .fixed(let s, _), .timestamp(let s, _): Table.fold(s, rowSelection, &hashes)
        case .text(let s, _): Table.fold(s, rowSelection, &hashes)
        case .double(let a): Table.fold(a.map { Int64(bitPattern: $0.bitPattern) }, rowSelection, &hashes)
        }
    }

    private static func fold(_ s: IntStorage, _ rows: [Int32]?, _ hashes: inout [UInt64]) {
        switch s {
        case .i8(let a): fold(a, rows, &hashes)
        case .i16(let a): fold(a, rows, &hashes)
        case .i24(let a): fold(a, rows, &hashes)
        case .i32(let a): fold(a, rows, &hashes)
        case .i64(let a): fold(a, rows, &hashes)
        case .offset16(_, let a): fold(a, rows, &hashes)
        case .offset24(_, let a): fold(a, rows, &hashes)
        }
    }

    private static func fold(_ a: PackedInt24, _ rows: [Int32]?, _ hashes: inout [UInt64]) {
        hashes.withUnsafeMutableBufferPointer { h in
            if let rows {
                for i in 0..<h.count { h[i] = mix(h[i], UInt64(truncatingIfNeeded: Int64(a[Int(rows[i])]))) }
            } else {
                a.forEachValue { i, v in h[i] = mix(h[i], UInt64(truncatingIfNeeded: Int64(v))) }
            }
        }
    }

    @inline(__always)
    private static func mix(_ h: UInt64, _ v: UInt64) -> UInt64 {
        var x = (h ^ v) &* 0xBF58_476D_1CE4_E5B9
        x ^= x >> 31
        return x
    }

    private static func fold<T: FixedWidthInteger>(_ a: [T], _ rows: [Int32]?, _ hashes: inout [UInt64]) {
        a.withUnsafeBufferPointer { v in
            hashes.withUnsafeMutableBufferPointer { h in
                if let rows {
                    for i in 0..<h.count { h[i] = mix(h[i], UInt64(truncatingIfNeeded: Int64(v[Int(rows[i])]))) }
                } else {
                    for i in 0..<h.count { h[i] = mix(h[i], UInt64(truncatingIfNeeded: Int64(v[i]))) }
                }
            }
        }
    }
}
