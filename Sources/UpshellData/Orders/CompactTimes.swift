/// Times in seconds since 1970 UTC (`Int64.min` when unknown), one per order or per customer, stored
/// as 32-bit offsets from the earliest when they span less than 136 years (always, in order data),
/// else as given.
public struct CompactTimes: RandomAccessCollection, Sendable {
    @usableFromInline let isWide: Bool
    @usableFromInline let base: Int64
    /// `time - base`; `UInt32.max` for unknown.
    @usableFromInline var offsets: [UInt32] = []
    @usableFromInline var wide: [Int64] = []

    /// Stores `values` (`Int64.min`: unknown) as offsets when their span allows.
    public init(_ values: [Int64] = []) {
        var lo = Int64.max, hi = Int64.min
        for v in values where v != .min {
            lo = Swift.min(lo, v)
            hi = Swift.max(hi, v)
        }
        if lo > hi { lo = 0; hi = 0 }
        let span = hi.subtractingReportingOverflow(lo)
        if !span.overflow && span.partialValue < Int64(UInt32.max) {
            isWide = false
            base = lo
            offsets = values.map { $0 == .min ? .max : UInt32(truncatingIfNeeded: $0 &- lo) }
        } else {
            isWide = true
            base = 0
            wide = values
        }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { isWide ? wide.count : offsets.count }

    /// The time at `i` (`Int64.min` when unknown).
    @inlinable @inline(__always)
    public subscript(i: Int) -> Int64 {
        if isWide { return wide[i] }
        let t = offsets[i]
        return t == .max ? .min : base &+ Int64(t)
    }

    /// Bytes held.
    public var memoryBytes: Int { offsets.count * 4 + wide.count * 8 }
}
