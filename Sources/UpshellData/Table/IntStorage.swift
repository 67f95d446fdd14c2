/// Integers stored at the narrowest width that holds a column's range.
///
/// Integer columns, fixed-point decimals, timestamps and dictionary codes all keep their values here.
/// The caller chooses the null sentinel: `Int64.min` for numbers (stored as the width's own minimum),
/// `-1` for dictionary codes. Reading a value widens it back to `Int64`.
///
/// Numbers whose range spans fewer than 65,535 values but that do not fit `Int16` (invoice numbers
/// 536365…585000) are stored as 16-bit offsets from a base (frame-of-reference), null `UInt16.max`;
/// ranges of up to 16,777,214 values (a few months of timestamps) as 24-bit offsets.
public enum IntStorage: Sendable {
    case i8([Int8])
    case i16([Int16])
    /// 3 bytes per value (codes of up to 8,388,607 distinct values); null ``PackedInt24/min``.
    case i24(PackedInt24)
    case i32([Int32])
    case i64([Int64])
    /// `base + value`, `UInt16.max` for null.
    case offset16(base: Int64, [UInt16])
    /// `base + value` in 3 bytes, ``PackedInt24/min`` for null: ranges of up to 16,777,214 values, such
    /// as timestamps within 194 days.
    case offset24(base: Int64, PackedInt24)

    /// Number of stored values.
    public var count: Int {
        switch self {
        case .i8(let a): a.count
        case .i16(let a): a.count
        case .i24(let a): a.count
        case .i32(let a): a.count
        case .i64(let a): a.count
        case .offset16(_, let a): a.count
        case .offset24(_, let a): a.count
        }
    }

    /// Bytes per value (1, 2, 3, 4 or 8).
    public var width: Int {
        switch self {
        case .i8: 1
        case .i16: 2
        case .i24: 3
        case .i32: 4
        case .i64: 8
        case .offset16: 2
        case .offset24: 3
        }
    }

    /// Bytes held by the values.
    public var byteCount: Int { count * width }

    /// The value at `i`; a stored width minimum reads back as `Int64.min` (the numeric null).
    @inline(__always)
    public subscript(i: Int) -> Int64 {
        switch self {
        case .i8(let a): let v = a[i]; return v == .min ? .min : Int64(v)
        case .i16(let a): let v = a[i]; return v == .min ? .min : Int64(v)
        case .i24(let a): let v = a[i]; return v == PackedInt24.min ? .min : Int64(v)
        case .i32(let a): let v = a[i]; return v == .min ? .min : Int64(v)
        case .i64(let a): return a[i]
        case .offset16(let base, let a): let v = a[i]; return v == .max ? .min : base + Int64(v)
        case .offset24(let base, let a): let v = a[i]; return v == PackedInt24.min ? .min : base + Int64(v)
        }
    }

    /// Narrows `values` to the smallest width whose range (minus its minimum, kept for the null
    /// `Int64.min`) holds every value. `-1` and other values are kept exactly.
    ///
    /// - Complexity: O(*n*).
    public static func narrowing(_ values: [Int64]) -> IntStorage { narrowing(chunks: [values]) }

    /// Narrows the concatenation of `chunks` without materializing it at full width.
    ///
    /// - Complexity: O(*n*), two passes.
    public static func narrowing(chunks: [[Int64]]) -> IntStorage {
        var lo = Int64.max, hi = Int64.min
        for values in chunks {
            for v in values where v != .min {
                if v < lo { lo = v }
                if v > hi { hi = v }
            }
        }
        if lo > hi { lo = 0; hi = 0 }
        let total = chunks.reduce(0) { $0 + $1.count }
        func build<T>(_ convert: (Int64) -> T) -> [T] {
            var out = [T]()
            out.reserveCapacity(total)
            for values in chunks { for v in values { out.append(convert(v)) } }
            return out
        }
        if lo > Int64(Int8.min) && hi <= Int64(Int8.max) {
            return .i8(build { $0 == .min ? .min : Int8(truncatingIfNeeded: $0) })
        }
        if lo > Int64(Int16.min) && hi <= Int64(Int16.max) {
            return .i16(build { $0 == .min ? .min : Int16(truncatingIfNeeded: $0) })
        }
        if hi - lo < Int64(UInt16.max) {
            return .offset16(base: lo, build { $0 == .min ? .max : UInt16(truncatingIfNeeded: $0 - lo) })
        }
        func packed(from base: Int64) -> PackedInt24 {
            var out = PackedInt24(capacity: total)
            for values in chunks { for v in values { out.append(v == .min ? PackedInt24.min : Int32(truncatingIfNeeded: v - base)) } }
            return out
        }
        if lo > Int64(PackedInt24.min) && hi <= Int64(PackedInt24.max) { return .i24(packed(from: 0)) }
        if hi - lo <= 16_777_214 {
            // centred, so that offsets run from -8,388,607 to 8,388,607 (the minimum is the null)
            let base = lo + 8_388_607
            return .offset24(base: base, packed(from: base))
        }
        if lo > Int64(Int32.min) && hi <= Int64(Int32.max) {
            return .i32(build { $0 == .min ? .min : Int32(truncatingIfNeeded: $0) })
        }
        if chunks.count == 1 { return .i64(chunks[0]) }
        return .i64(build { $0 })
    }

    /// Narrows dictionary codes (`-1` is null, the rest below `dictionarySize`).
    public static func narrowingCodes(_ codes: [Int32], dictionarySize: Int) -> IntStorage {
        if dictionarySize <= Int(Int8.max) { return .i8(codes.map { Int8(truncatingIfNeeded: $0) }) }
        if dictionarySize <= Int(Int16.max) { return .i16(codes.map { Int16(truncatingIfNeeded: $0) }) }
        if dictionarySize <= Int(PackedInt24.max) { return .i24(PackedInt24(codes)) }
        return .i32(codes)
    }

    /// The code at `i` for dictionary storage (no null translation: `-1` stays `-1`).
    @inline(__always)
    public func code(_ i: Int) -> Int32 {
        switch self {
        case .i8(let a): Int32(a[i])
        case .i16(let a): Int32(a[i])
        case .i24(let a): a[i]
        case .i32(let a): a[i]
        case .i64(let a): Int32(truncatingIfNeeded: a[i])
        case .offset16(let base, let a): Int32(truncatingIfNeeded: base + Int64(a[i]))
        case .offset24(let base, let a): Int32(truncatingIfNeeded: base + Int64(a[i]))
        }
    }

    /// All values widened (numeric null translation applied).
    public func int64Values() -> [Int64] {
        switch self {
        case .i8(let a): a.map { $0 == .min ? .min : Int64($0) }
        case .i16(let a): a.map { $0 == .min ? .min : Int64($0) }
        case .i24(let a): a.map { $0 == PackedInt24.min ? .min : Int64($0) }
        case .i32(let a): a.map { $0 == .min ? .min : Int64($0) }
        case .i64(let a): a
        case .offset16(let base, let a): a.map { $0 == .max ? .min : base + Int64($0) }
        case .offset24(let base, let a): a.map { $0 == PackedInt24.min ? .min : base + Int64($0) }
        }
    }

    /// All values as doubles divided by `divisor` (1 for integers, 10^scale for fixed point), NaN for
    /// null: what ``Column/double(_:)`` gives per row, in one typed pass.
    public func doubles(divisor: Double = 1) -> [Double] {
        func convert<T>(_ a: some Collection<T>, _ isNull: (T) -> Bool, _ value: (T) -> Int64) -> [Double] {
            a.map { isNull($0) ? .nan : Double(value($0)) / divisor }
        }
        switch self {
        case .i8(let a): return convert(a, { $0 == .min }, { Int64($0) })
        case .i16(let a): return convert(a, { $0 == .min }, { Int64($0) })
        case .i24(let a): return convert(a, { $0 == PackedInt24.min }, { Int64($0) })
        case .i32(let a): return convert(a, { $0 == .min }, { Int64($0) })
        case .i64(let a): return convert(a, { $0 == .min }, { $0 })
        case .offset16(let base, let a): return convert(a, { $0 == .max }, { base + Int64($0) })
        case .offset24(let base, let a): return convert(a, { $0 == PackedInt24.min }, { base + Int64($0) })
        }
    }

    /// All values as dictionary codes.
    public func codeValues() -> [Int32] {
        switch self {
        case .i8(let a): a.map { Int32($0) }
        case .i16(let a): a.map { Int32($0) }
        case .i24(let a): Array(a)
        case .i32(let a): a
        case .i64(let a): a.map { Int32(truncatingIfNeeded: $0) }
        case .offset16(let base, let a): a.map { Int32(truncatingIfNeeded: base + Int64($0)) }
        case .offset24(let base, let a): a.map { Int32(truncatingIfNeeded: base + Int64($0)) }
        }
    }
}
