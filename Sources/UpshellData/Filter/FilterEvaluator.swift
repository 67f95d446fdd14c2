import UpshellCore

/// Row-by-row evaluation of a ``CompiledFilter`` into a Boolean mask.
///
/// Each leaf is one tight loop over a typed column (no strings: text predicates were turned into a table
/// indexed by dictionary code at compile time); `and`/`or`/`not` combine masks. Cancellation is checked
/// every 65,536 rows.
///
/// - Complexity: O(rows × leaves) time (× list length for `in`), O(rows × depth) memory.
enum FilterEvaluator {
    static let block = 1 << 16

    static func mask(_ filter: CompiledFilter, rowCount: Int) throws -> [Bool] {
        switch filter {
        case .and(let a, let b):
            var left = try mask(a, rowCount: rowCount)
            let right = try mask(b, rowCount: rowCount)
            for i in 0..<rowCount where left[i] && !right[i] { left[i] = false }
            return left
        case .or(let a, let b):
            var left = try mask(a, rowCount: rowCount)
            let right = try mask(b, rowCount: rowCount)
            for i in 0..<rowCount where right[i] { left[i] = true }
            return left
        case .not(let a):
            var inner = try mask(a, rowCount: rowCount)
            for i in 0..<rowCount { inner[i].toggle() }
            return inner
        case .numeric(let values, let intervals, let negated):
            try checkLength(values.count, rowCount)
            return try fill(rowCount) { i in
                let v = values[i]
                if v.isNaN { return false }
                var hit = false
                for interval in intervals where interval.contains(v) { hit = true; break }
                return hit != negated
            }
        case .time(let values, let ranges, let negated):
            try checkLength(values.count, rowCount)
            return try fill(rowCount) { i in
                let t = values[i]
                if t == Int64.min { return false }
                var hit = false
                for range in ranges where t >= range.lower && t < range.upper { hit = true; break }
                return hit != negated
            }
        case .text(let codes, let accepted):
            try checkLength(codes.count, rowCount)
            return try fill(rowCount) { i in
                let code = Int(codes[i])
                return code >= 0 && code < accepted.count && accepted[code]
            }
        case .numericIsNull(let values, let negated):
            try checkLength(values.count, rowCount)
            return try fill(rowCount) { i in values[i].isNaN != negated }
        case .timeIsNull(let values, let negated):
            try checkLength(values.count, rowCount)
            return try fill(rowCount) { i in (values[i] == Int64.min) != negated }
        case .textIsNull(let codes, let negated):
            try checkLength(codes.count, rowCount)
            return try fill(rowCount) { i in (codes[i] < 0) != negated }
        }
    }

    /// A mask whose row `i` is `test(i)`, built block by block with cancellation checks.
    @inline(__always)
    static func fill(_ rowCount: Int, _ test: (Int) -> Bool) throws -> [Bool] {
        var out = [Bool](repeating: false, count: rowCount)
        var start = 0
        while start < rowCount {
            try Cancellation.check()
            let end = min(rowCount, start + block)
            out.withUnsafeMutableBufferPointer { buffer in
                for i in start..<end { buffer[i] = test(i) }
            }
            start = end
        }
        return out
    }

    static func checkLength(_ count: Int, _ rowCount: Int) throws {
        if count != rowCount {
            throw InternalError("filter column has \(count) rows, the table \(rowCount)")
        }
    }

    /// Indices of the `true` rows.
    static func selected(_ mask: [Bool]) -> [Int32] {
        var rows: [Int32] = []
        rows.reserveCapacity(mask.count / 4)
        for (i, keep) in mask.enumerated() where keep { rows.append(Int32(truncatingIfNeeded: i)) }
        return rows
    }
}
